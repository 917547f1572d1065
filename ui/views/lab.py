"""How the Lab draws a run: live progress while training, then cards, charts and exports."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from functools import partial
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
import torch

from core.config import SCALE_KEYS, Config
from core.experiments.results import RESULTS_VERSION, ModelResult, RunResult
from core.experiments.run import plan, preview
from core.i18n import Note
from core.i18n.claims import floor_verdict, quality
from core.present.charts import lab as charts
from core.present.csvfile import frame_csv
from core.present.export import run_json
from core.present.format import percent
from core.present.labels import (
    BIASED_COLOUR,
    DEPTH_COLOURS,
    NORMALISED_COLOUR,
    UNROLLED_COLOUR,
    colour,
    decoder_label,
    model_label,
)
from core.present.tables import results_rows
from core.runtime import budget, flights, hosting, processes, slots
from ui import store
from ui.frame import chart, depth_labeller, lang, shared_chart, show_table, tr
from ui.views import cost as cost_view

LIVE_REDRAW_SECONDS = 1.0  # redraw the live chart at most this often: drawing costs more than a step


def train_with_progress(cfg: Config, *, A: torch.Tensor | None = None, older: bool = False) -> RunResult:
    """Run for real, with a progress bar and live loss curves; replay instantly from the store (older=True: a link,
    which also replays numbers an older results version made).

    With the engineer's own A nothing is cached: the shared cache must never hold one session's data.
    """
    cached = store.cached_result(cfg, older=older) if A is None else None
    if cached is not None:
        st.toast(tr("lab.replayed"))
        return cached
    cards = st.empty()  # each model's card as soon as it is judged: the one-layer net's first, while others train
    bar = st.progress(0.0, text=tr("lab.starting"))
    said = st.empty()
    live = st.empty()
    trained = _trained_labels(cfg)  # (label, colour) per model that trains, in the order run() trains them
    curves: dict[int, list[tuple[int, float]]] = {k: [] for k in range(len(trained))}
    within = [0.0] * len(trained)  # each training's share done: two may train at once, one per core
    last_draw = [0.0]
    # the loss chart from the first redraw on, not at the first step: its first draw costs the browser more than the
    # default comparison's first second of training (measured in Chromium on the same 2 cores: results 0.3–0.6 s
    # sooner without it); the bar and its text show the training from the first step
    chart_from = time.perf_counter() + LIVE_REDRAW_SECONDS
    following: list[flights.Flight | None] = []

    def on_progress(k: int, step: int, loss: float, elapsed: float) -> None:
        k = min(k, len(trained) - 1)
        curves.setdefault(k, []).append((step, loss))
        within[k] = min(max(step / cfg.steps, elapsed / cfg.max_seconds), 1.0)
        now = time.perf_counter()
        if now - last_draw[0] < LIVE_REDRAW_SECONDS and step < cfg.steps:
            return
        # N sessions watching one training (a shared link) share the server's drawing: each redraws every N seconds
        if now - last_draw[0] < LIVE_REDRAW_SECONDS * store.watching(cfg) and step < cfg.steps:
            return
        last_draw[0] = now
        behind = min(range(len(trained)), key=lambda i: (within[i] >= 1.0, within[i]))  # the slowest still training
        label, shown = trained[behind][0], curves.get(behind) or [(step, loss)]
        text = tr("lab.progress", model=label, step=shown[-1][0], steps=cfg.steps, seconds=elapsed)
        bar.progress(sum(within) / len(trained), text=text)
        if A is None and not following:  # the training this session follows (it may end before the last draw)
            following.append(store.training(cfg))
        if now < chart_from and step < cfg.steps:
            return
        series = [(trained[i][0], trained[i][1], pts[:: max(1, len(pts) // 300)]) for i, pts in curves.items()]
        build = partial(charts.loss_curves, series, lang())
        with live.container():
            if not following or following[0] is None:  # the session's own matrix: its training is its alone
                chart(build(), key=f"live_{k}_{step}")
            else:  # the sessions of a shared link see the same curves at the same step: built once for all of them
                shared_chart(following[0], build, f"live_{k}_{step}", lang())

    def on_stage(stage: Note) -> None:
        if stage.key == "note.stage.one_core":  # stays on screen while the run trains: the server said no to two cores
            said.caption(stage.words(lang()))
            return
        # the decoders may run beside a model still training (two processes): the bar keeps the trainings' share
        bar.progress(0.0 if stage.key == "note.stage.waiting_slot" else sum(within) / len(trained),
                     text=stage.words(lang()))  # fmt: skip

    def on_model(part: str, model: ModelResult, so_far: RunResult) -> None:
        with cards.container():
            for col, done in zip(st.columns(sum(p != "baselines" for p in plan(cfg))), so_far.models):
                with col:
                    model_card(done, so_far.floor_for(done))

    try:
        result = store.run_and_cache(cfg, on_progress, on_stage, on_model, A=A, owner=store.client())
    except flights.Full as full:  # the server's queue, or this address's share of it
        bar.empty()
        st.warning(tr(f"lab.full.{full.code}"), icon=":material/hourglass_top:")
        st.stop()
    except slots.BusyError:
        bar.empty()
        st.warning(tr("lab.busy"), icon=":material/hourglass_top:")
        st.stop()
    except processes.TrainingProcessError as exc:  # e.g. the process was killed for memory: say so, keep the page
        bar.empty()
        st.error(tr("lab.process_failed", detail=str(exc)), icon=":material/error:")
        st.stop()
    bar.empty()
    live.empty()
    cards.empty()
    said.empty()
    return result


@st.cache_data(max_entries=64, show_spinner=False)
def _preview(cfg: Config) -> tuple[list[float], list[float]]:
    """core preview numbers, once per config for every session (a few ms; sessions rerun the page often)."""
    return preview(cfg)


def problem_preview(cfg: Config) -> None:
    """Before Train: the signal the results will show and what is measured of it. It also has the browser load its
    chart code while nothing trains: a page's first chart costs Chromium about a second of work, and drawn during a
    training (the live loss chart) it held back the first model's card — in about half the runs on 2 shared cores
    the card showed at ~2.4 s instead of 1.2–1.5 s (measured, 16 runs; with this chart drawn first, 10 of 10 at
    1.2–1.5 s, and the results at 2.1–2.4 s instead of 2.4–2.9 s)."""
    x, y = _preview(cfg)
    chart(charts.problem_preview(x, y, lang()), key="preview")


def link_may_train(cfg: Config) -> bool:
    """Whether a link (run=1) may start this run by itself: its numbers are stored, or its estimated cost is within
    the auto-run budget. Otherwise say what it would cost; the settings and the Train button are on the page."""
    if store.cached_result(cfg, older=True) is not None:
        return True
    cost, limit = store.estimate(cfg), budget.auto_run_seconds()
    if cost.total <= limit:
        return True
    st.info(
        tr("lab.over_budget", seconds=cost.total, training=sum(cost.training), decoders=cost.decoders, limit=limit),
        icon=":material/timer:",
    )
    return False


def _trained_labels(cfg: Config) -> list[tuple[str, str]]:
    """Label and colour of every model that trains, in run()'s order: the depths, the biased depths, the normalised net,
    the unrolled net (the hand-built net does not train)."""
    label = depth_labeller()
    out = [(label(d), BIASED_COLOUR if cfg.bias else DEPTH_COLOURS[d]) for d in cfg.depths]
    out += [(tr("model.with_bias", label=label(d)), BIASED_COLOUR) for d in cfg.biased]
    if cfg.normalised:
        out.append((tr("model.normalised"), NORMALISED_COLOUR))
    if cfg.unrolled:
        out.append((tr("model.unrolled", steps=cfg.unrolled), UNROLLED_COLOUR))
    return out or [("", "#333333")]


def headline(result: RunResult) -> str:
    """One or two sentences from the measured numbers."""
    parts = []
    floor = result.one_layer_floor
    for model in result.models:
        name = model_label(model, lang())
        if model.status == "not_applicable":
            continue
        if model.rms_rel_error is None:
            parts.append(f"**{name}**: {tr('lab.diverged')}")
            continue
        worst = max(model.rms_rel_error_by_scale.values())
        text = f"**{name}**: {tr('lab.headline_error', pct=percent(model.rms_rel_error))}"
        if model.depth == 1 and model.kind == "trained" and floor is not None:
            text += tr(f"lab.headline_{floor_verdict(model.rms_rel_error, floor)}_floor", floor=percent(floor))
        text += tr("lab.headline_worst", worst=percent(worst), lo=SCALE_KEYS[0], hi=SCALE_KEYS[-1])
        parts.append(text)
    return " ".join(parts)


def model_card(model: ModelResult, floor: float | None, cost_line: str | None = None) -> None:
    """One model's KPI card: error next to size and training time."""
    with st.container(border=True):
        st.markdown(f"#### {model_label(model, lang())}")
        if model.status == "not_applicable":
            st.info(model.note.words(lang()) if model.note else "", icon=":material/info:")
            return
        delta = None
        # floor: RunResult.floor_for(model), the paper's class only (none for normalised, hand-built, unrolled nets)
        if floor is not None and model.rms_rel_error is not None:
            # the floor bounds the expectation: a measured value can sit below it by sampling, so show both, no arrow
            delta = tr("lab.card_vs_floor", floor=percent(floor), se=percent(model.rms_rel_error_se or 0.0))
        st.metric(tr("lab.card_error"), percent(model.rms_rel_error), delta=delta, delta_color="off", delta_arrow="off")
        worst = max(model.rms_rel_error_by_scale.values()) if model.rms_rel_error_by_scale else None
        st.metric(tr("lab.card_worst"), percent(worst))
        c1, c2 = st.columns(2)
        c1.metric(tr("lab.card_params"), f"{model.params:,}")
        if model.kind == "hand-built":
            c2.metric(tr("lab.card_train_time"), tr("lab.card_none"), help=tr("lab.card_hand_built_help"))
        else:
            c2.metric(
                tr("lab.card_train_time"),
                f"{model.train_seconds:.1f} s",
                help=tr("lab.card_steps", steps=model.steps_done),
            )
        if cost_line:
            st.caption(cost_line)
        if model.note is None:
            return
        if model.status == "diverged":
            st.warning(model.note.words(lang()), icon=":material/warning:")
        elif model.status == "time_budget":
            st.info(model.note.words(lang()), icon=":material/timer:")
        else:
            st.caption(model.note.words(lang()))  # e.g. how the hand-built net was made, why a start was random


def baseline_cards(result: RunResult) -> None:
    """The classical decoders' numbers, the reference the networks are measured against."""
    if not result.baselines:
        return
    st.markdown(tr("lab.decoders_title"))
    for col, b in zip(st.columns(len(result.baselines)), result.baselines):
        worst = max(b.rms_rel_error_by_scale.values())
        col.metric(
            decoder_label(b, lang()),
            percent(b.rms_rel_error),
            help=tr("lab.decoder_help", ms=1000 * b.seconds_per_signal)
            + ("" if b.homogeneous else tr("lab.decoder_not_invariant")),
        )
        col.caption(tr("lab.decoder_worst", worst=percent(worst)))


def verdict(result: RunResult) -> str:
    """One line a manager reads first: each model in a plain word, by its worst error over the test scales."""
    items = []
    for model in result.models:
        if model.rms_rel_error_by_scale:
            worst = max(model.rms_rel_error_by_scale.values())
            word = tr(f"lab.quality.{quality(worst)}")
            items.append(tr("lab.verdict_item", name=model_label(model, lang()), quality=word, worst=percent(worst)))
    return " · ".join(items)


def show(result: RunResult, *, source_names: Sequence[str] | None = None) -> None:
    """Everything about a finished run: the verdict in plain words first, then the headline, cards and charts.

    `source_names`: the Pilot's matrix file names its sources; the example chart shows them instead of indices."""
    if result.results_version != RESULTS_VERSION:
        st.warning(tr("lab.older_version", made=result.results_version, now=RESULTS_VERSION), icon=":material/history:")
    said = verdict(result)
    if said:
        st.subheader(said, anchor=False)
    st.markdown(headline(result))
    cols = st.columns(len(result.models))
    for i, (col, model) in enumerate(zip(cols, result.models)):
        with col:
            model_card(model, result.floor_for(model), cost_view.card_line(result, i))
    baseline_cards(result)
    shared_chart(result, lambda: charts.error_vs_scale(result, lang()), "error_vs_scale", lang())
    if result.even_floor is not None:
        st.info(tr("lab.even_floor", floor=percent(result.even_floor)), icon=":material/info:")
    elif result.one_layer_floor is None:
        st.caption(tr("lab.no_floor"))
    scale_key = st.select_slider(tr("lab.example_scale"), options=list(SCALE_KEYS), value="1", key="example_scale")
    if source_names is None:
        shared_chart(result, lambda: charts.example_signal(result, scale_key, lang()), "example", lang(), scale_key)
    else:  # the Pilot's own matrix: one session's run, nothing to share
        chart(charts.example_signal(result, scale_key, lang(), names=source_names), key="example")
    with st.expander(tr("lab.details")):
        curves = [(model_label(m, lang()), colour(m), m.loss_curve) for m in result.models]
        shared_chart(result, lambda: charts.loss_curves(curves, lang()), "loss_final", lang())
        table = pd.DataFrame(results_rows(result, lang()))
        show_table(table)
        st.caption(tr("lab.details_caption", threads=result.torch_threads))
        c1, c2 = st.columns(2)
        code = lang()
        # built when pressed, like the report: every render of every session built both (~12 ms a render, measured)
        c1.download_button(tr("lab.download_csv"), partial(frame_csv, table), "scalelab_results.csv", "text/csv",
                           on_click="ignore", key="dl_csv")  # fmt: skip
        c2.download_button(tr("lab.download_json"), lambda: json.dumps(run_json(result, code), indent=2),
                           "scalelab_results.json", "application/json", on_click="ignore", key="dl_json")  # fmt: skip


def share_box(params: dict[str, str]) -> None:
    """A visible share link: this page's address (at SCALELAB_PUBLIC_URL when set), every setting, the language."""
    base = hosting.public_link(
        (st.context.url or "").split("?")[0],
        st.get_option("server.baseUrlPath") or "",
        os.environ.get(hosting.PUBLIC_URL_ENV, ""),
    )
    with st.popover(tr("lab.share"), icon=":material/share:"):
        st.caption(tr("lab.share_help"))
        st.code(f"{base}?{urlencode(params)}", language=None, wrap_lines=True)
