"""How big each network is, counted from its shapes: layer shapes, parameters and multiply-adds per reconstruction.

One place for every model kind (ModelResult.kind): "trained" (core.science.models.MLP, with or without bias),
"hand-built" (core.science.handbuilt.hand_built_net), "unrolled" (core.science.unrolled.UnrolledISTA) and
"normalised" (core.science.models.NormalisedMLP: ‖y‖·g(y/‖y‖), g one hidden layer with biases). Each
network maps y (batch, m) to x̂ (batch, n), A being (m, n). Counted, never measured: tests/science/test_sizes.py holds
these counts to the real modules' numel() and to torch's own FLOP counter.
"""

from __future__ import annotations

import itertools

Shapes = list[tuple[int, int]]  # (in, out) of each matrix product per reconstruction, input side first
KINDS = ("trained", "hand-built", "unrolled", "normalised")
NORM_MACS_PER_INPUT = 1  # ‖y‖₂ costs one multiply-add per measurement (the square root and division are not counted)


def shapes(kind: str, m: int, n: int, *, depth: int = 0, width: int = 0, steps: int = 0) -> Shapes:
    """(in, out) of each matrix product one reconstruction makes.

    trained: one nn.Linear per layer, `depth` hidden layers of `width`; hand-built: layers (m → 2m → 2n → n);
    unrolled: W (n, m) once, then S (n, n) once per ISTA step after the first (x₀ = 0 makes the first S·x vanish);
    normalised: its one-hidden-layer g (m → width → n); the norm ‖y‖ is no matrix product (macs() adds it).
    """
    if kind == "normalised":
        return list(itertools.pairwise([m, width, n]))
    if kind == "trained":
        return list(itertools.pairwise([m] + [width] * depth + [n]))
    if kind == "hand-built":
        return [(m, 2 * m), (2 * m, 2 * n), (2 * n, n)]
    if kind == "unrolled":
        return [(m, n)] + [(n, n)] * max(steps - 1, 0)
    raise ValueError(f"kind={kind!r} is unknown: choose one of {', '.join(KINDS)}")


def macs_of(layers: Shapes) -> int:
    """Σ in·out: a matrix product is in·out multiply-adds per signal; ReLU and bias are additions, not counted."""
    return sum(fan_in * fan_out for fan_in, fan_out in layers)


def macs(kind: str, m: int, n: int, *, depth: int = 0, width: int = 0, steps: int = 0) -> int:
    """Multiply-adds per reconstruction (one signal) of a network of this kind; the normalised net adds its norm's m."""
    extra = NORM_MACS_PER_INPUT * m if kind == "normalised" else 0
    return macs_of(shapes(kind, m, n, depth=depth, width=width, steps=steps)) + extra


def params(kind: str, m: int, n: int, *, depth: int = 0, width: int = 0, bias: bool = False, steps: int = 0) -> int:
    """Trainable (or computed) numbers in the network: what numel() over its parameters gives.

    trained: Σ in·out, plus out per layer with bias; hand-built: Σ in·out (bias-free by construction);
    unrolled: W and S are shared by every step, so n·m + n·n + one threshold θ per step (fewer than its products);
    normalised: always with biases, m·width + width + width·n + n (the norm has no parameters).
    """
    if bias and kind not in ("trained", "normalised"):
        raise ValueError(f"bias=True is not allowed for kind={kind!r}: only the trained MLPs can have bias terms")
    if kind == "normalised":
        bias = True
    if kind == "unrolled":
        return n * m + n * n + steps
    layers = shapes(kind, m, n, depth=depth, width=width)
    return macs_of(layers) + (sum(fan_out for _, fan_out in layers) if bias else 0)
