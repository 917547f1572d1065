"""The one result store: SQLite that outlives the process, bounded in bytes, LRU out first, versioned, shared by
threads and processes, and never the reason a page fails (a bad file is set aside)."""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import types
from pathlib import Path

import pytest

from core.config import Config
from core.experiments.results import ModelResult, RunResult
from core.i18n import note
from core.runtime import store as store_module
from core.runtime.store import ResultStore, Stored, _key_text
from tests import ROOT


def _result(seed: int = 0, pad: int = 0) -> RunResult:
    """A small RunResult with a Note and nested dicts, like a real one (pad: that many extra floats)."""
    model = ModelResult(
        depth=1, width=8, activation="relu", bias=False, params=64, train_seconds=0.5, steps_done=3, status="ok",
        note=note("note.diverged", step=80, good_step=51), rms_rel_error=0.7, rms_rel_error_by_scale={"1": 0.7},
        homogeneity_error=1e-7, loss_curve=((0, 1.0), (3, 0.5)), example={"1": [0.1, 0.2]},
    )  # fmt: skip
    return RunResult(Config(seed=seed), 0.707, (model,), [float(k) for k in range(pad)], 1)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "results.sqlite3"


def test_round_trip_keeps_each_kind_apart_and_survives_a_new_store_on_the_same_file(path: Path) -> None:
    store = ResultStore(path)
    store.put("run", Config(), _result())
    store.put("theory", ("scale", 0), {"gap": [1e-7]})
    store.put("sweep", ("spec", (0.5, 1.0)), ("map", {(0.5, 0.25): 1.0}))
    assert store.get("run", Config()) == _result()
    assert store.get("sweep", Config()) is None  # same key, other kind
    store.close()
    again = ResultStore(path)  # a restarted server
    assert again.get("run", Config()) == _result()
    assert again.get("theory", ("scale", 0)) == {"gap": [1e-7]}
    assert again.get("sweep", ("spec", (0.5, 1.0))) == ("map", {(0.5, 0.25): 1.0})
    assert again.get("run", Config(seed=1)) is None
    assert len(again) == 3


def test_an_unknown_kind_is_refused(path: Path) -> None:
    with pytest.raises(KeyError):
        ResultStore(path).put("uploads", "x", 1)  # no kind for a session's own data


def test_eviction_by_bytes_drops_the_least_recently_used(path: Path) -> None:
    size = len(pickle.dumps(_result(pad=1000), protocol=pickle.HIGHEST_PROTOCOL))
    store = ResultStore(path, max_bytes=3 * size + size // 2)  # room for three
    for seed in range(3):
        store.put("run", seed, _result(seed, pad=1000))
    assert store.get("run", 0) is not None  # a use: 1 is now the least recently used
    store.put("run", 3, _result(3, pad=1000))
    assert [store.get("run", seed) is not None for seed in range(4)] == [True, False, True, True]
    assert store.bytes() <= store.max_bytes


def test_an_older_versions_result_is_found_with_its_version_but_never_passed_off_as_this_ones(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ResultStore(path)
    store.put("run", Config(), _result())
    made = store_module.RESULTS_VERSION
    monkeypatch.setattr(store_module, "RESULTS_VERSION", made + 1)  # a later commit changed the numbers
    assert store.get("run", Config()) is None
    assert store.find("run", Config()) == Stored(_result(), made)
    store.put("run", Config(), _result(seed=0, pad=2))
    assert store.find("run", Config()) == Stored(_result(seed=0, pad=2), made + 1)  # this version's first


def test_a_stored_value_that_would_build_anything_else_is_a_miss_and_is_deleted(path: Path) -> None:
    store = ResultStore(path)
    store.put("run", "k", 1)
    store.close()
    evil = pickle.dumps(Path("/tmp"))  # unpickling calls pathlib.PosixPath: not a ScaleLab result class
    with sqlite3.connect(path) as db:
        db.execute("UPDATE results SET value = ? WHERE key = ?", (evil, _key_text("k")))
    again = ResultStore(path)
    assert again.get("run", "k") is None
    assert len(again) == 0


def test_garbage_in_the_files_header_sets_it_aside_with_one_log_line(
    path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = ResultStore(path)
    store.put("run", "k", 1)
    store.close()
    with open(path, "r+b") as f:
        f.write(os.urandom(100))
    with caplog.at_level(logging.WARNING, logger=store_module.__name__):
        again = ResultStore(path)
        assert again.get("run", "k") is None
        again.put("run", "k", 2)
        assert again.get("run", "k") == 2
    assert len(caplog.records) == 1 and "moved to" in caplog.records[0].getMessage()
    assert len(list(path.parent.glob("results.sqlite3.corrupt-*"))) == 1


def test_garbage_inside_the_file_never_raises(path: Path) -> None:
    store = ResultStore(path)
    for k in range(200):
        store.put("run", k, _result(k, pad=200))
    store.close()
    size = path.stat().st_size
    with open(path, "r+b") as f:
        for offset in range(4096, size, 8192):  # every other page after the first
            f.seek(offset)
            f.write(os.urandom(4096))
    again = ResultStore(path)
    found = [again.get("run", k) for k in range(200)]  # hits, misses or a rebuilt file: never an exception
    again.put("run", "new", 1)
    assert again.get("run", "new") == 1
    assert all(v is None or v == _result(k, pad=200) for k, v in enumerate(found))


_WRITER = """
import sys
from core.runtime.store import ResultStore
store = ResultStore(sys.argv[1])
k = 0
while True:
    store.put("run", k, [float(k)] * 5000)
    k += 1
"""


def test_a_process_killed_mid_write_leaves_a_readable_store(path: Path) -> None:
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)], cwd=ROOT)
    try:
        reader = ResultStore(path)
        deadline = time.monotonic() + 60
        while len(reader) < 20 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(writer.pid, signal.SIGKILL)  # mid-write: it writes without pause
    finally:
        writer.wait()
    assert writer.returncode == -signal.SIGKILL
    reader.close()
    again = ResultStore(path)
    count = len(again)
    assert count >= 20
    assert [again.get("run", k) for k in range(count)] == [[float(k)] * 5000 for k in range(count)]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _write_many(path: str, offset: int) -> None:
    store = ResultStore(path)
    for k in range(offset, offset + 100):
        store.put("run", k, [k] * 100)
        assert store.get("run", k - 1 if k > offset else k) is not None


def test_two_processes_write_the_same_file(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a spawned child first runs the parent's __main__: after an AppTest in this process that is the last page
    # script, which then ran in each child and failed it (exit code 1, seen in CI); a bare __main__ has nothing to run
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_many, args=(str(path), offset)) for offset in (0, 1000)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(120)
    assert [proc.exitcode for proc in procs] == [0, 0]
    store = ResultStore(path)
    assert len(store) == 200
    assert all(store.get("run", k) == [k] * 100 for k in (*range(100), *range(1000, 1100)))


def test_many_threads_share_one_store(path: Path) -> None:
    store = ResultStore(path)

    def fill(offset: int) -> None:
        for i in range(50):
            store.put("run", offset + i, i)
            assert store.get("run", offset + i) == i

    threads = [threading.Thread(target=fill, args=(k * 1000,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store) == 200


def test_the_data_directory_follows_its_environment_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(store_module.DATA_DIR_ENV, str(tmp_path / "elsewhere"))
    store = ResultStore()
    store.put("run", "k", 1)
    assert (tmp_path / "elsewhere" / store_module.STORE_FILE).exists()
