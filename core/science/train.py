"""How a network is trained: one loop (fit) for every caller; fresh signals every step, a loss that weighs every scale
alike for sparse recovery (train)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

import torch

from core.i18n import Note, note
from core.science import muon
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
    optimizer: str = "adam",
) -> TrainLog:
    """Sparse recovery: fit() on fresh signals x (batch, n) at log-uniform scales each step, measured as
    y = x @ A.T (+ noise) (batch, m), against the relative squared error."""

    def sample(step_rng: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
        # this draw order (supports and amplitudes, scales, noise) is what the recorded runs' numbers rest on
        x = problem.unit_signals(batch, rng=step_rng) * log_uniform(batch, *train_scales, rng=step_rng)
        return problem.measure(x, rng=step_rng), x

    def loss(x_hat: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        return relative_squared_error(x_hat, x, problem)  # looked up per call, so a test can swap it

    return fit(model, sample, loss, steps=steps, lr=lr, max_seconds=max_seconds, rng=rng, on_step=on_step,
               optimizer=optimizer)  # fmt: skip


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
    optimizer: str = "adam",
) -> TrainLog:
    """Adam on a fresh batch `sample(rng)` each step, learning rate decayed by a cosine to 1 % of `lr`; stops at
    `steps`, at `max_seconds`, or at the first non-finite loss (weights restored to the last good step).

    fused: Adam in one kernel per step instead of a dozen small ops per tensor (measured ~1.0 → 0.2 ms a step at
    width 256); the same arithmetic up to float rounding, so a caller whose numbers were recorded unfused keeps it off.
    optimizer "muon": the recipe of core.science.muon instead — Muon (peak rate muon.MUON_LR) on the weights of every
    linear layer but the last, Adam (peak `lr`) on the rest, both warmed up then cosine-decayed over `steps`, the
    forward and backward pass in bfloat16 where the CPU has it natively (else float32, and the log's note says so).
    """
    params = list(model.parameters())
    bf16 = False
    if optimizer == "muon":
        bf16 = muon.native_bf16()
        hidden = hidden_matrices(model)
        rest = [p for p in params if all(p is not h for h in hidden)]
        optimisers: list[_Adam | muon.Muon | torch.optim.Adam] = [muon.Muon(hidden, muon.MUON_LR, bf16=bf16)]
        optimisers.append(_Adam(rest, lr))
        peaks = (muon.MUON_LR, lr)
        rates: Iterator[tuple[float, ...]] = (
            tuple(muon.warmup_cosine(k, peak, steps) for peak in peaks) for k in range(steps)
        )
    elif fused:
        optimisers = [_Adam(params, lr)]
        rates = ((rate,) for rate in cosine_rates(lr, steps, lr * 0.01))
    else:  # torch's own per-tensor Adam; it imports torch's compiler on construction (~1.1 s once per process)
        optimisers = [torch.optim.Adam(params, lr=lr)]
        rates = ((rate,) for rate in cosine_rates(lr, steps, lr * 0.01))
    log = TrainLog()
    good_state, good_step = _snapshot(model), 0
    start = time.perf_counter()
    for step in range(1, steps + 1):
        inputs, targets = sample(rng)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):  # the weights and the loss stay float32
            outputs = model(inputs)
        loss = loss_fn(outputs.float(), targets)
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
        for opt, rate in zip(optimisers, next(rates), strict=True):
            opt.param_groups[0]["lr"] = rate
            opt.step()
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
    if optimizer == "muon" and not bf16 and log.status != "diverged":  # say why this run's steps were slower
        key, values = ("note.float32", {}) if log.note is None else ("note.time_budget_float32", log.note.values)
        log.note = note(key, **values)
    return log


def hidden_matrices(model: torch.nn.Module) -> list[torch.Tensor]:
    """The weight matrices of every linear layer but the last (in module order): the hidden layers Muon trains."""
    linears = [layer for layer in model.modules() if isinstance(layer, torch.nn.Linear)]
    return [layer.weight for layer in linears[:-1]]


def cosine_rates(lr: float, steps: int, lr_end: float) -> Iterator[float]:
    """The learning rate of each step, 1 … steps: a cosine from lr down to lr_end, with the very floats of torch's
    CosineAnnealingLR (its step-by-step recurrence, tested), so numbers recorded with that scheduler stand."""
    rate = lr
    yield rate
    for epoch in range(1, steps):
        rate = (1 + math.cos(math.pi * epoch / steps)) / (1 + math.cos(math.pi * (epoch - 1) / steps)) * (
            rate - lr_end
        ) + lr_end
        yield rate


class _Adam:
    """torch's fused Adam as its one kernel call, with its own state: the same arithmetic as
    torch.optim.Adam(fused=True).step() (the same numbers, tested) without its per-call bookkeeping (~0.25 ms a
    step, measured, on a step of ~3 ms at the Lab's defaults), and without constructing torch.optim.Adam, which
    imports torch's compiler (~1.1 s of CPU in every fresh training process, measured)."""

    def __init__(self, params: list[torch.Tensor], lr: float, betas: tuple[float, float] = (0.9, 0.999)) -> None:
        self.params = params
        self.param_groups = [{"lr": lr}]  # the loop writes each step's rate here, as it would into torch's Adam
        self.betas, self.eps = betas, 1e-8
        self.steps = [torch.zeros((), dtype=torch.float32) for _ in params]
        self.exp_avgs = [torch.zeros_like(p) for p in params]
        self.exp_avg_sqs = [torch.zeros_like(p) for p in params]

    def step(self) -> None:
        """One Adam step on the gradients the last backward() left."""
        beta1, beta2 = self.betas
        torch._foreach_add_(self.steps, 1)
        torch._fused_adam_(self.params, [p.grad for p in self.params], self.exp_avgs, self.exp_avg_sqs, [],
                           self.steps, amsgrad=False, lr=self.param_groups[0]["lr"], beta1=beta1, beta2=beta2,
                           weight_decay=0.0, eps=self.eps, maximize=False, grad_scale=None, found_inf=None)  # fmt: skip


def _snapshot(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    """A detached copy of the weights."""
    return {k: v.detach().clone() for k, v in model.state_dict().items()}
