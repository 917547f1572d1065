"""The end of Pilot step 2: a verdict in plain words, the next step, and where one more sensor helps most."""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pandas as pd
import streamlit as st
import torch

from core.config import Config
from core.experiments import placement
from core.experiments.results import RunResult
from core.io.errors import CsvError
from core.io.matrix import MatrixInfo, align_rows, coherence, read_rows
from core.present.csvfile import frame_csv
from core.present.format import NONE, percent
from core.present.labels import decoder_label, model_label
from core.runtime import processes, slots
from core.science.decoders import decoder_for
from ui import store
from ui.frame import lang, show_table, tr
from ui.views import upload

SAMPLES = {"pilot.next.sample_net3": "epanet/net3_response_all_junctions.csv"}
PRESET = {"epanet/net3_A.csv": "epanet/net3_response_all_junctions.csv"}  # shipped matrices with shipped candidates
GOOD = ("near_exact", "good")  # the decoder's quality words that need no extra sensor
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def _plain(text: str) -> str:
    """A name from the engineer's file, shown literally inside markdown (an alert), never as formatting or a link."""
    return _MARKDOWN.sub(r"\\\1", text)


def section(info: MatrixInfo, name: str, result: RunResult) -> None:
    """Verdict first (filled last, when everything below is known), then the candidate positions and their ranking."""
    st.markdown(f"#### {tr('pilot.next.title')}")
    box = st.container()
    candidates = _candidates(info, name)
    done = _ranked(info, name, result, candidates)
    with box:
        _verdict(info, result, candidates, done)
    if done is not None and candidates is not None:
        _table(result, candidates, *done)


def _candidates(info: MatrixInfo, name: str) -> tuple[np.ndarray, tuple[str, ...]] | None:
    """The candidate rows not yet sensors of A (k, n) with their names; None (said why) if none or unusable."""
    if st.session_state.get("_pilot_candidates_for") != name:  # a new matrix: its own candidates, or none yet
        st.session_state["_pilot_candidates_for"] = name
        st.session_state.pop("_pilot_candidates", None)
        if name in PRESET:
            st.session_state["_pilot_candidates"] = ((upload.DATA / PRESET[name]).read_bytes(), PRESET[name])
    loaded = upload.load("pilot_candidates", tr("pilot.next.upload"), SAMPLES, read_rows)
    if loaded is None:
        return None
    rows_info = loaded[0]
    try:
        rows = align_rows(rows_info, info.source_names)
    except CsvError as exc:
        upload.csv_error(exc)
        return None
    keep = placement.new_rows(info.A, rows, info.sensor_names, rows_info.sensor_names)
    if not keep:
        st.warning(tr("pilot.next.none_new"), icon=":material/info:")
        return None
    st.caption(tr("pilot.next.candidates", count=len(keep), taken=len(rows) - len(keep)))
    return rows[keep], tuple(rows_info.sensor_names[k] for k in keep)


Done = tuple[placement.Ranking, tuple[placement.Confirmed, ...]]


def _ranked(
    info: MatrixInfo, name: str, result: RunResult, candidates: tuple[np.ndarray, tuple[str, ...]] | None
) -> Done | None:
    """The ranking and its confirmation for these candidates and this run: computed on the click, kept per session."""
    if candidates is None:
        return None
    rows, names = candidates
    memo = (name, hashlib.sha256(rows.tobytes() + "\n".join(names).encode()).hexdigest(), result.config)
    if st.button(tr("pilot.next.rank"), type="primary", key="pilot_rank"):
        done = _compute(info.A, rows, result.config, _lead(result))
        if done is not None:
            st.session_state["_pilot_next"] = (memo, done)
    stored = st.session_state.get("_pilot_next")
    return stored[1] if stored is not None and stored[0] == memo else None


def _compute(A: np.ndarray, rows: np.ndarray, cfg: Config, lead: str | None) -> Done | None:
    """Rank every row, then train on A and on A with each of the top rows, with a progress bar throughout."""
    bar = st.progress(0.0, text=tr("pilot.next.ranking", done=0, total=len(rows), signals=placement.RANK_SIGNALS))

    def ranked(done: int, total: int) -> None:
        bar.progress(
            done / total, text=tr("pilot.next.ranking", done=done, total=total, signals=placement.RANK_SIGNALS)
        )

    total = 1 + placement.CONFIRM_TOP

    def train(config: Config, M: torch.Tensor, k: int) -> RunResult:
        def step(_model: int, at: int, _loss: float, _seconds: float) -> None:
            bar.progress(
                min(1.0, (k + at / config.steps) / total), text=tr("pilot.next.training", which=k + 1, total=total)
            )

        step(0, 0, 0.0, 0.0)
        return store.run_and_cache(config, step, lambda _note: None, A=M, owner=store.client())

    try:
        ranking = processes.rank_in_process(A, rows, cfg, lead=lead, on_progress=ranked)
        top = [c.row for c in ranking.candidates[: placement.CONFIRM_TOP]]
        confirmed = placement.confirm(A, rows, top, cfg, train=train)
    except slots.BusyError:
        st.warning(tr("lab.busy"), icon=":material/hourglass_top:")
        return None
    except processes.TrainingProcessError as exc:
        st.error(tr("lab.process_failed", detail=str(exc)), icon=":material/error:")
        return None
    finally:
        bar.empty()
    return ranking, confirmed


def _decoder_name(result: RunResult, choice: placement.Choice) -> str:
    """The chosen decoder's label: a network of step 2 or a classical decoder."""
    if choice.kind == "model":
        return model_label(result.models[choice.index], lang())
    return decoder_label(result.baselines[choice.index], lang())


def _verdict(
    info: MatrixInfo, result: RunResult, candidates: tuple[np.ndarray, tuple[str, ...]] | None, done: Done | None
) -> None:
    """The decoder to use, the sources that cannot be separated, and the next step, in one box."""
    names = [_plain(n) for n in info.source_names]
    choice = placement.choose_decoder(result)
    lines = []
    if choice is not None:
        word = tr(f"lab.quality.{choice.quality}")
        said = tr("pilot.next.decoder", decoder=_decoder_name(result, choice), quality=word,
                  worst=percent(choice.worst), error=percent(choice.error))  # fmt: skip
        lines.append(f"**{said}**")
    sep = placement.separability(info.A)
    if sep.pairs:
        i, j, _ = sep.pairs[0]
        lines.append(tr("pilot.next.alike", count=len(sep.sources), n=len(names), first=names[i], second=names[j]))
    else:
        lines.append(tr("pilot.next.all_separable", coherence=coherence(info.A)))
    if done is None:
        ready = choice is not None and choice.quality in GOOD
        hint = (
            "pilot.next.rank_hint"
            if candidates is not None
            else "pilot.next.enough"
            if ready
            else "pilot.next.upload_hint"
        )
        lines.append(tr(hint))
    elif candidates is not None:
        if choice is not None and choice.quality in GOOD:
            lines.append(tr("pilot.next.enough_short"))
        lines += _next_step(names, [_plain(n) for n in candidates[1]], *done, result.config)
    good = choice is not None and choice.quality in GOOD and not sep.pairs
    (st.success if good else st.warning)("  \n".join(lines), icon=":material/flag:")


def _next_step(
    names: list[str],
    positions: list[str],
    ranking: placement.Ranking,
    confirmed: tuple[placement.Confirmed, ...],
    cfg: Config,
) -> list[str]:
    """Where to add a sensor (and whether a short training confirms it), or why no extra sensor of this kind helps."""
    lines = []
    if ranking.alike:
        i, j, _ = ranking.alike[0]
        lines.append(tr("pilot.next.hopeless", count=len(ranking.alike), first=names[i], second=names[j]))
    if not placement.helps(ranking):
        return [*lines, tr("pilot.next.no_gain", count=len(ranking.candidates))]
    best, base = ranking.candidates[0], ranking.base
    changes = [
        tr(
            "pilot.next.change",
            decoder=_classical(d, cfg),
            before=percent(base.errors[d]),
            after=percent(best.errors[d]),
        )
        for d in placement.changed(ranking, best)
    ]
    pairs = {"name": positions[best.row], "pairs_before": base.pairs, "pairs_after": best.pairs}
    if changes:
        lines.append(tr("pilot.next.place", detail=tr("pilot.next.sep").join(changes), **pairs))
    else:
        lines.append(tr("pilot.next.place_pairs", **pairs))
    first = next((c for c in confirmed if c.row == best.row), None)
    if first is not None:
        key = "pilot.next.confirmed" if first.gain > 0 else "pilot.next.not_confirmed"
        lines.append(tr(key, steps=_steps(cfg), before=percent(first.before), after=percent(first.after)))
    return lines


def _frame(
    result: RunResult,
    positions: tuple[str, ...],
    ranking: placement.Ranking,
    confirmed: tuple[placement.Confirmed, ...],
) -> pd.DataFrame:
    """The ranking as numbers (errors as fractions), A as it is first: the CSV's rows and the table's before format."""
    trained = {c.row: c for c in confirmed}
    before = confirmed[0].before if confirmed else None
    labels = {d: _classical(d, result.config) for d in ranking.base.errors}
    col = lambda key: tr(f"pilot.next.col.{key}")  # noqa: E731

    def row(rank: int | None, name: str, c: placement.Candidate, done: placement.Confirmed | None) -> dict:
        return {
            col("rank"): rank, col("position"): name, col("error"): c.error,
            **{labels[d]: e for d, e in c.errors.items()},
            col("before"): done.before if done else (before if rank is None else None),
            col("after"): done.after if done else None,
            col("gain"): 100 * done.gain if done else None,
            col("pairs"): c.pairs, col("coherence"): c.coherence,
            col("rank_error"): c.rank_by_error or None, col("rank_coherence"): c.rank_by_coherence or None,
        }  # fmt: skip

    rows = [row(None, tr("pilot.next.now"), ranking.base, None)]
    rows += [row(k, positions[c.row], c, trained.get(c.row)) for k, c in enumerate(ranking.candidates, 1)]
    return pd.DataFrame(rows)


def _table(
    result: RunResult,
    candidates: tuple[np.ndarray, tuple[str, ...]],
    ranking: placement.Ranking,
    confirmed: tuple[placement.Confirmed, ...],
) -> None:
    """The ranked positions (errors as percentages, as everywhere), how they were judged, and the CSV export."""
    frame = _frame(result, candidates[1], ranking, confirmed)
    shown = frame.copy()
    errors = [c for c in frame.columns if c not in _not_errors()]
    for c in errors:
        shown[c] = [percent(v) if v is not None and pd.notna(v) else None for v in frame[c]]
    gain = tr("pilot.next.col.gain")
    shown[gain] = [f"{v:+.1f}" if v is not None and pd.notna(v) else None for v in frame[gain]]
    shown[tr("pilot.next.col.coherence")] = [f"{v:.7f}" for v in frame[tr("pilot.next.col.coherence")]]
    for key in ("rank", "rank_error", "rank_coherence"):  # "–" beside whole numbers: one text column for Arrow
        name = tr(f"pilot.next.col.{key}")
        shown[name] = [NONE if v is None or pd.isna(v) else str(int(v)) for v in frame[name]]
    show_table(shown)
    steps, seed = _steps(result.config), result.config.seed
    st.caption(tr("pilot.next.method", signals=ranking.signals, s=ranking.s, steps=steps, seed=seed))
    st.download_button(tr("pilot.next.download"), frame_csv(frame), "scalelab_sensor_ranking.csv", "text/csv",
                       key="pilot_rank_csv")  # fmt: skip


def _classical(name: str, cfg: Config) -> str:
    """A classical decoder's label as it ran at this noise level ("bp" with noise is BPDN)."""
    return decoder_label(decoder_for(name, cfg.noise), lang())


def _lead(result: RunResult) -> str | None:
    """The ranking's first key: the classical decoder the verdict recommends, if it recommends one."""
    choice = placement.choose_decoder(result)
    if choice is None or choice.kind != "decoder":
        return None
    name = {"bpdn": "bp"}.get(result.baselines[choice.index].name, result.baselines[choice.index].name)
    return name if name in placement.DECODERS else None


def _steps(cfg: Config) -> int:
    """Training steps of each confirmation."""
    return placement.confirm_config(cfg, cfg.m).steps


def _not_errors() -> set[str]:
    """The ranking's columns that are not errors (ranks, names, counts, coherence, gain)."""
    keys = ("rank", "position", "pairs", "coherence", "rank_error", "rank_coherence", "gain")
    return {tr(f"pilot.next.col.{k}") for k in keys}
