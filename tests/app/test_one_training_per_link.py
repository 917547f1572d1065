"""One training per link: sessions asking for the same config and seed at once share one real training."""

from __future__ import annotations

import threading

import pytest

from core.config import Config
from core.runtime import processes
from ui import store


def test_two_concurrent_requests_for_one_config_start_one_training_and_get_the_same_numbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    trainings: list[Config] = []
    real = processes.run_in_process

    def counted(cfg: Config, **kwargs: object) -> object:
        trainings.append(cfg)
        return real(cfg, **kwargs)

    monkeypatch.setattr(processes, "run_in_process", counted)
    cfg = Config(steps=300, width=16, seed=9191)
    steps: list[list[int]] = [[], []]
    results: list = [None, None]

    def visit(k: int) -> None:
        results[k] = store.run_and_cache(cfg, lambda _m, step, *_: steps[k].append(step), lambda _note: None)

    threads = [threading.Thread(target=visit, args=(k,)) for k in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    assert trainings == [cfg]
    assert results[0] is results[1]
    errors = [m.rms_rel_error for m in results[0].models]
    assert all(e is not None for e in errors)
    assert steps[0] == steps[1] and steps[0][-1] == cfg.steps  # both watched the whole training
    assert store.shared().get("run", cfg).models == results[0].models
