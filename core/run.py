"""One experiment end to end: Config in, plain results out (the CLI and the Lab both call this)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import torch

from . import evaluate
from .config import Config
from .model import MLP, count_params, init_weights
from .problem import SparseProblem, one_layer_floor, sensing_matrix
from .train import TrainLog, train

# One thread per job: these matmuls are small, 1 thread trains as fast as 2 on this machine (measured:
# 4.8 s vs 5.7 s for the default comparison), and it leaves a core for the web server, the browser and
# other sessions instead of oversubscribing them.
TRAIN_THREADS = 1
TEST_SIGNALS = 2000  # fresh test signals per evaluation: RMS sampling error well under 0.01
HOMOGENEITY_SIGNALS = 256
LOSS_POINTS = 400  # loss curve kept at most this many points, so results stay small

# progress(model_index, step, loss, elapsed_seconds)
RunProgress = Callable[[int, int, float, float], None]


@dataclass(frozen=True)
class ModelResult:
    """One trained network's numbers; error fields are None when training diverged at once."""

    depth: int
    width: int
    activation: str
    bias: bool
    params: int
    train_seconds: float
    steps_done: int
    status: str  # "ok", "time_budget" or "diverged"
    message: str
    rms_rel_error: float | None
    rms_rel_error_by_scale: dict[str, float] | None
    homogeneity_error: float | None
    loss_curve: tuple[tuple[int, float], ...]  # (step, loss), thinned to ≤ LOSS_POINTS
    example: dict[str, list[float]] | None  # test scale → x̂(λy)/λ for the example signal

    @property
    def label(self) -> str:
        layers = "hidden layer" if self.depth == 1 else "hidden layers"
        return f"{self.depth} {layers}" + (" (with bias)" if self.bias else "")


@dataclass(frozen=True)
class RunResult:
    """Everything one experiment produced, in plain values (cacheable, JSON-ready)."""

    config: Config
    one_layer_floor: float | None
    models: tuple[ModelResult, ...]
    example_true: list[float]  # the example signal x (n,), unit norm
    torch_threads: int

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON object (keys documented in the README)."""
        models = []
        for r in self.models:
            d = asdict(r)
            for key in ("loss_curve", "example"):
                d.pop(key)
            d["train_seconds"] = round(r.train_seconds, 3)
            models.append(d)
        return {
            "config": self.config.to_dict(),
            "one_layer_floor": self.one_layer_floor,
            "models": models,
        }


def rng_for(seed: int, stream: int) -> torch.Generator:
    """A generator for one purpose (matrix, test set, model k), so streams never share draws."""
    return torch.Generator().manual_seed(seed * 1_000_003 + stream)


def make_problem(cfg: Config) -> SparseProblem:
    """The problem a config describes; A depends only on (m, n, seed)."""
    A = sensing_matrix(cfg.m, cfg.n, rng=rng_for(cfg.seed, 0))
    return SparseProblem(A=A, s=cfg.s, signal=cfg.signal, noise=cfg.noise)


def run(cfg: Config, *, on_progress: RunProgress | None = None, threads: int = TRAIN_THREADS) -> RunResult:
    """Train one network per depth in `cfg.depths` and evaluate each on the same test signals."""
    previous = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        return _run(cfg, on_progress)
    finally:
        torch.set_num_threads(previous)


def _run(cfg: Config, on_progress: RunProgress | None) -> RunResult:
    """run() under the chosen thread count."""
    problem = make_problem(cfg)
    test_rng = rng_for(cfg.seed, 1)
    x_test = problem.unit_signals(TEST_SIGNALS, rng=test_rng)  # (TEST_SIGNALS, n)
    y_homog = problem.measure(x_test[:HOMOGENEITY_SIGNALS], rng=test_rng)
    models = []
    for k, depth in enumerate(cfg.depths):
        rng = rng_for(cfg.seed, 10 + depth)  # keyed on depth: a model's numbers don't depend on its neighbours
        model = MLP(cfg.m, cfg.n, depth=depth, width=cfg.width, activation=cfg.activation, bias=cfg.bias)
        init_weights(model, rng=rng)

        def on_step(step: int, loss: float, elapsed: float, k: int = k) -> None:
            if on_progress is not None:
                on_progress(k, step, loss, elapsed)

        log = train(
            model,
            problem,
            steps=cfg.steps,
            batch=cfg.batch,
            lr=cfg.lr,
            train_scales=cfg.train_scales,
            max_seconds=cfg.max_seconds,
            rng=rng,
            on_step=on_step,
        )
        models.append(_judge(model, problem, cfg, log, x_test, y_homog))
    floor = one_layer_floor(problem.A, signal=cfg.signal, bias=cfg.bias, activation=cfg.activation)
    return RunResult(
        config=cfg,
        one_layer_floor=floor,
        models=tuple(models),
        example_true=[round(v, 6) for v in x_test[0].tolist()],
        torch_threads=torch.get_num_threads(),
    )


def _judge(
    model: MLP, problem: SparseProblem, cfg: Config, log: TrainLog, x_test: torch.Tensor, y_homog: torch.Tensor
) -> ModelResult:
    """Evaluate a trained model; every model sees the same test signals and noise draws."""
    model.eval()
    eval_rng = rng_for(cfg.seed, 2)
    usable = log.steps_done > 0 or log.status != "diverged"
    return ModelResult(
        depth=model.depth,
        width=cfg.width,
        activation=cfg.activation,
        bias=cfg.bias,
        params=count_params(cfg.m, cfg.n, depth=model.depth, width=cfg.width, bias=cfg.bias),
        train_seconds=log.seconds,
        steps_done=log.steps_done,
        status=log.status,
        message=log.message,
        rms_rel_error=evaluate.overall_error(model, problem, x_test, cfg.train_scales, rng=eval_rng)
        if usable
        else None,
        rms_rel_error_by_scale=evaluate.error_by_scale(model, problem, x_test, rng=eval_rng) if usable else None,
        homogeneity_error=evaluate.homogeneity_error(model, y_homog) if usable else None,
        loss_curve=_thin(log.losses),
        example=evaluate.example_by_scale(model, problem, x_test[0]) if usable else None,
    )


def _thin(losses: list[float]) -> tuple[tuple[int, float], ...]:
    """Keep at most LOSS_POINTS (step, loss) pairs, evenly spaced, always the last."""
    every = max(1, -(-len(losses) // LOSS_POINTS))
    points = [(i + 1, v) for i, v in enumerate(losses) if i % every == 0]
    if losses and points[-1][0] != len(losses):
        points.append((len(losses), losses[-1]))
    return tuple(points)
