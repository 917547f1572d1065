"""How many trainings may run at once in one process: a shared, bounded set of slots.

A hosted link is opened by many people; each training uses one CPU thread, so more jobs than cores only make every
job slower. A run waits for a slot (reporting that it waits), and a run that is stopped — the user pressed another
button, or closed the tab, which makes Streamlit raise inside the progress callback — frees its slot on the way out.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

MAX_CONCURRENT_JOBS = 2  # one per core on the 2-core machines this runs on
MAX_WAIT_SECONDS = 300.0  # then give up with a clear message rather than queue forever

_slots = threading.BoundedSemaphore(MAX_CONCURRENT_JOBS)
_sweep_lock = threading.Lock()  # one local sweep at a time: a sweep's process pool already uses every core
_lock = threading.Lock()
_running = 0


class BusyError(RuntimeError):
    """No training slot came free within the wait limit."""


def running() -> int:
    """How many trainings hold a slot right now."""
    return _running


@contextmanager
def job_slot(on_wait: Callable[[int], None] | None = None, *, max_wait: float = MAX_WAIT_SECONDS) -> Iterator[None]:
    """Hold one of the MAX_CONCURRENT_JOBS slots for the duration of a training.

    on_wait(jobs_running) is called about once a second while waiting, so a page can say so (and, by raising,
    abandon the wait when its session ends).
    """
    global _running
    deadline = time.monotonic() + max_wait
    while not _slots.acquire(timeout=1.0):
        if time.monotonic() > deadline:
            raise BusyError(f"all {MAX_CONCURRENT_JOBS} training slots stayed busy for {max_wait:g} s")
        if on_wait is not None:
            on_wait(_running)
    with _lock:
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
        _slots.release()


SWEEP_WAIT_SECONDS = 30.0  # long enough for a stopped sweep to wind down, short of queueing behind a whole sweep


@contextmanager
def sweep_slot(max_wait: float = SWEEP_WAIT_SECONDS, on_wait: Callable[[], object] | None = None) -> Iterator[None]:
    """Hold the process's one local-sweep slot, waiting up to max_wait (a sweep just stopped frees it within
    seconds; a running one takes minutes, so no longer queue), else BusyError. on_wait() about once a second
    while waiting (a page updates its text there, and may raise to abandon the wait)."""
    deadline = time.monotonic() + max_wait
    while not _sweep_lock.acquire(timeout=1.0):
        if time.monotonic() > deadline:
            raise BusyError("another sweep is running on this server")
        if on_wait is not None:
            on_wait()
    try:
        yield
    finally:
        _sweep_lock.release()
