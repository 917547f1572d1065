"""Lab trainings in a training process: the same numbers as in-process, progress relayed, stops and errors handled."""

import threading

import pytest
import torch

from core.config import Config
from core.experiments import theory
from core.experiments.run import run
from core.runtime import processes, slots

pytestmark = pytest.mark.slow
SMALL = Config(steps=60, width=32, baselines=("omp",))


def _numbers(result) -> list:
    return [(m.depth, m.rms_rel_error, m.rms_rel_error_by_scale, m.loss_curve) for m in result.models]


def test_a_training_process_gives_the_in_process_numbers_and_relays_every_step() -> None:
    steps = []
    result = processes.run_in_process(SMALL, on_progress=lambda k, step, loss, s: steps.append((k, step)))
    assert _numbers(result) == _numbers(run(SMALL))
    assert steps == [(k, s) for k in range(2) for s in range(1, 61)]  # every step, in order
    assert [b.rms_rel_error for b in result.baselines] == [b.rms_rel_error for b in run(SMALL).baselines]


def test_a_stopped_run_frees_its_slot_and_the_next_run_still_works() -> None:
    class PageStopped(Exception):
        pass

    def stop_at_step_5(k: int, step: int, loss: float, seconds: float) -> None:
        if step == 5:
            raise PageStopped

    with pytest.raises(PageStopped):
        processes.run_in_process(Config(steps=5000, width=256), on_progress=stop_at_step_5)
    assert slots.running() == 0
    assert _numbers(processes.run_in_process(SMALL)) == _numbers(run(SMALL))


def test_an_error_in_the_training_process_reaches_the_caller_as_itself() -> None:
    with pytest.raises(ValueError, match=r"A has shape \(3, 3\), the config asks for \(16, 32\)"):
        processes.run_in_process(SMALL, A=torch.zeros(3, 3))
    assert slots.running() == 0


def test_a_theory_study_in_a_training_process_gives_the_in_process_answer() -> None:
    assert processes.study_in_process("odd_part", 3) == theory.odd_part_study(3)
    assert slots.running() == 0


def test_only_the_theory_page_s_studies_can_be_asked_for() -> None:
    with pytest.raises(ValueError, match=r"unknown study 'os\.system'"):
        processes.study_in_process("os.system", 0)


def test_a_background_run_gives_its_slot_back_when_a_visitor_asks_for_one() -> None:
    release, training = threading.Event(), threading.Event()
    outcome: list[BaseException] = []

    def visitor() -> None:
        with slots.job_slot():
            release.wait(60)

    def background() -> None:
        try:
            processes.run_in_process(Config(steps=20_000, width=64, baselines=()), lowly=lambda: True,
                                     on_progress=lambda *_: training.set())  # fmt: skip
        except BaseException as exc:
            outcome.append(exc)

    lowly = threading.Thread(target=background)
    lowly.start()
    assert training.wait(60)  # an idle server: it trains
    guest = threading.Thread(target=visitor)
    guest.start()  # a visitor asks for a slot (one is free): the background run stops all the same
    lowly.join(30)
    assert not lowly.is_alive() and isinstance(outcome[0], slots.Preempted)
    release.set()
    guest.join()
    assert slots.running() == 0


def test_a_candidate_ranking_in_a_training_process_gives_the_in_process_ranking_and_relays_progress() -> None:
    import numpy as np

    from core.experiments import placement

    rng = np.random.default_rng(0)
    A, rows = rng.standard_normal((5, 10)), rng.standard_normal((4, 10))
    cfg = Config(n=10, m=5, s=1, baselines=("bp", "omp"))
    seen: list[tuple[int, int]] = []
    ranking = processes.rank_in_process(A, rows, cfg, lead="omp", on_progress=lambda *done: seen.append(done))
    assert ranking == placement.rank_candidates(A, rows, cfg, lead="omp")
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
