"""Pilot step 2's next step: which sources the sensors cannot separate, which decoder to use, and where one more
sensor helps most.

Candidate sensor rows (an upload, or the shipped hydraulic case's response at every junction) are ranked by what
the classical decoders make of A with that row appended, on the same seeded sparse signals for every candidate, and
by how much the row lowers A's coherence; the best few are then confirmed by a short training of the two-layer net.
Everything here is codes and numbers; the Pilot page words it (core/i18n/pilot.py, pilot.next.*).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import torch

from core.config import Config
from core.experiments.results import RunResult
from core.experiments.run import rng_for, run
from core.i18n.claims import TIES_AS_EXACT, quality
from core.io.matrix import cosines
from core.science.decoders import decode
from core.science.problems import SparseProblem

PARALLEL = 0.95  # |cosine| at or above which two sources look alike (core.io.matrix.near_parallel_pairs' default)
RANK_SIGNALS = 64  # test signals per candidate: the same draws for every candidate, so differences are the row's
RANK_STREAM = 70  # the ranking's own generator stream (core.experiments.run.rng_for), free of the run's 0-3, 10+, 40
CONFIRM_TOP = 3  # candidates confirmed by training
CONFIRM_STEPS = 300  # a short training: each confirmation is about 2 s at n = 40 (measured on 2 shared cores)
CONFIRM_DEPTH = 2  # the paper's two hidden layers, bias-free
DECODERS = ("bp", "omp")  # the classical decoders step 2 compares (its Config.baselines)

Progress = Callable[[int, int], None]  # (done, total)
Trainer = Callable[[Config, torch.Tensor, int], RunResult]  # (config, A, which of the trainings) → result


@dataclass(frozen=True)
class Separability:
    """Sources A (m, n) cannot separate: near-parallel column pairs and columns no sensor sees."""

    pairs: tuple[
        tuple[int, int, float], ...
    ]  # (i, j, cosine), i < j, every pair with |cosine| ≥ threshold, closest first
    unobservable: tuple[int, ...]  # all-zero columns

    @property
    def sources(self) -> tuple[int, ...]:
        """Every source in a look-alike pair or unseen, in column order."""
        return tuple(sorted({k for i, j, _ in self.pairs for k in (i, j)} | set(self.unobservable)))


def separability(A: np.ndarray, *, threshold: float = PARALLEL) -> Separability:
    """Which of A's (m, n) columns the sensors cannot tell apart (|cosine| ≥ threshold) or do not see at all."""
    G = cosines(A)
    i, j = np.triu_indices(G.shape[0], k=1)
    cos = G[i, j]
    keep = np.flatnonzero(np.abs(cos) >= threshold)
    order = keep[np.argsort(-np.abs(cos[keep]), kind="stable")]
    zero = np.flatnonzero(np.linalg.norm(np.asarray(A, dtype=np.float64), axis=0) == 0)
    return Separability(tuple((int(i[k]), int(j[k]), float(cos[k])) for k in order), tuple(int(z) for z in zero))


@dataclass(frozen=True)
class Choice:
    """The decoder to use: a network of step 2's run (kind "model") or a classical decoder (kind "decoder")."""

    kind: str
    index: int  # into RunResult.models or RunResult.baselines
    error: float  # RMS relative error over the training scales
    worst: float  # worst over the test scales
    quality: str  # core.i18n.claims.quality(worst): near_exact, good, rough, unusable


def choose_decoder(result: RunResult) -> Choice | None:
    """The lowest worst-case error over the test scales among step 2's nets and classical decoders; when several are
    exact (all below TIES_AS_EXACT), the fastest of them. None if nothing was measured."""
    options = []
    for k, model in enumerate(result.models):
        if model.rms_rel_error_by_scale and model.rms_rel_error is not None:
            seconds = 1 / model.signals_per_second if model.signals_per_second else float("inf")
            options.append(("model", k, model.rms_rel_error, max(model.rms_rel_error_by_scale.values()), seconds))
    for k, b in enumerate(result.baselines):
        options.append(("decoder", k, b.rms_rel_error, max(b.rms_rel_error_by_scale.values()), b.seconds_per_signal))
    if not options:
        return None
    exact = [o for o in options if o[3] < TIES_AS_EXACT]
    kind, index, error, worst, _ = min(exact, key=lambda o: o[4]) if exact else min(options, key=lambda o: o[3])
    return Choice(kind, index, error, worst, quality(worst))


@dataclass(frozen=True)
class Candidate:
    """A with one candidate row appended: its coherence, its look-alike pairs and the classical decoders' errors."""

    row: int  # index into the candidate rows
    coherence: float
    pairs: int  # look-alike pairs left (|cosine| ≥ PARALLEL)
    errors: dict[str, float]  # decoder → RMS relative error on the ranking's signals
    rank_by_error: int = 0  # 1 = lowest mean error of the classical decoders
    rank_by_coherence: int = 0  # 1 = fewest look-alike pairs, then lowest coherence

    @property
    def error(self) -> float:
        """Mean RMS relative error of the classical decoders."""
        return float(np.mean(list(self.errors.values())))


@dataclass(frozen=True)
class Ranking:
    """A as it is (row = -1) and every candidate, best first; `alike` are the pairs still alike with every candidate
    row added at once (no single extra sensor of these can separate them)."""

    base: Candidate
    candidates: tuple[Candidate, ...]
    lead: str | None
    alike: tuple[tuple[int, int, float], ...]
    s: int
    signals: int


def new_rows(A: np.ndarray, rows: np.ndarray, sensors: Sequence[str], names: Sequence[str]) -> list[int]:
    """Indices of candidate rows (k, n) that are not sensors already: neither named like one nor equal to a row of A."""
    have = {(np.asarray(r, dtype=np.float64) + 0.0).tobytes() for r in A}
    taken = set(sensors)
    return [
        k
        for k, row in enumerate(rows)
        if names[k] not in taken and (np.asarray(row, dtype=np.float64) + 0.0).tobytes() not in have
    ]


def signal_errors(
    A: np.ndarray, x: torch.Tensor, decoder: str, *, s: int, noise: float, rng: torch.Generator
) -> np.ndarray:
    """Relative error ‖x̂ − x‖/‖x‖ per signal of x (batch, n) measured by A (m, n) and decoded; shape (batch,)."""
    problem = SparseProblem(
        A=torch.tensor(np.asarray(A, dtype=np.float64)), s=s, noise=noise
    )  # a copy: A may be read-only
    y = problem.measure(x.double(), rng=rng)
    x_hat = decode(decoder, problem.A.numpy(), y.numpy(), s=s, noise=noise)
    return problem.sq_rel_errors(torch.from_numpy(x_hat), x.double()).sqrt().numpy()


def _score(A: np.ndarray, x: torch.Tensor, row: int, cfg: Config, decoders: Sequence[str], seed: int) -> Candidate:
    """One matrix judged: coherence, look-alike pairs, each decoder's RMS error on the same signals and noise draws."""
    G = np.abs(cosines(A))
    errors = {}
    for name in decoders:  # the same noise draws for every decoder and every candidate (a fresh generator each)
        e = signal_errors(A, x, name, s=cfg.s, noise=cfg.noise, rng=rng_for(seed, RANK_STREAM + 1))
        errors[name] = float(np.sqrt(np.mean(e**2)))
    return Candidate(row, float(G.max(initial=0.0)), int(np.count_nonzero(np.triu(G, 1) >= PARALLEL)), errors)


def rank_candidates(
    A: np.ndarray,
    rows: np.ndarray,
    cfg: Config,
    *,
    decoders: Sequence[str] = DECODERS,
    lead: str | None = None,
    signals: int = RANK_SIGNALS,
    on_progress: Progress | None = None,
) -> Ranking:
    """Every candidate row (k, n) appended to A (m, n) in turn, ranked best first.

    Signals are step 2's (cfg.s nonzeros, cfg.signal, relative noise cfg.noise), drawn once from cfg.seed at unit
    norm: the decoders are scale-equivariant, so one scale stands for all. Order: lowest error of the `lead` decoder
    (the one the engineer is told to use, if classical), then lowest mean error of the classical decoders, then fewest
    look-alike pairs, then lowest coherence; errors below TIES_AS_EXACT count as equal (exact). Same A, rows, config
    and seed → same ranking.
    """
    if lead is not None and lead not in decoders:
        raise ValueError(f"lead={lead!r} is not one of the decoders {', '.join(decoders)}")
    A = np.asarray(A, dtype=np.float64)
    rows = np.atleast_2d(np.asarray(rows, dtype=np.float64))
    if rows.shape[1] != A.shape[1]:
        raise ValueError(f"candidate rows have {rows.shape[1]} columns, A has {A.shape[1]}")
    problem = SparseProblem(A=torch.tensor(A), s=cfg.s, signal=cfg.signal, noise=cfg.noise)
    x = problem.unit_signals(signals, rng=rng_for(cfg.seed, RANK_STREAM)).double()
    base = _score(A, x, -1, cfg, decoders, cfg.seed)
    scored = []
    for k, row in enumerate(rows):
        scored.append(_score(np.vstack([A, row]), x, k, cfg, decoders, cfg.seed))
        if on_progress is not None:
            on_progress(k + 1, len(rows))
    by_coherence = sorted(scored, key=lambda c: (c.pairs, c.coherence, c.row))
    by_error = sorted(scored, key=lambda c: (_tied(c.error), c.row))
    coh_rank = {c.row: r for r, c in enumerate(by_coherence, 1)}
    err_rank = {c.row: r for r, c in enumerate(by_error, 1)}
    ranked = sorted(
        scored, key=lambda c: (_tied(c.errors[lead]) if lead else 0.0, _tied(c.error), c.pairs, c.coherence, c.row)
    )
    ranked = [replace(c, rank_by_error=err_rank[c.row], rank_by_coherence=coh_rank[c.row]) for c in ranked]
    alike = separability(np.vstack([A, rows])).pairs if len(rows) else separability(A).pairs
    return Ranking(base, tuple(ranked), lead, alike, cfg.s, signals)


def _tied(error: float) -> float:
    """An error as the order sees it: every error below TIES_AS_EXACT is exact (1e-16 and 3e-16 are rounding)."""
    return 0.0 if error < TIES_AS_EXACT else error


def changed(ranking: Ranking, candidate: Candidate) -> list[str]:
    """The decoders whose error the candidate changes by more than TIES_AS_EXACT (in the ranking's decoder order)."""
    return [d for d, e in candidate.errors.items() if abs(e - ranking.base.errors[d]) > TIES_AS_EXACT]


def helps(ranking: Ranking) -> bool:
    """Whether the best candidate lowers a classical decoder's error or leaves fewer look-alike pairs."""
    if not ranking.candidates:
        return False
    best, base = ranking.candidates[0], ranking.base
    lower = any(best.errors[d] < base.errors[d] - TIES_AS_EXACT for d in base.errors)
    return lower or best.pairs < base.pairs


@dataclass(frozen=True)
class Confirmed:
    """A candidate row confirmed by training: the two-layer net's error on A as it is and with the row added."""

    row: int
    before: float
    after: float

    @property
    def gain(self) -> float:
        """How much lower the error is with the row (negative: higher)."""
        return self.before - self.after


def confirm_config(cfg: Config, m: int, *, steps: int = CONFIRM_STEPS) -> Config:
    """Step 2's settings for one short training of the bias-free two-layer net on an m-row matrix."""
    return replace(
        cfg, m=m, depths=(CONFIRM_DEPTH,), biased=(), bias=False, hand_built=False, normalised=False, unrolled=0,
        baselines=(), steps=min(steps, cfg.steps),
    )  # fmt: skip


def _train_here(cfg: Config, A: torch.Tensor, _k: int) -> RunResult:
    """core.experiments.run.run in this process."""
    return run(cfg, A=A)


def confirm(
    A: np.ndarray,
    rows: np.ndarray,
    top: Sequence[int],
    cfg: Config,
    *,
    steps: int = CONFIRM_STEPS,
    train: Trainer = _train_here,
) -> tuple[Confirmed, ...]:
    """Train the two-layer net on A (m, n) and on A with each row in `top` (indices into rows (k, n)) appended, with
    step 2's settings, its seed and a short budget; the error before and after, per row.

    The nets train on A and the rows divided by A's mean column norm (one factor for all): a bias-free net's best
    reconstruction does not depend on A's units (the first layer absorbs the factor), but Adam's fixed step size does.
    Measured on the shipped hydraulic matrix (entries up to ~40): 300 steps give 561 % unscaled, 79 % scaled.
    train(config, A, k) runs the k-th of the 1 + len(top) trainings (the page passes one that shows progress).
    """
    unit = float(np.linalg.norm(np.asarray(A, dtype=np.float64), axis=0).mean()) or 1.0
    A, rows = np.asarray(A, dtype=np.float64) / unit, np.asarray(rows, dtype=np.float64) / unit

    def error(M: np.ndarray, k: int) -> float:
        result = train(confirm_config(cfg, M.shape[0], steps=steps), torch.tensor(M, dtype=torch.float32), k)
        model = result.bias_free(CONFIRM_DEPTH)
        return float("nan") if model is None or model.rms_rel_error is None else model.rms_rel_error

    before = error(A, 0)
    return tuple(Confirmed(r, before, error(np.vstack([A, rows[r]]), k)) for k, r in enumerate(top, 1))
