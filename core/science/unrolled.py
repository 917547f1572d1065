"""Unrolled iterative soft-thresholding (LISTA-style) whose thresholds scale with the signal: scale-invariant.

x₀ = 0,  x_{k+1} = soft(W·y + S·x_k, |θ_k|·‖y‖₁/√m),  output x_K.

soft(z, t) = ReLU(z − t) − ReLU(−z − t) and ‖y‖₁ = Σ ReLU(y) + ReLU(−y), so this is a bias-free ReLU network with
skip connections; every threshold is proportional to the input's own size, so f(λy) = λ·f(y) for λ ≥ 0
(science.md, "A structured scale-invariant alternative"). W and S start as one ISTA step for A (W = Aᵀ/L,
S = I − AᵀA/L, L = ‖A‖₂²), so training starts from a sensible decoder instead of from noise: the practical choice.
"""

from __future__ import annotations

import math

import torch
from torch import nn

THETA_INIT = 0.1  # threshold per unit of ‖y‖₁/√m; training adjusts each step's


class UnrolledISTA(nn.Module):
    """y (batch, m) → x̂ (batch, n) through `steps` soft-thresholding iterations with shared W (n, m), S (n, n)."""

    def __init__(self, A: torch.Tensor, *, steps: int) -> None:
        super().__init__()
        m, n = A.shape
        lipschitz = torch.linalg.matrix_norm(A.double(), 2).item() ** 2
        self.W = nn.Parameter((A.T / lipschitz).float().clone())  # (n, m)
        self.S = nn.Parameter((torch.eye(n, dtype=torch.float64) - A.T.double() @ A.double() / lipschitz).float())
        self.theta = nn.Parameter(torch.full((steps,), THETA_INIT))  # (steps,)
        self.m, self.n, self.steps = m, n, steps

    def forward(self, y: torch.Tensor) -> torch.Tensor:
        size = y.abs().sum(dim=1, keepdim=True) / math.sqrt(self.m)  # (batch, 1): the signal's own scale
        b = y @ self.W.T  # (batch, n)
        x = _soft(b, self.theta[0].abs() * size)  # x₀ = 0, so the first step needs no S
        for theta in self.theta[1:]:
            x = _soft(b + x @ self.S.T, theta.abs() * size)
        return x


def _soft(z: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    """Soft threshold, written with ReLUs: sign(z)·max(|z| − t, 0)."""
    return torch.relu(z - t) - torch.relu(-z - t)
