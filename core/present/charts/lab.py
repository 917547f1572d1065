"""Plotly figures built from plain results; no Streamlit here, so they test and export alike."""

from __future__ import annotations

import html
from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.config import SCALE_KEYS, TEST_SCALES
from core.experiments.results import RunResult
from core.i18n import DEFAULT_LANG, t
from core.present.charts.style import (
    ERROR_RANGE,
    clip_error,
    error_axis_title,
    layout,
    training_band,
)
from core.present.labels import BASELINE_STYLES, FLOOR_COLOUR, colour, dash, decoder_label, model_label


def error_vs_scale(result: RunResult, lang: str = DEFAULT_LANG) -> go.Figure:
    """RMS relative error (log y) against the test scale (log x), the floor as a labelled line."""
    fig = go.Figure()
    training_band(fig, *result.config.train_scales, lang)
    hover = t("chart.hover", lang)
    for model in result.models:
        if model.rms_rel_error_by_scale is None:
            continue
        label = model_label(model, lang)
        errors = [clip_error(model.rms_rel_error_by_scale[k]) for k in SCALE_KEYS]  # log axis: no zeros
        fig.add_trace(
            go.Scatter(
                x=list(TEST_SCALES),
                y=errors,
                mode="lines+markers",
                name=label,
                line={"color": colour(model), "width": 3, "dash": dash(model)},
                marker={"size": 9},
                hovertemplate=f"{hover}<extra>{label}</extra>",
            )
        )
    for b in result.baselines:
        line_colour, style = BASELINE_STYLES.get(b.name, ("#777777", "dot"))
        label = decoder_label(b, lang)
        fig.add_trace(
            go.Scatter(
                x=list(TEST_SCALES),
                y=[clip_error(b.rms_rel_error_by_scale[k]) for k in SCALE_KEYS],
                mode="lines+markers",
                name=label,
                line={"color": line_colour, "width": 2, "dash": style},
                marker={"size": 6, "symbol": "x"},
                hovertemplate=f"{hover}<extra>{label}</extra>",
            )
        )
    # a d×d matrix has d² unknowns: the low-rank floor reads in its own sizes (science.md fact 6)
    floor, key = result.one_layer_floor, "chart.floor_lowrank" if result.config.problem == "lowrank" else "chart.floor"
    if result.even_floor is not None:  # |t| first: this bound holds at every depth (and is the one-layer floor too)
        floor, key = result.even_floor, "chart.even_floor"
    if floor is not None:
        fig.add_hline(
            y=floor,
            line={"color": FLOOR_COLOUR, "dash": "dash", "width": 2},
            annotation_text=t(key, lang, floor=floor),
            annotation_position="bottom right",
        )
    fig.update_xaxes(type="log", range=[-3.3, 3.3], tickvals=list(TEST_SCALES), ticktext=list(SCALE_KEYS))
    fig.update_yaxes(type="log", exponentformat="power", range=ERROR_RANGE)
    return layout(
        fig,
        height=520,
        title=t("chart.error_title", lang),
        x=t("chart.error_x", lang),
        y=error_axis_title(lang),
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
    return layout(
        fig, title=t("chart.loss_title", lang), x=t("chart.loss_x", lang), y=t("chart.loss_y", lang), height=360
    )


def example_signal(
    result: RunResult, scale_key: str, lang: str = DEFAULT_LANG, *, names: Sequence[str] | None = None
) -> go.Figure:
    """One test signal: true entries as bars, each model's reconstruction (÷ scale) as markers.

    `names`: the sources' names from the engineer's matrix file, one per entry, shown on the x axis instead of
    indices; escaped, because Plotly reads tags such as <a href> in tick text (it turns entities back into text).
    """
    fig = go.Figure()
    index: list = list(range(len(result.example_true)))
    named = names is not None and len(names) == len(index) and len(set(names)) == len(names)  # one category each
    named = named and not all(str(name).isdigit() for name in names)  # a headerless file numbers its columns
    if named:
        index = [html.escape(str(name), quote=False) for name in names]
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
    return layout(
        fig,
        title=t("chart.example_title", lang, scale=scale_key),
        x=t("chart.example_x_named" if named else "chart.example_x", lang),
        y=t("chart.example_y", lang),
        height=420,
    )


def problem_preview(x: Sequence[float], y: Sequence[float], lang: str = DEFAULT_LANG) -> go.Figure:
    """Before training: the example signal x (bars, as the results draw it) beside its m measurements y = A·x."""
    n, m = len(x), len(y)
    nonzero = sum(v != 0 for v in x)
    fig = make_subplots(rows=1, cols=2, column_widths=[n, m], horizontal_spacing=0.08,
                        subplot_titles=(t("chart.preview_signal", lang, n=n, s=nonzero),
                                        t("chart.preview_measured", lang, m=m)))  # fmt: skip
    fig.add_trace(go.Bar(x=list(range(n)), y=list(x), marker_color="#BBBBBB", name=t("chart.true_signal", lang)), 1, 1)
    fig.add_trace(go.Bar(x=list(range(m)), y=list(y), marker_color="#4C78A8", name=t("chart.preview_y", lang)), 1, 2)
    fig.update_xaxes(title_text=t("chart.example_x", lang), row=1, col=1)
    fig.update_xaxes(title_text=t("chart.preview_x_measured", lang), row=1, col=2)
    fig = layout(fig, title=t("chart.preview_title", lang), x=t("chart.example_x", lang), y="", height=300)
    fig.update_layout(showlegend=False, margin={"l": 50, "r": 20, "t": 80, "b": 40})
    return fig
