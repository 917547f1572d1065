"""A sensing matrix A from an uploaded file: m sensors (rows) × n sources (columns), names kept on both sides.

A first column of text names the sensors; the header names the sources. Every other cell must be a finite number
(a matrix has no rows to spare). Also: how alike A's columns look to the sensors (coherence, near-parallel pairs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from core.io.errors import NAME_CHARS, CsvError, show
from core.io.tables import Progress, Table, read_table

MAX_SENSORS = 256  # rows of A (m)
MAX_SOURCES = 256  # columns of A (n), the same as Config's cap on n
MIN_SOURCES = 2
MAX_PAIRS = 10  # near_parallel_pairs returns at most this many


@dataclass(frozen=True, eq=False)
class MatrixInfo:
    """A sensing matrix A, ndarray of shape (m, n): m sensors (rows) see n sources (columns), with m < n (read_matrix);
    candidate sensor rows (read_rows) may have any number of rows."""

    A: np.ndarray
    source_names: tuple[str, ...]  # (n,)
    sensor_names: tuple[str, ...]  # (m,): the first text column, else "1", "2", ...
    table: Table  # how the file was read (format, encoding, delimiter, header)


def read_matrix(
    raw: bytes, *, encoding: str | None = None, sheet: str | None = None, progress: Progress | None = None
) -> MatrixInfo:
    """Read a sensing matrix A (m sensors × n sources) and refuse one the app cannot reconstruct from."""
    info = _read_rows(raw, encoding=encoding, sheet=sheet, progress=progress)
    A, names = info.A, info.source_names
    m, n = A.shape
    if m >= n:  # reconstructing n sources from m < n sensors is the whole point; m >= n is plain least squares
        raise CsvError("matrix_not_wide", m=m, n=n)
    zero = np.flatnonzero(~A.any(axis=0))
    if zero.size:
        raise CsvError("zero_column", column=show(names[zero[0]], NAME_CHARS))
    seen: dict[bytes, int] = {}
    for j in range(n):
        key = (A[:, j] + 0.0).tobytes()  # + 0.0 turns -0.0 into 0.0, which compares equal to it
        if key in seen:
            first, second = (show(names[k], NAME_CHARS) for k in (seen[key], j))
            raise CsvError("duplicate_columns", first=first, second=second)
        seen[key] = j
    return info


def read_rows(
    raw: bytes, *, encoding: str | None = None, sheet: str | None = None, progress: Progress | None = None
) -> MatrixInfo:
    """Read candidate sensor rows, read like A (sensor names, source header) but with as many rows as wanted (up to
    MAX_SENSORS): a candidate may see nothing of some sources, and there may be more candidates than sources."""
    return _read_rows(raw, encoding=encoding, sheet=sheet, progress=progress)


def align_rows(rows: MatrixInfo, sources: Sequence[str]) -> np.ndarray:
    """The candidate rows' values with their columns in the order of A's sources, ndarray of shape (k, n).

    Columns are matched by name when the file names the same sources (in any order), else by position when it has
    as many columns; otherwise CsvError candidate_columns.
    """
    if sorted(rows.source_names) == sorted(sources):
        where = {name: j for j, name in enumerate(rows.source_names)}
        return rows.A[:, [where[name] for name in sources]]
    if len(rows.source_names) == len(sources):
        return rows.A
    raise CsvError("candidate_columns", n=len(sources), count=len(rows.source_names))


def _read_rows(raw: bytes, *, encoding: str | None, sheet: str | None, progress: Progress | None) -> MatrixInfo:
    """Rows of numbers named on both sides, every cell finite, at least MIN_SOURCES columns (no shape rule)."""
    limits = {"max_rows": MAX_SENSORS, "max_columns": MAX_SOURCES + 1}
    table = read_table(raw, encoding=encoding, sheet=sheet, progress=progress, **limits)
    numeric = [j for j, kind in enumerate(table.kinds) if kind == "number"]
    for j, kind in enumerate(table.kinds):
        if kind != "number" and j != 0:  # only the first column may name the sensors
            raise CsvError(f"{kind}_column", column=show(table.columns[j], NAME_CHARS))
    if len(numeric) > MAX_SOURCES:
        raise CsvError("too_many_columns", count=len(numeric), cap=MAX_SOURCES)
    A = np.array(table.values[:, numeric])  # (m, n)
    names = tuple(table.columns[j] for j in numeric)
    _refuse_gaps(table, A, numeric)
    sensors = (
        tuple(show(str(s), NAME_CHARS) for s in table.labels[table.columns[0]])
        if table.kinds[0] != "number"
        else tuple(str(i) for i in range(1, A.shape[0] + 1))
    )
    A.flags.writeable = False
    if A.shape[1] < MIN_SOURCES:
        raise CsvError("too_few_sources", count=A.shape[1], min=MIN_SOURCES)
    return MatrixInfo(A, names, sensors, table)


def _refuse_gaps(table: Table, A: np.ndarray, numeric: list[int]) -> None:
    """CsvError bad_cell at the first cell of A (row by row) that is not a finite number."""
    bad = np.argwhere(~np.isfinite(A))
    if not bad.size:
        return
    i, k = (int(v) for v in bad[0])
    row, j = int(table.rows[i]), numeric[k]
    written = dict(table.odd[j])
    text = written.get(row, "")
    raise CsvError("bad_cell", row=row, column=show(table.columns[j], NAME_CHARS), text=text)


def coherence(A: np.ndarray) -> float:
    """Mutual coherence max_{i≠j} |⟨a_i, a_j⟩| / (‖a_i‖‖a_j‖) of A's columns, A of shape (m, n); 0 if n < 2.

    Zero columns count as orthogonal to everything (their angle is undefined).
    """
    return float(np.abs(cosines(A)).max(initial=0.0))


def near_parallel_pairs(
    A: np.ndarray, names: Sequence[str], *, threshold: float = 0.95
) -> list[tuple[str, str, float]]:
    """Pairs of columns of A (m, n) whose |cosine| ≥ threshold: sources the sensors cannot tell apart.

    Returns (name_i, name_j, cosine) with i < j, the signed cosine (−1 is just as indistinguishable as +1), sorted by
    |cosine| descending, at most MAX_PAIRS.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold={threshold!r} is not allowed: threshold must be a number above 0 and up to 1")
    G = cosines(A)
    if len(names) != G.shape[0]:
        raise ValueError(f"{len(names)} names were given for {G.shape[0]} columns: give one name per column")
    i, j = np.triu_indices(G.shape[0], k=1)
    cos = G[i, j]
    keep = np.flatnonzero(np.abs(cos) >= threshold)
    order = keep[np.argsort(-np.abs(cos[keep]), kind="stable")][:MAX_PAIRS]
    return [(names[i[k]], names[j[k]], float(cos[k])) for k in order]


def cosines(A: np.ndarray) -> np.ndarray:
    """Cosines between A's columns, ndarray of shape (n, n) with a zero diagonal; zero columns give 0."""
    A = np.asarray(A, dtype=np.float64)
    peak = np.abs(A).max(axis=0, initial=0.0)
    U = A / np.where(peak > 0, peak, 1.0)  # scale by the largest entry first, so 1e300 entries do not overflow
    norm = np.linalg.norm(U, axis=0)
    U = U / np.where(norm > 0, norm, 1.0)
    G = np.clip(U.T @ U, -1.0, 1.0)
    np.fill_diagonal(G, 0.0)
    return G
