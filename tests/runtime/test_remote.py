"""Lab runs on a real Dask cluster on loopback (worker processes, nothing mocked): the same numbers as this process,
progress streamed back, a stopped visitor's training stopped, and a worker killed mid-training reported as lost —
nothing stored half-done — after which a retry succeeds."""

from __future__ import annotations

import logging
import os
import re
import signal
import time
from collections.abc import Iterator

import pytest

from core.config import Config
from core.experiments.run import run
from core.i18n import Note
from core.runtime.flights import SingleFlight
from core.runtime.remote import RemoteLost, run_on_cluster
from core.runtime.store import ResultStore

pytestmark = pytest.mark.slow

QUICK = Config(n=12, m=6, depths=(1, 2), width=16, steps=80, batch=32, seed=5)
LONG = Config(n=16, m=8, depths=(2,), width=64, steps=20_000, max_seconds=60, batch=64, seed=6)  # stopped or killed


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0",
                      silence_logs=logging.CRITICAL) as c:  # fmt: skip
        yield c


def _numbers(result) -> list[tuple]:
    return [(m.depth, m.rms_rel_error, m.rms_rel_error_by_scale, m.loss_curve) for m in result.models]


def test_a_run_on_the_cluster_gives_this_process_numbers_with_its_progress(cluster) -> None:
    steps: list[tuple[int, int]] = []
    stages = []

    def progress(k: int, step: int, loss: float, t: float) -> None:
        steps.append((k, step))

    remote = run_on_cluster(QUICK, address=cluster.scheduler_address, on_progress=progress, on_stage=stages.append)
    assert _numbers(remote) == _numbers(run(QUICK))
    assert {k for k, _ in steps} == {0, 1} and (1, QUICK.steps) in steps  # both models, to the last step
    assert stages and all(isinstance(s, Note) for s in stages)  # the stages came back as notes a page can word
    assert all(s.words("en") for s in stages)


def _busy(address: str) -> int:
    """Tasks executing on the cluster's workers now."""
    from distributed import Client

    with Client(address, set_as_default=False) as client:
        return sum(client.run(lambda dask_worker: len(dask_worker.state.executing)).values())


def test_a_stopped_visitor_stops_the_training_on_the_worker(cluster) -> None:
    class Left(Exception):
        pass

    def leave(k: int, step: int, loss: float, t: float) -> None:
        if step >= 200:
            raise Left  # what Streamlit raises in the callback when the page is stopped

    with pytest.raises(Left):
        run_on_cluster(LONG, address=cluster.scheduler_address, on_progress=leave)
    deadline = time.monotonic() + 20
    while _busy(cluster.scheduler_address) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _busy(cluster.scheduler_address) == 0  # stopped within a batch, not after its 20,000 steps


def test_a_worker_killed_mid_training_is_reported_nothing_is_stored_and_a_retry_works(cluster, tmp_path) -> None:
    from distributed import Client

    killed = []

    def kill_once(k: int, step: int, loss: float, t: float) -> None:
        if not killed and step >= 100:
            with Client(cluster.scheduler_address, set_as_default=False) as client:
                killed.extend(client.run(os.getpid).values())
            os.kill(killed[0], signal.SIGKILL)  # the worker process dies mid-training; its nanny starts a new one

    store = ResultStore(tmp_path / "results.sqlite3")
    runs = SingleFlight(store, "run", workers=1)
    flight = runs.start(LONG, lambda f: run_on_cluster(LONG, address=cluster.scheduler_address, on_progress=kill_once))
    error = flight.exception()
    assert killed and isinstance(error, RemoteLost)
    assert "left the cluster" in str(error) and "tcp://127.0.0.1:" in str(error)
    assert store.get("run", LONG) is None and len(store) == 0  # nothing half-done kept

    again = runs.start(QUICK, lambda f: run_on_cluster(QUICK, address=cluster.scheduler_address))
    assert _numbers(again.result()) == _numbers(run(QUICK))  # the visitor presses Train again: it works
    assert store.get("run", QUICK) is not None


def test_an_unreachable_cluster_is_a_clear_training_error() -> None:
    with pytest.raises(RemoteLost, match=re.escape("could not connect to the Dask scheduler at tcp://127.0.0.1:1")):
        run_on_cluster(QUICK, address="tcp://127.0.0.1:1", timeout=2)
