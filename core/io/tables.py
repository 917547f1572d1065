"""Uploaded CSV files as numbers: a sensing matrix A and paired samples, read forgivingly, refused clearly.

A plant engineer's CSV comes from Excel, a historian or a script: separated by commas, semicolons or tabs, with
decimal commas, a byte-order mark, Japanese headers in Shift-JIS, with or without a header row. `read_table` reads
all of these; anything else raises `CsvError`, whose message names the row (as a spreadsheet numbers it, the header
being row 1) and the column, and whose `code` and `params` let a page word it in Japanese (core/i18n/pilot.py).
Nothing here touches the disk: uploads stay in memory.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

import numpy as np

from core.i18n.pilot import EN  # csv.* in English: a CsvError's own text (pages word its code)

MAX_BYTES = 5 * 1024 * 1024  # server.maxUploadSize (5 MB) in .streamlit/config.toml; re-checked here
MAX_ROWS = 100_000
MAX_COLUMNS = 256
MAX_SENSORS = 256  # rows of A (m)
MAX_SOURCES = 256  # columns of A (n), the same as Config's cap on n
MIN_SOURCES = 2
MAX_PAIRS = 10  # near_parallel_pairs returns at most this many
CELL_CHARS = 20  # a cell quoted in a message is cut to this length
NAME_CHARS = 40  # a header quoted in a message is cut to this length

DELIMITERS = ("\t", ";", ",")  # by preference: in a ";" or tab file a "," is a decimal comma
_SAMPLE_LINES = 64
_SNIFF_CHARS = 16_384  # Sniffer's regexes can be slow on long samples full of quotes
# A number as written, by decimal mark: ASCII digits only (\d would take any script's), no nan/inf/1_000 (float()
# takes those), and unambiguous (\d+ then an optional fraction) so a long bad cell cannot make the regex backtrack.
_NUM = {mark: rf"[+-]?(?:\d+(?:{re.escape(mark)}\d*)?|{re.escape(mark)}\d+)(?:[eE][+-]?\d+)?" for mark in ".,"}
_NUMBER = {mark: re.compile(num, re.ASCII) for mark, num in _NUM.items()}
_ROW = {mark: re.compile(rf"{num}(?:\n{num})*", re.ASCII) for mark, num in _NUM.items()}  # cells joined by "\n"
_NOT_FINITE = frozenset({"nan", "inf", "infinity"})
Records = Iterator[tuple[int, list[str]]]  # (spreadsheet row number, cells) of a CSV's non-blank rows
_SPAN = re.compile(r"(\d{1,9})(?:\s*-\s*(\d{1,9}))?", re.ASCII)  # "3" or "1-3"; 9 digits: int() refuses huge ones


class CsvError(ValueError):
    """An upload ScaleLab cannot use; the message names the problem and the row and column where it lies.

    `code` and `params` say the same for a page that words it in Japanese: t(f"csv.{code}", lang, **params).
    """

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(EN[f"csv.{code}"].format(**params))
        self.code, self.params = code, params


@dataclass(frozen=True, eq=False)
class Table:
    """A CSV read as numbers: `values` is an ndarray of shape (rows, len(columns)), float64, finite, read-only.

    `columns` are the header's names (whitespace tidied; an empty header cell is named by its 1-based number), or
    "1", "2", ... when the file has no header row. `encoding`, `delimiter` and `decimal` say how the file was read.
    """

    columns: tuple[str, ...]
    values: np.ndarray
    header: bool
    encoding: str
    delimiter: str
    decimal: str


@dataclass(frozen=True, eq=False)
class MatrixInfo:
    """A sensing matrix A, ndarray of shape (m, n): m sensors (rows) see n sources (columns), with m < n."""

    A: np.ndarray
    source_names: tuple[str, ...]
    table: Table  # how the file was read (encoding, delimiter, header)


def read_table(raw: bytes, *, max_rows: int = MAX_ROWS, max_columns: int = MAX_COLUMNS) -> Table:
    """Read an uploaded CSV into a Table of finite numbers, or raise CsvError saying what is wrong and where.

    A first row holding anything but numbers (or NaN/inf spellings) is a header. Blank rows are skipped but still
    counted, so row numbers match the spreadsheet's.
    """
    if len(raw) > MAX_BYTES:
        raise CsvError("too_big", size=len(raw), cap=MAX_BYTES, cap_mb=MAX_BYTES / 2**20)
    text, encoding = _decode(raw)
    delimiter = _detect_delimiter(text)
    first, count, marks = _scan(text, delimiter, max_columns)
    # a decimal comma only where "," cannot be the separator, and only if more numbers use it than a decimal point
    decimal = "," if delimiter != "," and marks[","] > marks["."] else "."
    header = any(cell and not _numeric_looking(cell, decimal) for cell in first)
    columns = _header_names(first) if header else tuple(str(j) for j in range(1, len(first) + 1))
    rows = count - header
    if rows == 0:
        raise CsvError("no_rows")
    if rows > max_rows:
        raise CsvError("too_many_rows", count=rows, cap=max_rows)
    values = _values(text, delimiter, decimal, columns, skip_first=header)
    return Table(columns, values, header, encoding, delimiter, decimal)


def read_matrix(raw: bytes) -> MatrixInfo:
    """Read a sensing matrix A (m sensors × n sources) and refuse one the app cannot reconstruct from."""
    table = read_table(raw, max_rows=MAX_SENSORS, max_columns=MAX_SOURCES)
    A, names = table.values, table.columns  # (m, n)
    m, n = A.shape
    if n < MIN_SOURCES:
        raise CsvError("too_few_sources", count=n, min=MIN_SOURCES)
    if m >= n:  # reconstructing n sources from m < n sensors is the whole point; m >= n is plain least squares
        raise CsvError("matrix_not_wide", m=m, n=n)
    zero = np.flatnonzero(~A.any(axis=0))
    if zero.size:
        raise CsvError("zero_column", column=_show(names[zero[0]], NAME_CHARS))
    seen: dict[bytes, int] = {}
    for j in range(n):
        key = (A[:, j] + 0.0).tobytes()  # + 0.0 turns -0.0 into 0.0, which compares equal to it
        if key in seen:
            first, second = (_show(names[k], NAME_CHARS) for k in (seen[key], j))
            raise CsvError("duplicate_columns", first=first, second=second)
        seen[key] = j
    return MatrixInfo(A, names, table)


def coherence(A: np.ndarray) -> float:
    """Mutual coherence max_{i≠j} |⟨a_i, a_j⟩| / (‖a_i‖‖a_j‖) of A's columns, A of shape (m, n); 0 if n < 2.

    Zero columns count as orthogonal to everything (their angle is undefined).
    """
    return float(np.abs(_cosines(A)).max(initial=0.0))


def near_parallel_pairs(
    A: np.ndarray, names: Sequence[str], *, threshold: float = 0.95
) -> list[tuple[str, str, float]]:
    """Pairs of columns of A (m, n) whose |cosine| ≥ threshold: sources the sensors cannot tell apart.

    Returns (name_i, name_j, cosine) with i < j, the signed cosine (−1 is just as indistinguishable as +1), sorted by
    |cosine| descending, at most MAX_PAIRS.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold={threshold!r} is not allowed: threshold must be a number above 0 and up to 1")
    G = _cosines(A)
    if len(names) != G.shape[0]:
        raise ValueError(f"{len(names)} names were given for {G.shape[0]} columns: give one name per column")
    i, j = np.triu_indices(G.shape[0], k=1)
    cos = G[i, j]
    keep = np.flatnonzero(np.abs(cos) >= threshold)
    order = keep[np.argsort(-np.abs(cos[keep]), kind="stable")][:MAX_PAIRS]
    return [(names[i[k]], names[j[k]], float(cos[k])) for k in order]


def column_indices(table: Table, selection: str) -> tuple[int, ...]:
    """0-based indices of a selection such as "a,b,c" or "1-3,5", in the order given, each once.

    An item is a header first (a header named "2" wins over column 2), then a 1-based column number or range.
    """
    count = len(table.columns)
    by_name = {name: j for j, name in enumerate(table.columns)}
    picked: list[int] = []
    for item in (part.strip() for part in selection.split(",")):
        if not item:
            continue
        if item in by_name:
            picked.append(by_name[item])
            continue
        span = _SPAN.fullmatch(item)
        lo, hi = (int(span[1]), int(span[2] or span[1])) if span else (0, 0)
        if not 1 <= lo <= hi <= count:
            raise CsvError("unknown_column", item=_show(item, NAME_CHARS), count=count)
        picked.extend(range(lo - 1, hi))
    if not picked:
        raise CsvError("empty_selection")
    return tuple(dict.fromkeys(picked))


def pick_columns(table: Table, names_or_indices: str) -> np.ndarray:
    """The selected columns, ndarray of shape (rows, k), from a selection such as "a,b,c" or "1-3,5"."""
    return table.values[:, list(column_indices(table, names_or_indices))]


def _decode(raw: bytes) -> tuple[str, str]:
    """The text and the encoding that read it: UTF-8 (BOM or not), else Shift-JIS as Japanese Excel writes it."""
    utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))  # Excel's "Unicode text" export
    for encoding in ("utf-16",) if utf16 else ("utf-8-sig", "cp932"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and not raw.startswith(codecs.BOM_UTF8):
            encoding = "utf-8"
        return text, encoding
    raise CsvError("encoding")


def _records(text: str, delimiter: str) -> Records:
    """(spreadsheet row number, stripped cells) of every row that is not blank; CsvError where the CSV breaks."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True, strict=False)
    row = 0
    try:
        for row, cells in enumerate(reader, start=1):
            cells = list(map(str.strip, cells))
            if any(cells):
                yield row, cells
    except csv.Error as exc:
        raise CsvError("malformed", row=row + 1, reason=_show(str(exc), 60)) from None


def _detect_delimiter(text: str) -> str:
    """The separator: Sniffer's guess if it splits the sample evenly, else the first that does, else counting."""
    sample = "".join(islice(io.StringIO(text, newline=""), _SAMPLE_LINES))
    width = {d: _even_width(sample, d) for d in DELIMITERS}
    sniffer = csv.Sniffer()
    sniffer.preferred = list(DELIMITERS)  # its default prefers "," and would split "1,5;2,25" at the decimal commas
    try:
        guess = sniffer.sniff(sample[:_SNIFF_CHARS], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        guess = ""
    if width.get(guess, 0) > 1:
        return guess
    even = [d for d in DELIMITERS if width[d] > 1]
    if even:
        return even[0]
    if width[";"] == 1 and _decimal_commas_only(sample):  # one column of numbers such as 1,5
        return ";"
    return max(DELIMITERS[::-1], key=sample.count)  # uneven rows: the commonest, "," on a tie; read_table says where


def _even_width(sample: str, delimiter: str) -> int:
    """How many cells every non-blank row of the sample has when split at delimiter; 0 if the rows disagree."""
    try:
        widths = {len(cells) for _, cells in _records(sample, delimiter)}
    except CsvError:
        return 0
    return widths.pop() if len(widths) == 1 else 0


def _decimal_commas_only(sample: str) -> bool:
    """True if the sample has commas and every cell holding one is a number with a decimal comma."""
    cells = [c for _, row in _records(sample, ";") for c in row if "," in c]  # one cell a row: ";" is absent
    return bool(cells) and all(_NUMBER[","].fullmatch(c) for c in cells)


def _scan(text: str, delimiter: str, max_columns: int) -> tuple[list[str], int, dict[str, int]]:
    """First pass: the first row, the number of non-blank rows, how many numbers use each decimal mark."""
    first: list[str] | None = None
    count = 0
    marks = dict.fromkeys(".,", 0)
    for row, cells in _records(text, delimiter):
        if first is None:
            if len(cells) > max_columns:
                raise CsvError("too_many_columns", count=len(cells), cap=max_columns)
            first = cells
        elif len(cells) != len(first):
            raise CsvError("ragged", row=row, cells=len(cells), expected=len(first))
        count += 1
        if delimiter != ",":  # only a ";" or tab file can have decimal commas
            line = "\n".join(cells)
            for mark in (m for m in marks if m in line):
                marks[mark] += sum(mark in c and _NUMBER[mark].fullmatch(c) is not None for c in cells)
    if first is None:
        raise CsvError("empty")
    return first, count, marks


def _numeric_looking(cell: str, decimal: str) -> bool:
    """A number or a NaN/inf spelling: such a first row is data (with a bad cell), not a header."""
    return _NUMBER[decimal].fullmatch(cell) is not None or cell.lower().lstrip("+-") in _NOT_FINITE


def _header_names(cells: list[str]) -> tuple[str, ...]:
    """Column names from a header row, each on one line; an empty header cell is named by its 1-based number."""
    names = tuple(" ".join(cell.split()) or str(j) for j, cell in enumerate(cells, start=1))
    where: dict[str, int] = {}
    for j, name in enumerate(names, start=1):
        if name in where:
            raise CsvError("duplicate_header", column=_show(name, NAME_CHARS), first=where[name], second=j)
        where[name] = j
    return names


def _values(text: str, delimiter: str, decimal: str, columns: tuple[str, ...], *, skip_first: bool) -> np.ndarray:
    """Second pass: every cell as float64, ndarray of shape (rows, cols), or CsvError at the first bad cell."""
    out = array("d")  # 8 bytes a cell, where lists of str would take ~60
    records = _records(text, delimiter)
    if skip_first:
        next(records)
    for row, cells in records:
        # one regex a row, not one a cell; a cell holding "\n" itself would fake a boundary, hence the count
        line = "\n".join(cells)
        if line.count("\n") == len(cells) - 1 and _ROW[decimal].fullmatch(line):
            floats = list(map(float, line.replace(",", ".").split("\n")))  # no "," is left in a "." file
            if all(map(math.isfinite, floats)):  # 1e999 is written like a number but overflows to inf
                out.extend(floats)
                continue
        raise _cell_error(row, cells, columns, decimal, rest=records, seen=bool(out))
    values = np.array(out, dtype=np.float64).reshape(-1, len(columns))
    values.flags.writeable = False  # Table is frozen; so are its numbers
    return values


def _cell_error(
    row: int, cells: list[str], columns: tuple[str, ...], decimal: str, *, rest: Records, seen: bool
) -> CsvError:
    """The error for a row with a bad cell: no_numeric if no cell of the file is a number, else bad_cell."""
    finite = [_finite(cell, decimal) for cell in cells]
    if not (seen or any(finite) or any(_finite(c, decimal) for _, more in rest for c in more)):
        return CsvError("no_numeric")
    j = finite.index(False)
    return CsvError("bad_cell", row=row, column=_show(columns[j], NAME_CHARS), text=_show(cells[j], CELL_CHARS))


def _finite(cell: str, decimal: str) -> bool:
    """True if the cell is a finite number written with this decimal mark."""
    return _NUMBER[decimal].fullmatch(cell) is not None and math.isfinite(float(cell.replace(",", ".")))


def _cosines(A: np.ndarray) -> np.ndarray:
    """Cosines between A's columns, ndarray of shape (n, n) with a zero diagonal; zero columns give 0."""
    A = np.asarray(A, dtype=np.float64)
    peak = np.abs(A).max(axis=0, initial=0.0)
    U = A / np.where(peak > 0, peak, 1.0)  # scale by the largest entry first, so 1e300 entries do not overflow
    norm = np.linalg.norm(U, axis=0)
    U = U / np.where(norm > 0, norm, 1.0)
    G = np.clip(U.T @ U, -1.0, 1.0)
    np.fill_diagonal(G, 0.0)
    return G


def _show(text: str, limit: int) -> str:
    """Text as a message quotes it: on one line, at most limit characters (not escaped: pages show plain text)."""
    flat = "".join(ch if ch.isprintable() else " " for ch in text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
