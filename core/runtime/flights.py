"""One computation per key, however many ask for it at once ("single flight"), its result kept in the result store.

Six people opening one share link ask for the same training six times: the first request starts it, the others
attach to it — each is shown its progress from the start, and all get the same result, the same numbers in every tab.
A computation runs in a thread of its own, not in any one visitor's: a visitor who leaves does not stop it for the
others; when the last one watching leaves, it is told to stop (its next progress report raises Abandoned).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from core.runtime.store import ResultStore

WAIT_SECONDS = 1.0  # a watcher with nothing new looks again this often

log = logging.getLogger(__name__)
Keep = Callable[[Any], bool]  # whether a finished result goes into the store


class Abandoned(Exception):
    """Nobody watches this computation any more: it should stop."""


class Full(Exception):
    """No new computation now: `code` says which cap ("queue": the server's, "client": this client's)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class Flight:
    """One computation: the progress it has reported, its result or exception, and how many watch it."""

    def __init__(self, owner: Hashable = None, *, background: bool = False) -> None:
        self.owner = owner  # who started it (a client's address), for the per-client cap
        self.background = background  # the server's own work, behind every visitor: outside the caps
        self._cond = threading.Condition()
        self._events: list[tuple[str, tuple]] = []
        self._outcome: tuple[bool, Any] | None = None  # (True, result) or (False, exception)
        self._watchers = 0
        self.abandoned = threading.Event()

    @classmethod
    def finished(cls, result: Any) -> Flight:
        """A flight that is already over, with this result (one found in the store)."""
        flight = cls()
        flight._outcome = (True, result)
        return flight

    def report(self, kind: str, *args: Any) -> None:
        """Record one progress event for every watcher, past and future; raises Abandoned once all have left."""
        if self.abandoned.is_set():
            raise Abandoned
        with self._cond:
            self._events.append((kind, args))
            self._cond.notify_all()

    def settle(self, ok: bool, value: Any) -> None:
        """The computation's end: its result (ok) or its exception."""
        with self._cond:
            self._outcome = (ok, value)
            self._cond.notify_all()

    def watched(self) -> bool:
        """Whether anyone follows it now (a visitor's page), as opposed to background work nobody waits for."""
        return self._watchers > 0

    def done(self) -> bool:
        """Whether the computation has ended."""
        return self._outcome is not None

    def exception(self) -> BaseException | None:
        """Wait for the end; the computation's exception, or None."""
        ok, value = self._wait()
        return None if ok else value

    def result(self) -> Any:
        """Wait for the end; the result, or raise the computation's exception."""
        ok, value = self._wait()
        if not ok:
            raise value
        return value

    def follow(self, on_event: Callable[[str, tuple], None]) -> Any:
        """Pass every event so far and each new one to on_event (in this thread), then return the result or raise the
        computation's exception. If on_event raises (the page was stopped), this watcher leaves, and the last to leave
        abandons the computation."""
        with self._cond:
            self._watchers += 1
        seen = 0
        try:
            while True:
                with self._cond:
                    if len(self._events) == seen and self._outcome is None:
                        self._cond.wait(WAIT_SECONDS)
                    new, outcome = self._events[seen:], self._outcome
                seen += len(new)
                for kind, args in new:
                    on_event(kind, args)
                if outcome is not None and not new:
                    return self.result()
        finally:
            with self._cond:
                self._watchers -= 1
                if self._watchers == 0 and self._outcome is None:
                    self.abandoned.set()

    def _wait(self) -> tuple[bool, Any]:
        with self._cond:
            while self._outcome is None:
                self._cond.wait()
            return self._outcome


class SingleFlight:
    """The running computations of one kind of result, by key; a finished good one goes into the result store."""

    def __init__(
        self, results: ResultStore, kind: str, *, workers: int, most: int | None = None, per_owner: int | None = None
    ) -> None:
        self.results = results
        self.kind = kind
        self.most = most  # computations running or queued at once, None: no cap
        self.per_owner = per_owner  # of those, started by one owner (an owner None has no cap of its own)
        self._lock = threading.Lock()
        self._running: dict[Hashable, Flight] = {}
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"scalelab-{kind}")

    def start(
        self,
        key: Hashable,
        compute: Callable[[Flight], Any],
        *,
        keep: Keep = lambda _: True,
        owner: Hashable = None,
        background: bool = False,
    ) -> Flight:
        """The flight for key: finished from the store, the one running, or a new one running compute(flight) (whose
        result is stored if keep(result)) — unless that would pass a cap (Full). Attaching to a running one is free.
        background: the server's own work (a precompute), which yields to visitors: it takes no visitor's place in
        the caps, though it waits (Full) while the visitors' own computations fill them."""
        with self._lock:
            running = self._running.get(key)
            if running is not None and not running.abandoned.is_set():
                return running
            stored = self.results.get(self.kind, key)
            if stored is not None:
                return Flight.finished(stored)
            self._check_caps(owner)
            flight = self._running[key] = Flight(owner, background=background)
        self._pool.submit(self._fly, key, flight, compute, keep)
        return flight

    def _check_caps(self, owner: Hashable) -> None:
        """Raise Full if one more computation (started by owner) would pass a cap."""
        live = [f for f in self._running.values() if not f.abandoned.is_set() and not f.background]
        if self.most is not None and len(live) >= self.most:
            raise Full("queue")
        if owner is not None and self.per_owner is not None and sum(f.owner == owner for f in live) >= self.per_owner:
            raise Full("client")

    def watchers(self, key: Hashable) -> int:
        """How many follow the computation for key now (0 if none runs)."""
        flight = self.running_flight(key)
        return 0 if flight is None else flight._watchers

    def running_flight(self, key: Hashable) -> Flight | None:
        """The computation for key while it runs (what every session following it shares), else None."""
        with self._lock:
            return self._running.get(key)

    def running(self) -> int:
        """How many computations are running or queued."""
        with self._lock:
            return len(self._running)

    def _fly(self, key: Hashable, flight: Flight, compute: Callable[[Flight], Any], keep: Keep) -> None:
        """Run one computation; store a good result before the flight leaves the running ones, so a request in between
        finds it in one place or the other."""
        try:
            if flight.abandoned.is_set():
                raise Abandoned
            result = compute(flight)
        except Exception as exc:
            outcome = (False, exc)
        else:
            outcome = (True, result)
            if keep(result):
                self._keep(key, result)
        with self._lock:
            if self._running.get(key) is flight:
                del self._running[key]
        flight.settle(*outcome)

    def _keep(self, key: Hashable, result: Any) -> None:
        """Store a result; a store that refuses it costs a recomputation later, never this flight's answer."""
        try:
            self.results.put(self.kind, key, result)
        except Exception:
            log.exception("could not store a %s result", self.kind)
