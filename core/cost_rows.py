"""A run's cost rows: one per usable network and classical decoder, named in the reader's language."""

from __future__ import annotations

from dataclasses import replace

from . import cost
from .charts import decoder_label, model_label
from .run import RunResult
from .unrolled import unrolled_shapes


def rows_for(result: RunResult, inputs: cost.CostInputs, lang: str) -> list[cost.CostRow]:
    """Cost rows for every model with a measured throughput and every classical decoder of the run."""
    rows = []
    n = result.config.signal_length
    for model in result.models:
        if model.signals_per_second is None:
            continue  # diverged at once, or not applicable: nothing was measured
        if model.kind == "unrolled":
            row = cost.network_row(
                f"u{model.depth}",
                model.label,
                shapes=unrolled_shapes(result.config.m, n, model.depth),
                train_seconds=model.train_seconds,
                signals_per_second=model.signals_per_second,
                rms_rel_error=model.rms_rel_error,
                inputs=inputs,
            )
            row = replace(row, params=model.params, depth=None)  # shared S: fewer weights than products
        else:
            row = cost.row_for_model(
                model, m=result.config.m, n=n, signals_per_second=model.signals_per_second, inputs=inputs
            )
        rows.append(replace(row, name=model_label(model, lang)))
    for b in result.baselines:
        rows.append(replace(cost.row_for_baseline(b, inputs=inputs), name=decoder_label(b, lang)))
    return rows
