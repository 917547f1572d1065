"""The activation table, one place: name → is σ positively homogeneous, and is its odd part linear.

Two properties, two consequences (docs/science.md):
- homogeneous, σ(λt) = λσ(t) for λ ≥ 0: a bias-free net of any depth is scale-invariant, f(λy) = λf(y);
- linear odd part, σ(t) − σ(−t) = c·t: a bias-free one-hidden-layer net has the linear odd part c·W₂W₁y, so on
  sign-symmetric signals it cannot beat sqrt(1 − rank(A)/n); with c = 0 (|t|) the first layer is even, so a net of
  ANY depth is even, f(−y) = f(y), and its error on sign-symmetric signals is at least 1.
They are independent: GELU, softplus and SiLU have a linear odd part but are not homogeneous.

Pure Python (no torch), so core.config can read the names without loading torch; the torch module for each name is
built in core.science.models (ACTIVATION_MODULES).
"""

from __future__ import annotations

from dataclasses import dataclass

LEAKY_SLOPE = 0.1  # leaky_relu's slope for t < 0

# Which floor applies (floor_kind): the one-layer floor sqrt(1 − rank(A)/n), or the even net's 1.0 at every depth
RANK_FLOOR = "rank"
EVEN_FLOOR = "even"
EVEN_FLOOR_VALUE = 1.0  # (‖f − x‖² + ‖f + x‖²)/2 = ‖f‖² + ‖x‖² ≥ ‖x‖²: relative error ≥ 1


@dataclass(frozen=True)
class Activation:
    """What the theory needs to know about one σ (science.md, facts 1 and 3)."""

    # σ(λt) = λσ(t) for every λ ≥ 0: exactly σ(t) = a·max(t,0) − b·max(−t,0), so a bias-free net is scale-invariant
    homogeneous: bool
    # c with σ(t) − σ(−t) = c·t for every t (then a one-layer net's odd part is c·W2·W1·y); None: not linear
    odd_slope: float | None


# The order is the order the Lab and the CLI list them in. For σ(t) = a·max(t,0) − b·max(−t,0) the odd part is
# (a + b)·t; the other shapes' odd parts are worked out beside them (Φ: the normal CDF, s: the logistic sigmoid).
ACTIVATIONS_TABLE: dict[str, Activation] = {
    "relu": Activation(homogeneous=True, odd_slope=1.0),  # a, b = 1, 0
    "leaky_relu": Activation(homogeneous=True, odd_slope=1.0 + LEAKY_SLOPE),  # a, b = 1, 0.1
    "abs": Activation(homogeneous=True, odd_slope=0.0),  # a, b = 1, −1: even
    "tanh": Activation(homogeneous=False, odd_slope=None),  # odd, 2·tanh(t): not linear
    "sigmoid": Activation(homogeneous=False, odd_slope=None),  # tanh(t/2): not linear
    "gelu": Activation(homogeneous=False, odd_slope=1.0),  # t·Φ(t) + t·Φ(−t) = t
    "elu": Activation(homogeneous=False, odd_slope=None),  # t − (e^{−t} − 1) for t > 0: not linear
    "softplus": Activation(homogeneous=False, odd_slope=1.0),  # log((1 + eᵗ)/(1 + e⁻ᵗ)) = t
    "silu": Activation(homogeneous=False, odd_slope=1.0),  # t·s(t) + t·s(−t) = t
}


def homogeneous(name: str) -> bool:
    """Whether σ(λt) = λσ(t) for λ ≥ 0 (a bias-free net is then scale-invariant); False for a name not in the table."""
    entry = ACTIVATIONS_TABLE.get(name)
    return entry is not None and entry.homogeneous


is_homogeneous = homogeneous  # the older name, kept for callers written before odd_part existed


def odd_part(name: str) -> float | None:
    """c with σ(t) − σ(−t) = c·t for every t; None when the odd part is not linear or the name is not in the table."""
    entry = ACTIVATIONS_TABLE.get(name)
    return None if entry is None else entry.odd_slope


def floor_kind(name: str, *, signal: str, bias: bool) -> str | None:
    """Which proven lower bound holds for bias-free nets with activation `name`; None where none is proven.

    RANK_FLOOR (one hidden layer only): c ≠ 0, the odd part c·W₂W₁y is linear, so sqrt(1 − rank(A)/n).
    EVEN_FLOOR (every depth): c = 0, the first layer |W₁y| is even, so the whole net is, and the error is ≥ 1.
    Both need sign-symmetric signals (x and −x equally likely) and no bias (a bias breaks both arguments).
    """
    c = odd_part(name)
    if signal != "signed" or bias or c is None:
        return None
    return EVEN_FLOOR if c == 0 else RANK_FLOOR
