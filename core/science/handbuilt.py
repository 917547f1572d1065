"""A two-hidden-layer network that recovers every 1-sparse signal exactly, with weights computed from A, not trained.

What each layer does, in plain words (science.md, fact 5):

- **Layer 1 measures the signal's scale.** It splits the measurements y into their positive and negative
  parts, h = [ReLU(y); ReLU(−y)]. Both y = h₊ − h₋ and its size ‖y‖₁ = sum(h) are then simple sums of h.
- **Layer 2 thresholds relative to that scale.** For each unknown j it asks how strongly y points along
  column j of A, ⟨a_j, y⟩/‖a_j‖², and keeps only what exceeds a threshold t_j·‖y‖₁. The threshold grows and
  shrinks with the signal, so a faint signal is treated exactly like a loud one: a "bias" that scales with
  the input, which is why the network needs no bias terms and stays scale-invariant (f(λy) = λ f(y)).
- **The output layer** undoes the shrinkage the threshold caused on the true entry.

Why it is exact (proven). For x = c·e_i, y = c·a_i and ‖y‖₁ = |c|·‖a_i‖₁. Output j sees
⟨a_j, y⟩/‖a_j‖² = c·⟨a_j, a_i⟩/‖a_j‖² against the threshold t_j·|c|·‖a_i‖₁:
- j ≠ i is silenced when t_j ≥ |⟨a_j, a_i⟩| / (‖a_j‖²‖a_i‖₁); over all i ≠ j this is t_j ≥ L_j;
- j = i passes c·(1 − t_j‖a_j‖₁), which is nonzero, and rescaled back to c, when t_j < U_j = 1/‖a_j‖₁.
So a t_j exists exactly when L_j < U_j for every column: no column may look too much like another.
"""

from __future__ import annotations

import torch
from torch import nn

# Columns whose ratio r_j = L_j/U_j lies above this count as violating. Exactly parallel columns sit on the
# boundary r_j = 1 and rounding can land them on either side; there the on-support gain 1 − t_j‖a_j‖₁ is ~0 and
# the output layer would divide by it. Below it the gain is at least 1 − √(1 − 1e-6) ≈ 5e-7.
_MAX_RATIO = 1.0 - 1e-6


class HandBuiltConditionError(ValueError):
    """A has columns too similar to each other for the hand-built network to tell apart.

    `code` ("zero_column" or "too_alike") and `params` say the same for a page that words it (core/i18n/notes.py).
    """

    def __init__(self, message: str, code: str, **params: object) -> None:
        super().__init__(message)
        self.code, self.params = code, params


def _ratios(A: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Per column j: L_j, the most similar other column i, and U_j = 1/‖a_j‖₁; all float64, shape (n,)."""
    A = A.double()  # (m, n)
    gram = A.T @ A  # (n, n): ⟨a_j, a_i⟩
    sq = gram.diagonal()  # (n,): ‖a_j‖²
    l1 = A.abs().sum(dim=0)  # (n,): ‖a_j‖₁
    overlap = gram.abs() / (sq[:, None] * l1[None, :])  # (n, n): row j, column i
    overlap.fill_diagonal_(0.0)  # only i ≠ j competes with column j
    overlap = overlap.nan_to_num(nan=0.0)  # 0/0 from all-zero columns; those are caught via U_j below
    lower, closest = overlap.max(dim=1)  # (n,), (n,)
    return lower, closest, 1.0 / l1  # U_j = inf for an all-zero column


def condition_margin(A: torch.Tensor) -> torch.Tensor:
    """Per column j, U_j − L_j = 1/‖a_j‖₁ − max_{i≠j} |⟨a_j,a_i⟩|/(‖a_j‖²‖a_i‖₁), float64 of shape (n,).

    Positive means column j can be told apart from every other column; −inf marks an all-zero column, which no
    measurement sees at all.
    """
    lower, _, upper = _ratios(A)
    return torch.where(upper.isinf(), -torch.inf, upper - lower)


def _check_condition(A: torch.Tensor) -> None:
    if A.ndim != 2 or not A.is_floating_point() or not bool(A.isfinite().all()):
        raise ValueError(f"A must be a finite floating-point matrix of shape (m, n), got {A.dtype} {tuple(A.shape)}")
    lower, closest, upper = _ratios(A)
    if upper.isinf().any():
        j = int(upper.isinf().nonzero()[0])
        raise HandBuiltConditionError(
            f"the hand-built network needs every column of A to be measured: column {j} (counted from 0) is all "
            "zeros, so nothing in y depends on that unknown",
            "zero_column",
            column=j,
        )
    ratio = lower / upper  # (n,): r_j = L_j·‖a_j‖₁; the condition is r_j < 1
    bad = ratio > _MAX_RATIO
    if bad.any():
        j = int(ratio.argmax())
        raise HandBuiltConditionError(
            "the hand-built network needs every column of A to be distinguishable from the others: "
            f"{int(bad.sum())} of {A.shape[1]} columns fail this (columns counted from 0). Worst: column {j} is too "
            f"similar to column {int(closest[j])} — their overlap ratio {float(lower[j]):.4g} reaches "
            f"{float(ratio[j]):.4g}× column {j}'s limit {float(upper[j]):.4g} (it must stay below 1×). "
            "More measurements (larger m) or less similar columns fix this.",
            "too_alike",
            bad=int(bad.sum()),
            total=A.shape[1],
            column=j,
            closest=int(closest[j]),
        )


def thresholds(A: torch.Tensor) -> torch.Tensor:
    """t_j = √(L_j·U_j), the geometric mean of the gap's ends, float64 of shape (n,).

    Why the geometric mean: t_j must lie in [L_j, U_j). A larger t_j silences off-support leakage under noise
    with more room; a smaller one keeps the on-support gain 1 − t_j‖a_j‖₁ away from 0 (the output divides by it,
    amplifying noise). The geometric mean splits the gap evenly in ratio, t_j/L_j = U_j/t_j = 1/√r_j, and the
    gain is 1 − √r_j. Measured here at (n, m) = (64, 32), 1% noise: median error 0.22% against 0.27% for the
    arithmetic midpoint, which sits closer to U_j and so has the smaller gain.
    """
    lower, _, upper = _ratios(A)
    return (lower * upper).sqrt()


@torch.no_grad()
def hand_built_net(A: torch.Tensor) -> nn.Sequential:
    """The network y (batch, m) → x̂ (batch, n) for A of shape (m, n); raises HandBuiltConditionError if A fails.

    Weights are computed in float64 (the gain 1 − t_j‖a_j‖₁ can be small, and dividing by it in float32 would
    lose digits), then cast to A's dtype and device, so a float32 A gives a float32 network.
    """
    _check_condition(A)
    m, n = A.shape
    A64 = A.double()  # (m, n)
    t = thresholds(A64)  # (n,)
    cols = A64 / A64.pow(2).sum(dim=0)  # (m, n): a_j/‖a_j‖², so ⟨cols_j, y⟩ = c when y = c·a_j
    gain = 1.0 - t * A64.abs().sum(dim=0)  # (n,): what the threshold leaves of the true entry, > 0

    eye = torch.eye(m, dtype=torch.float64)
    w1 = torch.cat([eye, -eye])  # (2m, m): h = [ReLU(y); ReLU(−y)]
    proj = cols.T @ torch.cat([eye, -eye], dim=1)  # (n, 2m): ⟨a_j, y⟩/‖a_j‖² from y = h₊ − h₋
    scale = t[:, None] * torch.ones(n, 2 * m, dtype=torch.float64)  # (n, 2m): t_j‖y‖₁ from ‖y‖₁ = sum(h)
    w2 = torch.cat([proj - scale, -proj - scale])  # (2n, 2m): u₊ then u₋
    w3 = torch.cat([torch.diag(1 / gain), -torch.diag(1 / gain)], dim=1)  # (n, 2n): (u₊ − u₋)/gain

    net = nn.Sequential(
        nn.Linear(m, 2 * m, bias=False),
        nn.ReLU(),
        nn.Linear(2 * m, 2 * n, bias=False),
        nn.ReLU(),
        nn.Linear(2 * n, n, bias=False),
    ).to(dtype=A.dtype, device=A.device)
    for layer, weight in zip((net[0], net[2], net[4]), (w1, w2, w3)):
        layer.weight.copy_(weight)  # copy_ casts float64 → A's dtype and device
    return net


@torch.no_grad()
def start_from_hand_built(model: nn.Module, A: torch.Tensor) -> None:
    """Make a bias-free two-hidden-layer ReLU MLP compute the hand-built network, its extra units kept but silent.

    The hand-built weights fill the top-left block of each layer (width ≥ 2m and ≥ 2n needed); the extra units of
    each hidden layer keep their random weights scaled by 0.1, and the layer above reads them with weight 0, so the
    net starts exactly at the hand-built answer and training moves on from there. Raises ValueError if the shapes
    do not allow it and HandBuiltConditionError if A does not.
    """
    linears = [layer for layer in model.modules() if isinstance(layer, nn.Linear)]
    if len(linears) != 3 or any(layer.bias is not None for layer in linears):
        raise ValueError("starting from A needs a bias-free network with two hidden layers")
    built = hand_built_net(A.to(linears[0].weight.dtype))
    width = linears[0].weight.shape[0]
    m, n = A.shape
    if width < 2 * max(m, n):
        raise ValueError(f"starting from A needs width ≥ 2·max(m, n) = {2 * max(m, n)}; this net has {width}")
    for k, (layer, source) in enumerate(zip(linears, (built[0], built[2], built[4]))):
        rows, cols = source.weight.shape
        layer.weight.mul_(0.1)
        layer.weight[:rows, :cols] = source.weight
        if k > 0:
            layer.weight[:, cols:] = 0.0  # the extra units below are read with weight 0: silent at the start
