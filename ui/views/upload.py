"""An engineer's file on a page: upload or sample, read once per session with a progress bar, guesses overridable.

Uploads stay in this session's memory (session_state), never in a cache shared across sessions. A file is read
again only when its bytes or the chosen encoding or sheet change; one file is parsed at a time per server.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from core.io import formats
from core.io.errors import CsvError
from core.io.text import ENCODINGS
from ui.frame import tr

DATA = Path(__file__).parents[2] / "data"  # the checkout's data/ (ui/views/upload.py → the root)
TYPES = ["csv", "txt", "tsv", "xlsx", "parquet"]


@st.cache_resource
def _parse_slot() -> threading.Semaphore:
    """One parse at a time per server: a 15 MB file takes a core for a second or two."""
    return threading.Semaphore(1)


def csv_error(exc: CsvError) -> None:
    """A file that cannot be used: say what and where, in the reader's language; the page goes on."""
    st.error(tr(f"csv.{exc.code}", **exc.params), icon=":material/error:")


def source(key: str, label: str, samples: dict[str, str]) -> tuple[bytes, str] | None:
    """Bytes and name of the file for this step: an upload, or a sample loaded with one click (kept per session)."""
    uploaded = st.file_uploader(label, type=TYPES, key=f"{key}_upload")
    cols = st.columns(max(1, len(samples)))
    for col, (label_key, name) in zip(cols, samples.items()):
        if col.button(tr(label_key), key=f"{key}_{name}", width="stretch", wrap=True):  # whole names, never "…"
            st.session_state[f"_{key}"] = ((DATA / name).read_bytes(), name)
    if uploaded is not None:
        # The upload lives in this session only: read to memory, never written to disk.
        st.session_state[f"_{key}"] = (uploaded.getvalue(), uploaded.name)
    return st.session_state.get(f"_{key}")


def load(key: str, label: str, samples: dict[str, str], read: Callable[..., Any]) -> tuple[Any, str] | None:
    """The step's file, read by `read(raw, encoding=..., sheet=...)`; None (said why on the page) if none or broken."""
    found = source(key, label, samples)
    if found is None:
        st.info(tr("pilot.no_file"))
        return None
    raw, name = found
    digest = hashlib.sha256(raw).hexdigest()
    encoding, sheet = _choices(key, raw, digest)
    memo = (digest, encoding, sheet, getattr(read, "__name__", ""))
    kept = st.session_state.get(f"_{key}_read")
    if kept is not None and kept[0] == memo:
        outcome = kept[1]
    else:
        outcome = _read(read, raw, encoding, sheet)
        st.session_state[f"_{key}_read"] = (memo, outcome)
    if isinstance(outcome, CsvError):
        csv_error(outcome)
        return None
    return outcome, name


def _read(read: Callable[..., Any], raw: bytes, encoding: str | None, sheet: str | None) -> Any:
    """Read under the server's parse slot with a progress bar; a CsvError is returned, not raised."""
    bar = st.progress(0.0, text=tr("pilot.reading"))
    try:
        with _parse_slot():
            return read(raw, encoding=encoding, sheet=sheet, progress=bar.progress)
    except CsvError as exc:
        return exc
    finally:
        bar.empty()


def _choices(key: str, raw: bytes, digest: str) -> tuple[str | None, str | None]:
    """The encoding (text files) or sheet (workbooks) the engineer chose; None keeps the reader's guess."""
    kind = formats.kind_of(raw)
    if kind == "xlsx":
        kept = st.session_state.get(f"_{key}_sheets")
        if kept is None or kept[0] != digest:
            try:
                kept = (digest, formats.xlsx_sheets(raw))
            except CsvError:
                kept = (digest, ())
            st.session_state[f"_{key}_sheets"] = kept
        sheets = kept[1]
        if len(sheets) > 1:
            return None, st.selectbox(tr("pilot.sheet"), sheets, key=f"{key}_sheet")
        return None, None
    if kind != "text":
        return None, None
    auto = tr("pilot.encoding_auto")  # a label, not a format_func: AppTest formats outside the script run
    encoding = st.selectbox(tr("pilot.encoding"), (auto, *ENCODINGS), key=f"{key}_encoding")
    return (None if encoding == auto else encoding), None
