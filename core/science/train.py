"""How a network is trained: one loop (fit) for every caller; fresh signals every step, a loss that weighs every scale
alike for sparse recovery (train)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import torch

from core.i18n import Note, note
from core.science.problems import SparseProblem, log_uniform

# callback(step, loss, elapsed_seconds) → None; may raise to stop the run (e.g. a closed page).
ProgressCallback = Callable[[int, float, float], None]


class Reconstructor(Protocol):
    def __call__(self, y: torch.Tensor) -> torch.Tensor: ...


class BatchSource(Protocol):
    """One training batch, drawn from the generator it is given: (inputs the model reads, targets it should give)."""

    def __call__(self, rng: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]: ...


# loss_fn(model's output, targets) → a scalar tensor to minimise
LossFunction = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]


@dataclass
class TrainLog:
    """What happened during training; `status` is "ok", "time_budget" or "diverged"."""

    steps_done: int = 0
    seconds: float = 0.0
    status: str = "ok"
    note: Note | None = None  # why it stopped early, for a page to word (core.i18n.notes)
    losses: list[float] = field(default_factory=list)


def relative_squared_error(x_hat: torch.Tensor, x: torch.Tensor, problem: SparseProblem) -> torch.Tensor:
    """Mean of ‖x̂ − x‖² / ‖x‖² (up to sign for phase retrieval): every signal counts alike, whatever its scale."""
    return problem.sq_rel_errors(x_hat, x).mean()


def train(
    model: torch.nn.Module,
    problem: SparseProblem,
    *,
    steps: int,
    batch: int,
    lr: float,
    train_scales: tuple[float, float],
    max_seconds: float,
    rng: torch.Generator,
    on_step: ProgressCallback | None = None,
) -> TrainLog:
    """Sparse recovery: fit() on fresh signals x (batch, n) at log-uniform scales each step, measured as
    y = x @ A.T (+ noise) (batch, m), against the relative squared error."""

    def sample(step_rng: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
        # this draw order (supports and amplitudes, scales, noise) is what the recorded runs' numbers rest on
        x = problem.unit_signals(batch, rng=step_rng) * log_uniform(batch, *train_scales, rng=step_rng)
        return problem.measure(x, rng=step_rng), x

    def loss(x_hat: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        return relative_squared_error(x_hat, x, problem)  # looked up per call, so a test can swap it

    return fit(model, sample, loss, steps=steps, lr=lr, max_seconds=max_seconds, rng=rng, on_step=on_step)


def fit(
    model: torch.nn.Module,
    sample: BatchSource,
    loss_fn: LossFunction,
    *,
    steps: int,
    lr: float,
    max_seconds: float,
    rng: torch.Generator,
    on_step: ProgressCallback | None = None,
    fused: bool = True,
) -> TrainLog:
    """Adam on a fresh batch `sample(rng)` each step, learning rate decayed by a cosine to 1 % of `lr`; stops at
    `steps`, at `max_seconds`, or at the first non-finite loss (weights restored to the last good step).

    fused: Adam in one kernel per step instead of a dozen small ops per tensor (measured ~1.0 → 0.2 ms a step at
    width 256); the same arithmetic up to float rounding, so a caller whose numbers were recorded unfused keeps it off.
    """
    opt = torch.optim.Adam(model.parameters(), lr=lr, fused=fused)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=steps, eta_min=lr * 0.01)
    adam_step = _FusedAdam(opt) if fused else opt.step
    params = [p for group in opt.param_groups for p in group["params"]]
    log = TrainLog()
    good_state, good_step = _snapshot(model), 0
    start = time.perf_counter()
    for step in range(1, steps + 1):
        inputs, targets = sample(rng)
        loss = loss_fn(model(inputs), targets)
        value = loss.item()
        if not math.isfinite(value):
            model.load_state_dict(good_state)
            log.status = "diverged"
            log.note = note("note.diverged", step=step, good_step=good_step)
            break
        if step % 50 == 1:  # weights that just gave a finite loss: the fallback if a later step diverges
            good_state, good_step = _snapshot(model), step
        for param in params:
            param.grad = None  # zero_grad(set_to_none=True) without its per-call bookkeeping
        loss.backward()
        adam_step()
        sched.step()
        log.steps_done = step
        log.losses.append(value)
        log.seconds = time.perf_counter() - start
        if on_step is not None:
            on_step(step, value, log.seconds)
        if log.seconds > max_seconds:
            if step < steps:
                log.status = "time_budget"
                log.note = note("note.time_budget", seconds=max_seconds, steps=step)
            break
    log.seconds = time.perf_counter() - start
    return log


class _FusedAdam:
    """opt.step() of a fused torch Adam, as its one kernel call: the same state and arithmetic (the same numbers,
    tested), without the per-call bookkeeping around it (hooks, checks, grouping: ~0.25 ms a step, measured, on a
    step of ~3 ms at the Lab's defaults). Reads the learning rate the scheduler writes into the param group."""

    def __init__(self, opt: torch.optim.Adam) -> None:
        (self.group,) = opt.param_groups
        if self.group["amsgrad"] or self.group["maximize"] or self.group["weight_decay"] or not self.group["fused"]:
            raise ValueError("only plain fused Adam takes this path")
        self.params = self.group["params"]
        for p in self.params:  # Adam's own state, as Adam._init_group makes it for the fused kernel
            opt.state[p] = {"step": torch.zeros((), dtype=torch.float32), "exp_avg": torch.zeros_like(p),
                            "exp_avg_sq": torch.zeros_like(p)}  # fmt: skip
        state = [opt.state[p] for p in self.params]
        self.steps = [s["step"] for s in state]
        self.exp_avgs = [s["exp_avg"] for s in state]
        self.exp_avg_sqs = [s["exp_avg_sq"] for s in state]
        opt._opt_called = True  # the scheduler checks that the optimizer stepped before it (it does, here)

    def __call__(self) -> None:
        beta1, beta2 = self.group["betas"]
        torch._foreach_add_(self.steps, 1)
        torch._fused_adam_(self.params, [p.grad for p in self.params], self.exp_avgs, self.exp_avg_sqs, [],
                           self.steps, amsgrad=False, lr=self.group["lr"], beta1=beta1, beta2=beta2, weight_decay=0.0,
                           eps=self.group["eps"], maximize=False, grad_scale=None, found_inf=None)  # fmt: skip


def _snapshot(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    """A detached copy of the weights."""
    return {k: v.detach().clone() for k, v in model.state_dict().items()}
