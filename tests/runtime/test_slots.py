"""At most MAX_CONCURRENT_JOBS trainings at once; a stopped run frees its slot."""

import contextlib
import threading
import time
from collections.abc import Iterator

import pytest

from core.config import Config
from core.experiments.run import run
from core.runtime import slots


def test_slots_cap_concurrency_and_a_failing_job_frees_its_slot() -> None:
    inside, peak, lock = [0], [0], threading.Lock()

    def job() -> None:
        with slots.job_slot():
            with lock:
                inside[0] += 1
                peak[0] = max(peak[0], inside[0])
            time.sleep(0.2)
            with lock:
                inside[0] -= 1

    threads = [threading.Thread(target=job) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == slots.MAX_CONCURRENT_JOBS
    with pytest.raises(KeyError), slots.job_slot():
        raise KeyError("a page stopped mid-run")
    assert slots.running() == 0  # the slot came back


def test_a_run_stopped_from_its_progress_callback_frees_its_slot() -> None:
    class Stop(Exception):
        pass

    def stop_at_step_5(k: int, step: int, loss: float, seconds: float) -> None:
        if step == 5:
            raise Stop  # what Streamlit does when the user clicks elsewhere or closes the tab

    with pytest.raises(Stop):
        run(Config(n=16, m=8, steps=100, width=8, baselines=()), on_progress=stop_at_step_5)
    assert slots.running() == 0


@contextlib.contextmanager
def _all_slots_held(seconds: float) -> Iterator[None]:
    """Every slot held by a job estimated to take `seconds`, until the block ends."""
    release, holders = threading.Event(), []
    for _ in range(slots.MAX_CONCURRENT_JOBS):
        holders.append(threading.Thread(target=_hold, args=(release, seconds)))
        holders[-1].start()
    while slots.running() < slots.MAX_CONCURRENT_JOBS:
        time.sleep(0.01)
    try:
        yield
    finally:
        release.set()
        for holder in holders:
            holder.join()


def _hold(release: threading.Event, seconds: float) -> None:
    with slots.job_slot(seconds=seconds):
        release.wait(30)


def test_waiting_is_reported_with_the_place_in_line_and_bounded() -> None:
    seen: list[slots.Place] = []
    with _all_slots_held(60.0), pytest.raises(slots.BusyError), slots.job_slot(seen.append, max_wait=1.5):
        pass
    assert seen and seen[0].position == 1 and seen[0].running == slots.MAX_CONCURRENT_JOBS
    assert 55 < seen[0].wait_seconds <= 60  # the first running job ends first
    assert slots.running() == 0


def test_jobs_get_slots_first_come_first_served_and_know_their_wait() -> None:
    order: list[str] = []
    places: dict[str, list[slots.Place]] = {"first": [], "second": []}

    def job(name: str) -> None:
        with slots.job_slot(places[name].append, seconds=20.0):
            order.append(name)

    with _all_slots_held(60.0):
        first = threading.Thread(target=job, args=("first",))
        first.start()
        while not places["first"]:
            time.sleep(0.01)
        second = threading.Thread(target=job, args=("second",))
        second.start()
        while not places["second"]:
            time.sleep(0.01)
    first.join()
    second.join()
    assert order == ["first", "second"]
    assert places["second"][0].position == 2
    assert 55 < places["second"][0].wait_seconds <= 60  # both slots busy for ~60 s; the first in line takes one


def test_a_second_sweep_waits_for_the_slot_then_gives_up_with_busy() -> None:
    waits = []
    with (
        slots.sweep_slot(),
        pytest.raises(slots.BusyError, match="another sweep is running"),
        slots.sweep_slot(1.5, lambda: waits.append(1)),
    ):
        pass
    assert waits  # the waiting page was called back while it waited
    with slots.sweep_slot(0.1):
        pass  # free again once the first sweep ended


def test_background_work_runs_only_on_an_idle_server_and_yields_to_any_visitor() -> None:
    release = threading.Event()
    events: list[str] = []
    preempted: list[threading.Event] = []

    def background(name: str) -> None:
        with slots.job_slot(lowly=lambda: True) as yield_now:
            events.append(f"{name} in")
            preempted.append(yield_now)
            yield_now.wait(30)  # a real job stops at its next progress message
        events.append(f"{name} out")

    def visitor() -> None:
        with slots.job_slot():
            events.append("visitor in")
            release.wait(30)

    lowly = threading.Thread(target=background, args=("background",))
    lowly.start()
    while "background in" not in events:  # an idle server: it may start
        time.sleep(0.01)
    guest = threading.Thread(target=visitor)
    guest.start()
    while "background out" not in events:  # a slot is free, yet it gives its own back
        time.sleep(0.01)
    assert preempted[0].is_set() and "visitor in" in events
    later = threading.Thread(target=background, args=("retry",))
    later.start()
    time.sleep(1.5)
    assert "retry in" not in events  # not while a visitor trains
    release.set()
    guest.join()
    deadline = time.monotonic() + 5
    while "retry in" not in events and time.monotonic() < deadline:  # the server is idle again: the retry runs
        time.sleep(0.01)
    assert "retry in" in events and not preempted[-1].is_set()  # and nobody asks it to yield
    preempted[-1].set()
    for thread in (lowly, guest, later):
        thread.join()
    assert slots.running() == 0


def test_background_work_never_takes_both_slots() -> None:
    inside, peak, lock = [0], [0], threading.Lock()

    def background() -> None:
        with slots.job_slot(lowly=lambda: True):
            with lock:
                inside[0] += 1
                peak[0] = max(peak[0], inside[0])
            time.sleep(0.3)
            with lock:
                inside[0] -= 1

    threads = [threading.Thread(target=background) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert peak[0] == 1


def test_a_spare_slot_is_taken_only_when_free_and_nobody_waits_and_can_go_back_early() -> None:
    with slots.job_slot(), slots.spare_slot() as spare:
        assert spare and slots.running() == 2
        with slots.spare_slot() as third:  # both slots held: no spare, and no waiting for one
            assert not third and slots.running() == 2
        spare.release()  # its process finished first: the slot goes back while the run goes on
        assert slots.running() == 1
        spare.release()  # a second release does nothing
        assert slots.running() == 1
    assert slots.running() == 0
    # background work waiting in line does not count: it would yield to this visitor anyway
    queued, stop = threading.Event(), threading.Event()

    def background() -> None:
        with (
            contextlib.suppress(slots.BusyError),
            slots.job_slot(lambda _p: queued.set(), lowly=lambda: True, max_wait=30),
        ):
            stop.wait(30)

    with slots.job_slot():
        lowly = threading.Thread(target=background)
        lowly.start()
        assert queued.wait(10)
        with slots.spare_slot() as spare:
            assert spare and slots.running() == 2
        stop.set()
    lowly.join(40)
    assert slots.running() == 0


def test_a_spare_slot_waits_a_moment_for_background_work_giving_its_slot_back() -> None:
    asked = threading.Event()

    def background() -> None:
        with slots.job_slot(lowly=lambda: True) as preempted:
            asked.set()
            preempted.wait(10)  # a visitor asked: it stops at its next step, a moment later
            time.sleep(0.3)

    lowly = threading.Thread(target=background)
    lowly.start()
    assert asked.wait(10)
    # the visitor's first slot (the other one is free) asks the background work to leave; the spare waits for it
    with slots.job_slot(), slots.spare_slot(wait_for_background=5.0) as spare:
        assert spare and slots.running() == 2
    lowly.join(10)
    assert slots.running() == 0
