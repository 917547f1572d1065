"""The one store of finished results — Lab runs, Theory answers, sweeps — kept in SQLite so it outlives the server.

Keys are the settings that made a result (a frozen Config or SweepSpec, which include the seed, or a Theory study's
(name, seed)), so a share link replays the same numbers, after a restart too. Each row also records the
RESULTS_VERSION that made it: `get` answers only with numbers of this version, `find` also with an older version's,
saying which (a link made before a change of numbers still shows what it showed). The file is bounded in bytes,
least recently used out first; a run or an answer is a few kB, a sweep a few tens.

The file lives in the data directory (SCALELAB_DATA_DIR, default ~/.cache/scalelab). Several server processes on
one machine may share it (SQLite's WAL mode and locks); machines that do not share a disk need another store. A file
that SQLite cannot read is moved aside and a new one started, with one log line: the store is a cache, never a reason
to fail a page. Values are pickled, and read back by an unpickler that builds nothing but plain data and ScaleLab's
own result classes, so a tampered file cannot run code. A result made from a session's own data (an uploaded
matrix) must never be put here: the callers check that, the store cannot tell.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
import os
import pickle
import sqlite3
import threading
import time
from collections.abc import Hashable
from pathlib import Path
from typing import Any, NamedTuple

from core.experiments.results import RESULTS_VERSION

DATA_DIR_ENV = "SCALELAB_DATA_DIR"
STORE_FILE = "results.sqlite3"
MAX_BYTES = 64 * 2**20  # thousands of runs; a sweep is a few tens of kB
KINDS = ("run", "theory", "sweep", "images")
BUSY_SECONDS = 10.0  # another process holding the write lock: wait this long before giving up on one write

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    kind TEXT NOT NULL, key TEXT NOT NULL, version INTEGER NOT NULL,
    value BLOB NOT NULL, bytes INTEGER NOT NULL, used REAL NOT NULL,
    PRIMARY KEY (kind, key, version)
);
CREATE INDEX IF NOT EXISTS results_used ON results (used);
"""


def data_dir() -> Path:
    """Where ScaleLab keeps files that outlive the server: $SCALELAB_DATA_DIR, else ~/.cache/scalelab."""
    return Path(os.environ.get(DATA_DIR_ENV) or Path.home() / ".cache" / "scalelab")


class Stored(NamedTuple):
    """A stored result and the RESULTS_VERSION that made it."""

    value: Any
    version: int


class ResultStore:
    """Results by (kind, key, version) in one SQLite file, bounded in bytes; safe from many threads and processes."""

    def __init__(self, path: Path | str | None = None, *, max_bytes: int = MAX_BYTES) -> None:
        self.path = Path(path) if path is not None else data_dir() / STORE_FILE
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def get(self, kind: str, key: Hashable) -> Any | None:
        """The result of this RESULTS_VERSION stored for key, or None; a hit counts as a use."""
        found = self.find(kind, key, older=False)
        return None if found is None else found.value

    def find(self, kind: str, key: Hashable, *, older: bool = True) -> Stored | None:
        """This version's result for key, else (older=True) the newest older one's; with the version that made it."""
        _check(kind)
        where = (kind, _key_text(key))
        oldest = 0 if older else RESULTS_VERSION
        rows = self._run(
            "SELECT version, value FROM results WHERE kind = ? AND key = ? AND version BETWEEN ? AND ?"
            " ORDER BY version DESC",
            (*where, oldest, RESULTS_VERSION),
        )
        for version, blob in rows or ():
            try:
                value = _loads(blob)
            except Exception:  # written by code that is gone, or tampered with: a miss, and out it goes
                self._run("DELETE FROM results WHERE kind = ? AND key = ? AND version = ?", (*where, version))
                continue
            self._run(
                "UPDATE results SET used = ? WHERE kind = ? AND key = ? AND version = ?",
                (time.time(), *where, version),
            )
            return Stored(value, version)
        return None

    def put(self, kind: str, key: Hashable, value: Any) -> None:
        """Store value for key at this RESULTS_VERSION, then drop the least recently used results beyond max_bytes."""
        _check(kind)
        blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        _loads(blob)  # a value the reader would refuse is a bug here, not a miss later
        self._run(
            "INSERT OR REPLACE INTO results (kind, key, version, value, bytes, used) VALUES (?, ?, ?, ?, ?, ?)",
            (kind, _key_text(key), RESULTS_VERSION, blob, len(blob), time.time()),
        )
        self._evict()

    def bytes(self) -> int:
        """The stored values' total size."""
        rows = self._run("SELECT COALESCE(SUM(bytes), 0) FROM results", ())
        return int(rows[0][0]) if rows else 0

    def __len__(self) -> int:
        rows = self._run("SELECT COUNT(*) FROM results", ())
        return int(rows[0][0]) if rows else 0

    def close(self) -> None:
        """Close this process's connection (a later call opens it again)."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def _evict(self) -> None:
        """Delete least recently used rows until the values fit in max_bytes."""
        total = self.bytes()
        if total <= self.max_bytes:
            return
        rows = self._run("SELECT kind, key, version, bytes FROM results ORDER BY used", ()) or []
        doomed = []
        for kind, key, version, size in rows:
            if total <= self.max_bytes:
                break
            doomed.append((kind, key, version))
            total -= size
        self._run("DELETE FROM results WHERE kind = ? AND key = ? AND version = ?", doomed, many=True)

    def _run(self, sql: str, params: Any, *, many: bool = False) -> list[tuple] | None:
        """One statement in its own transaction; a file SQLite cannot read is set aside and the statement retried once
        on a new file; None if the store stays unusable (e.g. busy beyond BUSY_SECONDS): a cache miss, not an error."""
        with self._lock:
            for attempt in range(2):
                try:
                    db = self._connect()
                    with db:
                        cursor = db.executemany(sql, params) if many else db.execute(sql, params)
                        return cursor.fetchall()
                except sqlite3.DatabaseError as exc:
                    if attempt == 0 and _corrupt(exc):
                        self._set_aside(exc)
                        continue
                    log.warning("result store %s: %s", self.path, exc)
                    return None
        return None

    def _connect(self) -> sqlite3.Connection:
        """This process's connection, opened (and the file made) on first use."""
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, check_same_thread=False, isolation_level=None)
            try:
                _set_up(db)
            except BaseException:
                db.close()
                raise
            # back to transactions: `with db` commits each statement or rolls it back. IMMEDIATE: a write takes the
            # write lock when it begins, waiting up to BUSY_SECONDS; a deferred one began as a reader and, when another
            # process had written meanwhile, failed at once with "database is locked" (SQLite does not wait there: it
            # would deadlock), which lost a result in a test of two processes writing (seen once in CI)
            db.isolation_level = "IMMEDIATE"
            self._db = db
        return self._db

    def _set_aside(self, exc: Exception) -> None:
        """Move the unreadable file (and its WAL) aside; the next statement starts a new one."""
        if self._db is not None:
            self._db.close()
            self._db = None
        aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
        for suffix in ("", "-wal", "-shm"):
            part = Path(f"{self.path}{suffix}")
            if part.exists():
                os.replace(part, f"{aside}{suffix}")
        log.warning("result store %s was unreadable (%s): moved to %s, starting a new one", self.path, exc, aside)


def _set_up(db: sqlite3.Connection) -> None:
    """WAL mode and the table, retried while another process holds the file: switching to WAL does not wait for a
    lock as statements do, so two processes opening a new file at once failed with "database is locked" (in 4–7 of
    40 runs of test_two_processes_write_the_same_file; none in 60 with this retry; a lost result each time)."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
            return
        except sqlite3.OperationalError as exc:
            busy = getattr(exc, "sqlite_errorcode", 0) & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _check(kind: str) -> None:
    """Only the known kinds: a session's own data has none."""
    if kind not in KINDS:
        raise KeyError(f"unknown kind of result {kind!r}; known: {', '.join(KINDS)}")


def _key_text(key: Hashable) -> str:
    """A stable text for a key: its repr (frozen dataclasses, tuples, numbers and strings have stable ones), hashed."""
    return hashlib.sha256(repr(key).encode()).hexdigest()


def _corrupt(exc: sqlite3.DatabaseError) -> bool:
    """Whether SQLite says the file itself is bad (as opposed to busy, locked or full)."""
    return not isinstance(exc, sqlite3.OperationalError)  # locked, busy, disk I/O: the file may be fine


class _Unpickler(pickle.Unpickler):
    """Builds plain data and ScaleLab's own dataclasses and named tuples (results, configs, notes), nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "core" or module.startswith("core."):
            found = super().find_class(module, name)
            if isinstance(found, type) and (dataclasses.is_dataclass(found) or _is_named_tuple(found)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a ScaleLab result class")


def _is_named_tuple(cls: type) -> bool:
    """A NamedTuple class (e.g. core.i18n.Note): a tuple with named fields, nothing that runs code."""
    return issubclass(cls, tuple) and hasattr(cls, "_fields")


def _loads(blob: bytes) -> Any:
    """A value written by put, through the restricted unpickler."""
    return _Unpickler(io.BytesIO(blob)).load()
