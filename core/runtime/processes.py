"""run() and the Theory studies in a child process, so a training never holds the app server's GIL.

Measured (bench row (f)): with trainings as threads of the server, two of them hold Python's GIL most of the time
(small matmuls: the loop is mostly interpreter work), so the server's own threads — sending every session its
deltas, serving the app's scripts to a new visitor — wait for it, and a second training thread adds no speed.
In a training process each training has its own interpreter and runs at a lower OS priority; the server only
relays its progress. The processes live on between jobs (started in the background when the Lab is first opened),
so a job starts at once and warm.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import replace
from functools import partial
from multiprocessing.connection import wait
from typing import TYPE_CHECKING, Any

import numpy as np
import torch

from core.config import Config
from core.experiments import theory
from core.experiments.images import ImagesResult, run_images
from core.experiments.images_config import ImagesConfig
from core.experiments.results import ModelResult, RunResult
from core.experiments.run import ModelDone, RunProgress, merge, plan, run
from core.i18n import Note, note
from core.io.photos import Photo
from core.runtime import budget, launch, slots

if TYPE_CHECKING:  # imported where a ranking runs: it brings pandas, ~0.4 s of a training process's start
    from core.experiments import placement

FLUSH_SECONDS = 0.1  # the child sends its progress in batches at most this often
YIELD_CHECK_SECONDS = 0.05  # how often background work looks whether a visitor wants its slot, between its messages
DRAIN_SECONDS = 2.0  # a preempted background job's process stops within a training step; longer: it is replaced
STOP_GRACE_SECONDS = 5.0  # a stopped worker ends at its next step; one busy in a decoder is killed after this
STUDY_SECONDS = 6.0  # a Theory study, for the queue's wait estimate (measured 1–6 s, bench row (e))
RANK_SECONDS_PER_ROW = 0.3  # one candidate sensor row ranked (placement.rank_candidates): 0.2–0.36 s measured at n=40
WARM_UP = Config(n=8, m=4, depths=(1, 2), width=8, steps=3, batch=8)


class TrainingProcessError(RuntimeError):
    """The training process failed or ended without a result; the message says how."""


class _Stopped(Exception):
    """The parent asked the child to stop."""


class _Worker:
    """One long-lived training process and the parent's end of its pipe."""

    def __init__(self, started: launch.Started | None = None) -> None:
        started = started or launch.start_worker()
        self.proc, self.conn, self.stop = started.proc, started.conn, started.stop

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


def prestart(count: int = slots.MAX_CONCURRENT_JOBS, started: Sequence[launch.Started] = ()) -> None:
    """Keep `count` idle workers: those `started` already (ui.server starts them before importing this module), then
    new ones (each pays torch's import and first-call set-up in the background, ~2.5 s of CPU measured)."""
    with _idle_lock:
        _idle.extend(_Worker(s) for s in started)
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
    on_model: ModelDone | None = None,
    A: torch.Tensor | None = None,
    lowly: Callable[[], bool] | None = None,
) -> RunResult:
    """Same contract as core.experiments.run.run, computed in training processes holding this process's slots.

    A visitor's run whose models can train side by side takes a second slot if one is free right now and nobody waits
    for it: its parts are split into two groups of about equal estimated time (split), one per training process, so
    the two cores train two models at once; the same numbers as one process computing it all (every part draws from
    its own streams). Otherwise it runs in one process and on_stage says so. If a callback raises (the page was
    stopped or its tab closed), the processes are told to stop and the exception goes on; the slots are freed either
    way. While lowly() is True the run is background work (slots.job_slot): one slot only, it waits behind every
    visitor, and raises slots.Preempted as soon as a visitor needs its slot.
    """
    stage = on_stage or (lambda _note: None)
    seconds = budget.estimate(cfg).total
    groups = split(cfg)
    with _slot(stage, seconds, lowly) as preempted:
        spare_wanted = len(groups) > 1 and lowly is None
        # background work asked to give its slot back does so within a training step (DRAIN_SECONDS at most)
        spare_slot = slots.spare_slot(seconds, wait_for_background=DRAIN_SECONDS + 1.0)
        with spare_slot if spare_wanted else nullcontext(slots.Spare(None)) as spare:
            if spare_wanted and not spare:
                stage(note("note.stage.one_core"))
            if not spare:
                groups = [plan(cfg)]
            yield_now = lambda: bool(lowly and lowly() and preempted.is_set())  # noqa: E731
            answers = _jobs([("run", cfg, A, g) for g in groups], on_progress, stage, yield_now, spare.release,
                            models=(cfg, on_model))  # fmt: skip
    return merge(cfg, list(zip(groups, answers)))


def split(cfg: Config) -> list[tuple[str, ...]]:
    """plan(cfg) in two groups of about equal estimated seconds (greedy, longest first), each in plan order; one group
    when only one part takes time."""
    parts, cost = plan(cfg), _part_seconds(cfg)
    loads, groups = [0.0, 0.0], [[], []]
    for part in sorted(parts, key=lambda p: -cost[p]):
        i = loads.index(min(loads))
        loads[i] += cost[part]
        groups[i].append(part)
    kept = [tuple(p for p in parts if p in g) for g in groups if g]
    return kept if len(kept) == 2 and min(loads) > 0 else [parts]


def _part_seconds(cfg: Config) -> dict[str, float]:
    """Each part's estimated seconds (core.runtime.budget): the trainings, the decoders; the hand-built net none."""
    est = budget.estimate(cfg)
    training = [p for p in plan(cfg) if p.startswith("train:") or p in ("normalised", "unrolled")]
    cost = dict.fromkeys(plan(cfg), 0.0) | dict(zip(training, est.training))
    if "baselines" in cost:
        cost["baselines"] = est.decoders
    return cost


def images_in_process(
    cfg: ImagesConfig,
    photo: Photo | None = None,
    *,
    on_progress: RunProgress | None = None,
    lowly: Callable[[], bool] | None = None,
) -> ImagesResult:
    """core.experiments.images.run_images (one net after the other, one core), in a training process holding one of
    this process's slots."""
    stage = lambda _note: None  # noqa: E731
    with _slot(stage, cfg.max_seconds * 2, lowly) as preempted:
        yield_now = lambda: bool(lowly and lowly() and preempted.is_set())  # noqa: E731
        return _jobs([("images", cfg, photo)], on_progress, stage, yield_now, lambda: None)[0]


def study_in_process(name: str, seed: int, *, lowly: Callable[[], bool] | None = None) -> Any:
    """theory.STUDIES[name](seed), computed in a training process holding one of this process's slots. While lowly()
    is True it is background work, as in run_in_process: one slot, behind every visitor, and slots.Preempted as soon
    as a visitor needs the slot (the study stops at its next training step)."""
    if name not in theory.STUDIES:
        raise ValueError(f"unknown study {name!r}; known: {', '.join(theory.STUDIES)}")
    stage = lambda _note: None  # noqa: E731
    split = theory.SPLITS.get(name) if lowly is None else None  # background work: one slot (slots.job_slot)
    # a study that splits takes a second slot if one is free now (as a Lab run does): its parts train at once
    spare_slot = slots.spare_slot(STUDY_SECONDS) if split else nullcontext(slots.Spare(None))
    with _slot(stage, STUDY_SECONDS, lowly) as preempted, spare_slot as spare:
        yield_now = lambda: bool(lowly and lowly() and preempted.is_set())  # noqa: E731
        if not spare:
            return _jobs([("study", name, seed, None)], None, stage, yield_now, lambda: None)[0]
        parts, merge_parts = split
        jobs = [("study", name, seed, (part,)) for part in parts]
        return merge_parts(_jobs(jobs, None, stage, yield_now, spare.release))


CALIBRATE_SECONDS = 2.0  # budget.calibrate: two short trainings with their set-up (measured about 2 s)


def calibrate_in_process() -> budget.Rates:
    """budget.calibrate() in a training process, as background work behind every visitor (it waits while any
    visitor trains, so it neither slows one nor measures a busy machine); this process's estimates use its rates
    from then on."""
    stage = lambda _note: None  # noqa: E731
    with _slot(stage, CALIBRATE_SECONDS, lambda: True):
        rates = _jobs([("calibrate",)], None, stage, lambda: False, lambda: None)[0]
    return budget.adopt(rates)


def rank_in_process(
    A: np.ndarray,
    rows: np.ndarray,
    cfg: Config,
    *,
    lead: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> placement.Ranking:
    """placement.rank_candidates(A, rows, cfg, lead=lead), computed in a training process holding one of this
    process's slots: the decoders' small numpy steps would otherwise hold the server's GIL for seconds.
    on_progress(done, total) after each row."""
    stage = lambda _note: None  # noqa: E731
    with _slot(stage, RANK_SECONDS_PER_ROW * len(rows), None):
        return _jobs([("rank", A, rows, cfg, lead)], on_progress, stage, lambda: False, lambda: None)[0]


@contextmanager
def _slot(stage: Callable[[Note], None], seconds: float, lowly: Callable[[], bool] | None) -> Iterator[Any]:
    """One training slot (slots.job_slot), the page told its place in line while it waits."""

    def waiting(place: slots.Place) -> None:
        stage(note("note.stage.waiting_slot", position=place.position, running=place.running,
                   wait=round(place.wait_seconds)))  # fmt: skip

    with slots.job_slot(waiting, seconds=seconds, lowly=lowly) as preempted:
        yield preempted


def _jobs(
    messages: list[tuple],
    on_progress: RunProgress | None,
    stage: Callable[[Note], None],
    yield_now: Callable[[], bool],
    one_left: Callable[[], None],
    *,
    models: tuple[Config, ModelDone | None] | None = None,
) -> list[Any]:
    """Send each job to its own idle training process, relay their messages, return their answers in order or raise
    the first exception; one_left() once only one process is still busy (its spare slot can go)."""
    workers = [_take() for _ in messages]
    answered = [False] * len(workers)

    def finish(i: int) -> None:  # worker i answered in full: it takes the next job at once, and its slot may go
        answered[i] = True
        _give_back(workers[i], True)
        if answered.count(False) == 1:
            one_left()

    try:
        for worker, message in zip(workers, messages):
            worker.stop.clear()
            worker.conn.send(message)
        return _relay(workers, answered, finish, on_progress, stage, yield_now, models)
    except slots.Preempted:
        # background work giving its slot to a visitor: its processes stop at their next step and, drained, stay warm
        # for that visitor (a fresh one would need seconds to start); drained before the slot goes back
        for i, worker in enumerate(workers):
            if not answered[i]:
                worker.stop.set()
                answered[i] = True
                _give_back(worker, _drained(worker))
        raise
    finally:
        for worker, done in zip(workers, answered):
            if not done:  # stopped mid-job (its pipe may still hold that job's messages): replaced by a fresh one
                worker.stop.set()
                _give_back(worker, False)


def _drained(worker: _Worker, seconds: float = DRAIN_SECONDS) -> bool:
    """Read a stopped worker's pipe up to its job's last message ("stopped", or the answer it had already sent);
    True if it came within `seconds`, so the worker can take a new job."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0 and worker.conn.poll(left):
        try:
            kind, _payload = worker.conn.recv()
        except (EOFError, OSError):
            return False
        if kind in ("stopped", "done", "error"):
            return True
    return False


def _relay(
    workers: list[_Worker],
    answered: list[bool],
    finish: Callable[[int], None],
    on_progress: RunProgress | None,
    stage: Callable[[Note], None],
    yield_now: Callable[[], bool],
    models: tuple[Config, ModelDone | None] | None,
) -> list[Any]:
    """Pass the workers' messages to the callbacks until each has answered ("done", result) or one ("error", exc);
    raise slots.Preempted when yield_now() says a visitor needs the slot."""
    answers: list[Any] = [None] * len(workers)
    finished: dict[str, ModelResult] = {}  # part → model, from every worker: the cards so far, in plan order
    conns = {worker.conn: i for i, worker in enumerate(workers)}
    while not all(answered):
        if yield_now():
            raise slots.Preempted("a visitor needs this training slot")
        # a Theory study sends nothing until its answer: checked once a second, a visitor's run waited up to that long
        # for the slot it gives back (0.4–0.8 s measured, 3 runs)
        for conn in wait([c for c, i in conns.items() if not answered[i]], timeout=YIELD_CHECK_SECONDS):
            i = conns[conn]
            try:
                kind, payload = conn.recv()
            except EOFError:
                workers[i].proc.join(1.0)
                raise TrainingProcessError(
                    f"the training process ended without a result (exit code {workers[i].proc.exitcode})"
                ) from None
            if kind == "progress":
                for item in payload if on_progress is not None else ():
                    on_progress(*item)
            elif kind == "stage":
                stage(payload)
            elif kind == "model":
                part, model, so_far = payload
                cfg, on_model = models if models is not None else (None, None)
                if on_model is not None:
                    finished[part] = model
                    on_model(
                        part, model, replace(so_far, models=tuple(finished[p] for p in plan(cfg) if p in finished))
                    )
            else:
                finish(i)
                if kind == "error":  # the child's exception, re-raised here as if it had been raised in this process
                    raise payload
                answers[i] = payload
    return answers


def serve(conn: Any, stop: Any) -> None:
    """A training process: warm up, then do each job it is sent — ("run", config, A, parts), ("images", config,
    photo), ("rank", A, rows, config, lead), ("calibrate",) or ("study", name, seed, parts) — until the pipe closes
    (a server gone mid-job: the next progress message finds the pipe closed). It runs at launch.CHILD_NICE."""
    run(replace(WARM_UP, baselines=()))  # torch's first-call set-up, before anyone waits for it
    # then the decoders' first calls, only while no job waits: a job that needs them pays the rest, while the other
    # process trains (sklearn is no longer imported here: the decoders need it only for a rare LASSO fallback)
    if not conn.poll(0):
        run(WARM_UP)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job[0] == "run":
            _one(partial(run, job[1], A=job[2], parts=job[3]), conn, stop)
        elif job[0] == "images":
            _one(partial(_images, job[1], job[2]), conn, stop)
        elif job[0] == "rank":
            _rank(*job[1:], send=conn)
        elif job[0] == "calibrate":
            _answer(budget.calibrate, conn)
        else:
            _study(job[1], job[2], job[3], conn, stop)


def _study(name: str, seed: int, parts: tuple[str, ...] | None, send: Any, stop: Any) -> None:
    """One Theory study, or some of its parts: its result or its exception; a stop request ends it at its next
    training step, as a run's (_one)."""

    def on_step(_step: int, _loss: float, _seconds: float) -> None:
        if stop.is_set():
            raise _Stopped

    try:
        send.send(("done", theory.STUDIES[name](seed, *([parts] if parts else []), on_step=on_step)))
    except _Stopped:
        with suppress(OSError):  # the parent may be gone
            send.send(("stopped", None))  # the job's last message: the worker can take the next job
    except Exception as exc:
        _send_error(send, exc)


def _answer(work: Callable[[], Any], send: Any) -> None:
    """One job without progress: its result or its exception."""
    try:
        send.send(("done", work()))
    except Exception as exc:
        _send_error(send, exc)


def _rank(A: np.ndarray, rows: np.ndarray, cfg: Config, lead: str | None, *, send: Any) -> None:
    """One candidate ranking: progress (done, total) after each row, then the ranking or the exception."""
    from core.experiments import placement

    try:
        ranking = placement.rank_candidates(
            A, rows, cfg, lead=lead, on_progress=lambda done, total: send.send(("progress", [(done, total)]))
        )
        send.send(("done", ranking))
    except Exception as exc:
        _send_error(send, exc)


def _images(cfg: ImagesConfig, photo: Photo | None, *, on_progress: RunProgress, **_callbacks: Any) -> ImagesResult:
    """run_images with the calling convention of run (it has no stages and no models judged one by one)."""
    return run_images(cfg, photo, on_progress=on_progress)


class Batcher:
    """Progress items sent in batches, at most every FLUSH_SECONDS: a message per training step would cost more than
    the step (training processes here, a Dask worker in core/runtime/remote.py)."""

    def __init__(self, send: Callable[[list[tuple]], None]) -> None:
        self.send, self.items, self.sent = send, [], 0.0

    def add(self, *item: Any) -> None:
        """One item; the batch goes if the last one went FLUSH_SECONDS ago."""
        self.items.append(item)
        now = time.monotonic()
        if now - self.sent >= FLUSH_SECONDS:
            self.sent = now
            self.flush()

    def flush(self) -> None:
        """Send what is held now (before a message that must come after it)."""
        if self.items:
            self.send(self.items.copy())
            self.items.clear()


def _one(work: Callable[..., Any], send: Any, stop: Any) -> None:
    """One job, work(on_progress=…, on_stage=…, on_model=…) (run of some parts, or _images): progress in batches,
    each model as soon as it is judged, then the result or the exception."""
    batch = Batcher(lambda items: send.send(("progress", items)))

    def on_progress(k: int, step: int, loss: float, elapsed: float) -> None:
        if stop.is_set():
            raise _Stopped
        batch.add(k, step, loss, elapsed)

    def on_stage(stage: Note) -> None:
        batch.flush()
        send.send(("stage", stage))

    def on_model(part: str, model: ModelResult, so_far: RunResult) -> None:
        batch.flush()
        send.send(("model", (part, model, so_far)))

    try:
        result = work(on_progress=on_progress, on_stage=on_stage, on_model=on_model)
        batch.flush()
        send.send(("done", result))
    except _Stopped:
        with suppress(OSError):  # the parent may be gone: then the pipe is closed, and the loop ends at its recv
            batch.flush()
            send.send(("stopped", None))  # the job's last message: a parent draining the pipe may reuse this worker
    except Exception as exc:
        _send_error(send, exc)


def _send_error(send: Any, exc: Exception) -> None:
    """The exception, re-raised in the parent; one that cannot be pickled is sent as text."""
    try:
        send.send(("error", exc))
    except OSError:  # the parent is gone
        return
    except Exception:
        with suppress(OSError):
            send.send(("error", TrainingProcessError(f"{type(exc).__name__}: {exc}")))
