"""A column of cells read as numbers, column by column and vectorised: which cells are numbers, which are missing,
and whether the column holds numbers, times or text; then whether the first rows are a header and a units row.

A missing value is an empty cell or one of the spellings historians and spreadsheets write for "no value"
(`MISSING`: NaN, ---, #N/A, Bad, I/O Timeout, ...). Any other cell that is not a finite number (text, 1e999) is
"odd": it makes its row unusable too, and messages quote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.io.text import GROUPED

KINDS = ("number", "time", "text")
MISSING = frozenset(
    {"nan", "na", "n/a", "#n/a", "null", "none", "-", "--", "---", "?", "#value!", "#div/0!", "#ref!", "#num!",
     "#name?", "error", "bad", "bad input", "bad data", "i/o timeout", "comm fail", "no data", "shutdown",
     "calc failed", "scan off", "pt created", "over range", "under range", "invalid", "inf", "-inf", "+inf",
     "infinity", "-infinity"}
)  # fmt: skip
# [0-9] and " ", not \d and \s: pandas then runs the pattern in pyarrow (RE2, vectorised), not cell by cell
_DATE = r"(?:[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2,4})"
_CLOCK = r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?(?: ?[AaPp][Mm])?"
TIME = rf"(?:{_DATE}(?:[ T]{_CLOCK})?(?:Z|[+-][0-9]{{2}}:?[0-9]{{2}})?|{_CLOCK})"
_TIME = re.compile(TIME, re.ASCII)
_UNIT_CHARS = 24  # a units cell is short ("m3/h", "°C", "kPa(g)")


@dataclass(frozen=True, eq=False)
class Column:
    """One column's cells: `numbers` float64 (NaN unless a finite number), `missing` and `time` bool, all (rows,)."""

    numbers: np.ndarray
    missing: np.ndarray  # empty or a MISSING spelling
    time: np.ndarray  # looks like a date or a time of day
    text: pd.api.extensions.ExtensionArray | None  # the cells as strings (pyarrow), or None for a numbers column

    def odd(self, rows: slice = slice(None)) -> np.ndarray:
        """Cells that are written but are not a finite number, bool (rows,)."""
        return ~(np.isfinite(self.numbers[rows]) | self.missing[rows])

    def kind(self, rows: slice = slice(None)) -> str:
        """ "number" when at least half the written cells are numbers, else "time" likewise, else "text"."""
        written = int((~self.missing[rows]).sum())
        numbers = int(np.isfinite(self.numbers[rows]).sum())
        if numbers and 2 * numbers >= written:
            return "number"
        times = int(self.time[rows].sum())
        return "time" if times and 2 * times >= written else "text"


def parse(series: pd.Series, decimal: str) -> Column:
    """A column read as numbers with this decimal mark (thousands separators allowed), missing and time marked."""
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        numbers = series.to_numpy(dtype=np.float64, na_value=np.nan)
        finite = np.isfinite(numbers)
        numbers = np.where(finite, numbers, np.nan)
        return Column(numbers, ~finite, np.zeros(len(numbers), bool), None)
    if pd.api.types.is_datetime64_any_dtype(series):
        text = series.astype(str).where(series.notna(), "")
    else:
        text = series.astype(object).where(series.notna(), "").astype(str).str.strip()
    text = text.astype("str")
    lower = text.str.lower()
    missing = (text.eq("") | lower.isin(MISSING)).to_numpy(dtype=bool)
    numbers = _numbers(text, decimal)
    time = np.isnan(numbers) & ~missing
    if time.any():
        time[time] = text[time].str.fullmatch(TIME).to_numpy(dtype=bool, na_value=False)
    return Column(numbers, missing, time, text.array)  # not an object array: 86,400 × 20 str objects cost seconds


def _numbers(text: pd.Series, decimal: str) -> np.ndarray:
    """Finite numbers of a string column, float64 (rows,), NaN elsewhere; exact (the shortest repr round-trips)."""
    plain = text
    if decimal == ",":  # "4.5" is not a number in a decimal-comma file (unless grouped: 1.234,5)
        plain = text.str.replace(",", ".", regex=False).where(~text.str.contains(".", regex=False), "x")
    out = _to_float(plain)
    group = "." if decimal == "," else ","
    retry = np.isnan(out) & text.str.contains(group, regex=False).to_numpy(dtype=bool)
    if retry.any():
        cells = text[retry]
        grouped = cells.str.fullmatch(GROUPED[decimal]).to_numpy(dtype=bool)
        fixed = cells.str.replace(group, "", regex=False).str.replace(",", ".", regex=False)
        out[retry] = np.where(grouped, _to_float(fixed), np.nan)
    out[~np.isfinite(out)] = np.nan
    return out


def _to_float(text: pd.Series) -> np.ndarray:
    """pandas' strict ASCII number parser, float64, NaN where a cell is not a number."""
    try:
        values = pd.to_numeric(text, errors="coerce")
        return np.asarray(values.to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64).copy()
    except (OverflowError, ValueError, TypeError):  # a huge integer: read cell by cell, as inf or NaN
        return np.array([_one(cell) for cell in text], dtype=np.float64)


def _one(cell: str) -> float:
    """One cell's number, NaN if it is none (only after the vectorised parser gave up on the column)."""
    try:
        return float(pd.to_numeric(pd.Series([cell], dtype="str"), errors="coerce").iloc[0])
    except (OverflowError, ValueError, TypeError):
        return float("nan")


def is_header(columns: list[Column]) -> bool:
    """A first row is a header when it holds text above a column of numbers or times, or holds text and no number."""
    first, rest = slice(0, 1), slice(1, None)
    text = [bool(c.odd(first)[0]) and not c.time[0] for c in columns]
    above = any(t and c.kind(rest) != "text" for t, c in zip(text, columns))
    no_number = not any(np.isfinite(c.numbers[0]) for c in columns)
    return above or (no_number and any(text))


def is_units_row(columns: list[Column], start: int) -> bool:
    """Row `start` names units: short text above columns of numbers, none of which has a number in that row."""
    if len(columns[0].numbers) < start + 2:
        return False
    row, rest = slice(start, start + 1), slice(start + 1, None)
    numeric = [c for c in columns if c.kind(rest) == "number"]
    if not numeric or any(np.isfinite(c.numbers[start]) for c in numeric):
        return False
    written = [c for c in numeric if c.odd(row)[0]]
    return bool(written) and all(len(str(c.text[start])) <= _UNIT_CHARS for c in written if c.text is not None)
