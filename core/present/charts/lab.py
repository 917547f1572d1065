"""Plotly figures built from plain results; no Streamlit here, so they test and export alike."""

from __future__ import annotations

import math
from collections.abc import Sequence

import plotly.graph_objects as go

from core.config import SCALE_KEYS, TEST_SCALES
from core.experiments.results import BaselineResult, ModelResult, RunResult
from core.i18n import DEFAULT_LANG, t

# One colour per depth, kept across every chart of a run (colour-blind safe: Okabe–Ito).
DEPTH_COLOURS = {1: "#D55E00", 2: "#0072B2", 3: "#009E73", 4: "#CC79A7"}
FLOOR_COLOUR = "#555555"
BASELINE_STYLES = {"bp": ("#000000", "dot"), "omp": ("#E69F00", "dashdot"), "lasso": ("#56B4E9", "dash")}


HAND_BUILT_COLOUR = "#882255"
UNROLLED_COLOUR = "#117733"
ERROR_FLOOR = 1e-7  # log axes cannot show 0: smaller errors are drawn at this value (said in the axis title)


def model_label(model: ModelResult, lang: str = DEFAULT_LANG) -> str:
    """A model's name in the reader's language."""
    if model.kind == "hand-built":
        return t("model.hand_built", lang)
    if model.kind == "unrolled":
        return t("model.unrolled", lang, steps=model.steps)
    label = t("model.depth1", lang) if model.depth == 1 else t("model.depthN", lang, depth=model.depth)
    return t("model.with_bias", lang, label=label) if model.bias else label


def decoder_label(baseline: BaselineResult, lang: str = DEFAULT_LANG) -> str:
    """A classical decoder's name in the reader's language."""
    return t(f"decoder.{baseline.name}", lang)


def colour(model: ModelResult) -> str:
    if model.kind == "hand-built":
        return HAND_BUILT_COLOUR
    if model.kind == "unrolled":
        return UNROLLED_COLOUR
    return DEPTH_COLOURS.get(model.depth, "#333333")


def _layout(fig: go.Figure, *, title: str, x: str, y: str, height: int = 380) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.0, "xanchor": "left"},
        xaxis_title=x,
        yaxis_title=y,
        height=height,
        margin={"l": 70, "r": 20, "t": 50, "b": 40},
        legend={"orientation": "h", "yanchor": "top", "y": -0.22, "xanchor": "left", "x": 0.0},
        template="plotly_white",
        font={"family": "Noto Sans, Noto Sans CJK JP, sans-serif", "size": 14},
    )
    return fig


def training_band(fig: go.Figure, lo: float, hi: float, lang: str) -> None:
    """Shade the training scales on a log x-axis, labelled under the band's middle.

    The label is its own annotation at log10 of the geometric middle: an annotation's x on a log axis is in log10
    units, so add_vrect's own label (placed from x0, x1 as if linear) landed at scale 3–18, right of the band."""
    fig.add_vrect(x0=lo, x1=hi, fillcolor="#999999", opacity=0.15, line_width=0)
    fig.add_annotation(x=math.log10(math.sqrt(lo * hi)), y=0, xref="x", yref="paper", yanchor="bottom",
                       text=t("chart.training_scales", lang), showarrow=False)  # fmt: skip


def error_vs_scale(result: RunResult, lang: str = DEFAULT_LANG) -> go.Figure:
    """RMS relative error (log y) against the test scale (log x), the floor as a labelled line."""
    fig = go.Figure()
    training_band(fig, *result.config.train_scales, lang)
    hover = t("chart.hover", lang)
    for model in result.models:
        if model.rms_rel_error_by_scale is None:
            continue
        label = model_label(model, lang)
        errors = [max(model.rms_rel_error_by_scale[k], ERROR_FLOOR) for k in SCALE_KEYS]  # log axis: no zeros
        fig.add_trace(
            go.Scatter(
                x=list(TEST_SCALES),
                y=errors,
                mode="lines+markers",
                name=label,
                line={"color": colour(model), "width": 3},
                marker={"size": 9},
                hovertemplate=f"{hover}<extra>{label}</extra>",
            )
        )
    for b in result.baselines:
        line_colour, dash = BASELINE_STYLES.get(b.name, ("#777777", "dot"))
        label = decoder_label(b, lang)
        fig.add_trace(
            go.Scatter(
                x=list(TEST_SCALES),
                y=[max(b.rms_rel_error_by_scale[k], ERROR_FLOOR) for k in SCALE_KEYS],
                mode="lines+markers",
                name=label,
                line={"color": line_colour, "width": 2, "dash": dash},
                marker={"size": 6, "symbol": "x"},
                hovertemplate=f"{hover}<extra>{label}</extra>",
            )
        )
    if result.one_layer_floor is not None:
        fig.add_hline(
            y=result.one_layer_floor,
            line={"color": FLOOR_COLOUR, "dash": "dash", "width": 2},
            annotation_text=t("chart.floor", lang, floor=result.one_layer_floor),
            annotation_position="bottom right",
        )
    fig.update_xaxes(type="log", range=[-3.3, 3.3], tickvals=list(TEST_SCALES), ticktext=list(SCALE_KEYS))
    fig.update_yaxes(type="log", exponentformat="power")
    return _layout(
        fig,
        height=520,
        title=t("chart.error_title", lang),
        x=t("chart.error_x", lang),
        y=t("chart.error_y", lang),
    )


def loss_curves(curves: Sequence[tuple[str, str, Sequence[tuple[int, float]]]], lang: str = DEFAULT_LANG) -> go.Figure:
    """Training loss (log y) per model; curves are (label, colour, [(step, loss), ...])."""
    fig = go.Figure()
    for label, line_colour, points in curves:
        if not points:
            continue
        steps, losses = zip(*points)
        fig.add_trace(
            go.Scatter(
                x=steps, y=[max(v, 1e-12) for v in losses], mode="lines", name=label, line={"color": line_colour}
            )
        )
    fig.update_yaxes(type="log", exponentformat="power")
    return _layout(
        fig, title=t("chart.loss_title", lang), x=t("chart.loss_x", lang), y=t("chart.loss_y", lang), height=360
    )


def example_signal(result: RunResult, scale_key: str, lang: str = DEFAULT_LANG) -> go.Figure:
    """One test signal: true entries as bars, each model's reconstruction (÷ scale) as markers."""
    fig = go.Figure()
    index = list(range(len(result.example_true)))
    fig.add_trace(go.Bar(x=index, y=result.example_true, name=t("chart.true_signal", lang), marker_color="#BBBBBB"))
    symbols = ["circle", "diamond", "square", "x"]
    for i, model in enumerate(result.models):
        if model.example is None:
            continue
        fig.add_trace(
            go.Scatter(
                x=index,
                y=model.example[scale_key],
                mode="markers",
                name=model_label(model, lang),
                marker={"color": colour(model), "size": 10, "symbol": symbols[i % len(symbols)]},
            )
        )
    return _layout(
        fig,
        title=t("chart.example_title", lang, scale=scale_key),
        x=t("chart.example_x", lang),
        y=t("chart.example_y", lang),
        height=420,
    )
