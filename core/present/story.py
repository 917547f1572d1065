"""What a one-click scenario's run shows, as registered claims (core/i18n/claims.py) filled with its own numbers.

A scenario's caption used to be typed ("stops at about 71 % error"); now every number in it is this run's, and
the verdict words follow the registry's thresholds, so a caption can never say what its run did not show.
"""

from __future__ import annotations

from collections.abc import Callable

from core.config import SCALE_KEYS
from core.experiments.results import BaselineResult, ModelResult, RunResult, worst_scale
from core.i18n import Note, note
from core.i18n.claims import NEAR_EXACT, floor_verdict
from core.present.format import count, percent
from core.present.labels import decoder_label, model_label


def _trained(result: RunResult, depth: int) -> ModelResult | None:
    """The trained bias-free MLP of this depth, if it has an error (the floor and the paper's claims are about it)."""
    model = result.bias_free(depth)
    return model if model is not None and model.rms_rel_error is not None else None


def _one_layer(result: RunResult) -> list[Note]:
    one, floor = _trained(result, 1), result.one_layer_floor
    if one is None or floor is None:
        return []
    verdict = floor_verdict(one.rms_rel_error, floor)
    key = "scenario.says.one_on_floor" if verdict == "on" else f"scenario.says.one_{verdict}_floor"
    return [note(key, width=one.width, error=percent(one.rms_rel_error), floor=percent(floor))]


def _deep(model: ModelResult | None) -> list[Note]:
    worst = worst_scale(model.rms_rel_error_by_scale) if model else None
    if model is None or worst is None:
        return []
    values = {"error": percent(model.rms_rel_error), "worst": percent(worst[1]), "lo": SCALE_KEYS[0]}
    values["hi"] = SCALE_KEYS[-1]
    key = "scenario.says.two_near_exact" if worst[1] < NEAR_EXACT else "scenario.says.two_error"
    return [note(key, **values)]


def _hand_built(result: RunResult) -> list[Note]:
    hb = next((m for m in result.models if m.kind == "hand-built" and m.rms_rel_error is not None), None)
    return [note("scenario.says.hand_built", error=percent(hb.rms_rel_error), params=count(hb.params))] if hb else []


def _decoder(b: BaselineResult, lang: str) -> Note:
    scale, worst = worst_scale(b.rms_rel_error_by_scale) or ("1", b.rms_rel_error)
    if worst < NEAR_EXACT:
        return note("scenario.says.decoder_flat", decoder=decoder_label(b, lang), worst=percent(worst))
    return note(
        "scenario.says.decoder_not_flat",
        decoder=decoder_label(b, lang),
        error=percent(b.rms_rel_error),
        worst=percent(worst),
        scale=scale,
    )


def _floor(result: RunResult, lang: str) -> list[Note]:
    notes = _one_layer(result)
    return [*notes, note("scenario.says.floor_proven")] if notes else []


def _two_layers(result: RunResult, lang: str) -> list[Note]:
    return _one_layer(result) + _deep(_trained(result, 2)) + _hand_built(result)


def _bias(result: RunResult, lang: str) -> list[Note]:
    biased = next((m for m in result.models if m.bias and m.rms_rel_error is not None), None)
    worst = worst_scale(biased.rms_rel_error_by_scale) if biased else None
    free = _trained(result, 2)
    notes = _deep(free)
    if biased is not None and worst is not None:
        notes.append(
            note("scenario.says.bias", error=percent(biased.rms_rel_error), worst=percent(worst[1]), scale=worst[0])
        )
    return notes + [_decoder(b, lang) for b in result.baselines]


def _noise(result: RunResult, lang: str) -> list[Note]:
    one, two = _trained(result, 1), _trained(result, 2)
    if one is None or two is None or result.one_layer_floor is None:
        return []
    values = {"one": percent(one.rms_rel_error), "two": percent(two.rms_rel_error)}
    return [
        note("scenario.says.noise", noise=percent(result.config.noise), floor=percent(result.one_layer_floor), **values)
    ]


def _nonnegative(result: RunResult, lang: str) -> list[Note]:
    one, two = _trained(result, 1), _trained(result, 2)
    if one is None or two is None:
        return []
    values = {"one": percent(one.rms_rel_error), "two": percent(two.rms_rel_error), "s": result.config.s}
    return [note("scenario.says.nonnegative", **values), note("scenario.says.sign_proven")]


def _model_cost(m: ModelResult, lang: str) -> Note:
    """One model's size, training time and error, as measured in this run."""
    values = {"params": count(m.params), "seconds": f"{m.train_seconds:.1f}", "error": percent(m.rms_rel_error)}
    return note("scenario.says.cost", model=model_label(m, lang), **values)


def _cost(result: RunResult, lang: str) -> list[Note]:
    notes = [_model_cost(m, lang) for m in result.models if m.kind == "trained" and m.rms_rel_error is not None]
    notes += [
        note(
            "scenario.says.cost_decoder",
            decoder=decoder_label(b, lang),
            ms=f"{1000 * b.seconds_per_signal:.2f}",
            error=percent(b.rms_rel_error),
        )
        for b in result.baselines
    ]
    return [*notes, note("scenario.says.to_cost")]


def _depth_or_norm(result: RunResult, lang: str) -> list[Note]:
    normalised = next((m for m in result.models if m.kind == "normalised" and m.rms_rel_error is not None), None)
    notes = _one_layer(result) + _deep(_trained(result, 2))
    worst = worst_scale(normalised.rms_rel_error_by_scale) if normalised else None
    if normalised is not None and worst is not None:
        values = {"error": percent(normalised.rms_rel_error), "worst": percent(worst[1])}
        notes.append(note("scenario.says.normalised", lo=SCALE_KEYS[0], hi=SCALE_KEYS[-1], **values))
    # the manager's real choice is depth or an explicit normalisation: each road with what it cost in this run
    roads = [m for m in (_trained(result, 2), normalised) if m is not None]
    return [*notes, note("scenario.says.class"), *(_model_cost(m, lang) for m in roads)]


STORIES: dict[str, Callable[[RunResult, str], list[Note]]] = {
    "floor": _floor,
    "two_layers": _two_layers,
    "bias": _bias,
    "noise": _noise,
    "nonnegative": _nonnegative,
    "cost": _cost,
    "depth_or_norm": _depth_or_norm,
}


def story(name: str, result: RunResult, lang: str) -> list[Note]:
    """The claims scenario `name`'s run supports, in reading order, filled with its numbers (formatted) and its
    models' and decoders' names in `lang`; `Note.words(lang)` gives each sentence."""
    return STORIES[name](result, lang)
