"""What a Lab run will cost before it runs, and whether a link may start it by itself.

The estimate is a named breakdown, in seconds of one CPU thread (a run takes one training slot: its models train one
after another on one thread):

- **training**, per trained model: steps × (step overhead + 6 × batch × MACs / FLOP rate) — a MAC is 2 FLOPs
  forward and twice that backward; the step overhead is the loop's Python and Adam work, which dominates small nets —
  at most the model's time budget (max_seconds), and all models together at most RUN_SECONDS_CAP. With Muon's recipe
  (cfg.optimizer "muon") the matrix products run BF16_SPEEDUP times faster where the CPU has native bfloat16, and
  each step adds muon_seconds: the stale preconditioner's product and, every REFRESH_EVERY steps, a Gram and its
  eigh per hidden layer;
- **decoders**: basis pursuit (BASELINE_SIGNALS per test scale, batched ADMM), about bp_seconds(n) each;
- **evaluation**: a fixed EVAL_SECONDS (test signals at every scale, OMP, LASSO, the hand-built net).

The two rates are measured once per server by `calibrate` (two short trainings, about 2 s with their set-up); the
defaults are this project's 2-core AMD EPYC (bench row (a), 2026-12-02: 0.9 + 2.7 s for the default pair).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace

import torch

from core.config import RUN_SECONDS_CAP, TEST_SCALES, Config
from core.experiments.baselines import BASELINE_SIGNALS
from core.experiments.run import make_problem, train_model
from core.science import muon, sizes

AUTO_RUN_ENV = "SCALELAB_AUTORUN_SECONDS"
AUTO_RUN_SECONDS = 30.0  # a link with run=1 trains by itself only below this estimate
FLOPS_PER_MAC_TRAINING = 6  # forward 2, backward 4
EVAL_SECONDS = 1.0
# The forward and backward pass of a batch of 1024 at width 384: 22 ms in float32, 8.4 ms under bfloat16 autocast on
# this project's AMD EPYC (avx512_bf16; docs/research-two-layer.md, run 28)
BF16_SPEEDUP = 2.6
# torch.linalg.eigh of a k × k symmetric matrix, one thread: about this × k³ seconds (measured 2026-12-03: 8.3 ms at
# k = 384 on a quiet core, 1.5e-10 k³ from k = 256 to 512; 12–17 ms under load, run 28)
EIGH_SECONDS_PER_CUBE = 2.0e-10


@dataclass(frozen=True)
class Rates:
    """How fast this machine trains, one thread: seconds per step beside the matmuls, and matmul FLOP/s."""

    step_overhead: float = 0.55e-3
    flops_per_second: float = 54e9


@dataclass(frozen=True)
class Estimate:
    """A run's estimated seconds, by part."""

    training: tuple[float, ...]  # per trained model, in run()'s order
    decoders: float
    evaluation: float

    @property
    def total(self) -> float:
        return sum(self.training) + self.decoders + self.evaluation


_measured: list[Rates] = []  # this process's calibration, once made


def current_rates() -> Rates:
    """This process's measured rates (calibrate), else the defaults."""
    return _measured[-1] if _measured else Rates()


def auto_run_seconds() -> float:
    """The auto-run budget: $SCALELAB_AUTORUN_SECONDS, else AUTO_RUN_SECONDS."""
    try:
        return float(os.environ.get(AUTO_RUN_ENV, AUTO_RUN_SECONDS))
    except ValueError:
        return AUTO_RUN_SECONDS


def trained_macs(cfg: Config) -> list[int]:
    """MACs per signal of every model that trains, in run()'s order: the depths, the biased depths, the normalised
    net, the unrolled."""
    m, n = cfg.m, cfg.signal_length
    out = [sizes.macs("trained", m, n, depth=d, width=cfg.width) for d in cfg.depths + cfg.biased]
    if cfg.normalised:
        out.append(sizes.macs("normalised", m, n, width=cfg.width))
    if cfg.unrolled and cfg.problem == "sparse":
        out.append(sizes.macs("unrolled", m, n, steps=cfg.unrolled))
    return out


def muon_seconds(cfg: Config, depth: int, rates: Rates, speedup: float) -> float:
    """Muon's own seconds a step for a net of `depth` hidden layers: per hidden matrix r × c (k its smaller side),
    the stale preconditioner's product (2·r·c·k FLOPs, in bfloat16 where native), and every REFRESH_EVERY steps the
    Gram (2·r·c·k FLOPs, float32) and its eigh."""
    shapes = [(cfg.width, cfg.m)] + [(cfg.width, cfg.width)] * (depth - 1)
    seconds = 0.0
    for r, c in shapes:
        k = min(r, c)
        flops = 2 * r * c * k
        seconds += flops / (rates.flops_per_second * speedup)
        seconds += (flops / rates.flops_per_second + EIGH_SECONDS_PER_CUBE * k**3) / muon.REFRESH_EVERY
    return seconds


def bp_seconds(n: int) -> float:
    """Basis pursuit for one signal at n unknowns (m = n/2), by the batched ADMM the Lab runs, 100 signals a call
    (measured 2026-12-03: 0.031 ms at n = 32, 0.051 at 64, 0.39 at 128, 3.1 at 256; its per-iteration work grows
    as n³ once the batch's matrix products stop fitting in cache)."""
    return 2e-5 + 1.8e-10 * n**3


def estimate(cfg: Config, rates: Rates | None = None) -> Estimate:
    """The estimated seconds of run(cfg) on one thread, by part (at this process's rates unless given)."""
    rates = rates or current_rates()
    training, left = [], RUN_SECONDS_CAP
    mlps = len(cfg.depths) + len(cfg.biased)  # trained by cfg.optimizer; the extra kinds by Adam (run.py)
    for k, macs in enumerate(trained_macs(cfg)):
        with_muon = cfg.optimizer == "muon" and k < mlps
        speedup = BF16_SPEEDUP if with_muon and muon.native_bf16() else 1.0
        per_step = rates.step_overhead + FLOPS_PER_MAC_TRAINING * cfg.batch * macs / (rates.flops_per_second * speedup)
        if with_muon:
            per_step += muon_seconds(cfg, (cfg.depths + cfg.biased)[k], rates, speedup)
        seconds = min(cfg.steps * per_step, cfg.max_seconds, left)
        training.append(seconds)
        left -= seconds
    signals = BASELINE_SIGNALS * len(TEST_SCALES)
    decoders = signals * bp_seconds(cfg.signal_length) if "bp" in cfg.baselines and cfg.problem == "sparse" else 0.0
    return Estimate(tuple(training), decoders, EVAL_SECONDS)


def calibrate(steps: int = 20) -> Rates:
    """Measure the two rates here, one thread: seconds per step of a small net (overhead) and of a large one; later
    estimates in this process use them."""
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        small, large = (Config(depths=(1,), width=16, steps=steps), Config(depths=(2,), width=512, steps=steps))
        seconds = [_seconds_per_step(cfg) for cfg in (small, large)]
    finally:
        torch.set_num_threads(previous)
    flops = [FLOPS_PER_MAC_TRAINING * cfg.batch * trained_macs(cfg)[0] for cfg in (small, large)]
    rate = (flops[1] - flops[0]) / max(seconds[1] - seconds[0], 1e-9)
    return adopt(Rates(step_overhead=max(seconds[0] - flops[0] / rate, 1e-5), flops_per_second=rate))


def adopt(rates: Rates) -> Rates:
    """Use rates measured elsewhere (a training process's calibrate) for this process's later estimates."""
    _measured.append(rates)
    return rates


def _seconds_per_step(cfg: Config, repeats: int = 2) -> float:
    """Seconds per training step of cfg's one model, the best of `repeats` (a busy moment on a shared machine would
    make every later estimate too high); a first step, with its set-up, not counted."""
    problem = make_problem(cfg)
    train_model(replace(cfg, steps=1), problem, cfg.depths[0])
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        train_model(cfg, problem, cfg.depths[0])
        best = min(best, (time.perf_counter() - start) / cfg.steps)
    return best
