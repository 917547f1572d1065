"""Decode measurements with a model exported from ScaleLab, with numpy alone: copy this file anywhere and use it.

    import numpy as np
    from decode_numpy import load, decode

    model = load("model.npz")      # np.load(..., allow_pickle=False): arrays and plain values, no code
    X_hat = decode(model, Y)       # Y (rows, m) sensor readings → X̂ (rows, n) sources

A bias-free network is a few matrix products: x̂ = W_L σ(… σ(W_2 σ(W_1 y))). The file holds W{i} (and b{i} when the
net has biases), the activation σ, n, m, the sha256 of A (float64, little-endian, row-major bytes), the training
scales, the seed, the library versions and the source and sensor names. Only numpy and the standard library are
imported here (the test runs it where importing torch, scipy, pandas or ScaleLab itself fails).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

FORMAT = "scalelab-mlp/1"  # the "format" entry of a model file this function reads
LEAKY_SLOPE = 0.1  # as torch.nn.LeakyReLU(0.1) in ScaleLab
_ERF = np.vectorize(math.erf, otypes=[np.float64])


def _sigmoid(t: np.ndarray) -> np.ndarray:
    """1 / (1 + e^(−t)) without overflow for large |t|."""
    return np.where(t >= 0, 1.0 / (1.0 + np.exp(-np.abs(t))), np.exp(-np.abs(t)) / (1.0 + np.exp(-np.abs(t))))


ACTIVATIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "relu": lambda t: np.maximum(t, 0.0),
    "leaky_relu": lambda t: np.where(t > 0, t, LEAKY_SLOPE * t),
    "abs": np.abs,
    "tanh": np.tanh,
    "sigmoid": _sigmoid,
    "gelu": lambda t: 0.5 * t * (1.0 + _ERF(t / math.sqrt(2.0))),  # torch's exact GELU
    "elu": lambda t: np.where(t > 0, t, np.expm1(np.minimum(t, 0.0))),
    "softplus": lambda t: np.where(t > 20, t, np.log1p(np.exp(np.minimum(t, 20.0)))),  # torch's threshold 20
    "silu": lambda t: t * _sigmoid(t),
}


def load(path: Any) -> dict[str, np.ndarray]:
    """Every array of an exported model file, read without pickle."""
    with np.load(path, allow_pickle=False) as archive:
        return {key: archive[key] for key in archive.files}


def decode(model: dict[str, np.ndarray], Y: np.ndarray) -> np.ndarray:
    """The reconstructed sources X̂, ndarray of shape (rows, n), for sensor readings Y of shape (rows, m)."""
    y = np.atleast_2d(np.asarray(Y, dtype=np.float64))
    if y.ndim != 2 or y.shape[1] != int(model["m"]):
        raise ValueError(f"Y must have {int(model['m'])} columns (one per sensor); got shape {np.shape(Y)}")
    size = np.linalg.norm(y, axis=1, keepdims=True)  # (rows, 1)
    normalised = bool(model["normalised"])
    h = y / np.where(size > 0, size, 1.0) if normalised else y  # the normalised net sees y/‖y‖
    sigma = ACTIVATIONS[str(model["activation"])]
    layers = int(model["layers"])
    for i in range(layers):
        h = h @ model[f"W{i}"].astype(np.float64).T  # (rows, out)
        if f"b{i}" in model:
            h = h + model[f"b{i}"].astype(np.float64)
        if i < layers - 1:
            h = sigma(h)
    return size * h if normalised else h
