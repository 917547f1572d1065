"""What a reconstruction costs, as a named breakdown: each figure says whether it was counted, measured or estimated.

Counted from layer shapes: parameters, multiply-adds (MACs) per signal. Measured on this machine, one CPU thread per
job as the app trains (core.experiments.run.TRAIN_THREADS), so wall-clock hours are CPU-hours: training seconds, signals
per second. Estimated: memory (from shapes), and money (measured times × the user's price per CPU-hour).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, NamedTuple

from core.cost.inputs import CostInputs
from core.science import sizes
from core.science.sizes import Shapes
from core.science.speed import THROUGHPUT_BATCH

if TYPE_CHECKING:  # hints only: the cost arithmetic itself needs no results module loaded
    from core.experiments.results import BaselineResult, ModelResult

COUNTED, MEASURED, ESTIMATED, NOT_APPLICABLE = "counted", "measured", "estimated", "not_applicable"
BYTES_PER_FLOAT = 4  # the networks run in float32
TRAINING_COPIES = 4  # per weight while training: the weight, its gradient, Adam's first and second moments
DAYS_PER_MONTH = 30


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

    key: str  # "1", "2", … hidden layers ("2b" with bias), "2h" hand-built, "1n" normalised, "u4" unrolled, or a
    # decoder name: "bp", "bpdn" (bp with noise), "omp", "lasso"
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
    macs_per_signal: int | None = None,
) -> CostRow:
    """The breakdown of a network with these matrix-product shapes and parameter count (core.science.sizes), `depth`
    hidden layers (None: not an MLP); trained=False for weights computed, not learned; macs_per_signal when the
    network computes more than its products (the normalised net's norm), else counted from the shapes."""
    money = monthly_cost(train_seconds, signals_per_second, inputs)._asdict()
    row = CostRow(key, name, "network", signals_per_second, rms_rel_error, **money, currency=inputs.currency)
    row = replace(
        row,
        depth=depth,
        params=params,
        # a bias adds, it does not multiply: the same with bias
        macs_per_signal=sizes.macs_of(shapes) if macs_per_signal is None else macs_per_signal,
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


def row_for_model(
    result: ModelResult, *, name: str, m: int, n: int, signals_per_second: float, inputs: CostInputs
) -> CostRow:
    """A ModelResult's breakdown, shown as `name` (any kind: trained, hand-built, unrolled), its throughput measured
    by the caller (core.science.speed.measure_throughput); shapes and parameters counted by core.science.sizes."""
    kind, steps = result.kind, result.steps or 0
    size = {"depth": result.depth, "width": result.width} if kind in ("trained", "normalised") else {"steps": steps}
    key = {"hand-built": "2h", "unrolled": f"u{steps}", "normalised": "1n"}.get(
        kind, f"{result.depth}{'b' if result.bias else ''}"
    )
    return network_row(
        key,
        name,
        shapes=sizes.shapes(kind, m, n, **size),
        params=sizes.params(kind, m, n, bias=result.bias, **size),
        depth=result.depth,  # None for the unrolled net: it is not an MLP
        train_seconds=result.train_seconds,
        signals_per_second=signals_per_second,
        rms_rel_error=result.rms_rel_error,
        inputs=inputs,
        trained=kind != "hand-built",
        macs_per_signal=sizes.macs(kind, m, n, **size),
    )


def row_for_baseline(
    result: BaselineResult, *, name: str, inputs: CostInputs, signals_per_second: float | None = None
) -> CostRow:
    """A BaselineResult's breakdown, shown as `name`; throughput defaults to 1 / its measured seconds per signal."""
    rate = signals_per_second or 1.0 / max(result.seconds_per_signal, 1e-9)
    error = result.rms_rel_error
    return decoder_row(result.name, name, signals_per_second=rate, rms_rel_error=error, inputs=inputs)
