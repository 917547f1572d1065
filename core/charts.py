"""Plotly figures built from plain results; no Streamlit here, so they test and export alike."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from .config import SCALE_KEYS, TEST_SCALES
from .run import ModelResult, RunResult

# One colour per depth, kept across every chart of a run (colour-blind safe: Okabe–Ito).
DEPTH_COLOURS = {1: "#D55E00", 2: "#0072B2", 3: "#009E73", 4: "#CC79A7"}
FLOOR_COLOUR = "#555555"
BASELINE_STYLES = {"bp": ("#000000", "dot"), "omp": ("#E69F00", "dashdot"), "lasso": ("#56B4E9", "dash")}


HAND_BUILT_COLOUR = "#882255"
ERROR_FLOOR = 1e-7  # log axes cannot show 0: smaller errors are drawn at this value (said in the axis title)


def colour(model: ModelResult) -> str:
    if model.kind == "hand-built":
        return HAND_BUILT_COLOUR
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


def error_vs_scale(result: RunResult) -> go.Figure:
    """RMS relative error (log y) against the test scale (log x), the floor as a labelled line."""
    fig = go.Figure()
    lo, hi = result.config.train_scales
    fig.add_vrect(
        x0=lo,
        x1=hi,
        fillcolor="#999999",
        opacity=0.15,
        line_width=0,
        annotation_text="training scales",
        annotation_position="top left",
    )
    for model in result.models:
        if model.rms_rel_error_by_scale is None:
            continue
        errors = [max(model.rms_rel_error_by_scale[k], ERROR_FLOOR) for k in SCALE_KEYS]  # log axis: no zeros
        fig.add_trace(
            go.Scatter(
                x=list(TEST_SCALES),
                y=errors,
                mode="lines+markers",
                name=model.label,
                line={"color": colour(model), "width": 3},
                marker={"size": 9},
                hovertemplate="scale %{x:g}<br>error %{y:.3g}<extra>" + model.label + "</extra>",
            )
        )
    for b in result.baselines:
        line_colour, dash = BASELINE_STYLES.get(b.name, ("#777777", "dot"))
        fig.add_trace(
            go.Scatter(
                x=list(TEST_SCALES),
                y=[max(b.rms_rel_error_by_scale[k], ERROR_FLOOR) for k in SCALE_KEYS],
                mode="lines+markers",
                name=b.label,
                line={"color": line_colour, "width": 2, "dash": dash},
                marker={"size": 6, "symbol": "x"},
                hovertemplate="scale %{x:g}<br>error %{y:.3g}<extra>" + b.label + "</extra>",
            )
        )
    if result.one_layer_floor is not None:
        fig.add_hline(
            y=result.one_layer_floor,
            line={"color": FLOOR_COLOUR, "dash": "dash", "width": 2},
            annotation_text=f"one-layer floor √(1 − m/n) = {result.one_layer_floor:.3f}",
            annotation_position="bottom right",
        )
    fig.update_xaxes(type="log", range=[-3.3, 3.3], tickvals=list(TEST_SCALES), ticktext=list(SCALE_KEYS))
    fig.update_yaxes(type="log", exponentformat="power")
    return _layout(
        fig,
        height=520,
        title="Error at every signal scale (training used only the shaded band)",
        x="test signal scale λ (× training scale, log)",
        y="RMS relative error (log; < 1e-7 drawn at 1e-7)",
    )


def loss_curves(curves: Sequence[tuple[str, str, Sequence[tuple[int, float]]]]) -> go.Figure:
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
    return _layout(fig, title="Training loss", x="training step", y="relative squared error (log)", height=360)


def example_signal(result: RunResult, scale_key: str) -> go.Figure:
    """One test signal: true entries as bars, each model's reconstruction (÷ scale) as markers."""
    fig = go.Figure()
    index = list(range(len(result.example_true)))
    fig.add_trace(go.Bar(x=index, y=result.example_true, name="true signal", marker_color="#BBBBBB"))
    symbols = ["circle", "diamond", "square", "x"]
    for i, model in enumerate(result.models):
        if model.example is None:
            continue
        fig.add_trace(
            go.Scatter(
                x=index,
                y=model.example[scale_key],
                mode="markers",
                name=model.label,
                marker={"color": colour(model), "size": 10, "symbol": symbols[i % len(symbols)]},
            )
        )
    return _layout(
        fig,
        title=f"An example signal at scale {scale_key}, true vs reconstructed (shown ÷ {scale_key})",
        x="signal entry (index)",
        y="amplitude ÷ scale",
        height=420,
    )
