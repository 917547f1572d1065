"""How the Lab draws a run: live progress while training, then cards, charts and exports."""

from __future__ import annotations

import json
import time

import pandas as pd
import streamlit as st

from core import charts
from core.config import SCALE_KEYS, Config
from core.run import ModelResult, RunResult

from . import runner

LIVE_REDRAW_SECONDS = 1.0  # redraw the live chart at most this often: drawing costs more than a step


def pct(value: float | None) -> str:
    """An error as a percentage a manager reads at a glance."""
    if value is None:
        return "–"
    if value < 1e-4:
        return "< 0.01 %"
    return f"{100 * value:.1f} %" if value >= 0.1 else f"{100 * value:.2g} %"


def train_with_progress(cfg: Config) -> RunResult:
    """Run for real, with a progress bar and live loss curves; replay instantly from the cache."""
    cached = runner.cached_result(cfg)
    if cached is not None:
        st.toast("Same settings and seed as an earlier run: replayed from the cache.")
        return cached
    bar = st.progress(0.0, text="Starting…")
    live = st.empty()
    curves: dict[int, list[tuple[int, float]]] = {k: [] for k in range(len(cfg.depths))}
    last_draw = [0.0]

    def on_progress(k: int, step: int, loss: float, elapsed: float) -> None:
        curves[k].append((step, loss))
        now = time.perf_counter()
        if now - last_draw[0] < LIVE_REDRAW_SECONDS and step < cfg.steps:
            return
        last_draw[0] = now
        within = max(step / cfg.steps, elapsed / cfg.max_seconds)
        done = (k + min(within, 1.0)) / len(cfg.depths)
        depth = cfg.depths[k]
        bar.progress(done, text=f"Training the {depth}-hidden-layer net: step {step} of {cfg.steps}, {elapsed:.1f} s")
        series = [
            (f"{cfg.depths[i]} hidden layer(s)", charts.DEPTH_COLOURS[cfg.depths[i]], pts[:: max(1, len(pts) // 300)])
            for i, pts in curves.items()
        ]
        live.plotly_chart(charts.loss_curves(series), key=f"live_{k}_{step}")

    def on_stage(stage: str) -> None:
        bar.progress(1.0, text=stage)

    result = runner.run_and_cache(cfg, on_progress, on_stage)
    bar.empty()
    live.empty()
    return result


def headline(result: RunResult) -> str:
    """One or two sentences from the measured numbers."""
    parts = []
    floor = result.one_layer_floor
    for model in result.models:
        if model.status == "not_applicable":
            continue
        if model.rms_rel_error is None:
            parts.append(f"**{model.label}**: training diverged.")
            continue
        worst = max(model.rms_rel_error_by_scale.values())
        text = f"**{model.label}**: {pct(model.rms_rel_error)} error"
        if model.depth == 1 and floor is not None:
            where = "on" if model.rms_rel_error <= floor + 0.02 else "above"
            text += f", {where} the floor of {pct(floor)} that no one-layer net of any width can beat"
        text += f" (worst over scales 0.001–1000: {pct(worst)})."
        parts.append(text)
    return " ".join(parts)


def model_card(model: ModelResult, floor: float | None) -> None:
    """One model's KPI card: error next to size and training time."""
    with st.container(border=True):
        st.markdown(f"#### {model.label}")
        if model.status == "not_applicable":
            st.info(model.message, icon=":material/info:")
            return
        delta = None
        if model.depth == 1 and floor is not None and model.rms_rel_error is not None:
            delta = f"{100 * (model.rms_rel_error - floor):+.2f} pts vs floor"
        st.metric("RMS relative error", pct(model.rms_rel_error), delta=delta, delta_color="off")
        worst = max(model.rms_rel_error_by_scale.values()) if model.rms_rel_error_by_scale else None
        st.metric("Worst error over scales 0.001–1000", pct(worst))
        c1, c2 = st.columns(2)
        c1.metric("Parameters", f"{model.params:,}")
        if model.kind == "hand-built":
            c2.metric(
                "Training time",
                "none",
                help="Weights computed from A: layer 1 measures the signal's scale, layer 2 thresholds relative to it.",
            )
        else:
            c2.metric("Training time", f"{model.train_seconds:.1f} s", help=f"{model.steps_done} steps")
        if model.status == "diverged":
            st.warning(model.message, icon=":material/warning:")
        elif model.status == "time_budget":
            st.info(model.message, icon=":material/timer:")


def baseline_cards(result: RunResult) -> None:
    """The classical decoders' numbers, the reference the networks are measured against."""
    if not result.baselines:
        return
    st.markdown("**Classical decoders on the same signals** (not networks; no training)")
    for col, b in zip(st.columns(len(result.baselines)), result.baselines):
        worst = max(b.rms_rel_error_by_scale.values())
        col.metric(
            b.label,
            pct(b.rms_rel_error),
            help=f"{1000 * b.seconds_per_signal:.2f} ms per signal on this server"
            + ("" if b.homogeneous else "; not scale-invariant"),
        )
        col.caption(f"worst over scales 0.001–1000: {pct(worst)}")


def results_table(result: RunResult) -> pd.DataFrame:
    """Per model: the headline numbers and the error at each test scale."""
    rows = []
    for m in result.models:
        row = {
            "model": m.label,
            "params": m.params,
            "train_seconds": round(m.train_seconds, 2),
            "steps": m.steps_done,
            "status": m.status,
            "rms_rel_error": m.rms_rel_error,
            "homogeneity_error": m.homogeneity_error,
        }
        for key in SCALE_KEYS:
            row[f"error_at_scale_{key}"] = (m.rms_rel_error_by_scale or {}).get(key)
        rows.append(row)
    for b in result.baselines:
        row = {"model": b.label, "seconds_per_signal": b.seconds_per_signal, "rms_rel_error": b.rms_rel_error}
        row |= {f"error_at_scale_{k}": v for k, v in b.rms_rel_error_by_scale.items()}
        rows.append(row)
    return pd.DataFrame(rows)


def show(result: RunResult) -> None:
    """Everything about a finished run, headline first."""
    st.markdown(headline(result))
    cols = st.columns(len(result.models))
    for col, model in zip(cols, result.models):
        with col:
            model_card(model, result.one_layer_floor)
    baseline_cards(result)
    st.plotly_chart(charts.error_vs_scale(result), key="error_vs_scale")
    if result.one_layer_floor is None:
        st.caption(
            "No floor is drawn: the one-layer floor is proven only for bias-free ReLU-family networks on signed "
            "signals."
        )
    scale_key = st.select_slider("Example at scale", options=list(SCALE_KEYS), value="1", key="example_scale")
    st.plotly_chart(charts.example_signal(result, scale_key), key="example")
    with st.expander("Details and downloads"):
        curves = [(m.label, charts.colour(m), m.loss_curve) for m in result.models]
        st.plotly_chart(charts.loss_curves(curves), key="loss_final")
        table = results_table(result)
        st.dataframe(table, hide_index=True)
        st.caption(
            "Homogeneity error: max over λ in [1e-4, 1e4] of ‖f(λy) − λf(y)‖ / ‖λf(y)‖, in float64. "
            f"Trained on {result.torch_threads} CPU thread(s)."
        )
        c1, c2 = st.columns(2)
        c1.download_button(
            "Download results (CSV)", table.to_csv(index=False), "scalelab_results.csv", "text/csv", key="dl_csv"
        )
        c2.download_button(
            "Download results (JSON, as the CLI prints)",
            json.dumps(result.to_json(), indent=2),
            "scalelab_results.json",
            "application/json",
            key="dl_json",
        )
