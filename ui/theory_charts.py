"""Figures for the Theory page, built from core.theory's plain results (no Streamlit here)."""

from __future__ import annotations

import plotly.graph_objects as go

from core.charts import DEPTH_COLOURS, ERROR_FLOOR, FLOOR_COLOUR, _layout
from core.config import SCALE_KEYS, TEST_SCALES
from core.theory import NoiseStudy, OddPartStudy, ScaleStudy, SignStudy

NET_COLOURS = {"bias-free": DEPTH_COLOURS[2], "with bias": "#D55E00"}
CURVE_STYLES = {
    "2 hidden layers, bias-free": (DEPTH_COLOURS[2], "solid"),
    "2 hidden layers, with bias": ("#D55E00", "solid"),
    "Basis pursuit (ℓ1, linear program)": ("#000000", "dot"),
    "LASSO, fixed λ": ("#56B4E9", "dash"),
}


def scaled_outputs(study: ScaleStudy, index: int) -> go.Figure:
    """f(λy)/λ against f(y), entry by entry, for both nets at LAMBDAS[index]."""
    lam = study.lambdas[index]
    fig = go.Figure()
    for name, colour in NET_COLOURS.items():
        entries = list(range(len(study.output_at_1[name])))
        fig.add_trace(
            go.Scatter(x=entries, y=study.output_at_1[name], mode="lines", name=f"{name}: f(y)",
                       line={"color": colour, "width": 2})
        )  # fmt: skip
        fig.add_trace(
            go.Scatter(x=entries, y=study.scaled_output[name][index], mode="markers", name=f"{name}: f(λy)/λ",
                       marker={"color": colour, "size": 9, "symbol": "circle-open", "line": {"width": 2}})
        )  # fmt: skip
    return _layout(
        fig,
        title=f"Output for the input scaled by λ = {lam:g}, divided by λ: on the line = scale-invariant",
        x="output entry (index)",
        y="output ÷ λ",
        height=420,
    )


def homogeneity_gap(study: ScaleStudy) -> go.Figure:
    """‖f(λy) − λf(y)‖ / ‖λf(y)‖ against λ (log–log)."""
    fig = go.Figure()
    for name, colour in NET_COLOURS.items():
        fig.add_trace(
            go.Scatter(x=list(study.lambdas), y=[max(g, ERROR_FLOOR) for g in study.gap[name]],
                       mode="lines+markers", name=name, line={"color": colour, "width": 3})
        )  # fmt: skip
    fig.update_xaxes(type="log")
    fig.update_yaxes(type="log", exponentformat="power")
    return _layout(fig, title="How far f(λy) is from λ·f(y)", x="λ (log)", y="relative gap (log)", height=360)


def error_vs_scale(curves: dict[str, dict[str, float]]) -> go.Figure:
    """RMS relative error against test scale for nets and classical decoders."""
    fig = go.Figure()
    for label, by_scale in curves.items():
        colour, dash = CURVE_STYLES.get(label, ("#777777", "dot"))
        fig.add_trace(
            go.Scatter(x=list(TEST_SCALES), y=[max(by_scale[k], ERROR_FLOOR) for k in SCALE_KEYS],
                       mode="lines+markers", name=label, line={"color": colour, "dash": dash, "width": 3})
        )  # fmt: skip
    fig.add_vrect(x0=0.5, x1=2, fillcolor="#999999", opacity=0.15, line_width=0, annotation_text="training scales")
    fig.update_xaxes(type="log", tickvals=list(TEST_SCALES), ticktext=list(SCALE_KEYS))
    fig.update_yaxes(type="log", exponentformat="power")
    return _layout(
        fig,
        title="Error at every test scale",
        x="test signal scale (log)",
        y="RMS relative error (log; < 1e-7 at 1e-7)",
        height=460,
    )


def odd_part(study: OddPartStudy) -> go.Figure:
    """Scatter of f(y) − f(−y) against W2·W1·y: every point on the diagonal."""
    lo, hi = min(study.linear_part), max(study.linear_part)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[lo, hi], y=[lo, hi], mode="lines", name="diagonal", line={"color": FLOOR_COLOUR}))
    fig.add_trace(
        go.Scatter(x=study.linear_part, y=study.odd_part, mode="markers", name="output entries of 40 signals",
                   marker={"color": DEPTH_COLOURS[1], "size": 5, "opacity": 0.6})
    )  # fmt: skip
    return _layout(fig, title="A trained one-layer net's odd part is linear", x="W2·W1·y", y="f(y) − f(−y)")


def sign_bars(study: SignStudy) -> go.Figure:
    """Grouped bars: error of depth 1 and 2 on signed vs nonnegative signals, with the signed floor."""
    fig = go.Figure()
    for depth in (1, 2):
        fig.add_trace(
            go.Bar(x=list(study.errors), y=[study.errors[sig][depth] for sig in study.errors],
                   name=f"{depth} hidden layer{'s' if depth > 1 else ''}", marker_color=DEPTH_COLOURS[depth],
                   text=[f"{study.errors[sig][depth]:.3f}" for sig in study.errors], textposition="outside")
        )  # fmt: skip
    fig.add_hline(y=study.signed_floor, line={"dash": "dash", "color": FLOOR_COLOUR},
                  annotation_text=f"signed floor {study.signed_floor:.3f}")  # fmt: skip
    fig.update_layout(barmode="group")
    return _layout(fig, title="Signed vs nonnegative signals", x="signal amplitudes", y="RMS relative error")


def noise_curves(study: NoiseStudy) -> go.Figure:
    """Error against the relative noise level, with the noise-free one-layer floor."""
    fig = go.Figure()
    colours = [DEPTH_COLOURS[1], DEPTH_COLOURS[2], "#000000"]
    for colour, (label, errors) in zip(colours, study.errors.items()):
        fig.add_trace(
            go.Scatter(x=list(study.levels), y=errors, mode="lines+markers", name=label,
                       line={"color": colour, "width": 3})
        )  # fmt: skip
    fig.add_hline(y=study.floor, line={"dash": "dash", "color": FLOOR_COLOUR},
                  annotation_text=f"one-layer floor without noise {study.floor:.3f}")  # fmt: skip
    return _layout(fig, title="Error against measurement noise", x="relative noise level ‖e‖/‖Ax‖",
                   y="RMS relative error")  # fmt: skip
