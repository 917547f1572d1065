"""A run as JSON for people and scripts: the result's numbers and codes, plus its names and notes worded in one
language (the CLI writes English; the Lab's download uses the reader's language)."""

from __future__ import annotations

from typing import Any

from core.experiments.results import RunResult
from core.i18n import DEFAULT_LANG
from core.present.labels import decoder_label, model_label


def run_json(result: RunResult, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """result.to_json() with each model's "label" and "message" and each decoder's "label" in `lang`."""
    data = result.to_json()
    for entry, model in zip(data["models"], result.models):
        entry["label"] = model_label(model, lang)
        entry["message"] = model.note.words(lang) if model.note else ""
    for entry, decoder in zip(data["baselines"], result.baselines):
        entry["label"] = decoder_label(decoder, lang)
    data["results_version"] = result.results_version
    return data
