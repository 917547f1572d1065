"""run() and the Theory studies in a child process, so a training never holds the app server's GIL.

Measured (bench row (f)): with trainings as threads of the server, two of them hold Python's GIL most of the time
(small matmuls: the loop is mostly interpreter work), so the server's own threads — sending every session its
deltas, serving the app's scripts to a new visitor — wait for it, and a second training thread adds no speed.
In a training process each training has its own interpreter and runs at a lower OS priority; the server only
relays its progress. The processes live on between jobs (started in the background when the Lab is first opened),
so a job starts at once and warm.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import torch

from core.config import Config
from core.experiments import theory
from core.experiments.images import ImagesResult, run_images
from core.experiments.images_config import ImagesConfig
from core.experiments.results import RunResult
from core.experiments.run import RunProgress, run
from core.i18n import Note, note
from core.io.photos import Photo
from core.runtime import budget, slots

FLUSH_SECONDS = 0.1  # the child sends its progress in batches at most this often
CHILD_NICE = 10  # below the server's page work
STOP_GRACE_SECONDS = 5.0  # a stopped worker ends at its next step; one busy in a decoder is killed after this
STUDY_SECONDS = 6.0  # a Theory study, for the queue's wait estimate (measured 1–6 s, bench row (e))
WARM_UP = Config(n=8, m=4, depths=(1, 2), width=8, steps=3, batch=8)


class TrainingProcessError(RuntimeError):
    """The training process failed or ended without a result; the message says how."""


class _Stopped(Exception):
    """The parent asked the child to stop."""


class _Worker:
    """One long-lived training process and the parent's end of its pipe."""

    def __init__(self) -> None:
        # spawn, not the forkserver: a worker lives for many jobs, so its ~3 s start is paid once, in the
        # background, and no extra forkserver process keeps a third copy of torch in memory.
        ctx = multiprocessing.get_context("spawn")
        self.conn, child_end = ctx.Pipe()
        self.stop = ctx.Event()
        self.proc = ctx.Process(target=_serve, args=(child_end, self.stop), name="scalelab-training", daemon=True)
        self.proc.start()
        child_end.close()

    def close(self) -> None:
        """End the process now (it may be busy in a decoder that does not look at `stop`)."""
        self.stop.set()
        self.proc.join(STOP_GRACE_SECONDS)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


_idle: list[_Worker] = []
_idle_lock = threading.Lock()


def prestart(count: int = slots.MAX_CONCURRENT_JOBS) -> None:
    """Start idle workers now (each pays torch's first-call set-up in the background, ~3 s measured)."""
    with _idle_lock:
        while len(_idle) < count:
            _idle.append(_Worker())


def _take() -> _Worker:
    """An idle worker, or a new one."""
    with _idle_lock:
        while _idle:
            worker = _idle.pop()
            if worker.proc.is_alive():
                return worker
    return _Worker()


def _give_back(worker: _Worker, in_step: bool) -> None:
    """Keep a worker that finished its job cleanly; replace one that was stopped mid-job (its pipe may still
    hold that job's messages), so the next visitor gets a warm one."""
    if in_step:
        with _idle_lock:
            _idle.append(worker)
        return
    threading.Thread(target=worker.close, daemon=True).start()
    threading.Thread(target=prestart, args=(1,), daemon=True).start()


def run_in_process(
    cfg: Config,
    *,
    on_progress: RunProgress | None = None,
    on_stage: Callable[[Note], None] | None = None,
    A: torch.Tensor | None = None,
    lowly: Callable[[], bool] | None = None,
) -> RunResult:
    """Same contract as core.experiments.run.run, computed in a training process holding one of this process's slots.

    If a callback raises (the page was stopped or its tab closed), the process is told to stop and the exception
    goes on; the slot is freed either way. While lowly() is True the run is background work (slots.job_slot): it
    waits behind every visitor, and raises slots.Preempted as soon as a visitor needs its slot.
    """
    return _job(("run", cfg, A), on_progress, on_stage, budget.estimate(cfg).total, lowly)


def images_in_process(
    cfg: ImagesConfig,
    photo: Photo | None = None,
    *,
    on_progress: RunProgress | None = None,
    lowly: Callable[[], bool] | None = None,
) -> ImagesResult:
    """core.experiments.images.run_images (one net after the other, one core), in a training process holding one of
    this process's slots."""
    return _job(("images", cfg, photo), on_progress, None, cfg.max_seconds * 2, lowly)


def study_in_process(name: str, seed: int) -> Any:
    """theory.STUDIES[name](seed), computed in a training process holding one of this process's slots."""
    if name not in theory.STUDIES:
        raise ValueError(f"unknown study {name!r}; known: {', '.join(theory.STUDIES)}")
    return _job(("study", name, seed), None, None, STUDY_SECONDS)


def _job(
    message: tuple,
    on_progress: RunProgress | None,
    on_stage: Callable[[Note], None] | None,
    seconds: float,
    lowly: Callable[[], bool] | None = None,
) -> Any:
    """Send one job (estimated to take `seconds`) to an idle training process inside a slot (the only slot the
    training takes), relay its messages, return or raise its answer."""
    stage = on_stage or (lambda _note: None)

    def waiting(place: slots.Place) -> None:
        stage(note("note.stage.waiting_slot", position=place.position, running=place.running,
                   wait=round(place.wait_seconds)))  # fmt: skip

    with slots.job_slot(waiting, seconds=seconds, lowly=lowly) as preempted:
        worker = _take()
        clean = False
        try:
            worker.stop.clear()
            worker.conn.send(message)
            kind, payload = _relay(worker, on_progress, stage, lambda: bool(lowly and lowly() and preempted.is_set()))
            clean = True  # the worker answered this job in full: it can take the next one
        except BaseException:
            worker.stop.set()
            raise
        finally:
            _give_back(worker, clean)
    if kind == "error":  # the child's exception, re-raised here as if it had been raised in this process
        raise payload
    return payload


def _relay(
    worker: _Worker, on_progress: RunProgress | None, stage: Callable[[Note], None], yield_now: Callable[[], bool]
) -> tuple[str, Any]:
    """Pass the worker's messages to the callbacks until its answer: ("done", result) or ("error", exception);
    raise slots.Preempted when yield_now() says a visitor needs the slot."""
    while True:
        if yield_now():
            raise slots.Preempted("a visitor needs this training slot")
        try:
            kind, payload = worker.conn.recv()
        except EOFError:
            worker.proc.join(1.0)
            raise TrainingProcessError(
                f"the training process ended without a result (exit code {worker.proc.exitcode})"
            ) from None
        if kind == "progress":
            if on_progress is not None:
                for item in payload:
                    on_progress(*item)
        elif kind == "stage":
            stage(payload)
        else:
            return kind, payload


def _serve(conn: Any, stop: Any) -> None:
    """A training process: warm up, then do each job it is sent — ("run", config, A) or ("study", name, seed) —
    until the pipe closes."""
    os.nice(CHILD_NICE)
    run(WARM_UP)  # torch's and the decoders' first-call set-up, before anyone waits for it
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job[0] == "run":
            _one(partial(run, job[1], A=job[2]), conn, stop)
        elif job[0] == "images":
            _one(partial(_images, job[1], job[2]), conn, stop)
        else:
            _study(job[1], job[2], conn)


def _study(name: str, seed: int, send: Any) -> None:
    """One Theory study: its result or its exception (a stop request ends the process, see _Worker.close)."""
    try:
        send.send(("done", theory.STUDIES[name](seed)))
    except Exception as exc:
        _send_error(send, exc)


def _images(cfg: ImagesConfig, photo: Photo | None, *, on_progress: RunProgress, on_stage: Any) -> ImagesResult:
    """run_images with the calling convention of run (it has no stages)."""
    return run_images(cfg, photo, on_progress=on_progress)


def _one(work: Callable[..., Any], send: Any, stop: Any) -> None:
    """One job, work(on_progress=…, on_stage=…) (run or _images): progress in batches, then the result or the
    exception."""
    batch: list[tuple[int, int, float, float]] = []
    sent = [0.0]

    def flush() -> None:
        if batch:
            send.send(("progress", batch.copy()))
            batch.clear()

    def on_progress(k: int, step: int, loss: float, elapsed: float) -> None:
        if stop.is_set():
            raise _Stopped
        batch.append((k, step, loss, elapsed))
        now = time.monotonic()
        if now - sent[0] >= FLUSH_SECONDS:
            sent[0] = now
            flush()

    def on_stage(stage: Note) -> None:
        flush()
        send.send(("stage", stage))

    try:
        result = work(on_progress=on_progress, on_stage=on_stage)
        flush()
        send.send(("done", result))
    except _Stopped:
        pass  # the parent has given this worker up and closes it
    except Exception as exc:
        _send_error(send, exc)


def _send_error(send: Any, exc: Exception) -> None:
    """The exception, re-raised in the parent; one that cannot be pickled is sent as text."""
    try:
        send.send(("error", exc))
    except Exception:
        send.send(("error", TrainingProcessError(f"{type(exc).__name__}: {exc}")))
