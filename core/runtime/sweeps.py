"""Running a sweep's tasks: a pool of local processes by default, a Dask distributed cluster given its address.

Why Dask distributed and not Ray: it is a pure-Python pip install of a few MB (Ray ships its own ~100 MB runtime
and object store), a scheduler plus workers start in about a second on a 2-core machine, its futures API matches
concurrent.futures so both backends share one loop here, and its scheduler re-runs a task whose worker died
(up to `distributed.scheduler.allowed-failures` times) before marking it failed. Nothing else changes between the
two paths: the same `grid.run_task` runs on one thread with the same seed, so the numbers are identical.

Cancelling sets a flag every running task polls between training steps (a multiprocessing Event locally, a
`distributed.Event` on a cluster) and cancels the tasks not yet started: running tasks stop within a step.
"""

from __future__ import annotations

import importlib.util
import multiprocessing
import os
import time
import uuid
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

import numpy as np

from core.experiments.sweep.grid import (
    SweepCancelled,
    SweepResult,
    SweepTask,
    TaskResult,
    check_matrix,
    run_task,
    tasks,
)
from core.experiments.sweep.spec import SweepSpec
from core.runtime import slots

ADDRESS_ENV = "SCALELAB_DASK_ADDRESS"  # a cluster for every sweep that names none
POLL_SECONDS = 0.2  # how often the loop checks for cancellation while waiting for results
CONNECT_TIMEOUT = 10.0  # seconds to reach the scheduler, then to see a worker
# The cluster path is optional (`pip install .[cluster]`); these pins equal pyproject's `cluster` extra (tested).
CLUSTER_PINS = ("dask==2026.8.0", "distributed==2026.8.0")

# on_task(done, total, result_or_None, elapsed_seconds): after every finished (or failed) task
TaskProgress = Callable[[int, int, TaskResult | None, float], None]


class ClusterError(RuntimeError):
    """The cluster could not be reached or used; the message says which address and why."""


@dataclass
class _Outcome:
    results: list[TaskResult]
    missing: list[tuple[str, str]]
    cancelled: bool


def default_workers() -> int:
    """Local worker processes: one per core."""
    return max(1, os.cpu_count() or 1)


def run_sweep(
    spec: SweepSpec,
    *,
    A: np.ndarray | None = None,
    address: str | None = None,
    workers: int | None = None,
    on_task: TaskProgress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> SweepResult:
    """Run every task of `spec` and collect them; `address` (or $SCALELAB_DASK_ADDRESS) selects a Dask cluster.

    Tasks that fail are reported in `missing` with the reason, never dropped silently; each task's result is
    kept once, whatever the engine retried. `should_cancel()` true stops the sweep: running tasks stop within
    a training step, queued ones never start, and the result says `cancelled`. One local sweep runs at a time
    in a process (a second one waits up to slots.SWEEP_WAIT_SECONDS, then slots.BusyError); a cluster takes any number.
    """
    if A is not None:
        check_matrix(spec, A)
    address = address or os.environ.get(ADDRESS_ENV) or None
    todo = tasks(spec)
    start = time.perf_counter()
    cancel = should_cancel or (lambda: False)
    if address:
        outcome, used = _run_dask(todo, A, address, on_task, cancel, start)
    else:
        used = max(1, min(workers or default_workers(), len(todo)))
        with slots.sweep_slot(on_wait=cancel):
            outcome = _run_local(todo, A, used, on_task, cancel, start)
    return SweepResult(
        spec=spec,
        results=tuple(sorted(outcome.results, key=lambda r: (r.delta, r.rho, r.seed_index))),
        missing=tuple(outcome.missing),
        elapsed_seconds=time.perf_counter() - start,
        workers=used,
        backend=address or "local",
        cancelled=outcome.cancelled,
    )


class _Collector:
    """Keeps each task's result once and names every task that ended without one."""

    def __init__(self, todo: list[SweepTask], on_task: TaskProgress | None, start: float) -> None:
        self.total, self.on_task, self.start = len(todo), on_task, start
        self.results: dict[str, TaskResult] = {}
        self.missing: dict[str, str] = {}

    def add(self, task: SweepTask, result: TaskResult | None, why: str = "") -> None:
        if task.key in self.results or task.key in self.missing:
            return  # an engine that delivered twice must not count twice
        if result is None:
            self.missing[task.key] = why
        else:
            self.results[task.key] = result
        if self.on_task is not None:
            done = len(self.results) + len(self.missing)
            self.on_task(done, self.total, result, time.perf_counter() - self.start)

    def outcome(self, todo: list[SweepTask], cancelled: bool) -> _Outcome:
        for task in todo:  # whatever never reported: cancelled, or lost
            if task.key not in self.results and task.key not in self.missing:
                self.missing[task.key] = "cancelled" if cancelled else "no result came back"
        missing = [(t.key, self.missing[t.key]) for t in todo if t.key in self.missing]
        return _Outcome(list(self.results.values()), missing, cancelled)


# --- local process pool -------------------------------------------------------------------------------------

_stop_event: Any = None  # set in each pool process by _init_local
_matrix: np.ndarray | None = None


def _init_local(stop_event: Any, A: np.ndarray | None) -> None:
    """Pool process start: remember the cancel flag and the matrix (sent once, not with every task)."""
    global _stop_event, _matrix
    _stop_event, _matrix = stop_event, A


def _local_task(task: SweepTask) -> TaskResult:
    return run_task(task, _matrix, _stop_event.is_set)


def _run_local(
    todo: list[SweepTask],
    A: np.ndarray | None,
    workers: int,
    on_task: TaskProgress | None,
    cancel: Callable[[], bool],
    start: float,
) -> _Outcome:
    """A fresh pool of `workers` processes forked from a forkserver that imported torch once (the first sweep pays
    ~2 s for it, later ones start at once); unlike fork, no server or torch threads are copied mid-flight."""
    ctx = multiprocessing.get_context("forkserver")
    # torch and scipy load once in the forkserver; not __main__ (a Streamlit or pytest entry point)
    ctx.set_forkserver_preload(
        [
            "core.runtime.sweeps",
            "core.experiments.run",
            "core.science.decoders",
            "scipy.optimize",
        ]
    )  # the decoders import these on first use
    stop = ctx.Event()
    collect = _Collector(todo, on_task, start)
    cancelled = False
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_local, initargs=(stop, A))
    try:
        pending = {pool.submit(_local_task, task): task for task in todo}
        while pending:
            done, _ = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            for future in done:
                task = pending.pop(future)
                if future.cancelled():  # never started; named as cancelled at the end
                    continue
                exc = future.exception()
                if exc is None:
                    collect.add(task, future.result())
                elif not isinstance(exc, SweepCancelled):
                    collect.add(task, None, f"{type(exc).__name__}: {exc}")
            if not cancelled and cancel():
                cancelled = True
                stop.set()
                for future in [f for f in pending if f.cancel()]:  # the queued ones; running ones see `stop`
                    del pending[future]
    except BaseException:  # the caller is being stopped (a Streamlit rerun): stop the workers with it
        stop.set()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return collect.outcome(todo, cancelled)


# --- Dask distributed ---------------------------------------------------------------------------------------


def _dask_task(task: SweepTask, A: np.ndarray | None, event_name: str) -> TaskResult:
    """run_task on a cluster worker, polling the sweep's cancel Event at most twice a second."""
    from distributed import Event

    event = Event(event_name)
    state = {"at": 0.0, "set": False}

    def stop() -> bool:
        now = time.monotonic()
        if now - state["at"] > 0.5:
            state["at"], state["set"] = now, event.is_set()
        return state["set"]

    return run_task(task, A, stop)


def connect(address: str, *, timeout: float = CONNECT_TIMEOUT) -> Any:
    """A Dask client for `address`, or ClusterError saying why not (unreachable, not a scheduler, no workers)."""
    try:
        from distributed import Client
    except ImportError as exc:  # the `cluster` extra is not installed: local sweeps work, clusters need it
        raise ClusterError(
            f"a sweep on the Dask cluster at {address} needs the 'distributed' package, which is not installed "
            f"({exc}): install it with `pip install .[cluster]` in ScaleLab's folder, "
            f"or `pip install {' '.join(CLUSTER_PINS)}`"
        ) from None
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except Exception as exc:  # OSError, TimeoutError, ValueError for a malformed address, ...
        raise ClusterError(f"could not connect to the Dask scheduler at {address}: {exc}") from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except Exception:
        client.close()
        raise ClusterError(f"the Dask scheduler at {address} has no workers") from None
    try:
        # Tasks name ScaleLab's functions by module: the scheduler and every worker must import `core`.
        client.run_on_scheduler(importlib.util.find_spec, "core.experiments.sweep.grid")
        client.run(importlib.util.find_spec, "core.experiments.sweep.grid")
    except Exception:
        client.close()
        raise ClusterError(
            f"the Dask cluster at {address} cannot import ScaleLab's core: start its scheduler and workers from a "
            "clone of ScaleLab with PYTHONPATH=. (docs/sweeps.md: Sweeps on a cluster)"
        ) from None
    return client


def _run_dask(
    todo: list[SweepTask],
    A: np.ndarray | None,
    address: str,
    on_task: TaskProgress | None,
    cancel: Callable[[], bool],
    start: float,
) -> tuple[_Outcome, int]:
    """Every task as one Dask future, collected as they finish."""
    client = connect(address)  # first: without distributed installed it raises the ClusterError naming the fix
    from distributed import Event

    event_name = f"scalelab-sweep-cancel-{uuid.uuid4().hex}"
    event = Event(event_name, client=client)
    collect = _Collector(todo, on_task, start)
    cancelled = False
    futures: dict[Any, SweepTask] = {}
    try:
        info = client.scheduler_info(n_workers=-1)["workers"]
        workers = sum(w.get("nthreads", 1) for w in info.values())  # tasks that can run at once
        matrix = client.scatter(A, broadcast=True) if A is not None else None
        for task in todo:
            key = f"scalelab-{event_name[-8:]}-{task.key}"
            futures[client.submit(_dask_task, task, matrix, event_name, key=key, pure=False)] = task
        pending = dict(futures)
        while pending:
            for future in [f for f in pending if f.done()]:
                status = future.status  # read once: the client's thread may change it under us
                if status in ("lost", "pending"):  # a killed worker held this result: it is recomputed, wait
                    continue
                task = pending.pop(future)
                if status == "finished":
                    collect.add(task, future.result())  # if lost since, result() waits for the recomputation
                else:  # "error" after the engine's own retries (e.g. KilledWorker), or "cancelled"
                    exc = future.exception() if status == "error" else None
                    if not isinstance(exc, SweepCancelled):
                        collect.add(task, None, f"{type(exc).__name__}: {exc}" if exc else status)
            if pending and cancel():
                cancelled = True
                event.set()
                client.cancel(list(pending))
                break
            time.sleep(POLL_SECONDS)
        if cancelled:
            _wait_idle(client, deadline=time.monotonic() + 30)
        event.clear()  # lets the scheduler forget the Event
    except BaseException:
        event.set()
        client.cancel(list(futures))
        raise
    finally:
        client.close()
    return collect.outcome(todo, cancelled), workers


def _wait_idle(client: Any, *, deadline: float) -> None:
    """Until no worker executes a task any more (they stop within a training step once the Event is set)."""
    while time.monotonic() < deadline:
        busy = client.run(lambda dask_worker: len(dask_worker.state.executing))
        if not any(busy.values()):
            return
        time.sleep(POLL_SECONDS)
