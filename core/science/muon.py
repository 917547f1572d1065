"""The recipe that trains a plain two-hidden-layer net at s ≥ 2 (docs/research-two-layer.md, run 36): Muon on the
hidden layers with a stale one-sided polar preconditioner and bfloat16 products, Adam on the rest, a linear warm-up
then a cosine over a fixed number of steps.

Muon (Jordan et al. 2024) replaces each hidden weight matrix's Nesterov momentum G by its orthogonal polar factor
U·Vᵀ, computed by a quintic Newton–Schulz iteration. Here the polar map is computed every REFRESH_EVERY steps as a
one-sided preconditioner P with (G/‖G‖)·P equal to the Newton–Schulz result (one `eigh` of G's small Gram), and the
steps in between apply that stale P to the new G, their update's norm capped at STALE_CAP times the refresh step's.
Only the optimiser changes: the net stays bias-free and positively homogeneous.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

import torch

NS_COEFFS = (3.4445, -4.7750, 2.0315)  # Muon's quintic: fast growth of small singular values, ends in ~0.7–1.2
NS_STEPS = 5
MUON_LR = 0.04  # the hidden layers' peak rate (runs 32–36); the output layer's Adam rate is the Config's lr
MOMENTUM = 0.95
REFRESH_EVERY = 6  # the polar preconditioner recomputed every this many steps (run 35)
STALE_CAP = 3.0  # a stale update's Frobenius norm at most this × the refresh step's (runs 33, 35)
WARMUP_STEPS = 300  # linear warm-up, then the cosine (run 32: tames an early spike)
LR_END = 0.01  # the cosine ends at this fraction of the peak rate


@functools.cache
def native_bf16() -> bool:
    """Whether this CPU multiplies bfloat16 matrices natively (x86 avx512_bf16 or AMX): then the recipe's products
    run in bfloat16, else in float32 (the same recipe, about twice as slow a step: docs/research-two-layer.md, run 28).
    """
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:  # not Linux: no way to tell cheaply, so the safe choice
        return False
    flags = next((line.split(":", 1)[1].split() for line in text.splitlines() if line.startswith("flags")), [])
    return "avx512_bf16" in flags or "amx_bf16" in flags


def warmup_cosine(step: int, peak: float, steps: int, warmup: int = WARMUP_STEPS, end: float = LR_END) -> float:
    """The rate of step 0 … steps − 1: linear from peak/warmup up to peak, then a cosine down to end·peak at `steps`."""
    if step < warmup:
        return peak * (step + 1) / warmup
    t = min(1.0, (step - warmup) / max(1, steps - warmup))
    return peak * (end + (1 - end) * 0.5 * (1 + math.cos(math.pi * t)))


class Muon:
    """Nesterov momentum whose update of each weight matrix is its polar factor U·Vᵀ (`ns` Newton–Schulz steps), or
    with every = K > 1 a one-sided preconditioner P computed every K-th step and applied, stale, in between (one
    product a step instead of fifteen); a plain class like core.science.train._Adam, not a torch.optim.Optimizer."""

    def __init__(
        self,
        params: list[torch.Tensor],
        lr: float,
        *,
        momentum: float = MOMENTUM,
        ns: int = NS_STEPS,
        every: int = REFRESH_EVERY,
        cap: float = STALE_CAP,
        bf16: bool = False,
    ) -> None:
        self.params = params
        self.param_groups = [{"lr": lr}]  # the loop writes each step's rate here, as into _Adam
        self.momentum, self.ns, self.every, self.cap, self.bf16 = momentum, ns, every, cap, bf16
        self.buffers = [torch.zeros_like(p) for p in params]
        self.preconds: list[torch.Tensor | None] = [None] * len(params)
        self.norms = [torch.zeros(()) for _ in params]
        self.count = 0

    @torch.no_grad()
    def step(self) -> None:
        """One update of every matrix from the gradients the last backward() left."""
        lr, k = self.param_groups[0]["lr"], self.count
        self.count += 1
        for i, (w, buf) in enumerate(zip(self.params, self.buffers)):
            buf.mul_(self.momentum).add_(w.grad)
            g = w.grad.add(buf, alpha=self.momentum)
            if self.every == 1:
                update = orthogonalise(g.bfloat16() if self.bf16 else g, self.ns).to(w.dtype)
            else:
                if k % self.every == 0:
                    self.preconds[i] = polar_preconditioner(g, self.ns)
                precond = self.preconds[i]
                assert precond is not None  # set at step 0
                update = apply_preconditioner(g, precond, self.bf16)
                if self.cap:  # no stale update more than cap× the fresh polar factor it stands in for
                    norm = update.norm()
                    if k % self.every == 0:
                        self.norms[i] = norm
                    update.mul_(torch.clamp(self.cap * self.norms[i] / (norm + 1e-12), max=1.0))
            # unit spectral norm per update, scaled so a tall matrix's RMS step matches a square one's
            w.add_(update, alpha=-lr * max(1.0, w.shape[0] / w.shape[1]) ** 0.5)


def orthogonalise(g: torch.Tensor, steps: int = NS_STEPS) -> torch.Tensor:
    """≈ U·Vᵀ of g = U·S·Vᵀ by the quintic Newton–Schulz iteration of Muon (singular values pushed to ~0.7–1.2)."""
    a, b, c = NS_COEFFS
    x = g / (g.norm() + 1e-7)
    tall = x.shape[0] > x.shape[1]
    if tall:
        x = x.T
    for _ in range(steps):
        s = x @ x.T
        x = a * x + (b * s + c * s @ s) @ x
    return x.T if tall else x


def polar_preconditioner(g: torch.Tensor, steps: int = NS_STEPS) -> torch.Tensor:
    """P on g's smaller side with (g/‖g‖)·P (or P·(g/‖g‖) for a wide g) = the Newton–Schulz result, exactly: the
    iteration maps each singular value σ to φ(σ) (the quintic iterated), so P = V·diag(φ(σ)/σ)·Vᵀ from the Gram's
    eigenvectors V. One eigh of the (small) Gram: cheaper than the Newton–Schulz products, and reusable."""
    x = g / (g.norm() + 1e-7)
    gram = x.T @ x if x.shape[0] >= x.shape[1] else x @ x.T
    lam, vecs = torch.linalg.eigh(gram)
    sigma = lam.clamp_min(0.0).sqrt()
    phi = sigma.clone()
    a, b, c = NS_COEFFS
    for _ in range(steps):
        phi = a * phi + b * phi**3 + c * phi**5
    gain = torch.where(sigma > 1e-12, phi / sigma.clamp_min(1e-12), torch.full_like(sigma, a**steps))
    return ((vecs * gain) @ vecs.T).to(g.dtype)


def apply_preconditioner(g: torch.Tensor, precond: torch.Tensor, bf16: bool) -> torch.Tensor:
    """(g/‖g‖)·P for a tall or square g, P·(g/‖g‖) for a wide one (P from polar_preconditioner, maybe stale)."""
    x = g / (g.norm() + 1e-7)
    if bf16:
        x, precond = x.bfloat16(), precond.bfloat16()
    out = x @ precond if g.shape[0] >= g.shape[1] else precond @ x
    return out.to(g.dtype)
