"""The model an engineer takes away: the chosen network rebuilt from its config and seed, written as an .npz that
numpy alone can use (core/io/decode_numpy.py), and run on recorded measurements.

Runs keep numbers, not weights (results are small and cacheable), so the chosen net is rebuilt: a trained net is
retrained with the run's config, seed and the number of steps it took (same seed, same numbers), a hand-built net is
recomputed from A. The file holds only arrays and plain values: `np.load(path, allow_pickle=False)` reads it.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import replace
from importlib import metadata

import numpy as np
import torch
from torch import nn

from core.config import CAPS, Config
from core.experiments.results import ModelResult
from core.experiments.run import make_problem, train_model
from core.io.decode_numpy import FORMAT
from core.io.decoding import CHECKED_SCALES
from core.science.handbuilt import hand_built_net
from core.science.models import MLP, Abs

KINDS = ("trained", "hand-built")  # the normalised and unrolled nets are not plain stacks of matrix products
_ACTIVATION_NAMES = {
    nn.ReLU: "relu", nn.LeakyReLU: "leaky_relu", Abs: "abs", nn.Tanh: "tanh", nn.Sigmoid: "sigmoid",
    nn.GELU: "gelu", nn.ELU: "elu", nn.Softplus: "softplus", nn.SiLU: "silu",
}  # fmt: skip


class ExportError(ValueError):
    """A model that cannot be exported; `code` says why for a page to word (pilot.export.<code>)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(f"cannot export this model: {code}")
        self.code, self.params = code, params


def why_not(cfg: Config, model: ModelResult) -> str | None:
    """None if the model can be exported, else the code saying why not."""
    if cfg.problem != "sparse":
        return "not_sparse"
    if model.kind not in KINDS:
        return "kind"
    if model.rms_rel_error is None or (model.steps_done < 1 and model.kind == "trained"):
        return "no_model"
    return None


def rebuild(cfg: Config, A: np.ndarray, model: ModelResult) -> nn.Module:
    """The chosen net again, for A (m, n): retrained with the same config, seed and steps, or recomputed from A."""
    code = why_not(cfg, model)
    if code is not None:
        raise ExportError(code)
    A32 = torch.tensor(np.asarray(A), dtype=torch.float32)
    if model.kind == "hand-built":
        return hand_built_net(A32).eval()
    # the steps it took, and no time budget: a slower or busier machine must not stop it at another step
    again = replace(cfg, steps=model.steps_done, max_seconds=CAPS["max_seconds"].hi)
    net, _ = train_model(again, make_problem(again, A32), int(model.depth or 1), bias=model.bias)
    return net


def arrays(net: nn.Module) -> tuple[list[tuple[np.ndarray, np.ndarray | None]], str]:
    """(weight (out, in), bias or None) per linear layer, input side first, and the hidden layers' activation."""
    body = net.net if isinstance(net, MLP) else net
    scale = net.input_scale if isinstance(net, MLP) else 1.0  # folded into the first layer: W0 · (y / s) = (W0 / s) · y
    layers, names = [], set()
    for module in body:
        if isinstance(module, nn.Linear):
            bias = None if module.bias is None else module.bias.detach().double().numpy().copy()
            weight = module.weight.detach().double().numpy().copy()
            layers.append((weight / scale if not layers else weight, bias))
        elif type(module) in _ACTIVATION_NAMES:
            names.add(_ACTIVATION_NAMES[type(module)])
        else:
            raise ExportError("kind")
    if len(names) > 1:
        raise ExportError("kind")
    return layers, names.pop() if names else "relu"


def a_hash(A: np.ndarray) -> str:
    """sha256 of A as float64, little-endian, row-major bytes: the file says which sensing matrix it was made for."""
    return hashlib.sha256(np.ascontiguousarray(A, dtype="<f8").tobytes()).hexdigest()


def model_file(
    net: nn.Module,
    cfg: Config,
    A: np.ndarray,
    model: ModelResult,
    *,
    source_names: tuple[str, ...],
    sensor_names: tuple[str, ...],
) -> bytes:
    """The .npz bytes: weights W{i} (and b{i}), the activation and everything needed to use and trace them."""
    layers, activation = arrays(net)
    m, n = np.shape(A)
    out: dict[str, np.ndarray] = {
        "format": np.array(FORMAT),
        "layers": np.array(len(layers)),
        "activation": np.array(activation),
        "normalised": np.array(False),
        "kind": np.array(model.kind),
        "depth": np.array(len(layers) - 1),
        "bias": np.array(any(b is not None for _, b in layers)),
        "n": np.array(n),
        "m": np.array(m),
        "A": np.asarray(A, dtype=np.float64),
        "A_sha256": np.array(a_hash(A)),
        "train_scales": np.array(cfg.train_scales, dtype=np.float64),
        "checked_scales": np.array(CHECKED_SCALES),
        "seed": np.array(cfg.seed),
        "steps": np.array(model.steps_done),
        "signal": np.array(cfg.signal),
        "rms_rel_error": np.array(np.nan if model.rms_rel_error is None else model.rms_rel_error),
        "source_names": np.array(source_names, dtype=str),
        "sensor_names": np.array(sensor_names, dtype=str),
        "versions": np.array(json.dumps(versions(), sort_keys=True)),
        "config": np.array(json.dumps(cfg.to_dict(), sort_keys=True, default=str)),
    }
    for i, (weight, bias) in enumerate(layers):
        out[f"W{i}"] = weight
        if bias is not None:
            out[f"b{i}"] = bias
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **out)
    return buffer.getvalue()


def versions() -> dict[str, str]:
    """The library versions that made the file."""
    found = {"numpy": np.__version__, "torch": torch.__version__.split("+")[0]}
    try:
        found["scalelab"] = metadata.version("scalelab")
    except metadata.PackageNotFoundError:
        found["scalelab"] = "checkout"
    return found


@torch.no_grad()
def decode_rows(net: nn.Module, Y: np.ndarray) -> np.ndarray:
    """The app's X̂, ndarray (rows, n) float64, for sensor readings Y (rows, m): the net in float32, as trained."""
    return net(torch.tensor(np.asarray(Y), dtype=torch.float32)).double().numpy()
