"""The user's assumptions about use and price, and how they travel in a link (keys spd, rpm, price, cur).

Their caps live here, once: the Cost page's widgets, its links and the checks at construction all read CAPS.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core import fields
from core.fields import Cap, ConfigError, check_number
from core.present.format import CURRENCY_SYMBOLS

# Assumptions the user overrides, not measurements: an on-demand cloud vCPU-hour costs roughly USD 0.04–0.05
# (a 2-vCPU general-purpose instance at about USD 0.09 an hour); ¥7 is USD 0.05 at ¥140 to the dollar.
DEFAULT_PRICE_PER_CPU_HOUR = {"JPY": 7.0, "USD": 0.05}
CAPS: dict[str, Cap] = {  # floats: the Cost page's number inputs take float bounds
    "signals_per_day": Cap(0.0, 1e10, integer=False),
    "retrainings_per_month": Cap(0.0, 1000.0, integer=False),
    "price_per_cpu_hour": Cap(0.0, 1e6, integer=False),
}
# The link's keys are short and must stay as they are: old links keep their meaning.
FIELDS: dict[str, fields.Field] = {
    "signals_per_day": fields.number(CAPS["signals_per_day"], key="spd"),
    "retrainings_per_month": fields.number(CAPS["retrainings_per_month"], key="rpm"),
    "price_per_cpu_hour": fields.number(CAPS["price_per_cpu_hour"], key="price"),
    "currency": fields.choice(tuple(CURRENCY_SYMBOLS), "currency must be one of JPY, USD", key="cur"),
}


@dataclass(frozen=True)
class CostInputs:
    """The user's assumptions about use and price; the price defaults to DEFAULT_PRICE_PER_CPU_HOUR[currency]."""

    signals_per_day: float = 100_000
    retrainings_per_month: float = 4
    price_per_cpu_hour: float | None = None  # None → the currency's default; always a float after __post_init__
    currency: str = "JPY"  # "JPY" or "USD"

    def __post_init__(self) -> None:
        if self.currency not in CURRENCY_SYMBOLS:
            raise ConfigError(f"currency={self.currency!r} is not allowed: currency must be one of JPY, USD")
        if self.price_per_cpu_hour is None:
            object.__setattr__(self, "price_per_cpu_hour", DEFAULT_PRICE_PER_CPU_HOUR[self.currency])
        for name, cap in CAPS.items():
            check_number(name, getattr(self, name), cap)  # NaN, infinities, text and booleans fail too

    def to_query(self) -> dict[str, str]:
        """The inputs as a link's query parameters (spd, rpm, price, cur), exact to the last digit."""
        return fields.to_query(FIELDS, self)

    @classmethod
    def from_query(cls, params: Mapping[str, Any]) -> CostInputs:
        """Forgiving parse of a link: unknown keys ignored, bad values defaulted, numbers clamped into CAPS."""
        return cls(**fields.parse(FIELDS, params, strict=False))
