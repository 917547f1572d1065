"""The activation table, one place: name → is σ positively homogeneous, and is its odd part linear.

Pure Python (no torch), so core.config can read the names without loading torch; the torch module for each name is
built in core.science.models (ACTIVATION_MODULES).
"""

from __future__ import annotations

from dataclasses import dataclass

LEAKY_SLOPE = 0.1  # leaky_relu's slope for t < 0


@dataclass(frozen=True)
class Activation:
    """What the theory needs to know about one σ (science.md, facts 1 and 3)."""

    # σ(λt) = λσ(t) for every λ ≥ 0: exactly σ(t) = a·max(t,0) − b·max(−t,0), so a bias-free net is scale-invariant
    homogeneous: bool
    # c with σ(t) − σ(−t) = c·t for every t (then a one-layer net's odd part is c·W2·W1·y); None: not linear
    odd_slope: float | None


# The order is the order the Lab and the CLI list them in. For σ(t) = a·max(t,0) − b·max(−t,0) the odd part is
# (a + b)·t; the other shapes' odd parts are worked out beside them.
ACTIVATIONS_TABLE: dict[str, Activation] = {
    "relu": Activation(homogeneous=True, odd_slope=1.0),  # a, b = 1, 0
    "leaky_relu": Activation(homogeneous=True, odd_slope=1.0 + LEAKY_SLOPE),  # a, b = 1, 0.1
    "abs": Activation(homogeneous=True, odd_slope=0.0),  # a, b = 1, −1: even
    "tanh": Activation(homogeneous=False, odd_slope=None),  # odd, 2·tanh(t): not linear
    "sigmoid": Activation(homogeneous=False, odd_slope=None),  # tanh(t/2): not linear
    "gelu": Activation(homogeneous=False, odd_slope=1.0),  # t·Φ(t) + t·Φ(−t) = t
    "elu": Activation(homogeneous=False, odd_slope=None),  # t − (e^{−t} − 1) for t > 0: not linear
    "softplus": Activation(homogeneous=False, odd_slope=1.0),  # log((1 + eᵗ)/(1 + e⁻ᵗ)) = t
}


def is_homogeneous(name: str) -> bool:
    """Whether the activation `name` is positively homogeneous; False for a name not in the table."""
    entry = ACTIVATIONS_TABLE.get(name)
    return entry is not None and entry.homogeneous
