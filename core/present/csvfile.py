"""CSV downloads that open right in Excel, Japanese Excel included: UTF-8 with a BOM, numbers as numbers, and no
cell that a spreadsheet would run as a formula.

A name taken from a user's file ("=HYPERLINK(...)", "+1", "@SUM") is written with a leading apostrophe, so
Excel shows it as text instead of evaluating it (OWASP's advice against CSV injection).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: object) -> str:
    """Text a spreadsheet shows as text: prefixed with ' when it starts like a formula."""
    value = str(text)
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_bytes(columns: Sequence[tuple[str, np.ndarray | Sequence[object]]]) -> bytes:
    """(header, cells) pairs as CSV bytes: UTF-8 with BOM, CRLF; numbers stay numbers, None is an empty cell, text is
    made safe."""
    data = {}
    for name, cells in columns:
        array = np.asarray(cells)
        numeric = array.dtype.kind in "iuf"
        data[safe_text(name)] = array if numeric else [_cell(v) for v in array.tolist()]
    text = pd.DataFrame(data).to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def frame_csv(frame: pd.DataFrame) -> bytes:
    """A table as a CSV download (see csv_bytes)."""
    return csv_bytes([(str(name), frame[name].to_numpy()) for name in frame.columns])


def _cell(value: object) -> object:
    """A cell of a mixed column: numbers and booleans as they are, None as empty, text made safe."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | np.number):
        return value
    return safe_text(value)
