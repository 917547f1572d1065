"""Precomputed like Gradio's cached examples: the server trains the default view and the scenarios once in the
background, so a click on one replays stored numbers and starts no training."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from core.config import Config
from core.experiments.scenarios import SCENARIOS
from core.experiments.theory import STUDIES
from core.runtime import processes
from core.runtime.flights import SingleFlight
from core.runtime.store import ResultStore
from tests.app.conftest import open_page
from ui import store


def test_the_tests_switch_the_precompute_off_and_it_covers_the_default_view_and_every_scenario() -> None:
    assert os.environ[store.PRECOMPUTE_ENV] == "0"  # tests/conftest.py: no background training under the tests
    assert store.precomputed() == (Config(), *SCENARIOS.values())


@pytest.mark.slow
def test_a_scenario_click_after_the_precompute_starts_no_training(monkeypatch: pytest.MonkeyPatch) -> None:
    store.precompute((SCENARIOS["floor"],))  # the cheapest scenario, as the server's background would
    assert store.shared().get("run", SCENARIOS["floor"]) is not None

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a click on a precomputed scenario started a training")

    monkeypatch.setattr(processes, "run_in_process", refuse)
    at = open_page("pages/1_Lab.py", {"lang": "en"})
    at.button(key="scenario_floor").click().run()
    assert not at.exception, at.exception
    assert at.session_state["lab_result"].config == SCENARIOS["floor"]


def test_theory_s_first_answer_computed_in_the_background_is_the_one_a_visitor_gets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The server precomputes the Theory answers after the Lab's: a visitor who asks attaches to one running, and
    from then on it no longer yields."""
    asked: list[bool] = []
    go = threading.Event()

    def study(name: str, seed: int, *, lowly=None) -> tuple[str, int]:
        asked.append(lowly is not None and lowly())  # background work until a visitor asks
        go.wait(30)
        asked.append(lowly is not None and lowly())
        return name, seed

    monkeypatch.setattr(processes, "study_in_process", study)
    key = ("scale", 91)  # a seed no other test asks for: the server's store and flights are shared
    background = threading.Thread(target=store.precompute_answer, args=key)
    background.start()
    for _ in range(3000):
        if asked:
            break
        threading.Event().wait(0.01)
    flight = store.answer(*key)  # the visitor attaches to the running computation
    go.set()
    assert flight.result() == key
    background.join(30)
    assert asked == [True, False]  # one computation, background work until the visitor asked


def test_the_theory_page_s_other_answers_are_background_work_after_the_one_on_screen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """So a visitor's Lab run pressed while they compute gets both cores: they give their slot back."""
    seed, lowly_at_start = Config().seed, {}

    def study(name: str, seed: int, *, lowly=None) -> tuple[str, int]:
        lowly_at_start[name] = lowly is not None and lowly()
        return name, seed

    monkeypatch.setattr(processes, "study_in_process", study)
    answers = SingleFlight(ResultStore(tmp_path / "results.sqlite"), "theory", workers=1)
    monkeypatch.setattr(store, "_answers", lambda: answers)  # the default seed's answers may be stored by other
    monkeypatch.setattr(store, "_asked", {})  # tests, and asked for
    assert store.answer("noise", seed).result() == ("noise", seed)  # the question on screen
    store.prefetch()
    for _ in range(1000):
        if len(lowly_at_start) == len(STUDIES):
            break
        threading.Event().wait(0.01)
    assert lowly_at_start == {name: name != "noise" for name in STUDIES}


def test_a_visitor_s_theory_answer_does_not_wait_behind_the_background_answers_queued_before_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The training slots put a visitor first; the answers' own queue must not put them behind background work."""
    seed, release = Config().seed, threading.Event()

    def study(name: str, seed: int, *, lowly=None) -> tuple[str, int]:
        if lowly is not None and lowly():  # background work: busy until released
            release.wait(30)
        return name, seed

    monkeypatch.setattr(processes, "study_in_process", study)
    answers = SingleFlight(ResultStore(tmp_path / "results.sqlite"), "theory", workers=store.ANSWER_THREADS)
    monkeypatch.setattr(store, "_answers", lambda: answers)
    monkeypatch.setattr(store, "_asked", {})
    store.prefetch()  # all five queued as background work, all busy
    flight = store.answer("activations", seed + 1)  # another seed: a visitor's own question
    try:
        for _ in range(1000):  # the background answers stay busy for 30 s: the visitor's comes while they run
            if flight.done():
                break
            threading.Event().wait(0.01)
        assert flight.done() and flight.result() == ("activations", seed + 1)
    finally:
        release.set()
