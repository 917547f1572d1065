"""Sweeps on a real local process pool and on a real Dask cluster on loopback (several worker processes).

The cluster tests start `distributed.LocalCluster` with separate worker processes, the same engine a lab would
run across machines; nothing is mocked.
"""

import logging
import os
import signal
import time
from collections.abc import Iterator

import dask
import pytest

from core.experiments.sweep.grid import tasks
from core.experiments.sweep.spec import SweepSpec
from core.runtime.sweeps import ClusterError, connect, run_sweep

pytestmark = pytest.mark.slow

TINY = SweepSpec(n=12, deltas=(0.5, 0.75), rhos=(0.1, 0.3), seeds=2, steps=40, width=16, optimizer="adam")
LONG = SweepSpec(n=16, deltas=(0.5,), rhos=(0.1, 0.2), seeds=2, steps=5000, max_seconds=60, width=256, optimizer="adam")


def _numbers(result) -> list[tuple]:
    """What a sweep measured, without the wall-clock seconds (those differ run to run)."""
    return [(r.delta, r.rho, r.seed_index, r.seed, r.errors, r.one_layer_floor) for r in result.results]


@pytest.fixture(scope="module")
def local_result():
    return run_sweep(TINY, workers=2)


def _cluster(workers: int):
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=":0",  # a free port: never clash with a running dashboard
        silence_logs=logging.CRITICAL,
    )


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    with _cluster(3) as c:
        yield c


def test_the_local_pool_runs_every_task_once(local_result) -> None:
    assert not local_result.missing and not local_result.cancelled
    assert sorted(r.seed_index for r in local_result.results) == [0, 0, 0, 0, 1, 1, 1, 1]
    assert len(local_result.cells) == 4 * 3  # 2 δ × 2 ρ × 3 decoders
    assert local_result.workers == 2 and local_result.backend == "local"


def test_one_worker_and_two_give_the_same_numbers(local_result) -> None:
    assert _numbers(run_sweep(TINY, workers=1)) == _numbers(local_result)


def test_cancelling_a_local_sweep_stops_its_running_tasks() -> None:
    started = time.monotonic()
    result = run_sweep(LONG, workers=2, should_cancel=lambda: time.monotonic() - started > 3)
    assert result.cancelled and not result.results
    assert {why for _, why in result.missing} == {"cancelled"}
    assert len(result.missing) == LONG.task_count  # every task named, none silently gone
    # each task alone trains 2 × 5000 steps at width 256 (about 30 s); stopped within a step, the sweep ends soon
    assert result.elapsed_seconds < 20


def test_the_cluster_gives_exactly_the_local_numbers(cluster, local_result) -> None:
    result = run_sweep(TINY, address=cluster.scheduler_address)
    assert result.backend == cluster.scheduler_address and result.workers == 3
    assert not result.missing
    assert _numbers(result) == _numbers(local_result)
    assert result.cells == local_result.cells


def _kill_a_busy_worker(client, wait: float = 2.0) -> bool:
    """SIGKILL one worker process that is executing a task, looking for one for up to `wait` seconds (tasks of a few
    tenths of a second can all be between tasks at one look: the test failed that way once); False if none was."""
    until = time.monotonic() + wait
    while time.monotonic() < until:
        busy = client.run(lambda dask_worker: (os.getpid(), len(dask_worker.state.executing)))
        for pid, executing in busy.values():
            if executing:
                os.kill(pid, signal.SIGKILL)  # the process dies mid-task; its nanny starts a new one
                return True
        time.sleep(0.02)
    return False


def test_a_worker_killed_mid_sweep_loses_no_cell_and_duplicates_none(cluster) -> None:
    from distributed import Client

    # tasks long enough (~0.5 s) that a worker is mid-task when the first one is done: TINY's took a few hundredths
    # of a second once the decoders got faster, and the kill found no busy worker (failed twice in CI)
    spec = SweepSpec(**(TINY.to_dict() | {"steps": 1000}))
    killed = []
    with Client(cluster.scheduler_address, set_as_default=False) as client:

        def kill_once(done: int, total: int, result, seconds: float) -> None:
            if True not in killed and done < total:  # at the first task done, or a later one if none was busy
                killed.append(_kill_a_busy_worker(client))

        result = run_sweep(spec, address=cluster.scheduler_address, on_task=kill_once)
    assert killed[-1] is True and killed.count(True) == 1
    assert not result.missing
    keys = [(r.delta, r.rho, r.seed_index) for r in result.results]
    assert len(keys) == len(set(keys)) == spec.task_count
    # a re-run task gives the same numbers as the first time, and as the local pool
    assert _numbers(result) == _numbers(run_sweep(spec, workers=2))


def test_with_no_retries_allowed_the_lost_cells_are_named() -> None:
    from distributed import Client

    spec = SweepSpec(**(TINY.to_dict() | {"steps": 1500, "deltas": (0.5,), "seeds": 1}))  # 2 tasks, 2 workers
    killed = []
    no_retries = dask.config.set({"distributed.scheduler.allowed-failures": 0})
    with no_retries, _cluster(2) as small, Client(small.scheduler_address, set_as_default=False) as client:

        def kill_once_busy() -> bool:  # polled by the sweep loop; never cancels
            if not killed and _kill_a_busy_worker(client):
                killed.append(True)
            return False

        result = run_sweep(spec, address=small.scheduler_address, should_cancel=kill_once_busy)
    assert killed
    assert len(result.missing) == 1, "the killed worker's task is reported, the other one finished"
    (key, why), (finished,) = result.missing[0], result.results
    assert "KilledWorker" in why
    assert {key, f"delta={finished.delta:g} rho={finished.rho:g} seed#{finished.seed_index}"} == {
        t.key for t in tasks(spec)
    }


def test_cancelling_a_cluster_sweep_stops_its_tasks(cluster) -> None:
    from distributed import Client

    started = time.monotonic()
    result = run_sweep(LONG, address=cluster.scheduler_address, should_cancel=lambda: time.monotonic() - started > 4)
    assert result.cancelled and not result.results
    assert len(result.missing) == LONG.task_count
    with Client(cluster.scheduler_address, set_as_default=False) as client:
        executing = client.run(lambda dask_worker: len(dask_worker.state.executing))
        assert not any(executing.values())  # no worker still trains a cancelled task
        leftover = client.run_on_scheduler(lambda dask_scheduler: [k for k in dask_scheduler.tasks if "scalelab" in k])
        assert leftover == []


def test_an_unreachable_address_says_so() -> None:
    with pytest.raises(ClusterError, match=r"could not connect to the Dask scheduler at tcp://127\.0\.0\.1:9"):
        connect("tcp://127.0.0.1:9", timeout=1)
