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
    """(header, cells) pairs as CSV bytes: UTF-8 with BOM, CRLF; numeric arrays stay numbers, text is made safe."""
    data = {}
    for name, cells in columns:
        array = np.asarray(cells)
        numeric = array.dtype.kind in "iuf"
        data[safe_text(name)] = array if numeric else [safe_text(v) for v in array.tolist()]
    text = pd.DataFrame(data).to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")
