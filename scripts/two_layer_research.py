"""Train one bias-free two-hidden-layer ReLU MLP on sparse recovery and print its error against steps and seconds.

The research script behind docs/research-two-layer.md: one recipe per call, seeds explicit, one thread. The problem,
the sensing matrix (seed stream 0, as `core run` draws it) and the error are the project's own
(core.science.problems, core.science.evaluate). The test set is 2000 fresh unit signals with signed Gaussian
amplitudes from their own generator; the clock stops while the net is evaluated.

    PYTHONPATH=. nice -n 10 python scripts/two_layer_research.py --seed 0 --width 512 --init a --lr 2e-3 \
        --steps 6000 --max-seconds 60
"""

from __future__ import annotations

import argparse
import math
import time

import torch

from core.experiments.run import rng_for
from core.science import evaluate
from core.science.handbuilt import _ratios, hand_built_net, start_from_hand_built
from core.science.models import MLP, init_weights
from core.science.muon import Muon
from core.science.problems import SparseProblem, sensing_matrix

TEST_SIGNALS = 2000


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=64)
    p.add_argument("--m", type=int, default=32)
    p.add_argument("--s", type=int, default=2)
    p.add_argument("--seed", type=int, default=0, help="matrix, init and training draws (as core run's seed)")
    p.add_argument("--width", type=int, default=256)
    p.add_argument("--width2", type=int, default=0, help="second hidden layer's width, if not --width")
    p.add_argument(
        "--init",
        choices=("he", "a", "firm"),
        default="a",
        help="random (He), the hand-built net from A, or its firm-threshold variant (two thresholds)",
    )
    p.add_argument("--firm", type=float, default=0.4, help="firm: t2 = t1 + FIRM·(U − t1), t1 = L (handbuilt.py)")
    p.add_argument("--lr", type=float, default=5e-3)
    p.add_argument("--lr-end", type=float, default=0.01, help="final lr as a fraction of --lr (cosine)")
    p.add_argument("--warmup", type=int, default=0, help="linear warm-up steps")
    p.add_argument("--clock", action="store_true", help="run the cosine over --max-seconds, not over --steps")
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--batch-end", type=int, default=0, help="if set, batch grows geometrically to this")
    p.add_argument("--steps", type=int, default=5000, help="the cosine's length; training stops here")
    p.add_argument("--max-seconds", type=float, default=60.0)
    p.add_argument(
        "--optim",
        choices=("adam", "adamw", "muon"),
        default="adam",
        help="muon: the hidden layers' updates orthogonalised (Muon), the output layer by Adam",
    )
    p.add_argument("--muon-lr", type=float, default=0.02, help="muon: the hidden layers' peak learning rate")
    p.add_argument("--muon-momentum", type=float, default=0.95)
    p.add_argument("--muon-ns", type=int, default=5, help="muon: Newton–Schulz steps per update")
    p.add_argument(
        "--muon-every",
        type=int,
        default=1,
        help="muon: the polar map refreshed every K steps (one eigh of the small Gram), reused as a stale "
        "one-sided preconditioner in between",
    )
    p.add_argument(
        "--muon-cap",
        type=float,
        default=0.0,
        help="muon-every: cap a stale update's Frobenius norm at X times the refresh step's (0: no cap; a stale P "
        "can amplify a new direction by up to 3.4445^ns)",
    )
    p.add_argument("--ns-bf16", action="store_true", help="muon: the Newton–Schulz products in bfloat16")
    p.add_argument("--bf16", action="store_true", help="the training forward and backward under bfloat16 autocast")
    p.add_argument("--beta2", type=float, default=0.999)
    p.add_argument("--s-curriculum", type=float, default=0.0, help="first fraction of steps mixes s=1 signals in")
    p.add_argument("--loss", choices=("rel", "rel_sqrt"), default="rel", help="mean e, or mean sqrt(e)")
    p.add_argument("--ls-every", type=int, default=0, help="every K steps set the output layer by least squares")
    p.add_argument("--ls-samples", type=int, default=8192, help="fresh signals for each least-squares solve")
    p.add_argument(
        "--lbfgs-seconds",
        type=float,
        default=0.0,
        help="the last this many seconds: L-BFGS on one fixed batch of --lbfgs-samples signals",
    )
    p.add_argument("--lbfgs-samples", type=int, default=16384)
    p.add_argument("--save", default="", help="write the trained weights here (torch.save of the state dict)")
    p.add_argument("--evals", type=int, default=8, help="evaluations along the run")
    p.add_argument("--eval-every", type=float, default=0.0, help="also evaluate every this many training seconds")
    return p.parse_args(argv)


def lr_at(step: int, seconds: float, a: argparse.Namespace) -> float:
    if step < a.warmup:
        return a.lr * (step + 1) / a.warmup
    t = min(1.0, (step - a.warmup) / max(1, a.steps - a.warmup))
    if a.clock:  # the fraction of the time budget used: the cosine always ends inside the budget, whatever the load
        t = min(1.0, seconds / a.max_seconds)
    return a.lr * (a.lr_end + (1 - a.lr_end) * 0.5 * (1 + math.cos(math.pi * t)))


def batch_at(step: int, seconds: float, a: argparse.Namespace) -> int:
    if not a.batch_end:
        return a.batch
    t = min(1.0, seconds / a.max_seconds) if a.clock else step / a.steps  # over the clock too, with --clock
    return round(a.batch * (a.batch_end / a.batch) ** t)


@torch.no_grad()
def start_from_hand_built_widths(model: MLP, A: torch.Tensor) -> None:
    """start_from_hand_built for any widths ≥ (2m, 2n): the hand-built blocks top-left, extra units silent."""
    if model.linears()[1].weight.shape[0] == model.linears()[0].weight.shape[0]:
        start_from_hand_built(model, A)
        return
    built = hand_built_net(A)
    for k, (layer, source) in enumerate(zip(model.linears(), (built[0], built[2], built[4]))):
        rows, cols = source.weight.shape
        layer.weight.mul_(0.1)
        layer.weight[:rows, :cols] = source.weight
        if k > 0:
            layer.weight[:, cols:] = 0.0


@torch.no_grad()
def solve_output_layer(model: MLP, problem: SparseProblem, samples: int, rng: torch.Generator) -> None:
    """The output layer W3 (n, width2) that minimises Σ‖W3·h − x‖² over fresh unit signals (a ridge of 1e-6)."""
    x = problem.unit_signals(samples, rng=rng)  # (samples, n), ‖x‖ = 1: squared error = relative squared error
    h = model.net[:4](problem.clean(x)).double()  # (samples, width2): the second hidden layer
    gram = h.T @ h + 1e-6 * samples * torch.eye(h.shape[1], dtype=torch.float64)
    w3 = torch.linalg.solve(gram, h.T @ x.double())  # (width2, n)
    model.net[4].weight.copy_(w3.T)


@torch.no_grad()
def start_from_firm_threshold(model: MLP, A: torch.Tensor, fraction: float) -> None:
    """Like the hand-built net, but each unknown gets two thresholds t1 < t2 (relative to ‖y‖₁) and the output
    α·soft(z, t1) − β·soft(z, t2) with α − β = 1, α·t1 = β·t2: zero below t1, a ramp, then z itself above t2 (no
    shrinkage). Exact at s = 1 for t1 = L_j < t2 < U_j; needs width ≥ 2m in layer 1 and ≥ 4n in layer 2."""
    m, n = A.shape
    A64 = A.double()
    lower, _, upper = _ratios(A64)
    t1 = lower
    t2 = lower + fraction * (upper - lower)
    alpha, beta = t2 / (t2 - t1), t1 / (t2 - t1)
    eye = torch.eye(m, dtype=torch.float64)
    proj = (A64 / A64.pow(2).sum(dim=0)).T @ torch.cat([eye, -eye], dim=1)  # (n, 2m): z_j from h
    ones = torch.ones(n, 2 * m, dtype=torch.float64)
    w1 = torch.cat([eye, -eye])  # (2m, m)
    w2 = torch.cat([proj - t1[:, None] * ones, -proj - t1[:, None] * ones,
                    proj - t2[:, None] * ones, -proj - t2[:, None] * ones])  # (4n, 2m)  # fmt: skip
    w3 = torch.cat([torch.diag(alpha), -torch.diag(alpha), -torch.diag(beta), torch.diag(beta)], dim=1)  # (n, 4n)
    for k, (layer, w) in enumerate(zip(model.linears(), (w1, w2, w3))):
        rows, cols = w.shape
        layer.weight.mul_(0.1)
        layer.weight[:rows, :cols] = w.to(layer.weight.dtype)
        if k > 0:
            layer.weight[:, cols:] = 0.0


def make_optimisers(model: MLP, a: argparse.Namespace) -> list:
    """Adam (or AdamW) on every layer; with --optim muon, Muon on the two hidden layers and Adam on the output.

    Muon is core's (core.science.muon, the same arithmetic as this script's own copy of runs 25–36, so their numbers
    stand); its rate follows the schedule of lr_at scaled by --muon-lr / --lr."""
    if a.optim != "muon":
        kind = torch.optim.AdamW if a.optim == "adamw" else torch.optim.Adam
        return [kind(model.parameters(), lr=a.lr, betas=(0.9, a.beta2), fused=True)]
    hidden = [layer.weight for layer in model.linears()[:2]]
    output = model.linears()[2].weight
    muon = Muon(hidden, a.muon_lr, momentum=a.muon_momentum, ns=a.muon_ns, every=a.muon_every, cap=a.muon_cap,
                bf16=a.ns_bf16)  # fmt: skip
    muon.param_groups[0]["scale"] = a.muon_lr / a.lr
    return [muon, torch.optim.Adam([output], lr=a.lr, betas=(0.9, a.beta2), fused=True)]


def lbfgs_phase(
    model: MLP,
    problem: SparseProblem,
    a: argparse.Namespace,
    rng: torch.Generator,
    seconds: float,
    x_test: torch.Tensor,
    y_test: torch.Tensor,
) -> float:
    """L-BFGS (strong Wolfe line search) on one fixed batch until --max-seconds + --lbfgs-seconds; returns seconds."""
    x = problem.unit_signals(a.lbfgs_samples, rng=rng)  # (samples, n)
    y = problem.clean(x)
    opt = torch.optim.LBFGS(model.parameters(), lr=1.0, max_iter=20, history_size=20, line_search_fn="strong_wolfe")

    def closure() -> torch.Tensor:
        opt.zero_grad(set_to_none=True)
        loss = problem.sq_rel_errors(model(y), x).mean()
        loss.backward()
        return loss

    while seconds < a.max_seconds + a.lbfgs_seconds:
        start = time.perf_counter()
        opt.step(closure)
        seconds += time.perf_counter() - start
        rms = evaluate.rms_relative_error(model, problem, x_test, y_test)
        print(f"{'lbfgs':>6} {seconds:>8.1f} {rms:>7.4f}", flush=True)
    return seconds


def train_recipe(
    a: argparse.Namespace, *, eval_seconds: tuple[float, ...] = (), quiet: bool = False
) -> list[tuple[int, float, float]]:
    """Train one recipe; returns (step, training seconds, rms) at the step marks, every --eval-every seconds, at
    each of eval_seconds (training clock) and at the end; prints them as they come unless quiet."""
    torch.set_num_threads(1)
    A = sensing_matrix(a.m, a.n, rng=rng_for(a.seed, 0))  # (m, n), as core run draws it
    problem = SparseProblem(A=A, s=a.s)
    easy = SparseProblem(A=A, s=1)
    rng = rng_for(a.seed, 12)  # core run's stream for depth 2
    x_test, y_test = test_set(problem, a.seed)

    model = MLP(a.m, a.n, depth=2, width=a.width)
    if a.width2:  # the same bias-free layers, the second hidden layer a different width
        model.net[2] = torch.nn.Linear(a.width, a.width2, bias=False)
        model.net[4] = torch.nn.Linear(a.width2, a.n, bias=False)
    init_weights(model, rng=rng)
    if a.init == "a":
        start_from_hand_built_widths(model, A)
    elif a.init == "firm":
        start_from_firm_threshold(model, A, a.firm)
    opts = make_optimisers(model, a)
    marks = {round(a.steps * k / a.evals) for k in range(1, a.evals + 1)}
    due = sorted(eval_seconds)
    if a.eval_every:
        due = sorted(set(due) | {a.eval_every * k for k in range(1, int(a.max_seconds / a.eval_every) + 1)})
    curve: list[tuple[int, float, float]] = []

    def record(step: int, seconds: float) -> None:
        rms = evaluate.rms_relative_error(model, problem, x_test, y_test)
        curve.append((step, seconds, rms))
        if not quiet:
            print(f"{step:>6} {seconds:>8.1f} {rms:>7.4f}", flush=True)

    if not quiet:
        print(f"# {vars(a)}")
        print(f"{'step':>6} {'seconds':>8} {'rms':>7}")
    record(0, 0.0)
    seconds, step = 0.0, 0
    while step < a.steps:
        start = time.perf_counter()
        for opt in opts:
            for group in opt.param_groups:
                group["lr"] = lr_at(step, seconds, a) * group.get("scale", 1.0)
        b = batch_at(step, seconds, a)
        mix = a.s_curriculum and step < a.s_curriculum * a.steps
        x = problem.unit_signals(b, rng=rng)
        if mix:  # half the batch 1-sparse
            x[: b // 2] = easy.unit_signals(b // 2, rng=rng)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=a.bf16):
            x_hat = model(problem.clean(x))
        e = problem.sq_rel_errors(x_hat.float(), x)
        loss = e.mean() if a.loss == "rel" else (e + 1e-8).sqrt().mean()
        model.zero_grad(set_to_none=True)
        loss.backward()
        for opt in opts:
            opt.step()
        step += 1
        if a.ls_every and (step % a.ls_every == 0 or step == a.steps):
            solve_output_layer(model, problem, a.ls_samples, rng)
        seconds += time.perf_counter() - start
        crossed = bool(due) and seconds >= due[0]
        while due and seconds >= due[0]:
            due.pop(0)
        if step in marks or crossed or seconds > a.max_seconds:
            record(step, seconds)
            if seconds > a.max_seconds:
                break
    if not quiet:
        print(f"# {step} steps in {seconds:.1f} s: {1e3 * seconds / max(1, step):.1f} ms/step")
    if a.lbfgs_seconds:
        seconds = lbfgs_phase(model, problem, a, rng, seconds, x_test, y_test)
    if not quiet:
        by_scale = evaluate.error_by_scale(model, problem, x_test, rng=torch.Generator().manual_seed(1))
        print("# by scale: " + " ".join(f"{k}:{v:.4f}" for k, v in by_scale.items()))
        print(f"# homogeneity: {evaluate.homogeneity_error(model, y_test[:256]):.2e}")
    if a.save:
        torch.save(model.state_dict(), a.save)
    return curve


def test_set(problem: SparseProblem, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The log's test set: TEST_SIGNALS fresh unit signals from their own generator (10000 + seed), and their y."""
    x = problem.unit_signals(TEST_SIGNALS, rng=torch.Generator().manual_seed(10_000 + seed))
    return x, problem.clean(x)


def main() -> None:
    train_recipe(parse())


if __name__ == "__main__":
    main()
