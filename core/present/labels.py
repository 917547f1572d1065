"""One name and one colour for each model kind and classical decoder, used by every page, chart, table and report.

A reader comparing two screens must never wonder whether orange means the same net: the colour of a model comes
from here and nowhere else (Okabe–Ito, colour-blind safe).
"""

from __future__ import annotations

from typing import Protocol

from core.i18n import DEFAULT_LANG, t

DEPTH_COLOURS = {1: "#D55E00", 2: "#0072B2", 3: "#009E73", 4: "#CC79A7"}  # one per number of hidden layers
HAND_BUILT_COLOUR = "#882255"
UNROLLED_COLOUR = "#117733"
NORMALISED_COLOUR = "#999933"  # olive (Tol's muted set, like the two above): unlike every depth and decoder colour
BIASED_COLOUR = "#CC6677"  # rose (Tol's muted set): a net with bias terms, at any depth, drawn dashed as well
BIAS_FREE_IMAGE_COLOUR = "#332288"  # indigo (Tol's muted set): the bias-free denoiser (Images page), unlike any MLP
FLOOR_COLOUR = "#555555"
OTHER_COLOUR = "#333333"
BASELINE_STYLES = {
    "bp": ("#000000", "dot"),
    "bpdn": ("#000000", "longdash"),  # the same ℓ1 family as bp; a run has one or the other, never both
    "omp": ("#E69F00", "dashdot"),
    "lasso": ("#56B4E9", "dash"),
}


class Model(Protocol):
    """What a label needs of a model result (core.experiments.results.ModelResult)."""

    kind: str
    depth: int | None  # hidden layers; None for the unrolled net
    steps: int | None  # ISTA steps of the unrolled net
    bias: bool


class Decoder(Protocol):
    """What a label needs of a classical decoder's result (core.experiments.baselines.BaselineResult)."""

    name: str


def model_label(model: Model, lang: str = DEFAULT_LANG, *, say_bias: bool = True) -> str:
    """A model's name in the reader's language; say_bias=False leaves "(with bias)" out where a sentence says it."""
    if model.kind == "hand-built":
        return t("model.hand_built", lang)
    if model.kind == "unrolled":
        return t("model.unrolled", lang, steps=model.steps)
    if model.kind == "normalised":
        return t("model.normalised", lang)  # says "with bias" itself: the bias is part of what the net is
    label = t("model.depth1", lang) if model.depth == 1 else t("model.depthN", lang, depth=model.depth)
    return t("model.with_bias", lang, label=label) if model.bias and say_bias else label


def decoder_label(decoder: Decoder, lang: str = DEFAULT_LANG) -> str:
    """A classical decoder's name in the reader's language."""
    return t(f"decoder.{decoder.name}", lang)


def colour(model: Model) -> str:
    """The one colour of this model on every chart."""
    if model.kind == "hand-built":
        return HAND_BUILT_COLOUR
    if model.kind == "unrolled":
        return UNROLLED_COLOUR
    if model.kind == "normalised":
        return NORMALISED_COLOUR
    if model.bias:
        return BIASED_COLOUR
    return DEPTH_COLOURS.get(model.depth, OTHER_COLOUR)


def dash(model: Model) -> str:
    """The line style of this model: dashed for a trained net with bias terms (a second cue beside its colour)."""
    return "dash" if model.kind == "trained" and model.bias else "solid"


def colour_of_key(key: str) -> str:
    """The colour of a cost row's model or decoder by its key ("1", "2b", "2h", "1n", "u4", "bp", …), as `colour` and
    BASELINE_STYLES give it: the Cost page draws each model in its Lab colour."""
    if key in BASELINE_STYLES:
        return BASELINE_STYLES[key][0]
    if key == "2h":
        return HAND_BUILT_COLOUR
    if key == "1n":
        return NORMALISED_COLOUR
    if key.startswith("u"):
        return UNROLLED_COLOUR
    if key.endswith("b"):
        return BIASED_COLOUR
    return DEPTH_COLOURS.get(int(key), OTHER_COLOUR) if key.isdigit() else OTHER_COLOUR
