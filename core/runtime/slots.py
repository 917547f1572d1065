"""How many trainings may run at once in one process: a shared, bounded set of slots.

A hosted link is opened by many people; each training uses one CPU thread, so more jobs than cores only make every
job slower. A run waits for a slot in a fair queue (first come, first served), told its place in line and its
estimated wait, and a run that is stopped — the user pressed another
button, or closed the tab, which makes Streamlit raise inside the progress callback — frees its slot on the way out.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

MAX_CONCURRENT_JOBS = 2  # one per core on the 2-core machines this runs on
MAX_WAIT_SECONDS = 300.0  # then give up with a clear message rather than queue forever


class BusyError(RuntimeError):
    """No training slot came free within the wait limit."""


class Preempted(RuntimeError):
    """Background work gave its slot back to a visitor; it may try again later."""


class Place(NamedTuple):
    """Where a waiting job stands: its place in the queue (1: next), the trainings running, the estimated wait."""

    position: int
    running: int
    wait_seconds: float


@dataclass(eq=False)
class _Ticket:
    seconds: float  # the job's estimated length
    lowly: Callable[[], bool] = lambda: False  # True while it is background work, which yields to every visitor's
    started: float | None = None  # time.monotonic() once it holds a slot
    preempted: threading.Event = field(default_factory=threading.Event)  # set when a visitor needs its slot


_cond = threading.Condition()
_queue: deque[_Ticket] = deque()  # waiting, first come first served
_holding: list[_Ticket] = []  # holding a slot
_sweep_lock = threading.Lock()  # one local sweep at a time: a sweep's process pool already uses every core


def running() -> int:
    """How many trainings hold a slot right now."""
    return len(_holding)


@contextmanager
def job_slot(
    on_wait: Callable[[Place], None] | None = None,
    *,
    seconds: float = 0.0,
    max_wait: float = MAX_WAIT_SECONDS,
    lowly: Callable[[], bool] | None = None,
) -> Iterator[threading.Event]:
    """Hold one of the MAX_CONCURRENT_JOBS slots for the duration of a training (estimated to take `seconds`);
    jobs get slots in the order they asked.

    Background work (lowly() True) comes last: it takes a slot only on an idle server (no job running or waiting),
    and the Event this yields is set as soon as a visitor's job asks for a slot — the background job should then give
    its slot back (and retry later), so a visitor neither waits behind it nor shares the cores with it.
    on_wait(place) is called about once a second while waiting, so a page can say where it stands (and, by raising,
    abandon the wait when its session ends).
    """
    ticket, deadline = _Ticket(seconds, lowly or (lambda: False)), time.monotonic() + max_wait
    with _cond:
        _queue.append(ticket)
    try:
        while not _granted(ticket):
            if time.monotonic() > deadline:
                raise BusyError(f"all {MAX_CONCURRENT_JOBS} training slots stayed busy for {max_wait:g} s")
            if on_wait is not None:
                on_wait(_place(ticket))
    except BaseException:
        with _cond:
            if ticket in _queue:
                _queue.remove(ticket)
            _cond.notify_all()
        raise
    try:
        yield ticket.preempted
    finally:
        with _cond:
            _holding.remove(ticket)
            _cond.notify_all()


class Spare:
    """A second slot that a job holding one took for a second training process; release() gives it back early."""

    def __init__(self, ticket: _Ticket | None) -> None:
        self._ticket = ticket

    def __bool__(self) -> bool:
        return self._ticket is not None

    def release(self) -> None:
        """Give the slot back (once; later calls do nothing)."""
        with _cond:
            if self._ticket is not None and self._ticket in _holding:
                _holding.remove(self._ticket)
                _cond.notify_all()
            self._ticket = None


@contextmanager
def spare_slot(seconds: float = 0.0, *, wait_for_background: float = 0.0) -> Iterator[Spare]:
    """For a job that already holds a slot: one more, only if it is free right now and no visitor waits for a slot
    (background work would yield to this job anyway); false otherwise, and the job runs on the one slot it
    has. It waits only for background work giving its slot back, at most `wait_for_background` seconds."""
    ticket = _Ticket(seconds, started=time.monotonic())
    deadline = time.monotonic() + wait_for_background
    with _cond:
        while True:
            free = len(_holding) < MAX_CONCURRENT_JOBS and all(t.lowly() for t in _queue)
            giving_back = any(t.preempted.is_set() for t in _holding)  # background work on its way out
            if free or not giving_back or (left := deadline - time.monotonic()) <= 0:
                break
            _cond.wait(left)
        if free:
            ticket.started = time.monotonic()
            _holding.append(ticket)
    spare = Spare(ticket if free else None)
    try:
        yield spare
    finally:
        spare.release()


def _order() -> list[_Ticket]:
    """The waiting tickets in the order they get slots: visitors' first come first served, then background work."""
    lowly = [t.lowly() for t in _queue]
    return [t for t, low in zip(_queue, lowly) if not low] + [t for t, low in zip(_queue, lowly) if low]


def _turn(ticket: _Ticket) -> bool:
    """Whether the ticket may take a slot now (under _cond)."""
    if len(_holding) >= MAX_CONCURRENT_JOBS or _order()[0] is not ticket:
        return False
    return not ticket.lowly() or not _holding  # background work: only on an idle server, one slot at most


def _granted(ticket: _Ticket) -> bool:
    """Wait up to a second for the ticket's turn; take the slot and say True if it came. A visitor's job asks the
    background work holding a slot to give it back (it would share the cores with the visitor's training)."""
    with _cond:
        if not ticket.lowly():
            for held in _holding:
                if held.lowly():
                    held.preempted.set()
        if not _turn(ticket):
            _cond.wait(1.0)
        if _turn(ticket):
            _queue.remove(ticket)
            ticket.started = time.monotonic()
            _holding.append(ticket)
            _cond.notify_all()  # the next in line may take another free slot
            return True
        return False


def _place(ticket: _Ticket) -> Place:
    """The ticket's place in line, and its wait if every job takes its estimate: the slots free up as the running
    jobs end, and each job ahead takes the first slot free."""
    with _cond:
        now = time.monotonic()
        free = [max(t.started + t.seconds - now, 0.0) for t in _holding if t.started is not None]
        free += [0.0] * (MAX_CONCURRENT_JOBS - len(free))
        ahead = list(itertools.takewhile(lambda t: t is not ticket, _order()))
        heapq.heapify(free)
        for t in ahead:
            heapq.heapreplace(free, free[0] + t.seconds)
        return Place(len(ahead) + 1, len(_holding), min(free))


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
