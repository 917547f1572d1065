"""The network: a multilayer perceptron whose bias terms are OFF unless asked for."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import torch
from torch import nn

from core.science.activations import LEAKY_SLOPE


class Abs(nn.Module):
    """σ(t) = |t| = max(t, 0) + max(−t, 0): positively homogeneous, even."""

    def forward(self, t: torch.Tensor) -> torch.Tensor:
        return t.abs()


# name → the torch module; which of them are homogeneous, and why, is core.science.activations' table.
ACTIVATION_MODULES: dict[str, Callable[[], nn.Module]] = {
    "relu": nn.ReLU,
    "leaky_relu": lambda: nn.LeakyReLU(LEAKY_SLOPE),
    "abs": Abs,
    "tanh": nn.Tanh,
    "sigmoid": nn.Sigmoid,
    "gelu": nn.GELU,
    "elu": nn.ELU,
    "softplus": nn.Softplus,
    "silu": nn.SiLU,
}


class MLP(nn.Module):
    """y (batch, m) → x̂ (batch, n) through `depth` hidden layers of `width` units."""

    def __init__(self, m: int, n: int, *, depth: int, width: int, activation: str = "relu", bias: bool = False) -> None:
        super().__init__()
        make_activation = ACTIVATION_MODULES[activation]
        sizes = [m] + [width] * depth + [n]
        layers: list[nn.Module] = []
        for i, (fan_in, fan_out) in enumerate(itertools.pairwise(sizes)):
            layers.append(nn.Linear(fan_in, fan_out, bias=bias))
            if i < depth:
                layers.append(make_activation())
        self.net = nn.Sequential(*layers)
        self.depth, self.width, self.activation, self.bias = depth, width, activation, bias
        # y is divided by this fixed number first (input_scale_for: an engineer's A in pressure units, say); a
        # positive constant, so the net stays bias-free and positively homogeneous; export folds it into W0
        self.input_scale = 1.0

    def forward(self, y: torch.Tensor) -> torch.Tensor:
        return self.net(y if self.input_scale == 1.0 else y / self.input_scale)

    def linears(self) -> list[nn.Linear]:
        """The affine layers, input side first."""
        return [layer for layer in self.net if isinstance(layer, nn.Linear)]


UNIT_COLUMNS = (0.5, 2.0)  # a matrix whose mean column norm lies here is fed to the nets as it is


def input_scale_for(A: torch.Tensor) -> float:
    """The number a net divides its measurements y = A·x by: A's mean column norm when that is far from 1 (beyond a
    factor 2), else 1.

    He initialisation and Adam's step sizes assume inputs of about unit size. A sensing matrix in an engineer's units
    (Net3's pressure drops: mean column norm 185) made the nets' errors 223–278 % after 1000 steps, and 68–77 % with
    this scale (measured); the random matrices of the Lab (N(0, 1/m) entries, columns of norm ≈ 1) keep scale 1,
    and so their recorded numbers.
    """
    mean = float(A.norm(dim=0).mean())
    return 1.0 if UNIT_COLUMNS[0] <= mean <= UNIT_COLUMNS[1] or mean == 0.0 else mean


@torch.no_grad()
def init_weights(model: MLP, *, rng: torch.Generator) -> None:
    """He-normal hidden layers, variance-1/fan_in output layer, zero biases; all from `rng`."""
    linears = model.linears()
    for i, layer in enumerate(linears):
        gain = 1.0 if i == len(linears) - 1 else 2.0
        fan_in = layer.weight.shape[1]
        layer.weight.copy_(torch.randn(layer.weight.shape, generator=rng) * (gain / fan_in) ** 0.5)
        if layer.bias is not None:
            layer.bias.zero_()


class NormalisedMLP(nn.Module):
    """f(y) = ‖y‖₂ · g(y / ‖y‖₂), g a one-hidden-layer MLP WITH biases; f(0) = 0.

    Positively homogeneous for any g (f(λy) = λ f(y), λ > 0), biases and all: scale invariance by an explicit
    normalisation, not by depth. Outside the class the one-layer floor is about (bias-free ReLU-type MLPs): it divides
    by ‖y‖, so it is undefined at y = 0 (set to 0 here) and a small ‖y‖ magnifies noise in the direction y/‖y‖.
    """

    def __init__(self, m: int, n: int, *, width: int, activation: str = "relu") -> None:
        super().__init__()
        self.g = MLP(m, n, depth=1, width=width, activation=activation, bias=True)
        self.depth, self.width, self.activation, self.bias = 1, width, activation, True

    def forward(self, y: torch.Tensor) -> torch.Tensor:
        size = y.norm(dim=1, keepdim=True)  # (batch, 1)
        # y = 0 has no direction: divide by 1 there, so the output is 0 · g(0) = 0, never NaN
        safe = torch.where(size > 0, size, torch.ones_like(size))
        return size * self.g(y / safe)
