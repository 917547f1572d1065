"""Single flight: one computation per key however many ask at once; every watcher sees all its progress and gets
its result; it stops only when the last watcher leaves; good results go to the store, failures do not."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from core.runtime.flights import Abandoned, Flight, Full, SingleFlight
from core.runtime.store import ResultStore


@pytest.fixture
def flights(tmp_path: Path) -> SingleFlight:
    return SingleFlight(ResultStore(tmp_path / "results.sqlite3"), "run", workers=4)


class Gated:
    """A computation that reports two steps, then waits for `go` before its third and its result."""

    def __init__(self, result: object = "numbers") -> None:
        self.calls = 0
        self.go = threading.Event()
        self.result = result
        self.stopped = threading.Event()

    def __call__(self, flight: Flight) -> object:
        self.calls += 1
        flight.report("progress", 1)
        flight.report("progress", 2)
        self.go.wait(30)
        try:
            flight.report("progress", 3)
        except Abandoned:
            self.stopped.set()
            raise
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


def _watch(flight: Flight, seen: list, out: list) -> None:
    out.append(flight.follow(lambda kind, args: seen.append((kind, *args))))


def test_concurrent_requests_share_one_computation_and_all_see_its_whole_progress(flights: SingleFlight) -> None:
    compute = Gated(result={"error": 0.5})
    seen: list[list] = [[], [], []]
    out: list = []
    first = flights.start("cfg", compute)
    threads = [threading.Thread(target=_watch, args=(first, seen[0], out))]
    threads[0].start()
    for k in (1, 2):  # later visitors of the same link, while it runs
        threads.append(threading.Thread(target=_watch, args=(flights.start("cfg", compute), seen[k], out)))
        threads[-1].start()
    deadline = time.monotonic() + 30
    while flights.watchers("cfg") < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert flights.watchers("cfg") == 3 and flights.watchers("other") == 0
    compute.go.set()
    for thread in threads:
        thread.join(30)
    assert compute.calls == 1
    assert out == [{"error": 0.5}] * 3 and out[0] is out[1] is out[2]
    assert seen == [[("progress", 1), ("progress", 2), ("progress", 3)]] * 3
    assert flights.results.get("run", "cfg") == {"error": 0.5}
    assert flights.running() == 0
    again = flights.start("cfg", compute)  # from the store: no new computation
    assert again.done() and again.result() == {"error": 0.5} and compute.calls == 1


def test_a_failure_reaches_every_watcher_and_is_not_stored(flights: SingleFlight) -> None:
    compute = Gated(result=RuntimeError("process died"))
    compute.go.set()
    flight = flights.start("cfg", compute)
    with pytest.raises(RuntimeError, match="process died"):
        flight.follow(lambda kind, args: None)
    assert isinstance(flight.exception(), RuntimeError)
    assert flights.results.get("run", "cfg") is None
    compute.result = "numbers"
    assert flights.start("cfg", compute).result() == "numbers" and compute.calls == 2  # the next visit tries again


def test_a_result_keep_refuses_is_returned_but_not_stored(flights: SingleFlight) -> None:
    compute = Gated(result="diverged")
    compute.go.set()
    assert flights.start("cfg", compute, keep=lambda r: r != "diverged").result() == "diverged"
    assert flights.results.get("run", "cfg") is None


class PageStopped(Exception):
    """Stands for Streamlit stopping a script at its next st.* call."""


def test_it_stops_when_the_last_watcher_leaves_not_before(flights: SingleFlight) -> None:
    compute = Gated()
    flight = flights.start("cfg", compute)

    def leave(kind: str, args: tuple) -> None:
        raise PageStopped

    stayed: list = []
    stayer = threading.Thread(target=_watch, args=(flight, [], stayed))
    stayer.start()
    with pytest.raises(PageStopped):
        flight.follow(leave)  # one tab closes; the other still watches
    assert not flight.abandoned.is_set()
    compute.go.set()
    stayer.join(30)
    assert stayed == ["numbers"] and not compute.stopped.is_set()

    alone = Gated()
    flight = flights.start("other", alone)
    with pytest.raises(PageStopped):
        flight.follow(leave)
    assert flight.abandoned.is_set()
    alone.go.set()
    assert isinstance(flight.exception(), Abandoned) and alone.stopped.is_set()
    assert flights.results.get("run", "other") is None
    alone.go.clear()
    alone.go.set()
    assert flights.start("other", alone).result() == "numbers" and alone.calls == 2  # a new visitor starts afresh


def test_background_work_takes_no_visitor_s_place_but_waits_while_visitors_fill_the_cap(tmp_path: Path) -> None:
    """The server's precompute runs behind every visitor: with it running, a full complement of visitors still gets
    in (one of 8 sessions was told the server was full, bench row (f)); it cannot start while they fill the cap."""
    flights = SingleFlight(ResultStore(tmp_path / "r.sqlite3"), "run", workers=4, most=2)
    computes = {key: Gated() for key in ("bg", "v1", "v2", "bg2")}
    flights.start("bg", computes["bg"], background=True)
    flights.start("v1", computes["v1"])
    flights.start("v2", computes["v2"])  # the cap's two places are the visitors'
    with pytest.raises(Full):
        flights.start("bg2", computes["bg2"], background=True)
    for compute in computes.values():
        compute.go.set()
    assert [flights.start(k, computes[k]).result() for k in ("bg", "v1", "v2")] == ["numbers"] * 3


def test_caps_refuse_new_computations_but_never_an_attachment(tmp_path: Path) -> None:
    flights = SingleFlight(ResultStore(tmp_path / "r.sqlite3"), "run", workers=4, most=3, per_owner=1)
    computes = {key: Gated() for key in ("a1", "a2", "b1", "c", "d")}
    flights.start("a1", computes["a1"], owner="10.0.0.1")
    with pytest.raises(Full) as refused:
        flights.start("a2", computes["a2"], owner="10.0.0.1")  # the same client's second training
    assert refused.value.code == "client"
    assert flights.start("a1", computes["a1"], owner="10.0.0.2") is flights.start("a1", computes["a1"])  # attaching
    flights.start("b1", computes["b1"], owner="10.0.0.2")
    flights.start("c", computes["c"])  # no owner (loopback): no per-client cap
    with pytest.raises(Full) as refused:
        flights.start("d", computes["d"], owner="10.0.0.3")  # the server's three are taken
    assert refused.value.code == "queue"
    for compute in computes.values():
        compute.go.set()
    assert flights.start("a1", computes["a1"]).result() == "numbers"
    assert [computes[k].calls for k in computes] == [1, 0, 1, 1, 0]
