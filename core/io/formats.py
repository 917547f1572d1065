"""Excel (.xlsx) and Parquet uploads as a grid of cells, refused before expansion when they declare too much.

Both are compressed: a small upload can unpack to gigabytes. Their declared sizes (the zip directory of an xlsx,
the row groups' uncompressed sizes of a Parquet file) are checked against MAX_UNPACKED_BYTES before anything is
expanded. After loading, the same rules as for CSV apply (core/io/tables.py).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pandas as pd

from core.io.errors import NAME_CHARS, CsvError, show
from core.io.limits import MAX_UNPACKED_BYTES

XLSX_MAGIC = b"PK\x03\x04"
PARQUET_MAGIC = b"PAR1"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls


def kind_of(raw: bytes) -> str:
    """ "xlsx", "parquet", "xls" or "text", from the file's first bytes (never from its name)."""
    if raw.startswith(XLSX_MAGIC):
        return "xlsx"
    if raw.startswith(PARQUET_MAGIC) and raw.endswith(PARQUET_MAGIC) and len(raw) >= 12:
        return "parquet"
    if raw.startswith(OLE_MAGIC):
        return "xls"
    return "text"


def xlsx_sheets(raw: bytes) -> tuple[str, ...]:
    """The workbook's sheet names, in order."""
    return tuple(_workbook(raw).sheetnames)


def xlsx_grid(raw: bytes, sheet: str | None, max_rows: int, max_columns: int) -> tuple[pd.DataFrame, str, bool]:
    """One sheet's cells as strings (header=None), the sheet's name (the first unless `sheet` is given), and whether
    its first row holds only text (then it is the header, even of names such as "1", "2" that read as numbers)."""
    book = _workbook(raw)
    names = book.sheetnames
    if sheet is not None and sheet not in names:
        raise CsvError("unknown_sheet", sheet=show(sheet, NAME_CHARS), sheets=", ".join(show(n, 31) for n in names))
    name = sheet if sheet is not None else names[0]
    rows, typed = [], []
    try:
        for row in book[name].iter_rows(values_only=True):
            if len(rows) > max_rows + 2:  # a header and a units row above max_rows rows: enough to say it is too many
                raise CsvError("too_many_rows", count=len(rows), cap=max_rows)
            if len(row) > max_columns:
                row = row[: max_columns + 1]
            rows.append([_cell(v) for v in row])
            if not typed:
                typed = [v for v in row if v is not None]
    except CsvError:
        raise
    except Exception as exc:  # a sheet's XML can break midway; openpyxl then raises many kinds
        raise CsvError("bad_workbook", reason=show(f"{type(exc).__name__}: {exc}", 60)) from None
    finally:
        book.close()
    if not rows:
        raise CsvError("empty")
    width = max(len(r) for r in rows)
    if width > max_columns:
        raise CsvError("too_many_columns", count=width, cap=max_columns)
    header = bool(typed) and all(isinstance(v, str) for v in typed)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype="str"), name, header


def _workbook(raw: bytes) -> Any:
    """The workbook, read-only, formulas as their cached values; CsvError if it is not one or unpacks too large."""
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            declared = sum(info.file_size for info in archive.infolist())
        if declared > MAX_UNPACKED_BYTES:
            raise CsvError("unpacked_too_big", size=declared, cap=MAX_UNPACKED_BYTES)
        return openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except CsvError:
        raise
    except Exception as exc:  # openpyxl raises many kinds (KeyError, zipfile, XML); all mean "not a workbook"
        raise CsvError("bad_workbook", reason=show(f"{type(exc).__name__}: {exc}", 60)) from None


def _cell(value: object) -> str:
    """A cell as text: numbers in their shortest exact form, dates as ISO, empty as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float | int):
        return repr(float(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    return str(value)


def parquet_frame(raw: bytes, max_rows: int, max_columns: int) -> pd.DataFrame:
    """A Parquet file as a DataFrame (its column names are the header), refused before expansion when too large."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(io.BytesIO(raw))
        meta = parquet.metadata
        declared = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
        if declared > MAX_UNPACKED_BYTES:
            raise CsvError("unpacked_too_big", size=declared, cap=MAX_UNPACKED_BYTES)
        if meta.num_columns > max_columns:
            raise CsvError("too_many_columns", count=meta.num_columns, cap=max_columns)
        if meta.num_rows > max_rows:
            raise CsvError("too_many_rows", count=meta.num_rows, cap=max_rows)
        return parquet.read().to_pandas()
    except CsvError:
        raise
    except (pa.ArrowException, OSError, ValueError, TypeError, KeyError, IndexError) as exc:
        raise CsvError("bad_parquet", reason=show(f"{type(exc).__name__}: {exc}", 60)) from None
