"""The experiment as one frozen object: every setting, the seed included.

`Config` is what the Lab's widgets produce, what the CLI parses and what a share link carries.
Its caps live here, once, so a crafted link or a script can never ask for more than the widgets
allow (the caps are enforced where the work happens, not only in the widgets).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any

from core import fields
from core.fields import Cap, ConfigError, check_number, clamp  # Cap and ConfigError live there; importable here too
from core.science.activations import ACTIVATIONS_TABLE

ACTIVATION_NAMES = tuple(ACTIVATIONS_TABLE)
SIGNALS = ("signed", "nonnegative")
PROBLEMS = ("sparse", "lowrank", "phase")
INITS = ("he", "a")  # how a trained net starts: random (He), or the two-layer net from A (core.science.handbuilt)
BASELINES = ("bp", "omp", "lasso")  # classical decoders shown beside the networks (sparse problem only)
# How the nets train (core.science.train.fit): "adam", or "muon", the recipe of core.science.muon (Muon on the hidden
# layers, Adam on the output layer, bfloat16 products, warm-up then cosine) that trains two hidden layers at s ≥ 2
OPTIMIZERS = ("adam", "muon")
# Each optimizer's defaults for the settings it was tuned with; the dataclass's defaults are Adam's. Muon's are
# docs/research-two-layer.md's run 36 (n = 64, m = 32, s = 2): a schedule of 5000 steps, the seconds only a cap.
RECIPES: dict[str, dict[str, Any]] = {
    "adam": {"width": 256, "steps": 1000, "batch": 256, "lr": 1e-3, "init": "he", "max_seconds": 30.0},
    "muon": {"width": 384, "steps": 5000, "batch": 1024, "lr": 7e-3, "init": "a", "max_seconds": 60.0},
}
TEST_SCALES = (1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0, 1000.0)
SCALE_KEYS = tuple(f"{s:g}" for s in TEST_SCALES)  # "0.001", ..., "1000": the JSON keys


# The caps: the same for widgets, URL and CLI. Sized so one job stays well inside a shared
# 2-core server (docs/hosting.md, "Caps").
CAPS: dict[str, Cap] = {
    "n": Cap(2, 256),
    "m": Cap(1, 256),
    "d": Cap(2, 16),
    "rank": Cap(1, 16),
    "unrolled": Cap(0, 16),
    "s": Cap(1, 256),
    "depth": Cap(1, 4),
    "width": Cap(2, 1024),
    "steps": Cap(1, 20_000),
    "max_seconds": Cap(1, 120, integer=False),
    "batch": Cap(8, 2048),
    "lr": Cap(1e-5, 1.0, integer=False),
    "noise": Cap(0.0, 1.0, integer=False),
    "train_scale": Cap(1e-3, 1e3, integer=False),
    "seed": Cap(0, 2**31 - 1),
}
MAX_DEPTHS = 4  # how many depths one run may compare
RUN_SECONDS_CAP = 120.0  # all of a run's trainings together, whatever each model's max_seconds (experiments/run.py)


@dataclass(frozen=True)
class Config:
    """One experiment. Invalid combinations raise `ConfigError` at construction."""

    n: int = 32
    m: int = 16
    s: int = 1
    depths: tuple[int, ...] = (1, 2)
    width: int = 256
    steps: int = 1000
    max_seconds: float = 30.0
    activation: str = "relu"
    bias: bool = False
    # depths ALSO trained with bias terms, beside the bias-free ones: the contrast on one chart (`bias` makes every
    # depth biased instead; the two do not combine). Each trains on the stream a bias=True run gives it, so its
    # numbers equal that run's.
    biased: tuple[int, ...] = ()
    signal: str = "signed"
    noise: float = 0.0
    train_scales: tuple[float, float] = (0.5, 2.0)
    batch: int = 256
    lr: float = 1e-3
    seed: int = 0
    problem: str = "sparse"
    d: int = 8  # low-rank: matrices are d×d
    rank: int = 1  # low-rank: their rank
    hand_built: bool = False  # add the two-layer net computed from A (no training); sparse only
    normalised: bool = False  # add ‖y‖·g(y/‖y‖), g one hidden layer with biases (core.science.models.NormalisedMLP)
    unrolled: int = 0  # add an unrolled soft-thresholding net with this many steps (0: none); sparse only
    init: str = "he"  # "a": the trained two-layer net starts from the hand-built weights (plus random extra units)
    baselines: tuple[str, ...] = BASELINES
    # how the nets train (OPTIMIZERS); a link without it predates it and trained with Adam, so Adam is the default
    # here, and the CLI and the Lab start sparse recovery at s ≥ 2 from Muon's recipe (default_optimizer)
    optimizer: str = "adam"

    def __post_init__(self) -> None:
        for name in ("n", "m", "s", "width", "steps", "batch", "seed"):
            check_number(name, getattr(self, name), CAPS[name])
        for name in ("max_seconds", "lr", "noise"):
            check_number(name, getattr(self, name), CAPS[name])
        for name in ("d", "rank", "unrolled"):
            check_number(name, getattr(self, name), CAPS[name])
        if self.problem not in PROBLEMS:
            raise ConfigError(f"problem={self.problem!r} is unknown: choose one of {', '.join(PROBLEMS)}")
        if self.m > self.max_m:
            raise ConfigError(
                f"m={self.m} is not allowed: m must be from 1 to {self.max_m} ({self._m_rule})",
                "m_max",
                m=self.m,
                max_m=self.max_m,
            )
        if self.s > self.n:
            raise ConfigError(f"s={self.s} is not allowed: s must be from 1 to n={self.n}", "s_max", s=self.s, n=self.n)
        if self.rank > self.d:
            raise ConfigError(
                f"rank={self.rank} is not allowed: rank must be from 1 to d={self.d}",
                "rank_max",
                rank=self.rank,
                d=self.d,
            )
        unknown = [b for b in self.baselines if b not in BASELINES]
        if unknown or len(set(self.baselines)) != len(self.baselines):
            raise ConfigError(f"baselines={','.join(self.baselines)}: choose from {', '.join(BASELINES)} or none")
        alone = self.hand_built or self.normalised or self.unrolled or self.biased  # comparisons without depths
        if (not self.depths and not alone) or len(self.depths) > MAX_DEPTHS:
            raise ConfigError(f"depths={list(self.depths)}: give 1 to {MAX_DEPTHS} depths", "depths_empty")
        if len(set(self.depths)) != len(self.depths):
            raise ConfigError(f"depths={list(self.depths)}: each depth at most once")
        for d in self.depths + self.biased:
            check_number("depth", d, CAPS["depth"])
        if len(set(self.biased)) != len(self.biased) or len(self.biased) > MAX_DEPTHS:
            raise ConfigError(f"biased={list(self.biased)}: give each depth at most once, at most {MAX_DEPTHS}")
        if self.biased and self.bias:
            raise ConfigError(f"biased={list(self.biased)} adds biased nets beside bias-free ones: switch bias off")
        if self.activation not in ACTIVATION_NAMES:
            raise ConfigError(f"activation={self.activation!r} is unknown: choose one of {', '.join(ACTIVATION_NAMES)}")
        if self.signal not in SIGNALS:
            raise ConfigError(f"signal={self.signal!r} is unknown: choose signed or nonnegative")
        if self.init not in INITS:
            raise ConfigError(f"init={self.init!r} is unknown: choose he (random) or a (from A)")
        if self.optimizer not in OPTIMIZERS:
            raise ConfigError(f"optimizer={self.optimizer!r} is unknown: choose one of {', '.join(OPTIMIZERS)}")
        for name in ("bias", "normalised"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError(f"{name}={getattr(self, name)!r} must be true or false")
        if len(self.train_scales) != 2:
            raise ConfigError(f"train_scales={self.train_scales!r}: give two numbers LO,HI")
        lo, hi = self.train_scales
        for v in (lo, hi):
            check_number("train_scales", v, CAPS["train_scale"])
        if lo > hi:
            raise ConfigError(f"train_scales={lo:g},{hi:g}: LO must not exceed HI")

    @property
    def signal_length(self) -> int:
        """Length of the (flattened) signal the networks output: n, or d² for low-rank matrices."""
        return self.d * self.d if self.problem == "lowrank" else self.n

    @property
    def max_m(self) -> int:
        """Most measurements allowed: fewer than unknowns, except phase retrieval (up to 4n)."""
        return min(4 * self.n, int(CAPS["m"].hi)) if self.problem == "phase" else self.signal_length

    @property
    def _m_rule(self) -> str:
        return {"sparse": "at most n", "lowrank": "at most d²", "phase": "at most 4n and 256"}[self.problem]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict of every setting."""
        d = asdict(self)
        d["depths"] = list(self.depths)
        d["biased"] = list(self.biased)
        d["train_scales"] = list(self.train_scales)
        d["baselines"] = list(self.baselines)
        return d

    def to_query(self) -> dict[str, str]:
        """Every field as a URL query string value, so old links keep their meaning."""
        out = fields.to_query(FIELDS, self)
        for key in ("baselines", "biased"):
            out[key] = out[key] or "none"  # an empty value would read back as "not given"
        return out

    @classmethod
    def from_query(cls, params: Mapping[str, Any]) -> Config:
        """Forgiving parse of a URL: unknown keys ignored, bad values defaulted, numbers clamped."""
        return cls(**_repair(fields.parse(FIELDS, params, strict=False)))

    @classmethod
    def parse(cls, values: Mapping[str, Any]) -> Config:
        """Strict parse (CLI): any malformed or out-of-range value raises `ConfigError`. Settings not given take
        recipe_defaults: the optimizer default_optimizer picks, and that optimizer's width, steps, batch, lr, init
        and time budget."""
        given = fields.parse(FIELDS, values, strict=True)
        return cls(**(recipe_defaults(given) | given))


def default_optimizer(problem: str, s: int) -> str:
    """The optimizer a run starts from: Muon's recipe for sparse recovery at s ≥ 2, where Adam plateaus above 0.08
    and the recipe reaches ≤ 0.05 (n = 64, m = 32, s = 2; docs/research-two-layer.md), else Adam."""
    return "muon" if problem == "sparse" and s >= 2 else "adam"


def recipe_defaults(given: Mapping[str, Any]) -> dict[str, Any]:
    """The settings a run takes when not given: the optimizer (given, or by problem and sparsity) and its RECIPES."""
    optimizer = given.get("optimizer") or default_optimizer(
        given.get("problem", _DEFAULT.problem), given.get("s", _DEFAULT.s)
    )
    return {"optimizer": optimizer, **RECIPES[optimizer]}


_DEFAULT = Config()


def _depths(text: str, strict: bool) -> tuple[int, ...]:
    """Comma list of depths; forgiving clamps, drops repeats, keeps at most MAX_DEPTHS and never none."""
    depths = tuple(int(p) for p in text.split(",") if p.strip())
    if strict:
        return depths
    depths = tuple(dict.fromkeys(clamp(d, CAPS["depth"]) for d in depths))[:MAX_DEPTHS]
    if not depths:
        raise ValueError("no depth")
    return depths


def _biased(text: str, strict: bool) -> tuple[int, ...]:
    """Comma list of depths to train with bias too ("none" or empty: none); forgiving clamps and drops repeats."""
    depths = tuple(int(p) for p in text.split(",") if p.strip() and p.strip().lower() != "none")
    if strict:
        return depths
    return tuple(dict.fromkeys(clamp(d, CAPS["depth"]) for d in depths))[:MAX_DEPTHS]


def _train_scales(text: str, strict: bool) -> tuple[float, ...]:
    """Two numbers LO,HI; forgiving clamps them and puts them in order."""
    parts = tuple(float(p) for p in text.split(","))
    if len(parts) != 2:
        raise ValueError("give two numbers LO,HI")
    return parts if strict else tuple(sorted(clamp(p, CAPS["train_scale"]) for p in parts))


def _baselines(text: str, strict: bool) -> tuple[str, ...]:
    """Comma list of baselines ("none": no baseline); forgiving drops unknown names and repeats."""
    names = tuple(p.strip().lower() for p in text.split(",") if p.strip() and p.strip().lower() != "none")
    return names if strict else tuple(dict.fromkeys(b for b in names if b in BASELINES))


# How each setting reads from a link or the command line (core.fields); the order is the dataclass's.
FIELDS: dict[str, fields.Field] = {
    **{name: fields.number(CAPS[name]) for name in ("n", "m", "s")},
    "depths": fields.custom(
        _depths, f"depths must be a comma list of integers from 1 to {CAPS['depth'].hi:g}, e.g. 1,2"
    ),
    **{name: fields.number(CAPS[name]) for name in ("width", "steps", "max_seconds")},
    "activation": fields.choice(ACTIVATION_NAMES),
    "bias": fields.flag(),
    "biased": fields.custom(_biased, "biased must be a comma list of depths from 1 to 4, or none, e.g. 2"),
    "signal": fields.choice(SIGNALS, "choose signed or nonnegative"),
    "noise": fields.number(CAPS["noise"]),
    "train_scales": fields.custom(
        _train_scales, "train_scales must be two numbers LO,HI, each from 0.001 to 1000, e.g. 0.5,2"
    ),
    **{name: fields.number(CAPS[name]) for name in ("batch", "lr", "seed")},
    "problem": fields.choice(PROBLEMS),
    **{name: fields.number(CAPS[name]) for name in ("d", "rank")},
    "hand_built": fields.flag(),
    "normalised": fields.flag(),
    "unrolled": fields.number(CAPS["unrolled"]),
    "init": fields.choice(INITS, "choose he (random) or a (from A)"),
    "baselines": fields.custom(_baselines, f"baselines must be a comma list of {', '.join(BASELINES)}, or none"),
    "optimizer": fields.choice(OPTIMIZERS),
}


def _repair(values: dict[str, Any]) -> dict[str, Any]:
    """Make a forgiving parse valid as a whole: cross-field rules (m ≤ max_m, s ≤ n, rank ≤ d) are fixed, not raised."""
    out = dict(values)
    probe = replace(_DEFAULT, m=1, s=1, rank=1, **{k: out[k] for k in ("n", "d", "problem") if k in out})
    out["m"] = min(out.get("m", _DEFAULT.m), probe.max_m)
    out["s"] = min(out.get("s", _DEFAULT.s), probe.n)
    out["rank"] = min(out.get("rank", _DEFAULT.rank), probe.d)
    if out.get("bias"):
        out["biased"] = ()  # every depth is biased already
    return out
