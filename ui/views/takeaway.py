"""Pilot step 4: the chosen model as a file the engineer keeps, and their recorded measurements decoded with it."""

from __future__ import annotations

import streamlit as st

from core.experiments import export
from core.experiments.results import RunResult
from core.io import decoding, tables
from core.io.errors import CsvError
from core.io.matrix import MatrixInfo
from core.present.labels import model_label
from ui.frame import lang, tr
from ui.views import upload


def step4() -> None:
    """Export the chosen model (.npz) and decode an uploaded file of sensor readings with it."""
    st.subheader(tr("pilot.step4"))
    st.caption(tr("pilot.step4_help"))
    stored, info = st.session_state.get("_pilot_result"), st.session_state.get("_pilot_matrix_info")
    if stored is None or info is None:
        st.caption(tr("pilot.need_step2_export"))
        return
    name, result = stored
    exportable = [k for k, m in enumerate(result.models) if export.why_not(result.config, m) is None]
    if not exportable:
        st.info(tr(f"pilot.export.{export.why_not(result.config, result.models[0]) or 'kind'}"))
        return
    default = next((k for k in exportable if result.models[k].depth == 2), exportable[0])
    labels = [model_label(result.models[k], lang()) for k in exportable]  # labels, not a format_func (AppTest)
    choice = st.selectbox(tr("pilot.export_model"), labels, index=exportable.index(default), key="pilot_export_model")
    k = exportable[labels.index(choice)]
    skipped = [m for m in result.models if export.why_not(result.config, m) is not None]
    for m in skipped:
        st.caption(f"{model_label(m, lang())}: {tr('pilot.export.' + str(export.why_not(result.config, m)))}")
    built = _built(name, result, info, int(k))
    if built is None:
        return
    net, raw = built
    st.download_button(tr("pilot.export_download"), raw, file_name="scalelab_model.npz",
                       mime="application/octet-stream", key="pilot_export_download")  # fmt: skip
    _decode(net, info)


def _built(name: str, result: RunResult, info: MatrixInfo, k: int) -> tuple[object, bytes] | None:
    """The rebuilt net and its file, made when the button is pressed and kept for this session."""
    key = (name, id(result), k)
    kept = st.session_state.get("_pilot_export")
    if kept is not None and kept[0] == key:
        return kept[1], kept[2]
    if not st.button(tr("pilot.export_prepare"), key="pilot_export_prepare"):
        return None
    model = result.models[k]
    with st.spinner(tr("pilot.export_preparing")):
        net = export.rebuild(result.config, info.A, model)
        raw = export.model_file(net, result.config, info.A, model, source_names=info.source_names,
                                sensor_names=info.sensor_names)  # fmt: skip
    st.session_state["_pilot_export"] = (key, net, raw)
    return net, raw


def _decode(net: object, info: MatrixInfo) -> None:
    """Upload Y, decode its complete rows, warn about magnitudes outside the checked range, offer the CSV."""
    loaded = upload.load("pilot_decode", tr("pilot.upload_measurements"), {}, tables.read_table)
    if loaded is None:
        return
    table, _ = loaded
    try:
        decoded = decoding.decode_table(lambda Y: export.decode_rows(net, Y), table, info.sensor_names)
    except CsvError as exc:
        upload.csv_error(exc)
        return
    if decoded.skipped is not None:
        st.info(decoded.skipped.words(lang()), icon=":material/filter_alt:")
    if decoded.outside:
        lo, hi = decoding.CHECKED_SCALES
        st.warning(tr("pilot.decode_outside", count=decoded.outside, lo=lo, hi=hi), icon=":material/warning:")
    st.caption(tr("pilot.decode_done", rows=len(decoded.rows), n=decoded.X.shape[1]))
    csv = decoding.decoded_csv(decoded, info.source_names, tr("pilot.decode_row"))
    st.download_button(tr("pilot.decode_download"), csv, file_name="scalelab_decoded.csv", mime="text/csv",
                       key="pilot_decode_download")  # fmt: skip
