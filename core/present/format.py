"""Numbers as text, one style each, used by every page, chart, table, report and CSV caption alike.

One percent style (70.8%, 2.53%, 0.0213%, < 0.01%), one money style (¥1,235 / $0.50 / ¥0.0003 / < ¥0.0001, never
e-notation: per-signal amounts are shown per 1,000, per million or per billion signals, whichever reads), one ratio
style (6.5 / 625 / 1,600): a reader comparing two screens never wonders whether "71%" and "70.8 %" are the same
number.
"""

from __future__ import annotations

import math

CURRENCY_SYMBOLS = {"JPY": "¥", "USD": "$"}
SMALLEST_PERCENT = 0.01  # below this a percentage reads "< 0.01%": more digits are sampling noise to a reader
NONE = "–"  # no figure (not measured, diverged, not applicable)
SMALLEST_MONEY = 1e-4  # below this money reads "< ¥0.0001": more zeros are unreadable (volume_for avoids them)
READABLE_MONEY = 0.01  # an amount per volume should read at least ¥0.01 / $0.01
VOLUMES = (1_000, 1_000_000, 1_000_000_000)  # reconstructions an amount is quoted for (terms: volume.<n>)


def percent(value: float | None) -> str:
    """A relative error (0.708) as a percentage with 3 significant digits: 70.8%, 2.53%, 1,652%, < 0.01%, 0%."""
    if value is None or not math.isfinite(value):
        return NONE
    pct = 100 * abs(value)
    sign = "-" if value < 0 else ""
    if pct == 0:
        return "0%"
    if pct < SMALLEST_PERCENT:
        return f"< {SMALLEST_PERCENT:g}%"
    if pct >= 999.5:
        return f"{sign}{pct:,.0f}%"
    return f"{sign}{fixed(pct, 3)}%"


def money(value: float, currency: str) -> str:
    """Money with its symbol, never a nonzero amount as zero: ¥1,235 / ¥0.0003; $1,235 / $12.35 / $0.50 / $0.0035.

    Below SMALLEST_MONEY it reads "< ¥0.0001", never e-notation: quote such amounts for a larger volume (volume_for).
    """
    symbol = CURRENCY_SYMBOLS.get(currency, f"{currency} ")  # an unknown code is written out, never dropped
    if not math.isfinite(value):
        return NONE
    size = abs(value)
    rounded = float(f"{size:.2g}")  # what 2 significant digits make of it decides between whole units and decimals
    if size == 0:
        text = "0"
    elif size < SMALLEST_MONEY:
        return f"< {'-' if value < 0 else ''}{symbol}{SMALLEST_MONEY:g}"
    elif rounded >= (1 if currency == "JPY" else 100):
        text = f"{size:,.0f}"  # yen have no subunit in use; whole dollars suffice from $100
    elif currency == "USD" and rounded >= 1:
        text = f"{size:,.2f}"
    else:
        text = fixed(size, 2, min_decimals=2 if currency == "USD" else 0)
    return f"{'-' if value < 0 else ''}{symbol}{text}"


def volume_for(per_signal: list[float]) -> int:
    """The smallest of VOLUMES at which every nonzero amount per signal adds up to READABLE_MONEY or more (so a
    column or a card line reads ¥0.64 per million rather than ¥6.4e-07 per 1,000)."""
    smallest = min((a for a in per_signal if a > 0 and math.isfinite(a)), default=None)
    if smallest is None:
        return VOLUMES[0]
    return next((v for v in VOLUMES if smallest * v >= READABLE_MONEY), VOLUMES[-1])


def ratio(value: float) -> str:
    """How many times (≥ 1): 6.5, 625, 1,600, 1,100,000 — two significant digits once more would be timing noise."""
    if not math.isfinite(value):
        return "∞"
    if value >= 1000:
        value = float(f"{value:.2g}")
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def ratio_of(a: float, b: float) -> str:
    """max/min of two positive amounts, as `ratio` writes it; ∞ when either is zero or negative."""
    return "∞" if min(a, b) <= 0 else ratio(max(a, b) / min(a, b))


def count(value: float) -> str:
    """A rate or count: 2,285,239 / 352 / 8.5 (3 significant digits below 10)."""
    return f"{value:,.0f}" if value >= 10 else f"{value:.3g}"


def milliseconds(seconds: float) -> str:
    """Seconds as milliseconds with two decimals: 0.0019 → 1.90."""
    return f"{1000 * seconds:.2f}"


def fixed(value: float, digits: int, *, min_decimals: int = 0) -> str:
    """|value| > 0 to `digits` significant digits in fixed notation with thousands commas; trailing zeros dropped
    down to `min_decimals`."""
    rounded = float(f"{abs(value):.{digits}g}")
    decimals = max(min_decimals, digits - 1 - math.floor(math.log10(rounded)))
    whole, _, fraction = f"{rounded:,.{decimals}f}".partition(".")
    fraction = fraction.rstrip("0").ljust(min_decimals, "0")
    return f"{whole}.{fraction}" if fraction else whole


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(value: float) -> str:
    """A power of ten as the log axes' ticks write it: 1e-07 → 10⁻⁷, 1000 → 10³ (no e-notation for a reader)."""
    return "10" + str(round(math.log10(value))).translate(_SUPERSCRIPT)


def magnitude(value: float) -> str:
    """A gap or a difference as a reader reads it: 0.031, 22, 1,700 in fixed notation (two significant digits); below
    0.001 as 3.2 × 10⁻⁷ — never 3.2e-07."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else NONE
    sign = "-" if value < 0 else ""
    if abs(value) >= 1e-3:
        return sign + fixed(value, 2)
    exponent = math.floor(math.log10(abs(value)))
    mantissa = round(abs(value) / 10**exponent, 1)
    if mantissa >= 10:  # 9.96e-8 rounds up to 10 × 10⁻⁸: write 1.0 × 10⁻⁷
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"{sign}{mantissa:.1f} × {power_of_ten(10.0**exponent)}"
