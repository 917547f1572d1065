"""The cost estimate: a named breakdown that grows with the work, respects every time cap, and sorts the default
view (starts by itself) from a crafted link asking for the caps (does not)."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from core.config import CAPS, MAX_DEPTHS, RUN_SECONDS_CAP, Config
from core.runtime import budget
from core.runtime.budget import AUTO_RUN_SECONDS, Rates, estimate

# A link asking for every cap at once: the largest n, four depths, the widest net, the most steps and time.
HI = {name: CAPS[name].hi for name in ("width", "steps", "max_seconds", "batch")}
CAPPED = Config(n=256, m=128, s=8, depths=(1, 2, 3, 4)[:MAX_DEPTHS], width=int(HI["width"]), steps=int(HI["steps"]),
                max_seconds=HI["max_seconds"], batch=int(HI["batch"]))  # fmt: skip


MEASURED_HERE = Rates()  # the defaults: this project's machine; a calibration made by another test may differ


def test_the_default_view_is_within_the_auto_run_budget_and_the_capped_link_is_not() -> None:
    assert estimate(Config(), MEASURED_HERE).total < AUTO_RUN_SECONDS / 2
    assert estimate(CAPPED, MEASURED_HERE).total > AUTO_RUN_SECONDS * 3


def test_training_is_capped_per_model_and_per_run() -> None:
    parts = estimate(CAPPED, MEASURED_HERE).training
    assert len(parts) == 4
    assert all(p <= CAPPED.max_seconds for p in parts)
    assert math.isclose(sum(parts), RUN_SECONDS_CAP)  # not 4 × 120 s


def test_the_estimate_grows_with_steps_width_depths_and_n() -> None:
    base = Config(steps=1000, width=128, depths=(1,), max_seconds=120)
    total = estimate(base, MEASURED_HERE).total
    for bigger in (replace(base, steps=2000), replace(base, width=512), replace(base, depths=(1, 2)),
                   replace(base, n=128, m=64)):  # fmt: skip
        assert estimate(bigger, MEASURED_HERE).total > total


def test_the_breakdown_names_its_parts_from_the_rates() -> None:
    rates = Rates(step_overhead=1e-3, flops_per_second=1e9)
    cfg = Config(depths=(1,), width=16, steps=100, baselines=())
    macs = 16 * 16 + 16 * 32  # m → width → n
    assert estimate(cfg, rates).training == pytest.approx((100 * (1e-3 + 6 * cfg.batch * macs / 1e9),))
    assert estimate(cfg, rates).decoders == 0.0  # no basis pursuit asked for
    assert estimate(replace(cfg, baselines=("bp",)), rates).decoders == pytest.approx(700 * budget.bp_seconds(32))


def test_the_auto_run_budget_follows_its_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(budget.AUTO_RUN_ENV, "5")
    assert budget.auto_run_seconds() == 5.0
    monkeypatch.setenv(budget.AUTO_RUN_ENV, "not a number")
    assert budget.auto_run_seconds() == AUTO_RUN_SECONDS


def test_calibration_measures_positive_finite_rates() -> None:
    rates = budget.calibrate(steps=5)
    assert 0 < rates.step_overhead < 1 and 1e6 < rates.flops_per_second < math.inf


THE_RECIPE = Config.parse({"n": "64", "m": "32", "s": "2", "depths": "2", "max_seconds": "60"})  # issue 19's command


def test_the_recipe_is_estimated_near_its_measured_step_and_above_the_auto_run_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Muon's recipe at n = 64, s = 2 was measured at 11.7–12.7 ms a step on this machine (research log, run 36): a
    link to it shows its estimate and a Train button instead of starting ~60 s of training by itself."""
    monkeypatch.setattr(budget.muon, "native_bf16", lambda: True)
    cost = estimate(THE_RECIPE, MEASURED_HERE)
    assert 10e-3 < cost.training[0] / THE_RECIPE.steps < 14e-3
    assert cost.total > AUTO_RUN_SECONDS
    monkeypatch.setattr(budget.muon, "native_bf16", lambda: False)  # float32 products: slower, so the cap binds
    assert estimate(THE_RECIPE, MEASURED_HERE).training[0] == THE_RECIPE.max_seconds


def test_muon_adds_its_own_work_to_a_float32_step(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget.muon, "native_bf16", lambda: False)
    adam = replace(THE_RECIPE, optimizer="adam", steps=1000, max_seconds=120)
    muon = replace(adam, optimizer="muon")
    extra = budget.muon_seconds(muon, 2, MEASURED_HERE, 1.0)
    assert extra > 0
    want = estimate(adam, MEASURED_HERE).training[0] + muon.steps * extra
    assert math.isclose(estimate(muon, MEASURED_HERE).training[0], want)
