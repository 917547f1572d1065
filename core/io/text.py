"""A text file's bytes as a grid of cells: its encoding, separator and decimal mark guessed (each overridable).

The guesses look at a sample (the first 64 lines), like DuckDB's CSV sniffer; the whole file is then split by
pandas' C parser into strings, one vectorised pass (no Python loop per cell). Numbers are read later, column by
column (core/io/cells.py), so a text or timestamp column never stops a file from loading.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from itertools import islice

import pandas as pd

from core.io.errors import CsvError, show

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp932", "cp1252")  # what a page offers when the guess is wrong
DELIMITERS = ("\t", ";", ",")  # by preference: in a ";" or tab file a "," is a decimal comma
_SAMPLE_LINES = 64
_SNIFF_CHARS = 16_384  # Sniffer's regexes can be slow on long samples full of quotes
# A number as written, by decimal mark: ASCII digits only, unambiguous so a long bad cell cannot make it backtrack.
_NUM = {mark: rf"[+-]?(?:\d+(?:{re.escape(mark)}\d*)?|{re.escape(mark)}\d+)(?:[eE][+-]?\d+)?" for mark in ".,"}
NUMBER = {mark: re.compile(num, re.ASCII) for mark, num in _NUM.items()}
# Thousands grouped: 1,234,567.5 (decimal point) or 1.234.567,5 (decimal comma); anchored by fullmatch
GROUPED = {".": r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?", ",": r"[+-]?[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]*)?"}
_GROUPED = {mark: re.compile(pattern, re.ASCII) for mark, pattern in GROUPED.items()}
_PARSER_LINE = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_PARSER_ROW = re.compile(r"(?:row|line) (\d+)")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff01-\uff5e]")  # kana, kanji, full-width forms
_HALF_KANA = re.compile(r"[\uff61-\uff9f]")  # what cp1252's °, ±, µ become when read as cp932
Records = Iterator[tuple[int, list[str]]]


def decode(raw: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text and the encoding that read it: `encoding` if given, else UTF-8 (BOM or not), UTF-16, cp932, cp1252."""
    if encoding:
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            raise CsvError("encoding_override", encoding=show(encoding, 20)) from None
        return _text(text), encoding
    for candidate in _candidates(raw):
        try:
            text = raw.decode(candidate)
        except UnicodeDecodeError:
            continue
        if candidate == "cp932" and _HALF_KANA.search(text) and not _JAPANESE.search(text):
            try:  # half-width kana and no Japanese at all: a Western file (°C), not a Japanese one
                return _text(raw.decode("cp1252")), "cp1252"
            except UnicodeDecodeError:
                pass
        if candidate == "utf-8-sig" and not raw.startswith(codecs.BOM_UTF8):
            candidate = "utf-8"
        return _text(text), candidate
    raise CsvError("encoding")


def _candidates(raw: bytes) -> tuple[str, ...]:
    """Encodings to try in order: UTF-16 when a BOM or every other byte being zero says so."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text" export
        return ("utf-16",)
    head = raw[:4096]
    if len(head) >= 4 and head[1::2].count(0) > 0.9 * (len(head) // 2):
        return ("utf-16-le",)
    if len(head) >= 4 and head[0::2].count(0) > 0.9 * (len(head) // 2):
        return ("utf-16-be",)
    return ("utf-8-sig", "cp932", "cp1252")


def _text(text: str) -> str:
    """The decoded text, unless it holds NUL characters: then it is a binary file, not text."""
    if "\x00" in text:
        raise CsvError("encoding")
    return text


def records(text: str, delimiter: str) -> Records:
    """(spreadsheet row number, stripped cells) of every row that is not blank; CsvError where the CSV breaks."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True, strict=False)
    row = 0
    try:
        for row, cells in enumerate(reader, start=1):
            cells = list(map(str.strip, cells))
            if any(cells):
                yield row, cells
    except csv.Error as exc:
        raise CsvError("malformed", row=row + 1, reason=show(str(exc), 60)) from None


def sample(text: str) -> str:
    """The first lines of the text, which the guesses look at."""
    return "".join(islice(io.StringIO(text, newline=""), _SAMPLE_LINES))[: 4 * _SNIFF_CHARS]


def detect_delimiter(head: str) -> str:
    """The separator: Sniffer's guess if it splits the sample evenly, else the first that does, else counting."""
    width = {d: _even_width(head, d) for d in DELIMITERS}
    sniffer = csv.Sniffer()
    sniffer.preferred = list(DELIMITERS)  # its default prefers "," and would split "1,5;2,25" at the decimal commas
    try:
        guess = sniffer.sniff(head[:_SNIFF_CHARS], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        guess = ""
    if width.get(guess, 0) > 1:
        return guess
    even = [d for d in DELIMITERS if width[d] > 1]
    if even:
        return even[0]
    if width[";"] == 1 and _decimal_commas_only(head):  # one column of numbers such as 1,5
        return ";"
    return max(DELIMITERS[::-1], key=head.count)  # uneven rows: the commonest, "," on a tie


def detect_decimal(head: str, delimiter: str) -> str:
    """ "," where "," cannot be the separator and more numbers of the sample use it than a decimal point, else "."."""
    if delimiter == ",":
        return "."
    marks = dict.fromkeys(".,", 0)
    for _, cells in records(head, delimiter):
        for cell in cells:
            for mark in marks:
                if mark in cell and (NUMBER[mark].fullmatch(cell) or _GROUPED[mark].fullmatch(cell)):
                    marks[mark] += 1
    return "," if marks[","] > marks["."] else "."


def _even_width(head: str, delimiter: str) -> int:
    """How many cells every non-blank row of the sample has when split at delimiter; 0 if the rows disagree."""
    try:
        widths = {len(cells) for _, cells in records(head, delimiter)}
    except CsvError:
        return 0
    return widths.pop() if len(widths) == 1 else 0


def _decimal_commas_only(head: str) -> bool:
    """True if the sample has commas and every cell holding one is a number with a decimal comma."""
    cells = [c for _, row in records(head, ";") for c in row if "," in c]  # one cell a row: ";" is absent
    return bool(cells) and all(NUMBER[","].fullmatch(c) for c in cells)


def grid(text: str, delimiter: str, max_columns: int) -> pd.DataFrame:
    """Every cell as a stripped string ("" when empty), one row per CSV record, blank rows kept (they are counted)."""
    if not text.strip():
        raise CsvError("empty")
    first = next(records(sample(text), delimiter), (0, []))[1]
    if len(first) > max_columns:
        raise CsvError("too_many_columns", count=len(first), cap=max_columns)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            skipinitialspace=True,
            engine="c",
            on_bad_lines="error",
        )
    except pd.errors.EmptyDataError:
        raise CsvError("empty") from None
    except (pd.errors.ParserError, ValueError, csv.Error, OverflowError, MemoryError) as exc:
        raise _parser_error(str(exc)) from None
    if frame.shape[1] > max_columns:
        raise CsvError("too_many_columns", count=frame.shape[1], cap=max_columns)
    return frame.fillna("").apply(lambda col: col.str.strip())


def _parser_error(message: str) -> CsvError:
    """pandas' complaint as a CsvError: a row with too many cells is `ragged`, anything else `malformed`."""
    found = _PARSER_LINE.search(message)
    if found:
        expected, line, cells = map(int, found.groups())
        return CsvError("ragged", row=line, cells=cells, expected=expected)
    reason = show(message.splitlines()[0] if message else "?", 60)
    where = _PARSER_ROW.search(message)
    return CsvError("malformed", row=int(where[1]) + 1, reason=reason) if where else CsvError("garbled", reason=reason)
