"""The one results table of a run: a row per model and per classical decoder, the same columns wherever it is
shown or saved (the Lab's details table and CSV download, the report's CSV, `python -m core report --csv`)."""

from __future__ import annotations

import csv
import io
from typing import Any

from core.config import SCALE_KEYS
from core.experiments.results import RunResult
from core.present.labels import decoder_label, model_label

MODEL_FIELDS = ("depth", "steps", "width", "activation", "bias", "params", "train_seconds", "steps_done", "status")
COLUMNS = (
    "kind",
    "label",
    *MODEL_FIELDS,
    "rms_rel_error",
    "worst_rel_error",
    "homogeneity_error",
    "seconds_per_signal",
    *(f"error_at_scale_{k}" for k in SCALE_KEYS),
)


def results_rows(result: RunResult, lang: str) -> list[dict[str, Any]]:
    """One dict per model, then per decoder, every key of COLUMNS (None where a figure does not apply)."""
    rows = []
    for m in result.models:
        row = {"kind": m.kind, "label": model_label(m, lang)} | {k: getattr(m, k) for k in MODEL_FIELDS}
        rows.append(
            row | {"homogeneity_error": m.homogeneity_error} | _errors(m.rms_rel_error, m.rms_rel_error_by_scale)
        )
    for b in result.baselines:
        row = {"kind": "decoder", "label": decoder_label(b, lang), "status": "ok"}
        rows.append(
            row | {"seconds_per_signal": b.seconds_per_signal} | _errors(b.rms_rel_error, b.rms_rel_error_by_scale)
        )
    return [{column: row.get(column) for column in COLUMNS} for row in rows]


def results_csv(result: RunResult, lang: str = "en") -> str:
    """The results table as CSV text, named in `lang`."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(results_rows(result, lang))
    return out.getvalue()


def _errors(rms: float | None, by_scale: dict[str, float] | None) -> dict[str, Any]:
    """The overall, worst and per-scale errors of one row."""
    worst = max(by_scale.values()) if by_scale else None
    return {"rms_rel_error": rms, "worst_rel_error": worst} | {
        f"error_at_scale_{k}": (by_scale or {}).get(k) for k in SCALE_KEYS
    }
