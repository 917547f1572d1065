"""A run's cost rows: one per usable network and classical decoder, named in the reader's language."""

from __future__ import annotations

from core.cost import estimate as cost
from core.cost.inputs import CostInputs
from core.experiments.results import ModelResult, RunResult
from core.present.labels import decoder_label, model_label


def rows_for(result: RunResult, inputs: CostInputs, lang: str) -> list[cost.CostRow]:
    """Cost rows for every model with a measured throughput and every classical decoder of the run."""
    rows = [row_for_model(result, model, inputs, lang) for model in result.models]
    rows = [row for row in rows if row is not None]
    for b in result.baselines:
        rows.append(cost.row_for_baseline(b, name=decoder_label(b, lang), inputs=inputs))
    return rows


def row_for_model(result: RunResult, model: ModelResult, inputs: CostInputs, lang: str) -> cost.CostRow | None:
    """One model's cost row (its own layer shapes, including the unrolled net's), or None when nothing was measured
    (diverged at once, or not applicable)."""
    if model.signals_per_second is None:
        return None
    m, n = result.config.m, result.config.signal_length
    rate, name = model.signals_per_second, model_label(model, lang)
    return cost.row_for_model(model, name=name, m=m, n=n, signals_per_second=rate, inputs=inputs)
