"""Sweeps: one training answers one setting; a phase diagram answers "how many sensors for how many sources?".

A sweep is a grid over δ = m/n and ρ = s/m with several seeds per cell. Each (δ, ρ, seed) is one independent
*task* with its own seed derived from the sweep's seed and the task's coordinates (never from its position in a
queue), so the numbers do not depend on where or in which order tasks run: a process pool and a Dask cluster give
the same table. What a sweep asks for is core.experiments.sweep.spec's; executing the tasks is
core.runtime.sweeps's job; this module is the plain, picklable part.
"""

from __future__ import annotations

import itertools
import math
import zlib
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from core.experiments.sweep.spec import SweepSpec  # also imported from here (core.present.charts.sweep)
from core.fields import ConfigError, short_float
from core.i18n.claims import EXACT_PER_SIGNAL

if TYPE_CHECKING:
    from core.config import Config

DECODER_DEPTH = {"one": 1, "two": 2}
EXACT_TOLERANCE = EXACT_PER_SIGNAL  # per-signal exact recovery, the Donoho–Tanner sense (core/i18n/claims.py)
SWEEP_TEST_SIGNALS = 200  # per task, shared by every decoder: RMS sampling error ≈ 0.05 × error, fine for a map

# Donoho–Tanner ℓ1 phase transition ρ(δ) for Gaussian A and large n (Donoho, Maleki, Montanari, PNAS 2009, eq. 5;
# values from ../shared/science.md): basis pursuit recovers below the curve. At small n the edge is smooth.
DT_CURVE: dict[str, tuple[tuple[float, float], ...]] = {
    "signed": ((0.10, 0.189), (0.25, 0.267), (0.50, 0.386), (0.75, 0.534), (0.90, 0.678)),
    "nonnegative": ((0.10, 0.241), (0.25, 0.365), (0.50, 0.558), (0.75, 0.766), (0.90, 0.903)),
}


class SweepCancelled(RuntimeError):
    """The sweep was cancelled while this task ran."""


@dataclass(frozen=True)
class SweepTask:
    """One (δ, ρ, seed) point: everything a worker needs, nothing it must look up."""

    spec: SweepSpec
    delta: float
    rho: float
    seed_index: int

    @property
    def m(self) -> int:
        return self.spec.m_for(self.delta)

    @property
    def s(self) -> int:
        return self.spec.s_for(self.m, self.rho)

    @property
    def seed(self) -> int:
        """From the sweep's seed and this task's coordinates only: the same wherever and whenever it runs."""
        text = f"{self.spec.seed}:{short_float(self.delta)}:{short_float(self.rho)}:{self.seed_index}"
        return zlib.crc32(text.encode()) & 0x7FFFFFFF

    @property
    def key(self) -> str:
        """A name unique within the sweep (also the task's name on a cluster)."""
        return f"delta={short_float(self.delta)} rho={short_float(self.rho)} seed#{self.seed_index}"


@dataclass(frozen=True)
class TaskResult:
    """What one task measured: RMS relative error per decoder on the task's test signals."""

    delta: float
    rho: float
    seed_index: int
    seed: int
    m: int
    s: int
    errors: dict[str, float | None]  # decoder → RMS relative error (None: diverged at once)
    one_layer_floor: float | None
    seconds: float
    # decoder → share of the task's signals recovered exactly (relative error < EXACT_TOLERANCE); None: diverged.
    # Defaults to empty so results stored before it existed still load.
    exact: dict[str, float | None] = field(default_factory=dict)


def tasks(spec: SweepSpec) -> list[SweepTask]:
    """Every task of the sweep, in grid order."""
    return [SweepTask(spec, d, r, k) for d in spec.deltas for r in spec.rhos for k in range(spec.seeds)]


def run_task(task: SweepTask, A: np.ndarray | None = None, stop: Callable[[], bool] | None = None) -> TaskResult:
    """Train and evaluate every decoder of one task on one thread; `stop()` true makes it raise SweepCancelled.

    A (m0, n) is the engineer's own matrix: each seed keeps a random subset of m of its rows (sensors), so δ reads
    as "what if only this share of the sensors were installed".
    """
    import time

    import torch

    from core.config import Config
    from core.experiments.run import make_problem, rng_for, train_model
    from core.science import decoders as classical

    start = time.perf_counter()
    spec = task.spec
    previous = torch.get_num_threads()
    torch.set_num_threads(1)  # one thread per task: identical numbers in a pool process and on a cluster worker
    try:
        depths = tuple(DECODER_DEPTH[d] for d in spec.decoders if d in DECODER_DEPTH)
        cfg = Config(
            n=spec.n if A is None else A.shape[1],
            m=task.m,
            s=task.s,
            depths=depths or (1,),
            width=spec.width,
            steps=spec.steps,
            max_seconds=spec.max_seconds,
            noise=spec.noise,
            signal=spec.signal,
            seed=task.seed,
            init=spec.init,
            baselines=(),
        )
        A_task = None if A is None else torch.tensor(_rows_for(A, task.m, task.seed), dtype=torch.float32)
        problem = make_problem(cfg, A_task)
        rng = rng_for(cfg.seed, 1)
        x = problem.unit_signals(SWEEP_TEST_SIGNALS, rng=rng)
        y = problem.measure(x, rng=rng)

        def on_step(_step: int, _loss: float, _seconds: float) -> None:
            if stop is not None and stop():
                raise SweepCancelled(task.key)

        errors: dict[str, float | None] = {}
        exact: dict[str, float | None] = {}
        for name in spec.decoders:
            if name in DECODER_DEPTH:
                model, log = train_model(_settings_for(cfg, spec, name), problem, DECODER_DEPTH[name], on_step=on_step)
                with torch.no_grad():
                    X_hat = model(y)
                ok = log.steps_done > 0
            else:
                if stop is not None and stop():
                    raise SweepCancelled(task.key)
                X = classical.decode(name, problem.A.numpy(), y.numpy(), s=cfg.s, noise=cfg.noise)
                X_hat, ok = torch.from_numpy(X).float(), True
            sq = problem.sq_rel_errors(X_hat, x)
            error = math.sqrt(sq.mean().item())
            good = ok and math.isfinite(error)
            errors[name] = error if good else None
            exact[name] = (sq < EXACT_TOLERANCE**2).double().mean().item() if good else None
        floor = problem.floor(bias=False, activation="relu") if "one" in spec.decoders else None
    finally:
        torch.set_num_threads(previous)
    return TaskResult(
        delta=task.delta,
        rho=task.rho,
        seed_index=task.seed_index,
        seed=task.seed,
        m=task.m,
        s=task.s,
        errors=errors,
        one_layer_floor=floor,
        seconds=time.perf_counter() - start,
        exact=exact,
    )


def _settings_for(cfg: Config, spec: SweepSpec, decoder: str) -> Config:
    """The Config a cell's net trains with: Muon's recipe, with its own settings, for the two-layer net at s ≥ 2 when
    the sweep asks for it; else Adam with the sweep's settings (the one-layer net sits on its proven floor whatever
    trains it, so it keeps the cheaper optimizer)."""
    from dataclasses import replace

    from core.config import RECIPES, default_optimizer

    if decoder == "two" and spec.optimizer == "muon" and default_optimizer(cfg.problem, cfg.s) == "muon":
        return replace(cfg, **RECIPES["muon"], optimizer="muon")
    return cfg


def _rows_for(A: np.ndarray, m: int, seed: int) -> np.ndarray:
    """m of A's rows, chosen by the task's seed (all of them, in order, when m is A's row count)."""
    m0 = A.shape[0]
    if m > m0:
        raise ConfigError(f"this matrix has {m0} sensors; the sweep asks for {m}", "sweep_rows", m=m, rows=m0)
    if m == m0:
        return A
    rows = np.sort(np.random.default_rng(seed).choice(m0, size=m, replace=False))
    return A[rows]


def check_matrix(spec: SweepSpec, A: np.ndarray) -> None:
    """Raise ConfigError unless every δ of the spec fits this matrix (m ≤ its rows, n = its columns)."""
    if A.ndim != 2 or A.shape[1] != spec.n:
        raise ConfigError(f"the matrix has {A.shape[-1]} sources; the sweep's n is {spec.n}", "sweep_n_matrix")
    most = A.shape[0] / spec.n
    for delta in spec.deltas:
        if spec.m_for(delta) > A.shape[0]:
            raise ConfigError(
                f"delta={delta:g} needs {spec.m_for(delta)} sensors; this matrix has {A.shape[0]} "
                f"(largest δ: {most:.3g})",
                "sweep_delta_matrix",
                delta=delta,
                rows=A.shape[0],
                most=round(most, 3),
            )


@dataclass(frozen=True)
class Cell:
    """One (δ, ρ, decoder) of the map, over the seeds that finished."""

    delta: float
    rho: float
    decoder: str
    m: int
    s: int
    seeds: int
    success_rate: float | None  # share of seeds whose RMS relative error is below the threshold
    mean_rms_rel_error: float | None
    one_layer_floor: float | None  # proven lower bound on the error (one-layer decoder only)
    exact_recovery: float | None = None  # share of all test signals recovered exactly (per signal, < 1e-3)


def cells(spec: SweepSpec, results: Iterable[TaskResult]) -> list[Cell]:
    """Aggregate task results into cells, in grid order; a cell with no finished seed is left out."""
    by_point: dict[tuple[float, float], list[TaskResult]] = {}
    for r in results:
        by_point.setdefault((r.delta, r.rho), []).append(r)
    out = []
    for delta in spec.deltas:
        for rho in spec.rhos:
            done = sorted(by_point.get((delta, rho), []), key=lambda r: r.seed_index)
            if not done:
                continue
            for name in spec.decoders:
                errs = [r.errors.get(name) for r in done]
                finite = [e for e in errs if e is not None]
                floors = [r.one_layer_floor for r in done if r.one_layer_floor is not None]
                shares = [r.exact.get(name) for r in done if name in r.exact]
                out.append(
                    Cell(
                        delta=delta,
                        rho=rho,
                        decoder=name,
                        m=done[0].m,
                        s=done[0].s,
                        seeds=len(done),
                        # a diverged seed (None) counts as a failure, not as missing
                        success_rate=sum(e is not None and e < spec.threshold for e in errs) / len(errs),
                        mean_rms_rel_error=sum(finite) / len(finite) if finite else None,
                        one_layer_floor=min(floors) if name == "one" and floors else None,
                        # every seed has as many signals, so the mean of the shares is the share of all signals;
                        # a diverged seed recovered none of them
                        exact_recovery=sum(e or 0.0 for e in shares) / len(shares) if shares else None,
                    )
                )
    return out


@dataclass(frozen=True)
class SweepResult:
    """A finished (or cancelled) sweep: its cells, the tasks that did not finish and how it ran."""

    spec: SweepSpec
    results: tuple[TaskResult, ...]
    missing: tuple[tuple[str, str], ...]  # (task key, why) for every task that produced no result
    elapsed_seconds: float
    workers: int
    backend: str  # "local" or the cluster's address
    cancelled: bool = False

    @property
    def cells(self) -> list[Cell]:
        return cells(self.spec, self.results)

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON object (keys documented in docs/sweeps.md)."""
        spec = self.spec
        return {
            "spec": spec.to_dict(),
            "grid": {"n": spec.n, "deltas": list(spec.deltas), "rhos": list(spec.rhos), "seeds": spec.seeds},
            "cells": [asdict(c) for c in self.cells],
            "missing": [{"task": key, "reason": why} for key, why in self.missing],
            "cancelled": self.cancelled,
            "elapsed_seconds": round(self.elapsed_seconds, 3),
            "workers": self.workers,
            "backend": self.backend,
        }


def dt_rho(delta: float, signal: str = "signed") -> float | None:
    """The Donoho–Tanner curve at δ, linear between the tabulated points (None outside 0.10–0.90)."""
    pts = DT_CURVE[signal]
    if not pts[0][0] <= delta <= pts[-1][0]:
        return None
    for (d0, r0), (d1, r1) in itertools.pairwise(pts):
        if d0 <= delta <= d1:
            return r0 + (r1 - r0) * (delta - d0) / (d1 - d0)
    return None


def eta_seconds(done: int, total: int, elapsed: float) -> float:
    """Time left if the remaining tasks take as long on average as the finished ones."""
    return 0.0 if done <= 0 or done >= total else elapsed / done * (total - done)
