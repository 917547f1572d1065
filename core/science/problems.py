"""The inverse problems y = F(x) + e, drawn from seeded generators: a registry of three.

- sparse:  y = A·x, x with s nonzeros (the paper's main case);
- lowrank: y = 𝒜(X), X a d×d matrix of rank r, flattened to x of length d²;
- phase:   y = |A·x|, x with s nonzeros, recovered up to a global sign (exploratory).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

from core.science.activations import EVEN_FLOOR, EVEN_FLOOR_VALUE, RANK_FLOOR, floor_kind


@dataclass(frozen=True)
class SparseProblem:
    """Sparse recovery: A of shape (m, n), signals with s nonzeros, optional relative noise."""

    A: torch.Tensor  # (m, n)
    s: int
    signal: str = "signed"  # or "nonnegative"
    noise: float = 0.0  # relative: ||e|| ≈ noise·||F(x)||
    name = "sparse"

    @property
    def m(self) -> int:
        return self.A.shape[0]

    @property
    def n(self) -> int:
        """Length of the (flattened) signal the network outputs."""
        return self.A.shape[1]

    def unit_signals(self, batch: int, *, rng: torch.Generator) -> torch.Tensor:
        """Signals of shape (batch, n): s random positions, Gaussian amplitudes, unit norm."""
        # the s largest of n uniform draws: a uniformly random support, at half the cost of a full argsort
        support = torch.rand(batch, self.n, generator=rng).topk(self.s, dim=1).indices  # (batch, s)
        amplitudes = torch.randn(batch, self.s, generator=rng)
        if self.signal == "nonnegative":
            amplitudes = amplitudes.abs()
        x = torch.zeros(batch, self.n).scatter_(1, support, amplitudes)
        return x / x.norm(dim=1, keepdim=True).clamp_min(1e-12)

    def clean(self, x: torch.Tensor) -> torch.Tensor:
        """Noise-free measurements F(x), shape (batch, m)."""
        return x @ self.A.T.to(x.dtype)

    def measure(self, x: torch.Tensor, *, rng: torch.Generator) -> torch.Tensor:
        """Measurements y = F(x) + e, shape (batch, m)."""
        y = self.clean(x)
        if self.noise > 0:
            e = torch.randn(y.shape, generator=rng, dtype=y.dtype)
            y = y + e * (self.noise * y.norm(dim=1, keepdim=True) / math.sqrt(self.m))
        return y

    def sq_rel_errors(self, x_hat: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        """‖x̂ − x‖² / ‖x‖² per signal, shape (batch,)."""
        return (x_hat - x).pow(2).sum(dim=1) / x.pow(2).sum(dim=1).clamp_min(1e-30)

    def floor(self, *, bias: bool, activation: str, depth: int = 1) -> float | None:
        """The proven lower bound on a bias-free net's error at this depth, or None where none is proven."""
        return error_floor(self.A, signal=self.signal, bias=bias, activation=activation, depth=depth)


@dataclass(frozen=True)
class LowRankProblem(SparseProblem):
    """Low-rank matrix recovery: X = U·Vᵀ (d×d, rank r) from m linear measurements, A of shape (m, d²).

    Sign-symmetric (X and −X equally likely) and isotropic, so the one-layer floor carries over:
    sqrt(1 − rank(A)/d²).
    """

    d: int = 8
    r: int = 1
    name = "lowrank"

    def unit_signals(self, batch: int, *, rng: torch.Generator) -> torch.Tensor:
        """Flattened rank-r matrices of shape (batch, d²), unit Frobenius norm."""
        U = torch.randn(batch, self.d, self.r, generator=rng)
        V = torch.randn(batch, self.d, self.r, generator=rng)
        x = (U @ V.transpose(1, 2)).reshape(batch, self.d * self.d)
        return x / x.norm(dim=1, keepdim=True).clamp_min(1e-12)

    def floor(self, *, bias: bool, activation: str, depth: int = 1) -> float | None:
        return error_floor(self.A, signal="signed", bias=bias, activation=activation, depth=depth)


@dataclass(frozen=True)
class PhaseProblem(SparseProblem):
    """Phase retrieval y = |A·x|: x and −x give the same y, so errors are up to a global sign.

    No floor is proven: the measurements are nonnegative, −y never occurs, the antipodal argument fails.
    """

    name = "phase"

    def clean(self, x: torch.Tensor) -> torch.Tensor:
        return (x @ self.A.T.to(x.dtype)).abs()

    def sq_rel_errors(self, x_hat: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        """min(‖x̂ − x‖², ‖x̂ + x‖²) / ‖x‖² per signal."""
        err = torch.minimum((x_hat - x).pow(2).sum(dim=1), (x_hat + x).pow(2).sum(dim=1))
        return err / x.pow(2).sum(dim=1).clamp_min(1e-30)

    def floor(self, *, bias: bool, activation: str, depth: int = 1) -> float | None:
        return None


def sensing_matrix(m: int, n: int, *, rng: torch.Generator) -> torch.Tensor:
    """Gaussian A of shape (m, n) with N(0, 1/m) entries, so columns have norm ≈ 1."""
    return torch.randn(m, n, generator=rng) / math.sqrt(m)


def log_uniform(batch: int, lo: float, hi: float, *, rng: torch.Generator) -> torch.Tensor:
    """Scales of shape (batch, 1), log-uniform on [lo, hi]."""
    u = torch.rand(batch, 1, generator=rng)
    return torch.exp(math.log(lo) + u * (math.log(hi) - math.log(lo)))


def one_layer_floor(A: torch.Tensor, *, signal: str, bias: bool, activation: str) -> float | None:
    """Lowest RMS relative error any bias-free one-hidden-layer net can reach: sqrt(1 − rank(A)/n), or 1.0 for |t|.

    Why (science.md, fact 3). Let σ have a linear odd part, σ(t) − σ(−t) = c·t (the ReLU family with c = a + b, and
    GELU, softplus, SiLU with c = 1: core.science.activations), and g(y) = W2 σ(W1 y): the odd part
    g(y) − g(−y) = c·W2 W1 y is linear, at any width. For sign-symmetric isotropic signals (x and −x equally
    likely, E[xxᵀ] ∝ I), put a = g(Ax) − x and b = g(−Ax) + x: then a − b = 2(M − I)x with M = ½c·W2 W1 A of
    rank ≤ rank(A), and (|a|² + |b|²)/2 ≥ |a − b|²/4 gives E|g(Ax) − x|² ≥ E|(M − I)x|² ≥ (1 − rank(A)/n)·E|x|²
    (Eckart–Young). The argument uses only the pair ±Ax, never homogeneity, so it holds at each scale separately
    (for GELU, softplus, SiLU too); noise only adds to it. The bound is tight: projecting onto A's row space attains
    it. With c = 0 (|t|) the net is even and the sharper bound 1.0 holds, at every depth (error_floor).

    Returns None where no argument applies: nonnegative signals (−Ax never occurs), nets with bias, and activations
    whose odd part is not linear (tanh, sigmoid, ELU).
    """
    return error_floor(A, signal=signal, bias=bias, activation=activation, depth=1)


def error_floor(A: torch.Tensor, *, signal: str, bias: bool, activation: str, depth: int) -> float | None:
    """The proven lower bound on a bias-free net's RMS relative error at `depth` hidden layers, or None.

    sqrt(1 − rank(A)/n) at depth 1 when σ's odd part is c·t with c ≠ 0 (one_layer_floor); 1.0 at EVERY depth when
    c = 0 (|t|): the first layer |W1 y| is even, so f(−y) = f(y) whatever follows, and for the equally likely pair
    ±x, (‖f − x‖² + ‖f + x‖²)/2 = ‖f‖² + ‖x‖² ≥ ‖x‖². Deeper nets with c ≠ 0 have no floor (they can reconstruct).
    """
    kind = floor_kind(activation, signal=signal, bias=bias)
    if kind == EVEN_FLOOR:
        return EVEN_FLOOR_VALUE
    if kind != RANK_FLOOR or depth != 1:
        return None
    rank = int(torch.linalg.matrix_rank(A.double()))
    return math.sqrt(1.0 - rank / A.shape[1])
