"""Classical decoders: basis pursuit and OMP recover and are scale-equivariant; fixed-λ LASSO is not."""

import math

import numpy as np
import pytest

from core.science.decoders import (
    DECODERS,
    basis_pursuit,
    basis_pursuit_or_lasso,
    decode,
    lasso_fixed,
    lasso_scaled,
    omp,
)


def _problem(
    n: int, m: int, s: int, batch: int, *, seed: int, noise: float = 0.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A (m, n) with N(0, 1/m) entries, unit-norm s-sparse signed X (batch, n), Y = X·Aᵀ + relative noise."""
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((m, n)) / math.sqrt(m)
    X = np.zeros((batch, n))
    for row in X:
        row[rng.choice(n, size=s, replace=False)] = rng.standard_normal(s)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    Y = X @ A.T
    if noise:  # same model as core.science.problems: ‖e‖ ≈ noise·‖A·x‖
        Y = Y + rng.standard_normal(Y.shape) * (noise * np.linalg.norm(Y, axis=1, keepdims=True) / math.sqrt(m))
    return A, X, Y


def _rms_rel(X_hat: np.ndarray, X: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.sum((X_hat - X) ** 2, axis=1) / np.sum(X**2, axis=1))))


def test_basis_pursuit_recovers_sparse_signals_exactly() -> None:
    A, X, Y = _problem(40, 20, 2, 20, seed=0)
    assert np.abs(basis_pursuit(A, Y) - X).max() < 1e-6


@pytest.mark.parametrize("c", [0.01, 100.0, -1.0])
def test_basis_pursuit_is_scale_equivariant(c: float) -> None:
    A, _, Y = _problem(40, 20, 3, 20, seed=1)
    ref = basis_pursuit(A, Y)
    np.testing.assert_allclose(basis_pursuit(A, c * Y), c * ref, rtol=1e-6, atol=1e-12 * abs(c))


@pytest.mark.parametrize("c", [0.01, 100.0, -1.0])
def test_omp_is_scale_equivariant(c: float) -> None:
    A, _, Y = _problem(40, 20, 3, 50, seed=2)
    ref = omp(A, Y, s=3)
    np.testing.assert_allclose(omp(A, c * Y, s=3), c * ref, rtol=1e-6, atol=1e-12 * abs(c))


def test_omp_with_s_steps_recovers_most_sparse_signals_exactly() -> None:
    A, X, Y = _problem(40, 20, 2, 100, seed=3)
    exact = np.abs(omp(A, Y, s=2) - X).max(axis=1) < 1e-8
    assert exact.mean() >= 0.9  # measured: 97 of 100 with this seed


def test_fixed_penalty_lasso_is_not_scale_equivariant() -> None:
    # x̂_α(c·y) = c·x̂_{α/c}(y): at c = 0.01 the penalty acts 100 times larger and wipes out every signal.
    A, X, Y = _problem(40, 20, 2, 100, seed=4)
    at_one = _rms_rel(lasso_fixed(A, Y), X)  # measured 0.04
    at_hundredth = _rms_rel(lasso_fixed(A, 0.01 * Y) / 0.01, X)  # measured 1.000: x̂ = 0
    assert at_one < 0.3
    assert at_hundredth > 0.9


def test_fixed_penalty_lasso_at_large_scale_tends_to_basis_pursuit() -> None:
    # At c = 1000 the penalty acts 1000 times smaller: the LASSO answer is nearly the min-ℓ1 exact fit. (The
    # coordinate-descent solver used before ran out of sweeps here and returned 0.52 at n=32, m=16, s=1.)
    A, X, Y = _problem(32, 16, 1, 100, seed=4)
    assert _rms_rel(lasso_fixed(A, 1000 * Y) / 1000, X) < 1e-3  # measured 2e-5


@pytest.mark.parametrize("c", [0.01, 100.0, -1.0])
def test_lasso_with_penalty_proportional_to_norm_is_scale_equivariant(c: float) -> None:
    A, _, Y = _problem(40, 20, 2, 50, seed=5, noise=0.05)
    ref = lasso_scaled(A, Y)
    np.testing.assert_allclose(lasso_scaled(A, c * Y), c * ref, rtol=1e-6, atol=1e-9 * abs(c))


def test_noisy_basis_pursuit_beats_the_one_layer_floor() -> None:
    n, m = 40, 20
    A, X, Y = _problem(n, m, 2, 100, seed=6, noise=0.05)
    floor = math.sqrt(1 - m / n)  # 0.707: no bias-free one-hidden-layer net does better, even without noise
    err = _rms_rel(basis_pursuit_or_lasso(A, Y, noise=0.05), X)  # measured 0.047 (the matched LASSO)
    assert err < 0.15 * floor
    # Matching the penalty to the noise pays: exact basis pursuit fits the noise (measured 0.076).
    assert err < _rms_rel(basis_pursuit(A, Y), X)


@pytest.mark.parametrize("name", sorted(DECODERS))
def test_decoder_shapes_zero_input_and_declared_homogeneity(name: str) -> None:
    A, _, Y = _problem(32, 16, 2, 7, seed=7)
    Y[3] = 0.0
    X_hat = decode(name, A.astype(np.float32), Y.astype(np.float32), s=2, noise=0.0)
    assert X_hat.shape == (7, 32)
    assert X_hat.dtype == np.float64
    assert not X_hat[3].any()  # y = 0 gives x̂ = 0
    # The registry's flag is a fact: homogeneous decoders commute with scaling, fixed-λ LASSO does not.
    commutes = np.allclose(decode(name, A, 0.01 * Y, s=2, noise=0.0), 0.01 * decode(name, A, Y, s=2, noise=0.0))
    assert commutes == DECODERS[name].homogeneous
    assert DECODERS[name].name == name


def test_decode_rejects_an_unknown_name() -> None:
    A, _, Y = _problem(8, 4, 1, 2, seed=8)
    with pytest.raises(ValueError, match="unknown decoder"):
        decode("fista", A, Y, s=1, noise=0.0)
