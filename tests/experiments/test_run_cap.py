"""A run's models share one time cap (core.config.RUN_SECONDS_CAP): each model's max_seconds is its own bound, the
run's time left is the other."""

from __future__ import annotations

import pytest

from core.config import Config
from core.experiments import run as run_module


def test_the_models_of_one_run_stop_within_the_runs_cap_together(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_module, "RUN_SECONDS_CAP", 1.0)
    result = run_module.run(Config(depths=(1, 2), width=64, steps=20_000, max_seconds=60, baselines=()))
    first, second = result.models
    assert first.status == second.status == "time_budget"
    assert first.steps_done < 20_000 and second.steps_done < 20_000
    assert first.train_seconds + second.train_seconds < 1.0 + 0.5  # one step past the cap at most each
