"""Muon's recipe (core.science.muon): its maths, that it is the default at s ≥ 2 and not at s = 1, and that the net it
trains stays bias-free and homogeneous."""

import itertools
import math

import pytest
import torch

from core.config import RECIPES, Config
from core.experiments.run import run
from core.science import muon
from core.science.models import MLP
from core.science.train import hidden_matrices

THE_ISSUES_COMMAND = {
    "n": "64",
    "m": "32",
    "s": "2",
    "depths": "2",
    "max_seconds": "60",
}  # issue 19, as the CLI reads it


def small_muon_run(**kw) -> Config:
    """A short run of the recipe on a small problem (~1.5 s): the recipe's settings, scaled down."""
    values = {"n": 32, "m": 16, "s": 2, "depths": (2,), "width": 128, "steps": 800, "batch": 256, "lr": 7e-3}
    return Config(**(values | {"init": "a", "optimizer": "muon", "baselines": ()} | kw))


@pytest.mark.parametrize("shape", [(96, 24), (24, 96), (40, 40)])
def test_the_polar_preconditioner_gives_the_newton_schulz_result(shape: tuple[int, int]) -> None:
    """(g/‖g‖)·P = Muon's Newton–Schulz polar factor, for a tall, a wide and a square matrix."""
    g = torch.randn(shape, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    want = muon.orthogonalise(g)
    got = muon.apply_preconditioner(g, muon.polar_preconditioner(g), bf16=False)
    assert torch.allclose(got, want, atol=1e-9)


def test_warm_up_then_cosine_to_one_percent() -> None:
    rates = [muon.warmup_cosine(k, 0.04, 5000) for k in range(5000)]
    assert rates[0] == pytest.approx(0.04 / 300) and rates[299] == pytest.approx(0.04)
    assert max(rates) == pytest.approx(0.04) and rates[-1] == pytest.approx(0.04 * 0.01, rel=1e-3)
    assert all(a >= b for a, b in itertools.pairwise(rates[299:]))  # decays only after the warm-up


def test_the_issues_command_trains_with_the_recipe() -> None:
    """`python -m core run --n 64 --m 32 --s 2 --depths 2 --max-seconds 60` gets run 36's recipe, nothing else given."""
    cfg = Config.parse(THE_ISSUES_COMMAND)
    assert (cfg.optimizer, cfg.width, cfg.steps, cfg.batch, cfg.lr, cfg.init) == ("muon", 384, 5000, 1024, 7e-3, "a")
    assert cfg.max_seconds == 60 and not cfg.bias and cfg.depths == (2,)


def test_s_1_and_the_other_problems_keep_adam_and_its_numbers() -> None:
    assert Config.parse({}) == Config() and Config().optimizer == "adam"
    assert Config.parse({"n": "64", "m": "32", "s": "1"}).optimizer == "adam"
    assert Config.parse({"problem": "phase", "m": "48", "s": "3"}).optimizer == "adam"
    assert Config.parse({"problem": "lowrank", "s": "3"}).optimizer == "adam"
    adam = RECIPES["adam"]
    assert {k: getattr(Config(), k) for k in adam} == adam  # Adam's recipe is the dataclass's defaults


def test_a_given_setting_wins_over_the_recipe_and_a_given_optimizer_brings_its_own() -> None:
    assert Config.parse(THE_ISSUES_COMMAND | {"width": "512"}).width == 512
    old = Config.parse(THE_ISSUES_COMMAND | {"optimizer": "adam"})
    assert (old.optimizer, old.width, old.steps, old.batch, old.init) == ("adam", 256, 1000, 256, "he")


def test_an_old_link_without_the_field_opens_with_adam_and_its_settings() -> None:
    """Links made before the field carry every other setting and trained with Adam: they still do."""
    made_then = Config(n=64, m=32, s=2, depths=(2,), width=256, steps=4000, lr=5e-3, init="a").to_query()
    del made_then["optimizer"]
    opened = Config.from_query(made_then)
    assert opened.optimizer == "adam" and (opened.width, opened.steps, opened.lr) == (256, 4000, 5e-3)
    new = Config.parse(THE_ISSUES_COMMAND)
    assert Config.from_query(new.to_query()) == new  # a link of the recipe round-trips


def test_muon_trains_the_hidden_layers_and_adam_the_output_layer() -> None:
    model = MLP(8, 16, depth=2, width=32)
    hidden = hidden_matrices(model)
    assert [tuple(w.shape) for w in hidden] == [(32, 8), (32, 32)]
    assert all(w is layer.weight for w, layer in zip(hidden, model.linears()[:2]))


def test_the_recipe_keeps_the_net_bias_free_and_homogeneous() -> None:
    result = run(small_muon_run())
    model = result.models[0]
    assert result.config.optimizer == "muon" and not model.bias and model.status == "ok"
    assert model.params == 16 * 128 + 128 * 128 + 128 * 32  # weights only: no bias anywhere
    assert model.homogeneity_error < 1e-6
    errors = model.rms_rel_error_by_scale.values()
    assert max(errors) - min(errors) < 1e-5 * max(errors)  # the same error at every test scale, 0.001 to 1000


def test_same_seed_same_numbers() -> None:
    cfg = small_muon_run(steps=120)
    a, b = run(cfg).models[0], run(cfg).models[0]
    assert a.rms_rel_error == b.rms_rel_error and a.loss_curve == b.loss_curve
    assert run(small_muon_run(steps=120, seed=1)).models[0].rms_rel_error != a.rms_rel_error


def test_without_native_bfloat16_the_recipe_runs_in_float32_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    native = run(small_muon_run()).models[0]
    monkeypatch.setattr(muon, "native_bf16", lambda: False)
    fallback = run(small_muon_run()).models[0]
    assert math.isfinite(fallback.rms_rel_error) and fallback.homogeneity_error < 1e-6
    assert abs(fallback.rms_rel_error - native.rms_rel_error) < 0.05  # measured: 0.225 vs 0.227 where bf16 is native
    assert fallback.note is not None and fallback.note.key == "note.float32"
    assert "float32" in fallback.note.words("ja") and "float32" in fallback.note.words("en")


def test_a_float32_run_stopped_by_the_clock_says_both(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(muon, "native_bf16", lambda: False)
    model = run(small_muon_run(steps=20_000, max_seconds=1.0)).models[0]
    assert model.status == "time_budget" and model.note.key == "note.time_budget_float32"
    assert str(model.steps_done) in model.note.words("en")


@pytest.mark.slow  # ~15 s: 1000 steps of the real recipe, and of Adam's defaults
def test_the_recipe_beats_adam_over_the_same_thousand_steps() -> None:
    """At n = 64, m = 32, s = 2 (measured: 0.124 against Adam's 0.339 over 1000 steps, seed 0)."""
    errors = {}
    for optimizer in ("muon", "adam"):
        cfg = Config.parse(THE_ISSUES_COMMAND | {"steps": "1000", "baselines": "none", "optimizer": optimizer})
        model = run(cfg).models[0]
        assert model.steps_done == 1000 and model.homogeneity_error < 1e-6
        errors[optimizer] = model.rms_rel_error
    assert errors["muon"] < 0.5 * errors["adam"]


def test_the_recipe_does_not_load_torch_s_compiler() -> None:
    """Like Adam's path (test_train.py): Muon is a plain class, so a fresh process skips ~1.1 s of CPU."""
    import subprocess
    import sys

    code = (
        "import sys; from core.config import Config; from core.experiments.run import run; "
        "run(Config(n=8, m=4, s=2, depths=(2,), width=16, steps=8, batch=8, optimizer='muon', baselines=())); "
        "print('torch._dynamo' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "False"
