"""The problem y = A·x + e and the one-layer floor."""

import math

import pytest
import torch

from core.science.problems import SparseProblem, log_uniform, one_layer_floor, sensing_matrix


def _rng(seed: int = 0) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def test_signals_have_s_nonzeros_and_unit_norm() -> None:
    p = SparseProblem(A=sensing_matrix(10, 30, rng=_rng()), s=3)
    x = p.unit_signals(500, rng=_rng(1))
    assert x.shape == (500, 30)
    assert ((x != 0).sum(dim=1) == 3).all()
    torch.testing.assert_close(x.norm(dim=1), torch.ones(500))
    assert (x < 0).any()  # signed by default


def test_nonnegative_signals_are_nonnegative() -> None:
    p = SparseProblem(A=sensing_matrix(10, 30, rng=_rng()), s=3, signal="nonnegative")
    assert (p.unit_signals(500, rng=_rng(1)) >= 0).all()


def test_noise_is_relative_to_the_clean_measurement() -> None:
    p = SparseProblem(A=sensing_matrix(40, 80, rng=_rng()), s=2, noise=0.1)
    x = p.unit_signals(2000, rng=_rng(1)) * 1e3
    y = p.measure(x, rng=_rng(2))
    clean = x @ p.A.T
    ratio = ((y - clean).norm(dim=1) / clean.norm(dim=1)).mean().item()
    assert ratio == pytest.approx(0.1, rel=0.05)


def test_sensing_matrix_columns_have_unit_norm_on_average() -> None:
    A = sensing_matrix(200, 50, rng=_rng())
    assert A.norm(dim=0).pow(2).mean().item() == pytest.approx(1.0, rel=0.05)


def test_log_uniform_scales_stay_in_range_and_spread_in_log() -> None:
    s = log_uniform(10_000, 0.01, 100.0, rng=_rng())
    assert s.min() >= 0.01 and s.max() <= 100.0
    assert torch.log10(s).mean().item() == pytest.approx(0.0, abs=0.05)


def test_same_seed_same_draws() -> None:
    p = SparseProblem(A=sensing_matrix(5, 10, rng=_rng()), s=2)
    assert torch.equal(p.unit_signals(7, rng=_rng(4)), p.unit_signals(7, rng=_rng(4)))
    assert not torch.equal(p.unit_signals(7, rng=_rng(4)), p.unit_signals(7, rng=_rng(5)))


@pytest.mark.parametrize(("m", "n"), [(16, 32), (10, 40), (40, 40)])
def test_floor_is_sqrt_one_minus_rank_over_n(m: int, n: int) -> None:
    A = sensing_matrix(m, n, rng=_rng())
    assert one_layer_floor(A, signal="signed", bias=False, activation="relu") == pytest.approx(math.sqrt(1 - m / n))


def test_floor_uses_the_rank_not_m() -> None:
    A = sensing_matrix(8, 32, rng=_rng())
    A = torch.cat([A, A])  # 16 rows, rank 8
    assert one_layer_floor(A, signal="signed", bias=False, activation="relu") == pytest.approx(math.sqrt(1 - 8 / 32))


def test_floor_is_attained_by_the_projection_onto_the_row_space() -> None:
    """The bound is tight: x̂ = pinv(A)·y reaches sqrt(1 − m/n) on signed isotropic signals."""
    A = sensing_matrix(16, 32, rng=_rng()).double()
    p = SparseProblem(A=A, s=1)
    x = p.unit_signals(20_000, rng=_rng(1)).double()
    x_hat = (x @ A.T) @ torch.linalg.pinv(A).T
    rms = (x_hat - x).pow(2).sum(dim=1).mean().sqrt().item()
    assert rms == pytest.approx(one_layer_floor(A, signal="signed", bias=False, activation="relu"), abs=0.01)


@pytest.mark.parametrize(
    ("signal", "bias", "activation"),
    [("nonnegative", False, "relu"), ("signed", True, "relu"), ("signed", False, "tanh")],
)
def test_floor_is_none_where_the_argument_does_not_apply(signal: str, bias: bool, activation: str) -> None:
    A = sensing_matrix(16, 32, rng=_rng())
    assert one_layer_floor(A, signal=signal, bias=bias, activation=activation) is None


def test_low_rank_signals_have_rank_r_and_unit_norm() -> None:
    from core.science.problems import LowRankProblem

    p = LowRankProblem(A=sensing_matrix(20, 36, rng=_rng()), s=0, d=6, r=2)
    x = p.unit_signals(50, rng=_rng(1))
    assert x.shape == (50, 36)
    torch.testing.assert_close(x.norm(dim=1), torch.ones(50))
    assert all(int(torch.linalg.matrix_rank(xi.reshape(6, 6))) == 2 for xi in x)
    assert p.floor(bias=False, activation="relu") == pytest.approx(math.sqrt(1 - 20 / 36))


def test_phase_retrieval_errors_are_up_to_a_global_sign_and_no_floor_is_claimed() -> None:
    from core.science.problems import PhaseProblem

    p = PhaseProblem(A=sensing_matrix(48, 32, rng=_rng()), s=3)
    x = p.unit_signals(10, rng=_rng(1))
    assert torch.equal(p.clean(x), p.clean(-x)) and (p.clean(x) >= 0).all()
    assert p.sq_rel_errors(-x, x).max().item() == 0.0
    assert p.sq_rel_errors(torch.zeros_like(x), x).min().item() == pytest.approx(1.0)
    assert p.floor(bias=False, activation="relu") is None
