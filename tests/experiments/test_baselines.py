"""Classical decoders judged like the networks (core.experiments.baselines), on small problems: no training here."""

import pytest
import torch

from core.config import SCALE_KEYS, Config
from core.experiments.baselines import evaluate_all
from core.experiments.run import make_problem, rng_for
from core.science.decoders import DECODERS

SIGNALS = 8  # few signals keep this fast (the tests of the decoders themselves use more)


def _setup(baselines: tuple[str, ...], **changes: object) -> tuple:
    """(problem, cfg, unit signals (SIGNALS, n)) for n = 20, m = 10, one nonzero, noiseless."""
    cfg = Config(**({"n": 20, "m": 10, "s": 1, "baselines": baselines} | changes))
    problem = make_problem(cfg)
    return problem, cfg, problem.unit_signals(SIGNALS, rng=rng_for(cfg.seed, 1))


def _evaluate(baselines: tuple[str, ...], seed: int = 3, **changes: object) -> tuple:
    problem, cfg, x = _setup(baselines, **changes)
    return evaluate_all(problem, cfg, x, torch.Generator().manual_seed(seed))


def test_one_result_per_asked_decoder_in_the_asked_order() -> None:
    results = _evaluate(("lasso", "bp"))
    assert [r.name for r in results] == ["lasso", "bp"]
    assert [r.homogeneous for r in results] == [DECODERS["lasso"].homogeneous, DECODERS["bp"].homogeneous]
    assert all(tuple(r.rms_rel_error_by_scale) == SCALE_KEYS for r in results)
    assert _evaluate(()) == ()


@pytest.mark.parametrize("problem", ["lowrank", "phase"])
def test_no_classical_decoder_is_run_on_a_problem_that_is_not_sparse_recovery(problem: str) -> None:
    sizes = {"lowrank": {"d": 4, "rank": 1, "m": 8}, "phase": {"m": 30}}[problem]
    assert _evaluate(("bp", "omp", "lasso"), problem=problem, **sizes) == ()


def test_basis_pursuit_recovers_noiseless_one_sparse_signals_at_every_scale() -> None:
    (bp,) = _evaluate(("bp",))
    assert bp.rms_rel_error < 1e-6
    assert max(bp.rms_rel_error_by_scale.values()) < 1e-6  # measured 4e-8 at worst


def test_fixed_penalty_lasso_is_not_scale_invariant() -> None:
    """At scale 0.001 the fixed λ exceeds ‖Aᵀy‖∞/m: x̂ = 0 exactly, error 1; at scale 1 it recovers."""
    (lasso,) = _evaluate(("lasso",))
    assert lasso.rms_rel_error_by_scale["0.001"] == pytest.approx(1.0, abs=1e-12)
    assert lasso.rms_rel_error_by_scale["1"] < 0.3
    assert not lasso.homogeneous


def test_seconds_per_signal_is_positive() -> None:
    assert all(r.seconds_per_signal > 0 for r in _evaluate(("bp", "omp", "lasso")))


def test_same_seed_same_errors_other_seed_other_errors() -> None:
    def errors(seed: int) -> list:
        return [(r.rms_rel_error, r.rms_rel_error_by_scale) for r in _evaluate(("lasso",), seed, noise=0.05)]

    first = errors(3)
    assert errors(3) == first
    assert errors(4) != first  # other scale and noise draws


def test_a_decoders_numbers_do_not_depend_on_which_other_decoders_are_asked_for() -> None:
    """As for the networks (each judged on the same draws): LASSO's numbers alone and after basis pursuit agree."""
    (alone,) = _evaluate(("lasso",))
    _, after_bp = _evaluate(("bp", "lasso"))
    assert after_bp.rms_rel_error == alone.rms_rel_error


def test_the_l1_decoder_with_noise_is_reported_as_bpdn() -> None:
    """Asked for as "bp" (the Config key keeps its meaning), with noise it runs BPDN and its result says so."""
    (noisy,) = _evaluate(("bp",), noise=0.05)
    (clean,) = _evaluate(("bp",))
    assert noisy.name == "bpdn" and noisy.homogeneous
    assert clean.name == "bp"
    assert noisy.rms_rel_error < 0.3  # n = 20, m = 10, s = 1 at 5 % noise


def test_omp_recovers_noiseless_one_sparse_signals_at_every_scale() -> None:
    (result,) = _evaluate(("omp",))
    assert max(result.rms_rel_error_by_scale.values()) < 1e-6
