"""Recorded sensor readings decoded by an exported model: the rows, the warnings, the CSV to take away.

Torch-free: the page passes its net, the command line the numpy decoder (core/io/decode_numpy.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from core.config import TEST_SCALES
from core.i18n import Note
from core.io.tables import Table, pick, sensor_columns
from core.present.csvfile import csv_bytes

CHECKED_SCALES = (min(TEST_SCALES), max(TEST_SCALES))  # ‖x‖ from 0.001 to 1000: where a run measures the error
Decoder = Callable[[np.ndarray], np.ndarray]  # Y (rows, m) → X̂ (rows, n)


@dataclass(frozen=True, eq=False)
class Decoded:
    """Recorded measurements decoded: X̂ (rows kept, n), their spreadsheet rows and labels, what to warn about."""

    X: np.ndarray
    rows: np.ndarray  # spreadsheet row numbers of the decoded rows
    labels: tuple[str, np.ndarray] | None  # the file's first time or text column (name, cells), if it has one
    outside: int  # rows whose ‖x̂‖ lies outside the magnitudes the run checked
    skipped: Note | None  # rows skipped for missing values (tables.Picked.note)


def decode_table(decode: Decoder, table: Table, sensor_names: Sequence[str]) -> Decoded:
    """Decode every complete row of a table of sensor readings (columns matched by name, else by position)."""
    picked = pick(table, sensor_columns(table, sensor_names))
    X = decode(picked.parts[0])
    size = np.linalg.norm(X, axis=1)
    lo, hi = CHECKED_SCALES
    outside = int(((size < lo) | (size > hi)).sum())
    labels = None
    for name, kind in zip(table.columns, table.kinds):
        if kind != "number":
            complete = np.isin(table.rows, picked.rows)
            labels = (name, table.labels[name][complete])
            break
    return Decoded(X, picked.rows, labels, outside, picked.note())


def decoded_csv(decoded: Decoded, source_names: Sequence[str], row_header: str) -> bytes:
    """X̂ as a CSV download: the spreadsheet row, the file's label column if any, one column per source."""
    columns: list[tuple[str, Any]] = [(row_header, decoded.rows)]
    if decoded.labels is not None:
        columns.append(decoded.labels)
    columns += [(name, decoded.X[:, j]) for j, name in enumerate(source_names)]
    return csv_bytes(columns)
