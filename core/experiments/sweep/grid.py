"""Sweeps: one training answers one setting; a phase diagram answers "how many sensors for how many sources?".

A sweep is a grid over δ = m/n and ρ = s/m with several seeds per cell. Each (δ, ρ, seed) is one independent
*task* with its own seed derived from the sweep's seed and the task's coordinates (never from its position in a
queue), so the numbers do not depend on where or in which order tasks run: a process pool and a Dask cluster give
the same table. Executing the tasks is `core.sweep_exec`'s job; this module is the plain, picklable part.
"""

from __future__ import annotations

import itertools
import math
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

import numpy as np

from core.config import CAPS, INITS, SIGNALS
from core.fields import Cap, ConfigError, check_number, query_text, short_float

SWEEP_DECODERS = ("one", "two", "bp")  # one hidden layer, two hidden layers, basis pursuit
DECODER_DEPTH = {"one": 1, "two": 2}
SWEEP_TEST_SIGNALS = 200  # per task, shared by every decoder: RMS sampling error ≈ 0.05 × error, fine for a map
MAX_AXIS = 12  # values per axis
MAX_TASKS = 1000  # cells × seeds: a hosted link must not queue hours of work
SWEEP_CAPS: dict[str, Cap] = {
    "n": Cap(4, 128),
    "delta": Cap(0.02, 1.0, integer=False),
    "rho": Cap(0.01, 1.0, integer=False),
    "seeds": Cap(1, 10),
    "threshold": Cap(0.001, 1.0, integer=False),
    "width": CAPS["width"],
    "steps": Cap(1, 5000),
    "max_seconds": Cap(1, 60, integer=False),
    "noise": CAPS["noise"],
    "seed": CAPS["seed"],
}

# Donoho–Tanner ℓ1 phase transition ρ(δ) for Gaussian A and large n (Donoho, Maleki, Montanari, PNAS 2009, eq. 5;
# values from ../shared/science.md): basis pursuit recovers below the curve. At small n the edge is smooth.
DT_CURVE: dict[str, tuple[tuple[float, float], ...]] = {
    "signed": ((0.10, 0.189), (0.25, 0.267), (0.50, 0.386), (0.75, 0.534), (0.90, 0.678)),
    "nonnegative": ((0.10, 0.241), (0.25, 0.365), (0.50, 0.558), (0.75, 0.766), (0.90, 0.903)),
}


class SweepCancelled(RuntimeError):
    """The sweep was cancelled while this task ran."""


@dataclass(frozen=True)
class SweepSpec:
    """One sweep: the grid, the seeds, the decoders and the run settings every cell shares."""

    n: int = 32
    deltas: tuple[float, ...] = (0.25, 0.5, 0.75)
    rhos: tuple[float, ...] = (0.1, 0.2, 0.35)
    seeds: int = 2
    decoders: tuple[str, ...] = SWEEP_DECODERS
    threshold: float = 0.2
    width: int = 128
    steps: int = 800
    max_seconds: float = 20.0
    noise: float = 0.0
    signal: str = "signed"
    seed: int = 0
    init: str = "he"  # "a": two-layer nets start from the hand-built weights (core.handbuilt.start_from_hand_built)

    def __post_init__(self) -> None:
        for name in ("n", "seeds", "threshold", "width", "steps", "max_seconds", "noise", "seed"):
            check_number(name, getattr(self, name), SWEEP_CAPS[name])
        for axis, name in ((self.deltas, "delta"), (self.rhos, "rho")):
            if not 1 <= len(axis) <= MAX_AXIS:
                raise ConfigError(f"{name}s: give 1 to {MAX_AXIS} values", "sweep_axis", axis=name, most=MAX_AXIS)
            if len(set(axis)) != len(axis):
                raise ConfigError(f"{name}s: each value at most once", "sweep_axis_repeat", axis=name)
            for v in axis:
                check_number(name, v, SWEEP_CAPS[name])
        if not self.decoders or any(d not in SWEEP_DECODERS for d in self.decoders):
            raise ConfigError(
                f"decoders={','.join(self.decoders)}: choose from {', '.join(SWEEP_DECODERS)}", "sweep_decoders"
            )
        if len(set(self.decoders)) != len(self.decoders):
            raise ConfigError("decoders: each decoder at most once", "sweep_decoders")
        if self.signal not in SIGNALS:
            raise ConfigError(f"signal={self.signal!r} is unknown: choose signed or nonnegative")
        if self.init not in INITS:
            raise ConfigError(f"init={self.init!r} is unknown: choose he (random) or a (from A)")
        if self.task_count > MAX_TASKS:
            raise ConfigError(
                f"{len(self.deltas)} × {len(self.rhos)} cells × {self.seeds} seeds = {self.task_count} trainings; "
                f"at most {MAX_TASKS} per sweep",
                "sweep_too_big",
                tasks=self.task_count,
                most=MAX_TASKS,
            )
        for delta in self.deltas:
            if self.m_for(delta) < 1:
                raise ConfigError(f"delta={delta:g} gives m = 0 at n={self.n}", "sweep_m_zero", delta=delta, n=self.n)

    @property
    def task_count(self) -> int:
        return len(self.deltas) * len(self.rhos) * self.seeds

    def m_for(self, delta: float) -> int:
        """Measurements for δ: round(δ·n)."""
        return round(delta * self.n)

    def s_for(self, m: int, rho: float) -> int:
        """Nonzeros for ρ at m measurements: round(ρ·m), at least 1."""
        return max(1, round(rho * m))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("deltas", "rhos", "decoders"):
            d[key] = list(d[key])
        return d

    def to_query(self) -> dict[str, str]:
        """Every field as URL text; reads back to an equal spec."""
        return {f.name: query_text(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def parse(cls, values: Mapping[str, Any]) -> SweepSpec:
        """Strict parse (CLI): malformed or out-of-range values raise ConfigError naming them."""
        return cls(**_coerce(values, strict=True))

    @classmethod
    def from_query(cls, params: Mapping[str, Any]) -> SweepSpec:
        """Forgiving parse (a link): unknown keys ignored, bad values defaulted, numbers clamped, grid trimmed."""
        values = _coerce(params, strict=False)
        try:
            return cls(**values)
        except ConfigError:  # a cross-field rule (too many tasks, m = 0): keep what is valid alone
            return _repair(values)


_DEFAULT = SweepSpec()


def _coerce(values: Mapping[str, Any], *, strict: bool) -> dict[str, Any]:
    """Typed fields from text; strict raises, forgiving clamps, trims or drops."""
    out: dict[str, Any] = {}
    for f in fields(SweepSpec):
        raw = values.get(f.name)
        if isinstance(raw, list):
            raw = raw[-1] if raw else None
        if raw is None:
            continue
        text = str(raw).strip()
        try:
            out[f.name] = _convert(f.name, text, strict=strict)
        except (ValueError, TypeError, OverflowError):
            if strict:
                raise ConfigError(f"{f.name}={text!r} is not allowed: {_allowed(f.name)}") from None
    return out


def _allowed(name: str) -> str:
    """What a field accepts, for error messages."""
    if name in ("deltas", "rhos"):
        return f"give a comma list of {SWEEP_CAPS[name[:-1]].describe()}s, e.g. 0.25,0.5"
    if name == "decoders":
        return f"give a comma list of {', '.join(SWEEP_DECODERS)}"
    if name == "signal":
        return "signed or nonnegative"
    if name == "init":
        return "he (random) or a (from A)"
    return f"{name} must be {SWEEP_CAPS[name].describe()}"


def _convert(name: str, text: str, *, strict: bool) -> Any:
    """One field from text."""
    if name in ("deltas", "rhos"):
        cap = SWEEP_CAPS[name[:-1]]
        values = [float(p) for p in text.split(",") if p.strip()]
        if not strict:
            values = [min(max(v, cap.lo), cap.hi) for v in values if math.isfinite(v)]
            values = sorted(dict.fromkeys(values))[:MAX_AXIS]
            if not values:
                raise ValueError("empty")
        return tuple(values)
    if name == "decoders":
        names = tuple(p.strip().lower() for p in text.split(",") if p.strip())
        if not strict:
            names = tuple(dict.fromkeys(d for d in names if d in SWEEP_DECODERS))
            if not names:
                raise ValueError("empty")
        return names
    if name in ("signal", "init"):
        if not strict and text not in (SIGNALS if name == "signal" else INITS):
            raise ValueError(text)
        return text
    cap = SWEEP_CAPS[name]
    value = float(text)
    if cap.integer:
        if not math.isfinite(value) or value != int(value):
            raise ValueError("not an integer")
        value = int(value)
    if not strict:
        if math.isnan(value):
            raise ValueError("nan")
        value = min(max(value, cap.lo), cap.hi)
        value = int(value) if cap.integer else float(value)
    return value


def _repair(values: dict[str, Any]) -> SweepSpec:
    """A valid spec from a forgiving parse whose fields are each valid but not together."""
    n = values.get("n", _DEFAULT.n)
    deltas = tuple(d for d in values.get("deltas", _DEFAULT.deltas) if round(d * n) >= 1) or (1.0,)
    rhos = values.get("rhos", _DEFAULT.rhos)
    seeds = values.get("seeds", _DEFAULT.seeds)
    seeds = max(1, min(seeds, MAX_TASKS // (len(deltas) * len(rhos))))
    return SweepSpec(**(values | {"deltas": deltas, "rhos": rhos, "seeds": seeds}))


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
    from core.science.evaluate import rms_relative_error

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
        for name in spec.decoders:
            if name in DECODER_DEPTH:
                model, log = train_model(cfg, problem, DECODER_DEPTH[name], on_step=on_step)
                error = rms_relative_error(model, problem, x, y)
                errors[name] = error if math.isfinite(error) and log.steps_done > 0 else None
            else:
                if stop is not None and stop():
                    raise SweepCancelled(task.key)
                X = classical.decode(name, problem.A.numpy(), y.numpy(), s=cfg.s, noise=cfg.noise)
                errors[name] = math.sqrt(problem.sq_rel_errors(torch.from_numpy(X).float(), x).mean().item())
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
    )


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
        """The CLI's JSON object (keys documented in the README)."""
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
