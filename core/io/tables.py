"""Uploaded tables as numbers: CSV, Excel (.xlsx) and Parquet files as plants export them, read forgivingly and
refused clearly.

A historian export has a timestamp column, a units row under the header, tag names such as "PT-201 pressure" and
gaps ("", "Bad", "I/O Timeout"). `read_table` keeps every column: numbers become float64 (NaN where a cell holds
none), text and timestamp columns are kept as labels and ignored by the maths. Only the columns a user picks are
validated (`pick`): rows with a missing value there are dropped and counted. A file that cannot be used raises
`CsvError`, whose code and params a page words in its language (core/i18n/pilot.py); row numbers are the ones a
spreadsheet shows (the header is row 1). Nothing here touches the disk: uploads stay in memory.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.i18n import Note, note
from core.io import cells, formats, text
from core.io.errors import CELL_CHARS, NAME_CHARS, CsvError, show
from core.io.limits import MAX_BYTES, MAX_ROWS

MAX_COLUMNS = 256
SHOWN_ROWS = 5  # a message names at most this many skipped rows
Progress = Callable[[float], None]
_SPAN = re.compile(r"(\d{1,9})(?:\s*-\s*(\d{1,9}))?", re.ASCII)  # "3" or "1-3"; 9 digits: int() refuses huge ones


@dataclass(frozen=True, eq=False)
class Table:
    """A file read as columns: `values` ndarray of shape (rows, len(columns)), float64, read-only, NaN where a cell
    is not a finite number (all NaN in a text or time column); `rows` the spreadsheet row number of each row.

    `columns` are the header's names (whitespace tidied; an empty header cell is named by its 1-based number), or
    "1", "2", ... without a header row; `units` the units row's cells ("" without one); `kinds` "number", "time" or
    "text" per column; `labels` the cells of the time and text columns as strings. `format`, `encoding`,
    `delimiter`, `decimal` and `sheet` say how the file was read; `sheets` lists a workbook's sheets.
    """

    columns: tuple[str, ...]
    units: tuple[str, ...]
    kinds: tuple[str, ...]
    values: np.ndarray
    rows: np.ndarray
    labels: dict[str, np.ndarray]
    odd: tuple[tuple[tuple[int, str], ...], ...]  # per column, the first few (row, cell) that are not numbers
    header: bool
    units_row: bool
    format: str
    encoding: str
    delimiter: str
    decimal: str
    sheet: str = ""
    sheets: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Picked:
    """The picked columns of the rows where all of them hold a number: one ndarray (kept rows, k) per selection."""

    parts: tuple[np.ndarray, ...]
    names: tuple[tuple[str, ...], ...]
    rows: np.ndarray  # spreadsheet row numbers of the kept rows
    dropped: int
    dropped_rows: tuple[int, ...]  # the first SHOWN_ROWS of them

    def note(self) -> Note | None:
        """How many rows were skipped and which, for a page to word; None when none was."""
        if not self.dropped:
            return None
        shown = ", ".join(map(str, self.dropped_rows)) + (", …" if self.dropped > len(self.dropped_rows) else "")
        return note("csv.dropped", count=self.dropped, rows=shown)


def read_table(
    raw: bytes,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    max_rows: int = MAX_ROWS,
    max_columns: int = MAX_COLUMNS,
    progress: Progress | None = None,
) -> Table:
    """Read an uploaded CSV, .xlsx or Parquet file into a Table, or raise CsvError saying what is wrong and where.

    `encoding` overrides the guess for a text file, `sheet` picks a workbook's sheet (the first by default).
    """
    say = progress or (lambda _: None)
    if len(raw) > MAX_BYTES:
        raise CsvError("too_big", size=len(raw), cap=MAX_BYTES, cap_mb=MAX_BYTES / 2**20)
    kind = formats.kind_of(raw)
    names: list[str] | None = None
    header: bool | None = None  # None: guessed from the cells
    how = {"format": "csv", "encoding": "", "delimiter": "", "decimal": ".", "sheet": "", "sheets": ()}
    if kind == "xls":
        raise CsvError("old_excel")
    if kind == "xlsx":
        grid, how["sheet"], typed_header = formats.xlsx_grid(raw, sheet, max_rows, max_columns)
        header = True if typed_header else None
        how |= {"format": "xlsx", "sheets": formats.xlsx_sheets(raw)}
    elif kind == "parquet":
        grid = formats.parquet_frame(raw, max_rows, max_columns)
        names, how["format"] = [str(c) for c in grid.columns], "parquet"
        grid.columns = range(grid.shape[1])
    else:
        decoded, how["encoding"] = text.decode(raw, encoding)
        head = text.sample(decoded)
        how["delimiter"] = text.detect_delimiter(head)
        how["decimal"] = text.detect_decimal(head, how["delimiter"])
        grid = text.grid(decoded, how["delimiter"], max_columns)
    say(0.4)
    columns = []
    for j in grid.columns:
        columns.append(cells.parse(grid[j], how["decimal"]))
        say(0.4 + 0.5 * len(columns) / grid.shape[1])
    return _table(columns, names, header, max_rows, how)


def _table(
    columns: list[cells.Column], names: list[str] | None, header: bool | None, max_rows: int, how: dict
) -> Table:
    """The Table of parsed columns: blank rows dropped (still counted), header and units row found, kinds set."""
    first_row = 1 if names is None else 2  # a Parquet file's header is its schema, "row 1"
    written = ~np.logical_and.reduce([c.missing for c in columns]) if columns else np.zeros(0, bool)
    keep = np.flatnonzero(written)
    if keep.size == 0:
        raise CsvError("empty")
    columns = [_rows(c, keep) for c in columns]
    rows = keep + first_row
    header = names is not None or header or cells.is_header(columns)
    start = int(names is None and header)
    if names is None:
        names = [str(c.text[0]) if header and c.text is not None else "" for c in columns] if header else []
    units_row = cells.is_units_row(columns, start)
    units = tuple(str(c.text[start]) if units_row and c.text is not None else "" for c in columns)
    data = slice(start + units_row, None)
    count = len(rows) - data.start
    if count == 0:
        raise CsvError("no_rows")
    if count > max_rows:
        raise CsvError("too_many_rows", count=count, cap=max_rows)
    kinds = tuple(c.kind(data) for c in columns)
    if "number" not in kinds:
        raise CsvError("no_numeric")
    titles = _header_names(names) if header else tuple(str(j) for j in range(1, len(columns) + 1))
    values = np.full((count, len(columns)), np.nan)
    for j, (c, k) in enumerate(zip(columns, kinds)):
        if k == "number":
            values[:, j] = c.numbers[data]
    values.flags.writeable = False  # Table is frozen; so are its numbers
    rows = rows[data]
    labels = {titles[j]: _strings(c, data) for j, (c, k) in enumerate(zip(columns, kinds)) if k != "number"}
    odd = tuple(_examples(c, data, rows) if k == "number" else () for c, k in zip(columns, kinds))
    return Table(titles, units, kinds, values, rows, labels, odd, header, units_row, **how)


def _strings(column: cells.Column, data: slice) -> np.ndarray:
    """A time or text column's cells as an object array of str ("" where empty)."""
    if column.text is None:
        return np.full(len(column.numbers[data]), "", dtype=object)
    return np.asarray(column.text[data], dtype=object)


def _rows(column: cells.Column, keep: np.ndarray) -> cells.Column:
    """The column's cells at these positions."""
    text_cells = None if column.text is None else column.text[keep]
    return cells.Column(column.numbers[keep], column.missing[keep], column.time[keep], text_cells)


def _examples(column: cells.Column, data: slice, rows: np.ndarray) -> tuple[tuple[int, str], ...]:
    """The first three cells of a number column that are written but are not numbers, with their row numbers."""
    if column.text is None:
        return ()
    text_cells, odd = column.text[data], np.flatnonzero(column.odd(data))[:3]
    return tuple((int(rows[i]), show(str(text_cells[int(i)]), CELL_CHARS)) for i in odd)


def _header_names(cells_: Sequence[str]) -> tuple[str, ...]:
    """Column names from a header row, each on one line; an empty header cell is named by its 1-based number."""
    names = tuple(" ".join(cell.split()) or str(j) for j, cell in enumerate(cells_, start=1))
    where: dict[str, int] = {}
    for j, name in enumerate(names, start=1):
        if name in where:
            raise CsvError("duplicate_header", column=show(name, NAME_CHARS), first=where[name], second=j)
        where[name] = j
    return names


def column_indices(table: Table, selection: str | Sequence[str]) -> tuple[int, ...]:
    """0-based indices of a selection such as "a,b,c" or "1-3,5" (or a list of names), in order, each once.

    An item is a header first (a header named "2" wins over column 2), then a 1-based column number or range.
    """
    count = len(table.columns)
    by_name = {name: j for j, name in enumerate(table.columns)}
    items = selection.split(",") if isinstance(selection, str) else list(selection)
    picked: list[int] = []
    for item in (str(part).strip() for part in items):
        if not item:
            continue
        if item in by_name:
            picked.append(by_name[item])
            continue
        span = _SPAN.fullmatch(item)
        lo, hi = (int(span[1]), int(span[2] or span[1])) if span else (0, 0)
        if not 1 <= lo <= hi <= count:
            raise CsvError("unknown_column", item=show(item, NAME_CHARS), count=count)
        picked.extend(range(lo - 1, hi))
    if not picked:
        raise CsvError("empty_selection")
    return tuple(dict.fromkeys(picked))


def pick(table: Table, *selections: str | Sequence[str], min_rows: int = 1) -> Picked:
    """The selected number columns (one part per selection) of the rows where every selected column holds a number.

    A selected time or text column raises CsvError; so do fewer than `min_rows` rows left after the drop.
    """
    indices = [column_indices(table, s) for s in selections]
    for j in dict.fromkeys(j for group in indices for j in group):
        if table.kinds[j] != "number":
            raise CsvError(f"{table.kinds[j]}_column", column=show(table.columns[j], NAME_CHARS))
    every = sorted({j for group in indices for j in group})
    complete = np.isfinite(table.values[:, every]).all(axis=1)
    dropped = np.flatnonzero(~complete)
    kept = int(complete.sum())
    if kept < min_rows:
        raise CsvError("too_few_rows", kept=kept, need=min_rows, dropped=dropped.size)
    parts = tuple(table.values[complete][:, list(group)] for group in indices)
    names = tuple(tuple(table.columns[j] for j in group) for group in indices)
    shown = tuple(int(r) for r in table.rows[dropped[:SHOWN_ROWS]])
    return Picked(parts, names, table.rows[complete], int(dropped.size), shown)


def frame(table: Table) -> pd.DataFrame:
    """The table as a DataFrame for display: number columns as numbers, time and text columns as strings."""
    data = {
        name: table.labels[name] if kind != "number" else table.values[:, j]
        for j, (name, kind) in enumerate(zip(table.columns, table.kinds))
    }
    return pd.DataFrame(data, index=table.rows)


def sensor_columns(table: Table, names: Sequence[str]) -> tuple[str, ...]:
    """The columns holding these sensors' readings: the columns named like them, else every number column when there
    are exactly as many; CsvError otherwise."""
    numbers = [c for c, kind in zip(table.columns, table.kinds) if kind == "number"]
    if all(name in numbers for name in names):
        return tuple(names)
    if len(numbers) == len(names):
        return tuple(numbers)
    raise CsvError("sensor_columns", m=len(names), count=len(numbers))
