"""How a trained reconstructor is judged: on fresh signals, at scales far outside training."""

from __future__ import annotations

import copy
import math

import torch

from core.config import SCALE_KEYS, TEST_SCALES
from core.science.problems import SparseProblem, log_uniform
from core.science.train import Reconstructor

HOMOGENEITY_LAMBDAS = tuple(10.0**k for k in range(-4, 5))  # 1e-4 … 1e4


@torch.no_grad()
def rms_relative_error(f: Reconstructor, problem: SparseProblem, x: torch.Tensor, y: torch.Tensor) -> float:
    """sqrt(mean over signals of ‖f(y) − x‖² / ‖x‖²); x (batch, n), y (batch, m)."""
    return math.sqrt(problem.sq_rel_errors(f(y), x).mean().item())


@torch.no_grad()
def rms_relative_error_and_se(
    f: Reconstructor, problem: SparseProblem, x: torch.Tensor, y: torch.Tensor
) -> tuple[float, float]:
    """(RMS relative error, its standard error over the batch's signals); x (batch, n), y (batch, m).

    The RMS is sqrt(mean e) of the per-signal squared relative errors e; its standard error by the delta method is
    std(e)/sqrt(batch)/(2·RMS) (0 when the RMS is 0). A proven floor bounds the expectation, so a measured value may
    land below it by about this much.
    """
    e = problem.sq_rel_errors(f(y), x)
    rms = math.sqrt(e.mean().item())  # as rms_relative_error computes it, to the last bit
    se_mean = e.double().std().item() / math.sqrt(e.numel()) if e.numel() > 1 else 0.0
    return rms, (se_mean / (2 * rms) if rms > 0 else 0.0)


@torch.no_grad()
def error_by_scale(
    f: Reconstructor, problem: SparseProblem, x_unit: torch.Tensor, *, rng: torch.Generator
) -> dict[str, float]:
    """RMS relative error with the same unit signals x_unit (batch, n) at each test scale."""
    out = {}
    for key, scale in zip(SCALE_KEYS, TEST_SCALES):
        x = x_unit * scale
        out[key] = rms_relative_error(f, problem, x, problem.measure(x, rng=rng))
    return out


@torch.no_grad()
def overall_error(
    f: Reconstructor,
    problem: SparseProblem,
    x_unit: torch.Tensor,
    train_scales: tuple[float, float],
    *,
    rng: torch.Generator,
) -> float:
    """RMS relative error on test signals drawn like the training signals."""
    return overall_error_and_se(f, problem, x_unit, train_scales, rng=rng)[0]


@torch.no_grad()
def overall_error_and_se(
    f: Reconstructor,
    problem: SparseProblem,
    x_unit: torch.Tensor,
    train_scales: tuple[float, float],
    *,
    rng: torch.Generator,
) -> tuple[float, float]:
    """`overall_error` and its standard error over the test signals (same draws, same number)."""
    x = x_unit * log_uniform(x_unit.shape[0], *train_scales, rng=rng)
    return rms_relative_error_and_se(f, problem, x, problem.measure(x, rng=rng))


@torch.no_grad()
def homogeneity_error(model: torch.nn.Module, y: torch.Tensor) -> float:
    """max over λ in [1e-4, 1e4] of ‖f(λy) − λ f(y)‖ / ‖λ f(y)‖, norms over the batch y (batch, m).

    Computed in float64 so the number measures the architecture, not float32 rounding.
    """
    f = copy.deepcopy(model).double()
    y = y.double()
    fy = f(y)
    worst = 0.0
    for lam in HOMOGENEITY_LAMBDAS:
        denom = (lam * fy).norm().item()
        diff = (f(lam * y) - lam * fy).norm().item()
        worst = max(worst, diff / denom if denom > 0 else (0.0 if diff == 0 else math.inf))
    return worst


@torch.no_grad()
def example_by_scale(f: Reconstructor, problem: SparseProblem, x_unit: torch.Tensor) -> dict[str, list[float]]:
    """Reconstruction of one unit signal x_unit (n,) at each test scale, divided by that scale."""
    x = x_unit[None, :]
    out = {}
    for key, scale in zip(SCALE_KEYS, TEST_SCALES):
        x_hat = f(problem.clean(x * scale)) / scale  # noiseless, so the example shows the map itself
        out[key] = [round(v, 6) for v in x_hat[0].tolist()]
    return out
