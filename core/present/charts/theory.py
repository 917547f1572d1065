"""Figures for the Theory page, built from core.experiments.theory's plain results (no Streamlit here)."""

from __future__ import annotations

import plotly.graph_objects as go

from core.config import SCALE_KEYS, TEST_SCALES
from core.experiments.theory import NoiseStudy, OddPartStudy, ScaleStudy, SignStudy
from core.i18n import t
from core.present.charts.style import (
    ERROR_FLOOR,
    ERROR_RANGE,
    clip_error,
    error_axis_title,
    layout,
    training_band,
)
from core.present.labels import DEPTH_COLOURS, FLOOR_COLOUR

NET_COLOURS = {"bias-free": DEPTH_COLOURS[2], "with bias": "#D55E00"}
CURVES = {  # curve key → (message key, colour, dash)
    "bias-free": ("theory.net.bias-free", DEPTH_COLOURS[2], "solid"),
    "with bias": ("theory.net.with bias", "#D55E00", "solid"),
    "bp": ("decoder.bp", "#000000", "dot"),
    "lasso": ("decoder.lasso", "#56B4E9", "dash"),
    "depth1": ("model.depth1", DEPTH_COLOURS[1], "solid"),
    "depth2": ("theory.net.depth2", DEPTH_COLOURS[2], "solid"),
}


def scaled_outputs(study: ScaleStudy, index: int, lang: str) -> go.Figure:
    """f(λy)/λ against f(y), entry by entry, for both nets at LAMBDAS[index]."""
    fig = go.Figure()
    for name, colour in NET_COLOURS.items():
        label = t(f"theory.net.{name}", lang)
        entries = list(range(len(study.output_at_1[name])))
        fig.add_trace(
            go.Scatter(x=entries, y=study.output_at_1[name], mode="lines", name=f"{label}: f(y)",
                       line={"color": colour, "width": 2})
        )  # fmt: skip
        fig.add_trace(
            go.Scatter(x=entries, y=study.scaled_output[name][index], mode="markers", name=f"{label}: f(λy)/λ",
                       marker={"color": colour, "size": 9, "symbol": "circle-open", "line": {"width": 2}})
        )  # fmt: skip
    title = t("theory.chart.scaled_title", lang, lam=f"{study.lambdas[index]:g}")
    return layout(fig, title=title, x=t("theory.chart.output_x", lang), y="f(λy) ÷ λ", height=420)


def homogeneity_gap(study: ScaleStudy, lang: str) -> go.Figure:
    """‖f(λy) − λf(y)‖ / ‖λf(y)‖ against λ (log–log)."""
    fig = go.Figure()
    for name, colour in NET_COLOURS.items():
        fig.add_trace(
            go.Scatter(x=list(study.lambdas), y=[max(g, ERROR_FLOOR) for g in study.gap[name]],
                       mode="lines+markers", name=t(f"theory.net.{name}", lang), line={"color": colour, "width": 3})
        )  # fmt: skip
    fig.update_xaxes(type="log")
    fig.update_yaxes(type="log", exponentformat="power")
    return layout(fig, title=t("theory.chart.gap_title", lang), x="λ (log)", y=t("theory.chart.gap_y", lang),
                   height=360)  # fmt: skip


def error_vs_scale(curves: dict[str, dict[str, float]], lang: str) -> go.Figure:
    """RMS relative error against test scale for nets and classical decoders."""
    fig = go.Figure()
    for key, by_scale in curves.items():
        label_key, colour, dash = CURVES[key]
        fig.add_trace(
            go.Scatter(x=list(TEST_SCALES), y=[clip_error(by_scale[k]) for k in SCALE_KEYS],
                       mode="lines+markers", name=t(label_key, lang), line={"color": colour, "dash": dash, "width": 3})
        )  # fmt: skip
    training_band(fig, 0.5, 2.0, lang)
    fig.update_xaxes(type="log", tickvals=list(TEST_SCALES), ticktext=list(SCALE_KEYS))
    fig.update_yaxes(type="log", exponentformat="power", range=ERROR_RANGE)
    return layout(fig, title=t("theory.chart.scale_title", lang), x=t("chart.error_x", lang),
                   y=error_axis_title(lang), height=460)  # fmt: skip


def odd_part(study: OddPartStudy, lang: str) -> go.Figure:
    """Scatter of f(y) − f(−y) against W2·W1·y: every point on the diagonal."""
    lo, hi = min(study.linear_part), max(study.linear_part)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[lo, hi], y=[lo, hi], mode="lines", name=t("theory.chart.diagonal", lang),
                             line={"color": FLOOR_COLOUR}))  # fmt: skip
    fig.add_trace(
        go.Scatter(x=study.linear_part, y=study.odd_part, mode="markers", name=t("theory.chart.entries", lang),
                   marker={"color": DEPTH_COLOURS[1], "size": 5, "opacity": 0.6})
    )  # fmt: skip
    return layout(fig, title=t("theory.chart.odd_title", lang), x="W₂·W₁·y", y="f(y) − f(−y)")


def sign_bars(study: SignStudy, lang: str) -> go.Figure:
    """Grouped bars: error of depth 1 and 2 on signed vs nonnegative signals, with the signed floor."""
    fig = go.Figure()
    signals = list(study.errors)
    for depth in (1, 2):
        values = [study.errors[sig][depth] for sig in signals]
        fig.add_trace(
            go.Bar(x=[t(f"signal.{sig}", lang) for sig in signals], y=values,
                   name=t("model.depth1", lang) if depth == 1 else t("model.depthN", lang, depth=depth),
                   marker_color=DEPTH_COLOURS[depth], text=[f"{v:.3f}" for v in values], textposition="outside")
        )  # fmt: skip
    fig.add_hline(y=study.signed_floor, line={"dash": "dash", "color": FLOOR_COLOUR},
                  annotation_text=t("theory.chart.signed_floor", lang, floor=study.signed_floor))  # fmt: skip
    fig.update_layout(barmode="group")
    return layout(fig, title=t("theory.chart.sign_title", lang), x=t("ctl.signal", lang),
                   y=t("lab.card_error", lang))  # fmt: skip


def noise_curves(study: NoiseStudy, lang: str) -> go.Figure:
    """Error against the relative noise level, with the noise-free one-layer floor."""
    fig = go.Figure()
    for key, errors in study.errors.items():
        label_key, colour, _ = CURVES[key]
        name = t("theory.chart.bp_noisy", lang) if key == "bp" else t(label_key, lang)
        fig.add_trace(go.Scatter(x=list(study.levels), y=errors, mode="lines+markers", name=name,
                                 line={"color": colour, "width": 3}))  # fmt: skip
    # below the line: the one-layer curve rises above it with the noise, and its label sat on that curve
    fig.add_hline(y=study.floor, line={"dash": "dash", "color": FLOOR_COLOUR}, annotation_position="bottom right",
                  annotation_text=t("theory.chart.noise_floor", lang, floor=study.floor))  # fmt: skip
    return layout(fig, title=t("theory.chart.noise_title", lang), x=t("theory.chart.noise_x", lang),
                   y=t("lab.card_error", lang))  # fmt: skip
