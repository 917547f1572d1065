"""The inverse problem y = A·x + e with s-sparse signals x, drawn from seeded generators."""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class SparseProblem:
    """Sparse recovery: A of shape (m, n), signals with s nonzeros, optional relative noise."""

    A: torch.Tensor  # (m, n)
    s: int
    signal: str = "signed"  # or "nonnegative"
    noise: float = 0.0  # relative: ||e|| ≈ noise·||A·x||

    @property
    def m(self) -> int:
        return self.A.shape[0]

    @property
    def n(self) -> int:
        return self.A.shape[1]

    def unit_signals(self, batch: int, *, rng: torch.Generator) -> torch.Tensor:
        """Signals of shape (batch, n): s random positions, Gaussian amplitudes, unit norm."""
        support = torch.rand(batch, self.n, generator=rng).argsort(dim=1)[:, : self.s]  # (batch, s)
        amplitudes = torch.randn(batch, self.s, generator=rng)
        if self.signal == "nonnegative":
            amplitudes = amplitudes.abs()
        x = torch.zeros(batch, self.n).scatter_(1, support, amplitudes)
        return x / x.norm(dim=1, keepdim=True).clamp_min(1e-12)

    def measure(self, x: torch.Tensor, *, rng: torch.Generator) -> torch.Tensor:
        """Measurements y = x @ A.T + e, shape (batch, m)."""
        y = x @ self.A.T  # (batch, m)
        if self.noise > 0:
            e = torch.randn(y.shape, generator=rng, dtype=y.dtype)
            e = e * (self.noise * y.norm(dim=1, keepdim=True) / math.sqrt(self.m))
            y = y + e
        return y


def sensing_matrix(m: int, n: int, *, rng: torch.Generator) -> torch.Tensor:
    """Gaussian A of shape (m, n) with N(0, 1/m) entries, so columns have norm ≈ 1."""
    return torch.randn(m, n, generator=rng) / math.sqrt(m)


def log_uniform(batch: int, lo: float, hi: float, *, rng: torch.Generator) -> torch.Tensor:
    """Scales of shape (batch, 1), log-uniform on [lo, hi]."""
    u = torch.rand(batch, 1, generator=rng)
    return torch.exp(math.log(lo) + u * (math.log(hi) - math.log(lo)))


def one_layer_floor(A: torch.Tensor, *, signal: str, bias: bool, activation: str) -> float | None:
    """Lowest RMS relative error any bias-free one-hidden-layer net can reach: sqrt(1 − rank(A)/n).

    Why (science.md, fact 3). For σ(t) = a·max(t,0) − b·max(−t,0) (ReLU, leaky ReLU, |t|) and
    g(y) = W2 σ(W1 y), the odd part g(y) − g(−y) = (a+b)·W2 W1 y is linear, at any width. For
    sign-symmetric isotropic signals (x and −x equally likely, E[xxᵀ] ∝ I), put a = g(Ax) − x and
    b = g(−Ax) + x: then a − b = 2(M − I)x with M = ½(a+b)W2 W1 A of rank ≤ rank(A), and
    (|a|² + |b|²)/2 ≥ |a − b|²/4 gives E|g(Ax) − x|² ≥ E|(M − I)x|² ≥ (1 − rank(A)/n)·E|x|²
    (Eckart–Young). A bias-free net is homogeneous, so this holds for the relative error at every
    scale; noise only adds to it. The bound is tight: projecting onto A's row space attains it.

    Returns None where the argument does not apply: nonnegative signals (−Ax never occurs), nets
    with bias (not homogeneous), and activations outside the ReLU family (no linear odd part).
    """
    if signal != "signed" or bias or activation not in ("relu", "leaky_relu", "abs"):
        return None
    rank = int(torch.linalg.matrix_rank(A.double()))
    return math.sqrt(1.0 - rank / A.shape[1])
