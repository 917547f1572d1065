"""What a reconstruction costs, as a named breakdown: each figure says whether it was counted, measured or estimated.

Counted from layer shapes: parameters, multiply-adds (MACs) per signal. Measured on this machine, one CPU thread per
job as the app trains (core.run.TRAIN_THREADS), so wall-clock hours are CPU-hours: training seconds, signals per
second. Estimated: memory (from shapes), and money (measured times × the user's price per CPU-hour).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, NamedTuple

from core.i18n import cost as messages
from core.science import sizes
from core.science.sizes import Shapes
from core.science.speed import THROUGHPUT_BATCH

if TYPE_CHECKING:  # hints only: the cost arithmetic itself needs no results module loaded
    from core.experiments.results import BaselineResult, ModelResult

COUNTED, MEASURED, ESTIMATED, NOT_APPLICABLE = "counted", "measured", "estimated", "not_applicable"
BYTES_PER_FLOAT = 4  # the networks run in float32
TRAINING_COPIES = 4  # per weight while training: the weight, its gradient, Adam's first and second moments
DAYS_PER_MONTH = 30
CURRENCY_SYMBOLS = {"JPY": "¥", "USD": "$"}
# Assumptions the user overrides, not measurements: an on-demand cloud vCPU-hour costs roughly USD 0.04–0.05
# (a 2-vCPU general-purpose instance at about USD 0.09 an hour); ¥7 is USD 0.05 at ¥140 to the dollar.
DEFAULT_PRICE_PER_CPU_HOUR = {"JPY": 7.0, "USD": 0.05}
_CAPS = {"signals_per_day": 1e10, "retrainings_per_month": 1000.0, "price_per_cpu_hour": 1e6}
# Relative errors below 0.01 % count as equally exact: the nets compute in float32 (~1e-7) and the decoders in
# float64, so differences down there are arithmetic, not recovery, and no application would notice them.
EXACT = 1e-4
# Costs within 25 % count as the same: best-of-5 throughputs of one net spread by up to 30 % between runs here
# (measured, with other jobs on the 2 cores), so a smaller gap is not a difference we can vouch for.
SAME_COST = 0.25


def estimate_memory_bytes(shapes: Shapes, *, batch: int, training: bool) -> int:
    """ESTIMATE of the float32 tensors a pass over `batch` signals holds, in bytes.

    Counted: the weights (when training ×4: gradients and Adam's two moments too) and the activations, batch × Σ out
    floats (×2 when training: autograd keeps layer outputs for the backward pass, which makes gradients as large).
    Not counted: the input batch, temporaries, allocator slack, and the Python and torch runtime (about 300 MB for the
    whole CLI process, README), which on its own dwarfs these networks.
    """
    weights = sizes.macs_of(shapes) * (TRAINING_COPIES if training else 1)  # one weight per bias-free MAC
    activations = batch * sum(fan_out for _, fan_out in shapes) * (2 if training else 1)
    return BYTES_PER_FLOAT * (weights + activations)


@dataclass(frozen=True)
class CostInputs:
    """The user's assumptions about use and price; the price defaults to DEFAULT_PRICE_PER_CPU_HOUR[currency]."""

    signals_per_day: float = 100_000
    retrainings_per_month: float = 4
    price_per_cpu_hour: float | None = None  # None → the currency's default; always a float after __post_init__
    currency: str = "JPY"  # "JPY" or "USD"

    def __post_init__(self) -> None:
        if self.currency not in CURRENCY_SYMBOLS:
            raise ValueError(f"currency={self.currency!r} is not allowed: currency must be one of JPY, USD")
        if self.price_per_cpu_hour is None:
            object.__setattr__(self, "price_per_cpu_hour", DEFAULT_PRICE_PER_CPU_HOUR[self.currency])
        for name, cap in _CAPS.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not (isinstance(value, int | float) and 0 <= value <= cap):  # NaN fails
                raise ValueError(f"{name}={value!r} is not allowed: {name} must be a number from 0 to {cap:g}")


class MonthlyCost(NamedTuple):
    monthly_cpu_hours: float  # training and reconstruction
    monthly_cost: float  # in the inputs' currency
    cost_per_1000: float  # per 1,000 reconstructions, inference only


def monthly_cost(train_seconds: float | None, signals_per_second: float, inputs: CostInputs) -> MonthlyCost:
    """Estimated CPU-hours and money a month from measured times, and money per 1,000 reconstructions.

    CPU-hours/month = retrainings × train_seconds/3600 + signals_per_day × 30 / signals_per_second / 3600 (one thread
    per job); cost = CPU-hours × price. Cost per 1,000 = 1000 / signals_per_second / 3600 × price: reconstruction
    only, since training is paid per retraining, not per signal. train_seconds None (a decoder) adds no training.
    """
    if not (isinstance(signals_per_second, int | float) and 0 < signals_per_second < math.inf):
        raise ValueError(f"signals_per_second={signals_per_second!r} is not allowed: it must be positive and finite")
    price = inputs.price_per_cpu_hour
    train_hours = inputs.retrainings_per_month * (train_seconds or 0.0) / 3600
    serve_hours = inputs.signals_per_day * DAYS_PER_MONTH / signals_per_second / 3600
    hours = train_hours + serve_hours
    return MonthlyCost(hours, hours * price, 1000 / signals_per_second / 3600 * price)


@dataclass(frozen=True)
class CostRow:
    """One network's or decoder's breakdown; `provenance` maps each figure's name to how it was obtained."""

    key: str  # "1", "2", … hidden layers ("2b" with bias), "2h" hand-built, or a decoder name: "bp", "omp", "lasso"
    name: str  # display label
    kind: str  # "network" or "decoder"
    signals_per_second: float
    rms_rel_error: float | None
    monthly_cpu_hours: float
    monthly_cost: float  # in `currency`
    cost_per_1000: float  # in `currency`, inference only
    currency: str
    depth: int | None = None  # hidden layers; None (not applicable) for a decoder, as the four below
    params: int | None = None
    macs_per_signal: int | None = None
    train_seconds: float | None = None
    memory_bytes: int | None = None  # inference on THROUGHPUT_BATCH signals
    provenance: dict[str, str] = field(default_factory=dict)  # figure → counted, measured, estimated, not_applicable


_FIGURES = {"params": COUNTED, "macs_per_signal": COUNTED, "train_seconds": MEASURED, "signals_per_second": MEASURED}
_FIGURES |= {"memory_bytes": ESTIMATED, "rms_rel_error": MEASURED, "monthly_cpu_hours": ESTIMATED}
_FIGURES |= {"monthly_cost": ESTIMATED, "cost_per_1000": ESTIMATED}


def _with_provenance(row: CostRow, *, trained: bool = True) -> CostRow:
    """row with its provenance filled in: absent figures are not_applicable; an untrained net's 0 s is counted."""
    provenance = {name: NOT_APPLICABLE if getattr(row, name) is None else how for name, how in _FIGURES.items()}
    if not trained and row.train_seconds is not None:
        provenance["train_seconds"] = COUNTED
    return replace(row, provenance=provenance)


def network_row(
    key: str,
    name: str,
    *,
    shapes: Shapes,
    params: int,
    depth: int | None,
    train_seconds: float,
    signals_per_second: float,
    rms_rel_error: float | None,
    inputs: CostInputs,
    trained: bool = True,
) -> CostRow:
    """The breakdown of a network with these matrix-product shapes and parameter count (core.science.sizes), `depth`
    hidden layers (None: not an MLP); trained=False for weights computed, not learned."""
    money = monthly_cost(train_seconds, signals_per_second, inputs)._asdict()
    row = CostRow(key, name, "network", signals_per_second, rms_rel_error, **money, currency=inputs.currency)
    row = replace(
        row,
        depth=depth,
        params=params,
        macs_per_signal=sizes.macs_of(shapes),  # a bias adds, it does not multiply: the same with bias
        train_seconds=train_seconds,
        memory_bytes=estimate_memory_bytes(shapes, batch=THROUGHPUT_BATCH, training=False),
    )
    return _with_provenance(row, trained=trained)


def decoder_row(
    key: str, name: str, *, signals_per_second: float, rms_rel_error: float | None, inputs: CostInputs
) -> CostRow:
    """The breakdown of a classical decoder: nothing to train, no fixed MAC count (a solver iterates), time only."""
    money = monthly_cost(None, signals_per_second, inputs)._asdict()
    return _with_provenance(
        CostRow(key, name, "decoder", signals_per_second, rms_rel_error, **money, currency=inputs.currency)
    )


def row_for_model(result: ModelResult, *, m: int, n: int, signals_per_second: float, inputs: CostInputs) -> CostRow:
    """A ModelResult's breakdown (any kind: trained, hand-built, unrolled), its throughput measured by the caller
    (core.science.speed.measure_throughput); shapes and parameters counted by core.science.sizes."""
    kind, steps = result.kind, result.steps or 0
    size = {"depth": result.depth, "width": result.width} if kind == "trained" else {"steps": steps}
    key = {"hand-built": "2h", "unrolled": f"u{steps}"}.get(kind, f"{result.depth}{'b' if result.bias else ''}")
    return network_row(
        key,
        result.label,
        shapes=sizes.shapes(kind, m, n, **size),
        params=sizes.params(kind, m, n, bias=result.bias, **size),
        depth=result.depth,  # None for the unrolled net: it is not an MLP
        train_seconds=result.train_seconds,
        signals_per_second=signals_per_second,
        rms_rel_error=result.rms_rel_error,
        inputs=inputs,
        trained=kind != "hand-built",
    )


def row_for_baseline(result: BaselineResult, *, inputs: CostInputs, signals_per_second: float | None = None) -> CostRow:
    """A core.baselines.BaselineResult's breakdown; throughput defaults to 1 / its measured seconds per signal."""
    rate = signals_per_second or 1.0 / max(result.seconds_per_signal, 1e-9)
    error = result.rms_rel_error
    return decoder_row(result.name, result.label, signals_per_second=rate, rms_rel_error=error, inputs=inputs)


def _fixed(value: float, digits: int, *, min_decimals: int = 0) -> str:
    """|value| > 0 to `digits` significant digits in fixed notation with thousands commas; trailing zeros dropped
    down to `min_decimals`."""
    rounded = float(f"{value:.{digits}g}")
    decimals = max(min_decimals, digits - 1 - math.floor(math.log10(abs(rounded))))
    whole, _, fraction = f"{rounded:,.{decimals}f}".partition(".")
    fraction = fraction.rstrip("0").ljust(min_decimals, "0")
    return f"{whole}.{fraction}" if fraction else whole


def format_money(value: float, currency: str) -> str:
    """Money with its symbol, never a nonzero amount as zero: ¥1,235 / ¥0.0003; $1,235 / $12.35 / $0.50 / $0.0035.

    Below a millionth, e-notation (¥4.6e-08): fixed notation would be a row of zeros to count.
    """
    symbol = CURRENCY_SYMBOLS[currency]
    if not math.isfinite(value):
        return "—"
    size = abs(value)
    rounded = float(f"{size:.2g}")  # what 2 significant digits make of it decides between whole units and decimals
    if size == 0:
        text = "0"
    elif size < 1e-6:
        text = f"{size:.1e}"
    elif rounded >= (1 if currency == "JPY" else 100):
        text = f"{size:,.0f}"  # yen have no subunit in use; whole dollars suffice from $100
    elif currency == "USD" and rounded >= 1:
        text = f"{size:,.2f}"
    else:
        text = _fixed(size, 2, min_decimals=2 if currency == "USD" else 0)
    return f"{'-' if value < 0 else ''}{symbol}{text}"


def format_percent(error: float) -> str:
    """A relative error as a percentage, 2 significant digits, no e-notation: 0.708 → 71%, 6e-7 → 0.00006%."""
    pct = error * 100
    return f"{_fixed(pct, 2)}%" if pct != 0 and math.isfinite(pct) else f"{pct:g}%"


def _t(key: str, lang: str, /, **values: object) -> str:
    """One of this module's messages in `lang` ("en", else Japanese, the default), formatted."""
    return (messages.EN if lang == "en" else messages.JA)[key].format(**values)


def _who(row: CostRow, lang: str) -> str:
    """How the verdict names a row: by depth or decoder, in `lang`; an unknown decoder by its label."""
    if row.key == "2h":
        return _t("cost.who.hand_built", lang)
    if row.kind == "network":
        return _t("cost.who.depth1", lang) if row.depth == 1 else _t("cost.who.depth", lang, depth=row.depth)
    key = f"cost.who.{row.key}"
    return _t(key, lang) if key in messages.EN else row.name


def _best(rows: Sequence[CostRow]) -> CostRow | None:
    """The most accurate row; errors below EXACT tie, and then the cheaper per signal wins."""
    return min(rows, key=lambda r: (max(r.rms_rel_error, EXACT), r.cost_per_1000), default=None)


def _compare(theirs: float, ours: float) -> str:
    """ "same" if within SAME_COST of each other, else "dearer" or "cheaper" (theirs against ours)."""
    if abs(theirs - ours) <= SAME_COST * max(abs(theirs), abs(ours)):
        return "same"
    return "dearer" if theirs > ours else "cheaper"


def _ratio(a: float, b: float) -> str:
    """max/min of two positive costs: 1,600 or 2.2."""
    if min(a, b) <= 0:
        return "∞"
    r = max(a, b) / min(a, b)
    return _fixed(r, 2)  # 2 significant digits: timings are not more precise than that


def verdict(rows: Sequence[CostRow], lang: str) -> str:
    """ONE sentence from the numbers, in Japanese or English ("en"): what a deeper net buys over one hidden layer,
    and how the most accurate classical decoder compares per signal. Rows without an error figure are left out."""
    judged = [r for r in rows if r.rms_rel_error is not None and math.isfinite(r.rms_rel_error)]
    one = _best([r for r in judged if r.kind == "network" and r.depth == 1])
    deep = _best([r for r in judged if r.kind == "network" and (r.depth or 0) >= 2])
    dec = _best([r for r in judged if r.kind == "decoder"])
    net = deep or one
    if net is None and dec is None:
        return _t("cost.verdict.empty", lang)
    currency = judged[0].currency
    if one is not None and deep is not None:
        better = "better" if deep.rms_rel_error < one.rms_rel_error else "worse"
        money = format_money(abs(deep.monthly_cost - one.monthly_cost), currency)
        main = _t(
            f"cost.verdict.main.{better}_{_compare(deep.monthly_cost, one.monthly_cost)}",
            lang,
            **{"one": _who(one, lang), "deep": _who(deep, lang), "money": money},
            **{"err_one": format_percent(one.rms_rel_error), "err_deep": format_percent(deep.rms_rel_error)},
        )
    else:
        alone = net or dec
        err, money = format_percent(alone.rms_rel_error), format_money(alone.monthly_cost, currency)
        main = _t("cost.verdict.main.alone", lang, who=_who(alone, lang), err=err, money=money)
    decoder = ""
    if net is not None and dec is not None:
        err_net, err_dec = max(net.rms_rel_error, EXACT), max(dec.rms_rel_error, EXACT)
        # "as accurate" within 1 point or a quarter of the larger error: finer differences are sampling noise of
        # RMS errors from 100–2000 test signals (both below EXACT count as exact, hence the same)
        close = abs(err_dec - err_net) <= max(0.01, 0.25 * max(err_net, err_dec))
        accuracy = "same" if close else "better" if err_dec < err_net else "worse"
        price = _compare(dec.cost_per_1000, net.cost_per_1000)
        ratio = _ratio(dec.cost_per_1000, net.cost_per_1000) if price != "same" else ""
        err_dec_text = format_percent(dec.rms_rel_error)
        decoder = _t(
            f"cost.verdict.dec.{accuracy}.{price}", lang, dec=_who(dec, lang), err_dec=err_dec_text, ratio=ratio
        )
    sentence = _t("cost.verdict.sentence", lang, main=main, decoder=decoder)
    return sentence[0].upper() + sentence[1:]
