"""At most MAX_CONCURRENT_JOBS trainings at once; a stopped run frees its slot."""

import threading
import time

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


def test_waiting_is_reported_and_bounded() -> None:
    held = [slots._slots.acquire() for _ in range(slots.MAX_CONCURRENT_JOBS)]
    seen: list[int] = []
    try:
        with pytest.raises(slots.BusyError), slots.job_slot(seen.append, max_wait=1.5):
            pass
    finally:
        for _ in held:
            slots._slots.release()
    assert seen  # the page was told it waits


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
