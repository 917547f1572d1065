"""A Lab run on a Dask cluster's worker instead of this server's training processes (SCALELAB_DASK_ADDRESS).

Same contract as processes.run_in_process: progress and stages reach the page through the same callbacks, a callback
that raises (the visitor stopped, or left) stops the training, and the result is the same RunResult — the same
numbers, since run() seeds everything from the config. Progress comes back through a `distributed.Queue` named for
the run, in batches like the training processes' pipe; a stop is a `distributed.Event` the worker looks at with each
batch. A run whose worker leaves the cluster (killed, out of memory, its machine gone) is not retried by Dask behind
the visitor's back — its curves would start again from step 0 on the page: the run is cancelled and RemoteLost says
which worker was lost. Nothing half-done is stored (a flight stores only a finished result), and the visitor can
press Train again. A session's own matrix never leaves the server: such runs stay in its training processes.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

from core.config import Config
from core.experiments.results import RunResult
from core.experiments.run import RunProgress, run
from core.i18n import Note
from core.runtime import sweeps
from core.runtime.processes import Batcher, TrainingProcessError

POLL_SECONDS = 0.1  # the server looks for new progress this often


class RemoteLost(TrainingProcessError):
    """The cluster could not be reached, or the worker training this run left it; the message says which."""


class _Stopped(Exception):
    """The server asked the worker to stop."""


def run_on_cluster(
    cfg: Config,
    *,
    address: str,
    on_progress: RunProgress | None = None,
    on_stage: Callable[[Note], None] | None = None,
    timeout: float = sweeps.CONNECT_TIMEOUT,
) -> RunResult:
    """run(cfg) on a worker of the Dask cluster at address, its progress passed to the callbacks here; RemoteLost if
    the cluster cannot be reached within timeout seconds or the worker is lost."""
    try:
        client = sweeps.connect(address, timeout=timeout)
    except sweeps.ClusterError as exc:
        raise RemoteLost(str(exc)) from None
    from distributed import Event, Queue

    name = f"scalelab-run-{uuid.uuid4().hex}"
    queue, stop = Queue(name, client=client), Event(name, client=client)
    future = client.submit(_remote_run, cfg, name, key=name, pure=False)
    try:
        result = _relay(client, future, queue, on_progress, on_stage or (lambda _note: None))
    except BaseException:
        # A running task cannot be interrupted: it stops at its next batch, when it sees the Event (left set: the
        # scheduler keeps one small entry per stopped run). A queued one is cancelled before it starts.
        stop.set()
        client.cancel([future])
        client.close()
        raise
    stop.clear()  # lets the scheduler forget the Event
    client.close()
    return result


def _relay(client: Any, future: Any, queue: Any, on_progress: RunProgress | None, stage: Callable[[Note], None]) -> Any:
    """Pass the worker's messages to the callbacks until its answer; RemoteLost if its worker leaves the cluster."""
    worker = None
    while True:
        status = future.status  # read before the queue: a finished run's last batch is then already in it
        for kind, payload in queue.get(batch=True):
            if kind == "started":
                if worker is not None:  # Dask re-ran it elsewhere: the first worker was lost
                    raise RemoteLost(f"the Dask worker {worker} training this run left the cluster")
                worker = payload
            elif kind == "progress" and on_progress is not None:
                for item in payload:
                    on_progress(*item)
            elif kind == "stage":
                stage(Note(*payload))  # the queue's msgpack turns a NamedTuple into a plain sequence
        if status == "finished":
            return future.result()
        if status == "error":
            raise future.exception()  # the run's own exception (e.g. a bad config), as if raised here
        if status in ("lost", "cancelled") or (worker is not None and worker not in client.scheduler_info()["workers"]):
            raise RemoteLost(f"the Dask worker {worker or '?'} training this run left the cluster")
        time.sleep(POLL_SECONDS)


def _remote_run(cfg: Config, name: str) -> RunResult:
    """On a worker: run(cfg), its progress put in the run's Queue in batches, its Event looked at with each batch."""
    from distributed import Event, Queue, get_worker

    queue, stop = Queue(name), Event(name)
    queue.put(("started", get_worker().address))

    def send(items: list[tuple]) -> None:
        stopped()
        queue.put(("progress", items))

    def stopped() -> None:  # the Event lives on the scheduler: looked at with each batch, not each step
        if stop.is_set():
            raise _Stopped

    batch = Batcher(send)

    def on_stage(stage: Note) -> None:
        stopped()
        batch.flush()
        queue.put(("stage", stage))

    result = run(cfg, on_progress=batch.add, on_stage=on_stage)
    batch.flush()
    return result
