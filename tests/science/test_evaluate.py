"""How a reconstructor is judged (core.science.evaluate), on maps whose answer is known: no training here."""

import math

import pytest
import torch

from core.config import SCALE_KEYS, TEST_SCALES
from core.science.evaluate import (
    HOMOGENEITY_LAMBDAS,
    error_by_scale,
    example_by_scale,
    homogeneity_error,
    overall_error,
    rms_relative_error,
)
from core.science.models import MLP, init_weights
from core.science.problems import SparseProblem, sensing_matrix

N, M = 8, 4


def _rng(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def _problem(m: int = M, n: int = N, *, noise: float = 0.0) -> SparseProblem:
    """A tiny sparse problem in float64: A (m, n), 2 nonzeros per signal."""
    return SparseProblem(A=sensing_matrix(m, n, rng=_rng(0)).double(), s=2, noise=noise)


def _unit(problem: SparseProblem, batch: int = 200, seed: int = 1) -> torch.Tensor:
    return problem.unit_signals(batch, rng=_rng(seed)).double()  # (batch, n)


def _pinv_map(problem: SparseProblem):
    """x̂ = A⁺·y: linear, so positively homogeneous; exact when A is square and invertible."""
    pinv = torch.linalg.pinv(problem.A)  # (n, m)
    return lambda y: y @ pinv.T


def _mlp(*, bias: bool) -> MLP:
    net = MLP(M, N, depth=2, width=32, bias=bias)
    init_weights(net, rng=_rng(2))  # biases start at zero
    if bias:
        with torch.no_grad():
            for layer in net.linears():
                layer.bias.normal_(0, 0.5, generator=_rng(3))
    return net.double().eval()


# --- rms_relative_error --------------------------------------------------------------------------------------


def test_the_exact_reconstruction_has_error_0_and_the_zero_map_error_1() -> None:
    p = _problem(N, N)  # square Gaussian A: invertible, so A⁻¹y is x itself
    x = _unit(p) * 3.0
    y = p.clean(x)
    assert rms_relative_error(_pinv_map(p), p, x, y) < 1e-12
    assert rms_relative_error(lambda y: torch.zeros(len(y), N, dtype=y.dtype), p, x, y) == pytest.approx(1.0, abs=1e-15)
    assert rms_relative_error(lambda y: 0.5 * x, p, x, y) == pytest.approx(0.5, abs=1e-15)  # half of every signal


# --- error_by_scale ------------------------------------------------------------------------------------------


def test_error_by_scale_has_every_test_scale_in_order() -> None:
    p = _problem()
    errors = error_by_scale(_pinv_map(p), p, _unit(p), rng=_rng(4))
    assert tuple(errors) == SCALE_KEYS
    assert all(math.isfinite(e) and e >= 0 for e in errors.values())


@pytest.mark.parametrize("name", ["bias-free MLP", "A⁺y"])
def test_a_positively_homogeneous_map_has_the_same_error_at_every_scale(name: str) -> None:
    p = _problem()
    f = _mlp(bias=False) if name == "bias-free MLP" else _pinv_map(p)
    errors = list(error_by_scale(f, p, _unit(p), rng=_rng(4)).values())
    assert errors[0] > 0.1  # a real error (m < n), not a trivial 0 at every scale
    assert max(errors) - min(errors) < 1e-12 * max(errors)


@pytest.mark.parametrize("name", ["MLP with bias", "A⁺y + b"])
def test_a_map_with_a_bias_has_a_different_error_at_each_scale(name: str) -> None:
    p = _problem()
    offset = torch.full((N,), 0.1, dtype=torch.float64)
    f = _mlp(bias=True) if name == "MLP with bias" else (lambda y: _pinv_map(p)(y) + offset)
    errors = error_by_scale(f, p, _unit(p), rng=_rng(4))
    assert errors["0.001"] > 10 * errors["1000"]  # the constant term dwarfs tiny signals


# --- overall_error -------------------------------------------------------------------------------------------


def _exact_only_between(problem: SparseProblem, lo: float, hi: float):
    """A⁻¹y where the recovered ‖x‖ lies in [lo, hi] (to float32 rounding of the drawn scale), 0 elsewhere."""
    inverse = _pinv_map(problem)

    def f(y: torch.Tensor) -> torch.Tensor:
        x_hat = inverse(y)
        norms = x_hat.norm(dim=1, keepdim=True)
        return x_hat * ((norms >= lo * (1 - 1e-5)) & (norms <= hi * (1 + 1e-5)))

    return f


def test_overall_error_draws_its_scales_inside_the_training_range() -> None:
    p = _problem(N, N)
    f = _exact_only_between(p, 0.5, 2.0)
    x_unit = _unit(p, batch=2000)
    assert overall_error(f, p, x_unit, (0.5, 2.0), rng=_rng(5)) < 1e-12  # every draw in range: exact
    assert overall_error(f, p, x_unit, (3.0, 30.0), rng=_rng(5)) == pytest.approx(1.0, abs=1e-12)  # none: x̂ = 0
    # log-uniform on [0.5, 8]: half the range (two of four octaves) is exact, so the mean squared error is ½
    assert overall_error(f, p, x_unit, (0.5, 8.0), rng=_rng(5)) == pytest.approx(math.sqrt(0.5), abs=0.03)


# --- homogeneity_error ---------------------------------------------------------------------------------------


def test_homogeneity_error_is_0_for_a_bias_free_relu_mlp_and_not_with_nonzero_biases() -> None:
    y = torch.randn(64, M, generator=_rng(6), dtype=torch.float64)
    assert homogeneity_error(_mlp(bias=False), y) < 1e-12
    with_zero_biases = MLP(M, N, depth=2, width=32, bias=True)
    init_weights(with_zero_biases, rng=_rng(2))
    assert homogeneity_error(with_zero_biases, y) < 1e-12  # bias terms at 0 change nothing
    assert homogeneity_error(_mlp(bias=True), y) > 1e-3


def test_homogeneity_error_of_an_affine_map_is_the_known_worst_case() -> None:
    """f(y) = Wy + b: f(λy) − λf(y) = (1 − λ)b, so the ratio is |1 − λ|/λ · ‖B‖/‖f(Y)‖, worst at the smallest λ."""
    layer = torch.nn.Linear(M, N).double()
    with torch.no_grad():
        layer.weight.copy_(torch.randn(N, M, generator=_rng(7), dtype=torch.float64))
        layer.bias.copy_(torch.randn(N, generator=_rng(8), dtype=torch.float64))
    y = torch.randn(32, M, generator=_rng(9), dtype=torch.float64)
    with torch.no_grad():
        ratio = layer.bias.expand(32, N).norm().item() / layer(y).norm().item()
    lam = min(HOMOGENEITY_LAMBDAS)
    assert homogeneity_error(layer, y) == pytest.approx((1 - lam) / lam * ratio, rel=1e-9)


# --- example_by_scale ----------------------------------------------------------------------------------------


def test_example_by_scale_is_the_reconstruction_divided_by_the_scale() -> None:
    p = _problem()
    x = _unit(p)[0]  # (n,)
    f = _pinv_map(p)
    example = example_by_scale(f, p, x)
    assert tuple(example) == SCALE_KEYS and all(len(v) == N for v in example.values())
    want = f(p.clean(x[None, :]))[0]  # homogeneous: x̂(λy)/λ = x̂(y) at every λ
    for key in SCALE_KEYS:
        assert (torch.tensor(example[key], dtype=torch.float64) - want).abs().max() < 1e-6, key  # 6 decimals
    offset = torch.full((N,), 0.1, dtype=torch.float64)
    biased = example_by_scale(lambda y: f(y) + offset, p, x)
    for key, scale in zip(SCALE_KEYS, TEST_SCALES):
        want = f(p.clean(x[None, :]))[0] + offset / scale  # the constant term, magnified by 1/λ
        assert (torch.tensor(biased[key], dtype=torch.float64) - want).abs().max() < 1e-6 * (1 + want.abs().max()), key


# --- seeds ---------------------------------------------------------------------------------------------------


def test_same_seed_same_numbers_other_seed_other_numbers() -> None:
    p = _problem(noise=0.1)  # noise draws come from the generator
    f, x_unit = _mlp(bias=False), _unit(p)

    def numbers(seed: int) -> tuple:
        return error_by_scale(f, p, x_unit, rng=_rng(seed)), overall_error(f, p, x_unit, (0.5, 2.0), rng=_rng(seed))

    assert numbers(10) == numbers(10)
    by_scale, overall = numbers(11)
    assert by_scale != numbers(10)[0] and overall != numbers(10)[1]


def test_the_standard_error_of_the_rms_error_matches_the_spread_of_independent_estimates() -> None:
    """The delta-method standard error predicts how much the RMS error of a 2,000-signal test set varies between
    test sets: measured over 40 test sets of a fixed linear map (projection onto A's row space, on the floor)."""
    import math as _math

    from core.science.evaluate import rms_relative_error_and_se
    from core.science.problems import SparseProblem, sensing_matrix

    gen = torch.Generator().manual_seed(0)
    A = sensing_matrix(16, 32, rng=gen)
    problem = SparseProblem(A, s=1)
    P = torch.linalg.pinv(A)  # x̂ = A⁺y: the best linear map, error √(1 − m/n) on average

    def f(y: torch.Tensor) -> torch.Tensor:
        return y @ P.T

    estimates, ses = [], []
    for _ in range(40):
        x = problem.unit_signals(2000, rng=gen)
        rms, se = rms_relative_error_and_se(f, problem, x, problem.clean(x))
        estimates.append(rms)
        ses.append(se)
    spread = float(torch.tensor(estimates).std())
    assert 0.6 * spread < sum(ses) / len(ses) < 1.6 * spread
    assert abs(sum(estimates) / len(estimates) - _math.sqrt(0.5)) < 0.01
