"""Section (k): error against training seconds at n=64, m=32, s=2 — the best plain two-hidden-layer recipe of
docs/research-two-layer.md (issue 19) beside the unrolled net and the normalised one-layer net.

Each net trains once over the whole budget (one thread) and is evaluated along the way at fixed points of its
training clock (evaluation excluded from the clock), on the research log's test set (2000 unit signals, seed 10000)
and matrix (`core run`'s, seed 0). The error at 5 s is the same run's at 5 s, not a run annealed to 5 s.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import torch

from core.config import Config
from core.experiments.run import make_problem, rng_for, train_model
from core.science.evaluate import rms_relative_error
from core.science.models import NormalisedMLP, init_weights
from core.science.problems import SparseProblem, sensing_matrix
from core.science.train import train
from core.science.unrolled import UnrolledISTA
from scripts.two_layer_research import test_set

Row = tuple[str, str, str]
CHECKPOINTS = (5.0, 10.0, 20.0, 40.0, 60.0)  # training seconds, for the full 60 s budget
COMMAND = "python -m core run --n 64 --m 32 --s 2 --depths 2 --max-seconds 60"  # the issue's: its default recipe


def _load() -> str:
    """The 1-minute load average of this (shared, 2-core) machine."""
    return f"{os.getloadavg()[0]:.1f}"


class _Marks:
    """A training's net evaluated at fixed points of its clock (the evaluation left out of the clock): its curve of
    (step, seconds, rms) on the research log's test set."""

    def __init__(self, marks: tuple[float, ...], problem: SparseProblem, net: Callable[[], torch.nn.Module]) -> None:
        self.due, self.curve, self.paused = list(marks), [], 0.0
        self.problem, self.net = problem, net
        self.x, self.y = test_set(problem, 0)

    def on_step(self, step: int, loss: float, elapsed: float) -> None:
        """The training's step callback: evaluate at each mark passed."""
        clock = elapsed - self.paused
        if not self.due or clock < self.due[0]:
            return
        while self.due and clock >= self.due[0]:
            self.due.pop(0)
        t = time.perf_counter()
        self.point(step, clock)
        self.paused += time.perf_counter() - t

    def end(self, steps_done: int, seconds: float) -> list[tuple[int, float, float]]:
        """The curve, with the training's end point if its steps ended before the last mark."""
        if not self.curve or self.curve[-1][0] != steps_done:
            self.point(steps_done, seconds - self.paused)
        return self.curve

    def point(self, step: int, seconds: float) -> None:
        """One evaluation, in eval mode, then back to training mode."""
        model = self.net().eval()
        self.curve.append((step, seconds, rms_relative_error(model, self.problem, self.x, self.y)))
        model.train()


def _curve_of_trained(
    make: Callable[[], torch.nn.Module], problem: SparseProblem, marks: tuple[float, ...], *, lr: float
) -> tuple[list[tuple[int, float, float]], int]:
    """The project's training (`train`: Adam, batch 256, cosine over the steps that fit the budget, as the Lab's
    user sets them from a 4 s speed run); returns (step, seconds, rms) at each mark and the cosine's length."""
    budget = marks[-1]
    probe = train(make(), problem, steps=10**6, batch=256, lr=lr, train_scales=(0.5, 2.0), max_seconds=4.0,
                  rng=torch.Generator().manual_seed(2))  # fmt: skip
    steps = max(1, int(probe.steps_done / probe.seconds * budget))
    model = make()
    marks_of = _Marks(marks, problem, lambda: model)
    log = train(model, problem, steps=steps, batch=256, lr=lr, train_scales=(0.5, 2.0), max_seconds=budget + 3.0,
                rng=torch.Generator().manual_seed(1), on_step=marks_of.on_step)  # fmt: skip
    curve = marks_of.end(log.steps_done, log.seconds)
    return curve, steps


def _at(curve: list[tuple[int, float, float]], mark: float) -> float:
    """The error at the first evaluation at or after `mark` training seconds (the last one if none)."""
    return next((rms for _, seconds, rms in curve if seconds >= mark), curve[-1][2])


def curves(*, quick: bool) -> list[Row]:
    """(k) error vs training seconds at n=64, m=32, s=2: best plain two-layer recipe, unrolled net, normalised net"""
    marks = tuple(c / 4 for c in CHECKPOINTS) if quick else CHECKPOINTS
    torch.set_num_threads(1)
    problem = SparseProblem(A=sensing_matrix(32, 64, rng=rng_for(0, 0)), s=2)
    runs: list[tuple[str, str, Callable[[], tuple[list[tuple[int, float, float]], str]]]] = []

    def plain() -> tuple[list[tuple[int, float, float]], str]:
        """The recipe `core run` takes at s ≥ 2 (Muon's, core.config.RECIPES), its own problem and training stream."""
        cfg = Config.parse({"n": 64, "m": 32, "s": 2, "depths": "2", "max_seconds": marks[-1]})
        own, net = make_problem(cfg), []
        marks_of = _Marks(marks, own, lambda: net[0])
        _model, log = train_model(cfg, own, 2, on_step=marks_of.on_step, on_built=net.append)
        curve = marks_of.end(log.steps_done, log.seconds)
        return curve, f"{log.steps_done:,} of {cfg.steps:,} steps ({cfg.optimizer} recipe, batch {cfg.batch})"

    def trained(make: Callable[[], torch.nn.Module], lr: float) -> Callable[[], tuple[list, str]]:
        def go() -> tuple[list[tuple[int, float, float]], str]:
            curve, steps = _curve_of_trained(make, problem, marks, lr=lr)
            return curve, f"{curve[-1][0]:,} of a {steps:,}-step cosine"

        return go

    def normalised() -> torch.nn.Module:
        net = NormalisedMLP(32, 64, width=384)
        init_weights(net.g, rng=torch.Generator().manual_seed(0))
        return net

    runs.append(("plain 2 hidden layers 384→384, bias-free, the default recipe at s ≥ 2", f"`{COMMAND}`: Muon on"
                 " the hidden layers, bfloat16 products, from A, a 5000-step cosine", plain))  # fmt: skip
    runs.append(("unrolled ISTA, 8 steps", "`train` as the Lab: Adam 3e-3, batch 256, scales 0.5–2",
                 trained(lambda: UnrolledISTA(problem.A, steps=8), 3e-3)))  # fmt: skip
    runs.append(("normalised 1 hidden layer (width 384, biases)", "`train` as the Lab: Adam 3e-3, batch 256",
                 trained(normalised, 3e-3)))  # fmt: skip
    header = " / ".join(f"{m:g} s" for m in marks)
    rows: list[Row] = []
    for name, how, run in runs:
        before = _load()
        curve, done = run()
        errors = " / ".join(f"{_at(curve, m):.3f}" for m in marks)
        rows.append((f"(k) error at {header}, {name}", errors,
                     f"{how}; {done} in {curve[-1][1]:.0f} s; load average {before} → {_load()} on 2 cores "
                     "(shared: seconds are wall-clock under that load)"))  # fmt: skip
    return rows
