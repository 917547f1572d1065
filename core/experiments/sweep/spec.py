"""What a sweep asks for: the δ × ρ grid, the seeds, the decoders and the run settings every cell shares.

`SweepSpec` is what the Sweep page's widgets produce, what `python -m core sweep` parses and what a share link
carries; its fields read from text through core.fields (strict for the CLI, forgiving for links). The tasks and
cells it expands into are core.experiments.sweep.grid's business.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from core import fields
from core.config import CAPS, INITS, OPTIMIZERS, SIGNALS
from core.fields import Cap, ConfigError, check_number, clamp

SWEEP_DECODERS = ("one", "two", "bp")  # one hidden layer, two hidden layers, basis pursuit
MAX_AXIS = 12  # values per axis
MAX_TASKS = 1000  # cells × seeds: a hosted link must not queue hours of work
SWEEP_CAPS: dict[str, Cap] = {
    "n": Cap(4, 128),
    "delta": Cap(0.02, 1.0, integer=False),
    "rho": Cap(0.01, 1.0, integer=False),
    "seeds": Cap(1, 10),
    "threshold": Cap(0.001, 1.0, integer=False),
    "width": CAPS["width"],
    "steps": Cap(1, 5000),
    "max_seconds": Cap(1, 60, integer=False),
    "noise": CAPS["noise"],
    "seed": CAPS["seed"],
}


@dataclass(frozen=True)
class SweepSpec:
    """One sweep: the grid, the seeds, the decoders and the run settings every cell shares."""

    n: int = 32
    deltas: tuple[float, ...] = (0.25, 0.5, 0.75)
    rhos: tuple[float, ...] = (0.1, 0.2, 0.35)
    seeds: int = 2
    decoders: tuple[str, ...] = SWEEP_DECODERS
    threshold: float = 0.2
    width: int = 128
    steps: int = 800
    max_seconds: float = 20.0
    noise: float = 0.0
    signal: str = "signed"
    seed: int = 0
    init: str = "he"  # "a": two-layer nets start from the hand-built weights (core.science.handbuilt)
    # how the two-layer nets of cells at s ≥ 2 train: "muon", Muon's recipe with its own settings (core.config.RECIPES:
    # width 384, 5000 steps of batch 1024, from A, at most 60 s), or "adam" with the settings above, as every other
    # net does; a link without the field predates it and means "adam" (from_query)
    optimizer: str = "muon"

    def __post_init__(self) -> None:
        for name in ("n", "seeds", "threshold", "width", "steps", "max_seconds", "noise", "seed"):
            check_number(name, getattr(self, name), SWEEP_CAPS[name])
        for axis, name in ((self.deltas, "delta"), (self.rhos, "rho")):
            if not 1 <= len(axis) <= MAX_AXIS:
                raise ConfigError(f"{name}s: give 1 to {MAX_AXIS} values", "sweep_axis", axis=name, most=MAX_AXIS)
            if len(set(axis)) != len(axis):
                raise ConfigError(f"{name}s: each value at most once", "sweep_axis_repeat", axis=name)
            for v in axis:
                check_number(name, v, SWEEP_CAPS[name])
        if not self.decoders or any(d not in SWEEP_DECODERS for d in self.decoders):
            raise ConfigError(
                f"decoders={','.join(self.decoders)}: choose from {', '.join(SWEEP_DECODERS)}", "sweep_decoders"
            )
        if len(set(self.decoders)) != len(self.decoders):
            raise ConfigError("decoders: each decoder at most once", "sweep_decoders")
        if self.signal not in SIGNALS:
            raise ConfigError(f"signal={self.signal!r} is unknown: choose signed or nonnegative")
        if self.init not in INITS:
            raise ConfigError(f"init={self.init!r} is unknown: choose he (random) or a (from A)")
        if self.optimizer not in OPTIMIZERS:
            raise ConfigError(f"optimizer={self.optimizer!r} is unknown: choose one of {', '.join(OPTIMIZERS)}")
        if self.task_count > MAX_TASKS:
            raise ConfigError(
                f"{len(self.deltas)} × {len(self.rhos)} cells × {self.seeds} seeds = {self.task_count} trainings; "
                f"at most {MAX_TASKS} per sweep",
                "sweep_too_big",
                tasks=self.task_count,
                most=MAX_TASKS,
            )
        for delta in self.deltas:
            if self.m_for(delta) < 1:
                raise ConfigError(f"delta={delta:g} gives m = 0 at n={self.n}", "sweep_m_zero", delta=delta, n=self.n)

    @property
    def task_count(self) -> int:
        return len(self.deltas) * len(self.rhos) * self.seeds

    def m_for(self, delta: float) -> int:
        """Measurements for δ: round(δ·n)."""
        return round(delta * self.n)

    def s_for(self, m: int, rho: float) -> int:
        """Nonzeros for ρ at m measurements: round(ρ·m), at least 1."""
        return max(1, round(rho * m))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("deltas", "rhos", "decoders"):
            d[key] = list(d[key])
        return d

    def to_query(self) -> dict[str, str]:
        """Every field as URL text; reads back to an equal spec."""
        return fields.to_query(FIELDS, self)

    @classmethod
    def parse(cls, values: Mapping[str, Any]) -> SweepSpec:
        """Strict parse (CLI): malformed or out-of-range values raise ConfigError naming them."""
        return cls(**fields.parse(FIELDS, values, strict=True))

    @classmethod
    def from_query(cls, params: Mapping[str, Any]) -> SweepSpec:
        """Forgiving parse (a link): unknown keys ignored, bad values defaulted, numbers clamped, grid trimmed; a link
        without an optimizer was made when every net trained with Adam, and still does."""
        values = {"optimizer": "adam"} | fields.parse(FIELDS, params, strict=False)
        try:
            return cls(**values)
        except ConfigError:  # a cross-field rule (too many tasks, m = 0): keep what is valid alone
            return _fit_together(values)


_DEFAULT = SweepSpec()


def _axis(cap: Cap) -> fields.Converter:
    """Reader of a comma list of δ or ρ values; forgiving drops non-finite values, clamps, sorts, dedupes, trims."""

    def read(text: str, strict: bool) -> tuple[float, ...]:
        values = [float(p) for p in text.split(",") if p.strip()]
        if strict:
            return tuple(values)
        values = sorted(dict.fromkeys(clamp(v, cap) for v in values if math.isfinite(v)))[:MAX_AXIS]
        if not values:
            raise ValueError("empty")
        return tuple(values)

    return read


def _decoders(text: str, strict: bool) -> tuple[str, ...]:
    """Comma list of decoders; forgiving drops unknown names and repeats (none left: the default)."""
    names = tuple(p.strip().lower() for p in text.split(",") if p.strip())
    if strict:
        return names
    names = tuple(dict.fromkeys(d for d in names if d in SWEEP_DECODERS))
    if not names:
        raise ValueError("empty")
    return names


def _axis_allowed(name: str) -> str:
    """What an axis accepts, for strict messages."""
    return f"give a comma list of {SWEEP_CAPS[name].describe()}s, e.g. 0.25,0.5"


# How each setting reads from a link or the command line (core.fields); the order is the dataclass's.
FIELDS: dict[str, fields.Field] = {
    "n": fields.number(SWEEP_CAPS["n"]),
    "deltas": fields.custom(_axis(SWEEP_CAPS["delta"]), _axis_allowed("delta")),
    "rhos": fields.custom(_axis(SWEEP_CAPS["rho"]), _axis_allowed("rho")),
    "seeds": fields.number(SWEEP_CAPS["seeds"]),
    "decoders": fields.custom(_decoders, f"give a comma list of {', '.join(SWEEP_DECODERS)}"),
    **{name: fields.number(SWEEP_CAPS[name]) for name in ("threshold", "width", "steps", "max_seconds", "noise")},
    "signal": fields.choice(SIGNALS, "choose signed or nonnegative"),
    "seed": fields.number(SWEEP_CAPS["seed"]),
    "init": fields.choice(INITS, "choose he (random) or a (from A)"),
    "optimizer": fields.choice(OPTIMIZERS),
}


def _fit_together(values: dict[str, Any]) -> SweepSpec:
    """A valid spec from a forgiving parse whose fields are each valid but not together (m = 0, too many tasks)."""
    n = values.get("n", _DEFAULT.n)
    deltas = tuple(d for d in values.get("deltas", _DEFAULT.deltas) if round(d * n) >= 1) or (1.0,)
    rhos = values.get("rhos", _DEFAULT.rhos)
    seeds = values.get("seeds", _DEFAULT.seeds)
    seeds = max(1, min(seeds, MAX_TASKS // (len(deltas) * len(rhos))))
    return SweepSpec(**(values | {"deltas": deltas, "rhos": rhos, "seeds": seeds}))
