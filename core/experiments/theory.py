"""The live answers behind the Theory page: each function trains what it needs and returns plain numbers.

All studies share one small setting (n=32, m=16, s=1, width 256) so each answers within seconds.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import torch

from core.config import Config
from core.experiments import baselines
from core.experiments.run import TRAIN_THREADS, make_problem, rng_for, train_model
from core.science import evaluate
from core.science.activations import ACTIVATIONS_TABLE, homogeneous, odd_part
from core.science.decoders import basis_pursuit_or_lasso
from core.science.models import MLP, init_weights
from core.science.train import ProgressCallback

STUDY = Config(n=32, m=16, s=1, width=256, steps=800, baselines=())
LAMBDAS = tuple(10.0 ** (k / 2) for k in range(-6, 7))  # 1e-3 … 1e3, half-decade steps
NOISE_LEVELS = (0.0, 0.05, 0.1, 0.2, 0.3)
STUDY_SIGNALS = 500
BP_SIGNALS = 100


def study_config(seed: int) -> Config:
    """The shared setting with the user's seed."""
    return replace(STUDY, seed=seed)


@dataclass(frozen=True)
class ScaleStudy:
    """f(λy) against λ·f(y) for a bias-free and a biased net, and error vs scale beside classical decoders."""

    lambdas: tuple[float, ...]
    scaled_output: dict[str, list[list[float]]]  # net → per λ: f(λy)/λ (n,)
    output_at_1: dict[str, list[float]]  # net → f(y) (n,)
    gap: dict[str, list[float]]  # net → per λ: ‖f(λy) − λf(y)‖ / ‖λf(y)‖
    error_by_scale: dict[str, dict[str, float]]  # curve ("bias-free", "with bias", "bp", "lasso") → scale → error


SCALE_PARTS = ("bias-free", "with bias")  # the scale study's nets; each trains on its own seed stream


def scale_study(
    seed: int, parts: tuple[str, ...] = SCALE_PARTS, *, on_step: ProgressCallback | None = None
) -> ScaleStudy:
    """Train a bias-free and a biased two-layer net on scales 0.5–2 and test both far outside; with `parts`, only
    those nets (the classical decoders go with the last of SCALE_PARTS), for merge_scale: two training processes
    then answer at once with the same numbers as one. on_step: as every study's, called at each training step (it may
    raise to stop the study)."""
    with _threads():
        cfg = replace(study_config(seed), steps=600)
        problem = make_problem(cfg)
        x = problem.unit_signals(STUDY_SIGNALS, rng=rng_for(seed, 1))
        y0 = problem.clean(x[:1])  # (1, m): the example measurement
        nets = {
            name: train_model(cfg, problem, 2, bias=name == "with bias", on_step=on_step)[0]
            for name in SCALE_PARTS
            if name in parts
        }
        scaled, at_1, gap, curves = {}, {}, {}, {}
        with torch.no_grad():
            for name, net in nets.items():
                f1 = net(y0)
                at_1[name] = f1[0].tolist()
                scaled[name] = [(net(lam * y0) / lam)[0].tolist() for lam in LAMBDAS]
                gap[name] = [((net(lam * y0) - lam * f1).norm() / (lam * f1).norm()).item() for lam in LAMBDAS]
                curves[name] = evaluate.error_by_scale(net, problem, x, rng=rng_for(seed, 2))
        decoders = replace(cfg, baselines=("bp", "lasso"))
        for b in (
            baselines.evaluate_all(problem, decoders, x[:BP_SIGNALS], rng_for(seed, 3))
            if nets.keys() >= {SCALE_PARTS[-1]}
            else ()
        ):
            curves[b.name] = b.rms_rel_error_by_scale
    return ScaleStudy(LAMBDAS, scaled, at_1, gap, curves)


def merge_scale(pieces: list[ScaleStudy]) -> ScaleStudy:
    """One scale study from its parts' (scale_study(seed, parts)), in SCALE_PARTS order."""
    order = {name: i for i, name in enumerate(SCALE_PARTS)}
    pieces = sorted(pieces, key=lambda p: min(order[k] for k in p.output_at_1))

    def union(field: str) -> dict:
        return {k: v for p in pieces for k, v in getattr(p, field).items()}

    return ScaleStudy(LAMBDAS, union("scaled_output"), union("output_at_1"), union("gap"), union("error_by_scale"))


@dataclass(frozen=True)
class OddPartStudy:
    """For a trained one-layer net: f(y) − f(−y) against W2·W1·y, entry by entry."""

    odd_part: list[float]
    linear_part: list[float]
    max_abs_difference: float
    trained_error: float
    floor: float


def odd_part_study(seed: int, *, on_step: ProgressCallback | None = None) -> OddPartStudy:
    """Train a bias-free one-hidden-layer net and compare its odd part to the linear map W2·W1."""
    with _threads():
        cfg = study_config(seed)
        problem = make_problem(cfg)
        net, _ = train_model(cfg, problem, 1, on_step=on_step)
        x = problem.unit_signals(STUDY_SIGNALS, rng=rng_for(seed, 1))
        y = problem.clean(x[:40]).double()  # (40, m)
        f = net.double()
        W1, W2 = (layer.weight for layer in f.linears())
        with torch.no_grad():
            odd = (f(y) - f(-y)).flatten()
            linear = (y @ W1.T @ W2.T).flatten()
            trained = evaluate.rms_relative_error(f, problem, x.double(), problem.clean(x).double())
    floor = problem.floor(bias=False, activation="relu")
    assert floor is not None  # signed sparse signals, ReLU, no bias: the floor applies
    return OddPartStudy(odd.tolist(), linear.tolist(), (odd - linear).abs().max().item(), trained, floor)


@dataclass(frozen=True)
class ActivationRow:
    """One activation: its two proven properties, the floor they give, and what was measured."""

    name: str
    homogeneity_error: float  # measured: random bias-free two-layer net
    homogeneous: bool  # proven: σ(t) = a·max(t,0) − b·max(−t,0), so f(λy) = λf(y)
    odd_slope: float | None  # proven: c with σ(t) − σ(−t) = c·t; None: not linear
    floor: float | None  # proven: the one-layer floor (1.0 for |t|, at every depth); None: no floor applies
    one_layer_error: float  # measured: trained bias-free one-hidden-layer net

    @property
    def floor_applies(self) -> bool:
        """Whether a one-layer floor is proven for this activation (its odd part is linear)."""
        return self.floor is not None


def activation_table(seed: int, *, on_step: ProgressCallback | None = None) -> tuple[tuple[ActivationRow, ...], float]:
    """Measured homogeneity error (random two-layer net, float64) and trained one-layer error per activation."""
    rows = []
    with _threads():
        cfg = replace(study_config(seed), steps=400)
        problem = make_problem(cfg)
        x = problem.unit_signals(STUDY_SIGNALS, rng=rng_for(seed, 1))
        y = problem.clean(x[:64])
        for name in ACTIVATIONS_TABLE:
            probe = MLP(cfg.m, cfg.n, depth=2, width=64, activation=name)
            init_weights(probe, rng=rng_for(seed, 4))
            one_layer, _ = train_model(replace(cfg, activation=name), problem, 1, on_step=on_step)
            err = evaluate.rms_relative_error(one_layer, problem, x, problem.clean(x))
            floor = problem.floor(bias=False, activation=name)  # follows the odd part, not homogeneity
            gap = evaluate.homogeneity_error(probe, y)
            rows.append(ActivationRow(name, gap, homogeneous(name), odd_part(name), floor, err))
    return tuple(rows), problem.floor(bias=False, activation="relu") or math.nan


@dataclass(frozen=True)
class SignStudy:
    """RMS relative error of one- and two-layer nets on signed vs nonnegative signals."""

    errors: dict[str, dict[int, float]]  # signal → depth → error
    signed_floor: float


def sign_study(seed: int, *, on_step: ProgressCallback | None = None) -> SignStudy:
    """The one-layer failure needs sign-symmetric signals: train both depths on both kinds of signal."""
    errors: dict[str, dict[int, float]] = {}
    with _threads():
        for signal in ("signed", "nonnegative"):
            cfg = replace(study_config(seed), signal=signal, steps=600)
            problem = make_problem(cfg)
            x = problem.unit_signals(STUDY_SIGNALS, rng=rng_for(seed, 1))
            errors[signal] = {}
            for depth in (1, 2):
                net, _ = train_model(cfg, problem, depth, on_step=on_step)
                errors[signal][depth] = evaluate.rms_relative_error(net, problem, x, problem.clean(x))
    return SignStudy(errors, make_problem(study_config(seed)).floor(bias=False, activation="relu") or math.nan)


@dataclass(frozen=True)
class NoiseStudy:
    """RMS relative error against the relative noise level, for depth 1, depth 2 and basis pursuit."""

    levels: tuple[float, ...]
    errors: dict[str, list[float]]  # curve ("depth1", "depth2", "bp") → error per level
    floor: float
    train_noise: float


def noise_study(seed: int, *, train_noise: float = 0.05, on_step: ProgressCallback | None = None) -> NoiseStudy:
    """Nets trained once at a moderate noise level, then tested at every level; BP (LASSO ∝ ‖y‖) beside."""
    errors: dict[str, list[float]] = {}
    with _threads():
        cfg = replace(study_config(seed), noise=train_noise)
        problem = make_problem(cfg)
        x = problem.unit_signals(STUDY_SIGNALS, rng=rng_for(seed, 1))
        nets = {f"depth{d}": train_model(cfg, problem, d, on_step=on_step)[0] for d in (1, 2)}
        A = problem.A.double().numpy()
        for label in [*nets, "bp"]:
            errors[label] = []
        for level in NOISE_LEVELS:
            noisy = replace(problem, noise=level)
            y = noisy.measure(x, rng=rng_for(seed, 5))
            for label, net in nets.items():
                errors[label].append(evaluate.rms_relative_error(net, noisy, x, y))
            x_hat = basis_pursuit_or_lasso(A, y[:BP_SIGNALS].double().numpy(), noise=level)
            sq = noisy.sq_rel_errors(torch.from_numpy(x_hat), x[:BP_SIGNALS].double())
            errors["bp"].append(sq.mean().sqrt().item())
    floor = problem.floor(bias=False, activation="relu") or math.nan
    return NoiseStudy(NOISE_LEVELS, errors, floor, train_noise)


# The Theory page's questions by name: what a training process may be asked to compute (core/runtime/processes.py).
# studies that split into parts two training processes compute at once: (parts, how to merge their answers)
SPLITS: dict[str, tuple[tuple[str, ...], Callable[[list[Any]], Any]]] = {"scale": (SCALE_PARTS, merge_scale)}

STUDIES: dict[str, Callable[..., Any]] = {
    "scale": scale_study,
    "odd_part": odd_part_study,
    "activations": activation_table,
    "sign": sign_study,
    "noise": noise_study,
}


class _threads:
    """Context: train with TRAIN_THREADS like the Lab, restore the previous count after."""

    def __enter__(self) -> None:
        self.previous = torch.get_num_threads()
        torch.set_num_threads(TRAIN_THREADS)

    def __exit__(self, *exc: object) -> None:
        torch.set_num_threads(self.previous)
