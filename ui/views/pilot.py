"""The Pilot page's steps: the engineer's files (in this session's memory only), the checks, the comparison."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st
import torch

from core.config import SIGNALS, Config
from core.experiments import scalecheck
from core.io import tables
from core.io.errors import CsvError
from core.io.matrix import MatrixInfo, coherence, near_parallel_pairs, read_matrix
from core.present.format import percent
from ui.controls import SCALE_OPTIONS
from ui.frame import labeller, lang, tr
from ui.views import lab as lab_view
from ui.views import pilot_next, upload

SAMPLES = {
    "pilot.sample_hom": "samples_homogeneous.csv",
    "pilot.sample_off": "samples_offset.csv",
    "pilot.sample_sjis": "samples_homogeneous_ja_sjis.csv",
    "pilot.sample_net3": "epanet/net3_leak_samples.csv",
}
MATRIX_SAMPLES = {"pilot.sample_leak": "leak_matrix.csv", "pilot.sample_net3_matrix": "epanet/net3_A.csv"}
NONNEGATIVE = {"epanet/net3_A.csv"}  # samples whose sources are leak sizes: step 2 starts with "only positive"


def load_matrix() -> tuple[MatrixInfo, str] | None:
    """The engineer's sensing matrix (upload or sample), shared by the Pilot and Sweep pages of this session."""
    return upload.load("pilot_matrix", tr("pilot.upload_matrix"), MATRIX_SAMPLES, read_matrix)


def _default_split(table: tables.Table, columns: list[str]) -> tuple[list[str], list[str]]:
    """Inputs and outputs to start from: by unit when a units row names two (leaks in m³/s → drops in m), else all
    columns but the last two (or the first) as inputs and the rest as outputs."""
    units = dict(zip(table.columns, table.units))
    named = list(dict.fromkeys(units[c] for c in columns if units[c]))
    if len(named) >= 2:
        return [c for c in columns if units[c] == named[0]], [c for c in columns if units[c] == named[1]]
    split = max(1, len(columns) - 2) if len(columns) > 2 else 1
    return columns[:split], columns[split:]


def _with_units(table: tables.Table) -> Callable[[str], str]:
    """A column's name as the pickers show it: with its unit from the units row, "FT-101 flow [m3/h]"."""
    units = dict(zip(table.columns, table.units))
    return lambda name: f"{name} [{units[name]}]" if units.get(name) else name


def step1() -> None:
    """Is my data scale-dependent? Upload, pick columns, check, verdict."""
    st.subheader(tr("pilot.step1"))
    st.caption(tr("pilot.step1_help"))
    loaded = upload.load("pilot_samples", tr("pilot.upload_samples"), SAMPLES, tables.read_table)
    if loaded is None:
        return
    table, name = loaded
    st.caption(_read_as(table, name))
    with st.expander(tr("pilot.preview")):
        st.dataframe(tables.frame(table).head(50))  # names and cells from the file: table cells, never markdown
    columns = [c for c, kind in zip(table.columns, table.kinds) if kind == "number"]
    c1, c2 = st.columns(2)
    first_in, first_out = _default_split(table, columns)
    shown = _with_units(table)
    inputs = c1.multiselect(tr("pilot.inputs"), columns, default=first_in, key=f"pilot_in_{name}",
                            placeholder=tr("common.choose"), format_func=shown)  # fmt: skip
    outputs = c2.multiselect(tr("pilot.outputs"), columns, default=first_out, key=f"pilot_out_{name}",
                             placeholder=tr("common.choose"), format_func=shown)  # fmt: skip
    if not inputs or not outputs or set(inputs) & set(outputs):
        st.warning(tr("pilot.pick_both"))
        return
    try:
        picked = tables.pick(table, inputs, outputs, min_rows=scalecheck.MIN_SAMPLES)
    except CsvError as exc:
        upload.csv_error(exc)
        return
    X, Y = _narrowed(*picked.parts, name)
    if st.button(tr("pilot.check"), type="primary", key="pilot_check"):
        with st.spinner(tr("pilot.checking")):
            try:
                check = scalecheck.scale_check(X, Y, seed=0)
            except scalecheck.DataError as exc:
                st.error(exc.note().words(lang()), icon=":material/error:")
                return
        st.session_state["_pilot_check"] = (name, check, picked.note())
    stored = st.session_state.get("_pilot_check")
    if stored is not None and stored[0] == name:
        if stored[2] is not None:
            st.info(stored[2].words(lang()), icon=":material/filter_alt:")
        _show_check(stored[1])


def _narrowed(X: np.ndarray, Y: np.ndarray, name: str) -> tuple[np.ndarray, np.ndarray]:
    """The samples inside the input magnitudes the engineer keeps (all of them by default)."""
    options = scalecheck.decades(X)
    if len(options) < 2:
        return X, Y
    lo, hi = st.select_slider(tr("pilot.magnitudes"), options=options, value=(options[0], options[-1]),
                              key=f"pilot_mag_{name}", format_func=lambda v: f"{v:g}",
                              help=tr("pilot.magnitudes_help"))  # fmt: skip
    X, Y = scalecheck.keep_magnitudes(X, Y, lo, hi)
    st.caption(tr("pilot.magnitudes_kept", rows=len(X), lo=lo, hi=hi))
    return X, Y


def _read_as(table: tables.Table, name: str) -> str:
    """How the file was read, in one sentence: rows, columns, and the format's own details."""
    rows, cols = table.values.shape
    if table.format == "xlsx":
        return tr("pilot.read_as_xlsx", rows=rows, cols=cols, sheet=table.sheet, source=name)
    if table.format == "parquet":
        return tr("pilot.read_as_parquet", rows=rows, cols=cols, source=name)
    return tr("pilot.read_as", rows=rows, cols=cols, encoding=table.encoding, delimiter=repr(table.delimiter),
              decimal=repr(table.decimal), source=name)  # fmt: skip


def _show_check(check: scalecheck.ScaleCheck) -> None:
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(tr("pilot.spread"), tr("pilot.decades", value=check.spread_decades))
    c2.metric(tr("pilot.bias_free_err"), percent(check.bias_free_extrapolation_error))
    c3.metric(tr("pilot.biased_err"), percent(check.biased_extrapolation_error))
    c4.metric(tr("pilot.score"), f"{check.homogeneity_score:.2f}", help=tr("pilot.score_help"))
    box = st.success if check.verdict == "scale-consistent" else st.warning
    title, reasons = scalecheck.verdict_note(check).words(lang()), [n.words(lang()) for n in scalecheck.reasons(check)]
    box(f"**{title}**  \n" + "  \n".join(reasons))


def step2() -> None:
    """One or two layers on my sensors? Upload A, see its coherence, simulate events, compare."""
    st.subheader(tr("pilot.step2"))
    st.caption(tr("pilot.step2_help"))
    loaded = load_matrix()
    if loaded is None:
        return
    info, name = loaded
    A = info.A
    m, n = A.shape
    st.caption(tr("pilot.matrix_shape", m=m, n=n, coherence=coherence(A)))
    pairs = near_parallel_pairs(A, info.source_names)
    if pairs:
        st.warning(tr("pilot.parallel", count=len(pairs)), icon=":material/visibility_off:")
        # Names come from the uploaded header: shown as table cells, never as markdown or HTML.
        st.dataframe(pd.DataFrame(pairs, columns=[tr("pilot.col_a"), tr("pilot.col_b"), tr("pilot.col_cos")]),
                     hide_index=True)  # fmt: skip
    c1, c2, c3 = st.columns(3)
    s = c1.number_input(tr("pilot.s"), 1, n, min(1, n), key=f"pilot_s_{name}")
    scales = c2.select_slider(tr("ctl.scales"), options=SCALE_OPTIONS, value=(0.5, 2.0), key="pilot_scales",
                              format_func=lambda v: f"{v:g}")  # fmt: skip
    noise = c3.slider(tr("ctl.noise"), 0.0, 0.5, 0.0, step=0.01, key="pilot_noise")
    # The one-layer floor holds for sources of both signs only; leak sizes, flows into a node etc. are one-signed.
    if name in NONNEGATIVE and st.session_state.get("_pilot_sign_preset") != name:
        st.session_state["pilot_sign"] = "nonnegative"  # once per file: the engineer may still change it
        st.session_state["_pilot_sign_preset"] = name
    signal = st.radio(tr("pilot.sign"), SIGNALS, format_func=labeller("pilot.sign.{}"), horizontal=True,
                      help=tr("pilot.sign_help"), key="pilot_sign")  # fmt: skip
    if st.button(tr("pilot.compare"), type="primary", key="pilot_compare"):
        cfg = Config(n=n, m=m, s=int(s), depths=(1, 2), noise=float(noise), train_scales=tuple(scales),
                     signal=signal, baselines=("bp", "omp"))  # fmt: skip
        result = lab_view.train_with_progress(cfg, A=torch.tensor(A, dtype=torch.float32))  # a copy: A is read-only
        st.session_state["_pilot_result"] = (name, result)
        st.session_state["_pilot_matrix_info"] = info  # step 4 exports for this A, with its sensor and source names
    stored = st.session_state.get("_pilot_result")
    if stored is not None and stored[0] == name:
        lab_view.show(stored[1], source_names=info.source_names)
        pilot_next.section(info, name, stored[1])


def step3() -> None:
    """What would it cost? The measured numbers go to the Cost page in one click."""
    st.subheader(tr("pilot.step3"))
    st.caption(tr("pilot.step3_help"))
    stored = st.session_state.get("_pilot_result")
    if st.button(tr("pilot.to_cost"), icon=":material/payments:", disabled=stored is None, key="pilot_to_cost"):
        st.session_state["lab_result"] = stored[1]
        st.switch_page("pages/3_Cost.py")
    if stored is None:
        st.caption(tr("pilot.need_step2"))
