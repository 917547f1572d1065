"""One experiment end to end: Config in, plain results out (the CLI and the Lab both call this)."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

import torch

from core.config import RUN_SECONDS_CAP, Config
from core.experiments import baselines
from core.experiments.baselines import BASELINE_SIGNALS
from core.experiments.results import ModelResult, RunResult
from core.i18n import Note, note
from core.science import evaluate, sizes
from core.science.handbuilt import HandBuiltConditionError, hand_built_net, start_from_hand_built
from core.science.models import MLP, NormalisedMLP, init_weights, input_scale_for
from core.science.problems import LowRankProblem, PhaseProblem, SparseProblem, sensing_matrix
from core.science.speed import THROUGHPUT_BATCH, measure_throughput
from core.science.train import ProgressCallback, TrainLog, train
from core.science.unrolled import UnrolledISTA

# One thread per job: these matmuls are small, 1 thread trains as fast as 2 on this machine (measured:
# 4.8 s vs 5.7 s for the default comparison), and it leaves a core for the web server, the browser and
# other sessions instead of oversubscribing them.
TRAIN_THREADS = 1
TEST_SIGNALS = 2000  # fresh test signals per evaluation: RMS sampling error well under 0.01
HOMOGENEITY_SIGNALS = 256
THROUGHPUT_SIGNALS = THROUGHPUT_BATCH  # per timed reconstruction call (core.science.speed.measure_throughput)
LOSS_POINTS = 400  # loss curve kept at most this many points, so results stay small

# progress(k, step, loss, elapsed_seconds): k counts the models that train (the depths, then the biased depths, then the
# normalised net, then the unrolled net; the hand-built net trains nothing), so a page can keep one progress line each
NORMALISED_STREAM = 40  # the normalised net's own generator stream: free of 0-3, 10+depth (+100) and 50+steps
RunProgress = Callable[[int, int, float, float], None]


def rng_for(seed: int, stream: int) -> torch.Generator:
    """A generator for one purpose (matrix, test set, model k), so streams never share draws."""
    return torch.Generator().manual_seed(seed * 1_000_003 + stream)


def make_problem(cfg: Config, A: torch.Tensor | None = None) -> SparseProblem:
    """The problem a config describes; A depends only on (problem, m, signal length, seed) unless one is given
    (an engineer's own sensing matrix, shape (m, n) matching the config)."""
    if A is None:
        A = sensing_matrix(cfg.m, cfg.signal_length, rng=rng_for(cfg.seed, 0))  # (m, n) or (m, d²)
    elif tuple(A.shape) != (cfg.m, cfg.signal_length):
        raise ValueError(f"A has shape {tuple(A.shape)}, the config asks for ({cfg.m}, {cfg.signal_length})")
    if cfg.problem == "lowrank":
        return LowRankProblem(A=A, s=0, noise=cfg.noise, d=cfg.d, r=cfg.rank)
    kind = PhaseProblem if cfg.problem == "phase" else SparseProblem
    return kind(A=A, s=cfg.s, signal=cfg.signal, noise=cfg.noise)


def preview(cfg: Config) -> tuple[list[float], list[float]]:
    """The test signal a run's results show as their example (x_test[0], the same seeded draw) and its clean
    measurements y = A·x: what the networks will be asked to invert, before anything trains."""
    problem = make_problem(cfg)
    x = _test_signals(problem, cfg.seed)[0][:1]
    return [round(v, 6) for v in x[0].tolist()], [round(v, 6) for v in problem.clean(x)[0].tolist()]


def _test_signals(problem: SparseProblem, seed: int) -> tuple[torch.Tensor, torch.Generator]:
    """A run's test signals (TEST_SIGNALS, n) and their generator, which goes on to draw the homogeneity check's
    measurements: one draw for run() and preview()."""
    test_rng = rng_for(seed, 1)
    return problem.unit_signals(TEST_SIGNALS, rng=test_rng), test_rng


# A run's parts, in the order run() computes them and its results list them: "train:k" (the k-th training of the depths,
# then the biased depths), "hand" (the hand-built net), "normalised", "unrolled", "baselines" (the classical
# decoders). Each part draws only from its own generator streams, so any subset gives the numbers the whole run gives:
# two training processes can split one run (core.runtime.processes) and merge() puts it back together.
ModelDone = Callable[[str, ModelResult, RunResult], None]


def plan(cfg: Config) -> tuple[str, ...]:
    """The parts of run(cfg), in order."""
    trained = len(cfg.depths) + len(cfg.biased)
    parts = [f"train:{k}" for k in range(trained)]
    parts += ["hand"] * cfg.hand_built + ["normalised"] * cfg.normalised + ["unrolled"] * bool(cfg.unrolled)
    return (*parts, "baselines") if cfg.baselines and cfg.problem == "sparse" else tuple(parts)


def run(
    cfg: Config,
    *,
    on_progress: RunProgress | None = None,
    on_stage: Callable[[Note], None] | None = None,
    on_model: ModelDone | None = None,
    threads: int = TRAIN_THREADS,
    A: torch.Tensor | None = None,
    parts: Collection[str] | None = None,
) -> RunResult:
    """Train one network per depth in `cfg.depths` and evaluate each on the same test signals.

    on_progress(model_index, step, loss, seconds) after every training step; on_stage(note) when a longer step
    without training starts (the classical decoders); on_model(part, model, so_far) as soon as a model is judged, with
    the run's result so far (its floors and finished models), so a page can show each card at once. A, if given, is
    the sensing matrix to use instead of the seeded random one (the Pilot's uploaded matrix). parts: only these of
    plan(cfg) (default all); the result then holds only their models. Takes no job slot: the caller that shares a
    process with other trainings holds one for the whole run (core.runtime.processes), so a training counts once.
    """
    stage = on_stage or (lambda _note: None)
    previous = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        return _run(cfg, on_progress, stage, on_model, A, plan(cfg) if parts is None else tuple(parts))
    finally:
        torch.set_num_threads(previous)


def merge(cfg: Config, pieces: Sequence[tuple[Sequence[str], RunResult]]) -> RunResult:
    """One RunResult from runs of disjoint parts of plan(cfg), each given with its parts: models in plan order."""
    by_part: dict[str, ModelResult] = {}
    baselines: tuple = ()
    for parts, result in pieces:
        model_parts = [p for p in plan(cfg) if p in parts and p != "baselines"]
        by_part |= dict(zip(model_parts, result.models, strict=True))
        baselines = result.baselines or baselines
    first = pieces[0][1]
    models = tuple(by_part[p] for p in plan(cfg) if p in by_part)
    return replace(first, models=models, baselines=baselines)


def train_model(
    cfg: Config,
    problem: SparseProblem,
    depth: int,
    *,
    bias: bool | None = None,
    on_step: ProgressCallback | None = None,
    max_seconds: float | None = None,
    on_built: Callable[[MLP], None] | None = None,
) -> tuple[MLP, TrainLog]:
    """Build, seed and train one network of `depth` hidden layers as `cfg` says (bias and, within the run's time left,
    max_seconds may be overridden); on_built(model) before its first step (the bench evaluates it along the way)."""
    bias = cfg.bias if bias is None else bias
    rng = rng_for(cfg.seed, 10 + depth + (100 if bias else 0))  # per depth: numbers don't depend on neighbours
    model = MLP(cfg.m, problem.n, depth=depth, width=cfg.width, activation=cfg.activation, bias=bias)
    model.input_scale = input_scale_for(problem.A)
    init_weights(model, rng=rng)
    start = _start_from_a(model, problem, cfg, bias) if cfg.init == "a" and depth == 2 else None
    if on_built is not None:
        on_built(model)
    log = train(
        model,
        problem,
        steps=cfg.steps,
        batch=cfg.batch,
        lr=cfg.lr,
        train_scales=cfg.train_scales,
        max_seconds=cfg.max_seconds if max_seconds is None else max_seconds,
        rng=rng,
        on_step=on_step,
        optimizer=cfg.optimizer,
    )
    if start is not None and log.note is None:
        log.note = start
    model.eval()
    return model, log


def _start_from_a(model: MLP, problem: SparseProblem, cfg: Config, bias: bool) -> Note | None:
    """Start a two-layer net from the hand-built weights; None on success, else the note why it starts at random."""
    if problem.name != "sparse" or cfg.activation != "relu" or bias:
        return note("note.random_start.not_applicable")
    m, n = problem.m, problem.n
    if cfg.width < 2 * max(m, n):
        return note("note.random_start.too_narrow", width=cfg.width, needed=2 * max(m, n))
    try:
        start_from_hand_built(model, problem.A)
    except HandBuiltConditionError:
        return note("note.random_start.not_distinguishable")
    with torch.no_grad():  # the hand-built weights read y itself; this net reads y / input_scale
        model.linears()[0].weight.mul_(model.input_scale)
    return None


def _run(
    cfg: Config,
    on_progress: RunProgress | None,
    on_stage: Callable[[Note], None],
    on_model: ModelDone | None,
    A: torch.Tensor | None,
    parts: tuple[str, ...],
) -> RunResult:
    """run() under the chosen thread count."""
    problem = make_problem(cfg, A)
    x_test, test_rng = _test_signals(problem, cfg.seed)  # (TEST_SIGNALS, n)
    y_homog = problem.measure(x_test[:HOMOGENEITY_SIGNALS], rng=test_rng)
    deadline = time.monotonic() + RUN_SECONDS_CAP
    result = RunResult(
        config=cfg,
        one_layer_floor=problem.floor(bias=cfg.bias, activation=cfg.activation),
        even_floor=problem.floor(bias=cfg.bias, activation=cfg.activation, depth=2),  # only |t| has one past depth 1
        models=(),
        example_true=[round(v, 6) for v in x_test[0].tolist()],
        torch_threads=torch.get_num_threads(),
    )

    def budget() -> float:  # a model's time budget: its own, within what the run has left
        return min(cfg.max_seconds, max(deadline - time.monotonic(), 0.0))

    trained = [(depth, cfg.bias) for depth in cfg.depths] + [(depth, True) for depth in cfg.biased]
    for part in (p for p in parts if p != "baselines"):
        if part.startswith("train:"):
            k = int(part.removeprefix("train:"))
            depth, bias = trained[k]

            def on_step(step: int, loss: float, elapsed: float, k: int = k) -> None:
                if on_progress is not None:
                    on_progress(k, step, loss, elapsed)

            model, log = train_model(cfg, problem, depth, bias=bias, on_step=on_step, max_seconds=budget())
            judged = _judge(model, problem, cfg, log, x_test, y_homog, bias=bias)
        elif part == "hand":
            judged = _hand_built(problem, cfg, x_test, y_homog)
        else:  # progress index: after every trained model, the normalised net before the unrolled one
            index = len(trained) + (part == "unrolled" and cfg.normalised)
            extra = _normalised if part == "normalised" else _unrolled
            judged = extra(problem, cfg, x_test, y_homog, on_progress, index, budget())
        result = replace(result, models=(*result.models, judged))
        if on_model is not None:
            on_model(part, judged, result)
    if "baselines" in parts:
        on_stage(note("note.stage.decoders", count=BASELINE_SIGNALS))
        result = replace(
            result, baselines=baselines.evaluate_all(problem, cfg, x_test[:BASELINE_SIGNALS], rng_for(cfg.seed, 3))
        )
    return result


def _hand_built(problem: SparseProblem, cfg: Config, x_test: torch.Tensor, y_homog: torch.Tensor) -> ModelResult:
    """The two-layer net computed from A (no training), or why it cannot be built for this A."""
    m, n = problem.m, problem.n
    common = {"depth": 2, "width": 2 * n, "activation": "relu", "bias": False, "kind": "hand-built"}
    common |= {"params": sizes.params("hand-built", m, n), "train_seconds": 0.0, "steps_done": 0, "loss_curve": ()}
    if problem.name != "sparse":
        return ModelResult(**common, status="not_applicable", note=note("note.hand_built.not_sparse"), **_NO_ERRORS)
    try:
        net = hand_built_net(problem.A)
    except HandBuiltConditionError as exc:
        why = note(f"note.hand_built.{exc.code}", **exc.params)
        return ModelResult(**common, status="not_applicable", note=why, **_NO_ERRORS)
    log = TrainLog(status="ok", note=note("note.hand_built.exact"))
    judged = _judge(net, problem, cfg, log, x_test, y_homog)
    return replace(judged, **common)


def _unrolled(
    problem: SparseProblem,
    cfg: Config,
    x_test: torch.Tensor,
    y_homog: torch.Tensor,
    on_progress: RunProgress | None,
    index: int,
    max_seconds: float,
) -> ModelResult:
    """The unrolled soft-thresholding net, trained like the others (same steps, batch, lr, time budget)."""
    m, n = problem.m, problem.n
    common = {"depth": None, "steps": cfg.unrolled, "width": n, "activation": "relu", "bias": False, "kind": "unrolled"}
    common |= {"params": sizes.params("unrolled", m, n, steps=cfg.unrolled)}
    if problem.name != "sparse":
        why = note("note.unrolled.not_sparse")
        return ModelResult(**common, train_seconds=0.0, steps_done=0, status="not_applicable", note=why,
                           loss_curve=(), **_NO_ERRORS)  # fmt: skip
    net = UnrolledISTA(problem.A, steps=cfg.unrolled)
    log = _train_as_configured(net, problem, cfg, rng_for(cfg.seed, 50 + cfg.unrolled), on_progress, index, max_seconds)
    return replace(_judge(net, problem, cfg, log, x_test, y_homog), **common)


def _normalised(
    problem: SparseProblem,
    cfg: Config,
    x_test: torch.Tensor,
    y_homog: torch.Tensor,
    on_progress: RunProgress | None,
    index: int,
    max_seconds: float,
) -> ModelResult:
    """‖y‖·g(y/‖y‖) with g one hidden layer with biases, trained like the others (same steps, batch, lr, budget)."""
    m, n = problem.m, problem.n
    common = {"depth": 1, "width": cfg.width, "activation": "relu", "bias": True, "kind": "normalised"}
    common |= {"params": sizes.params("normalised", m, n, width=cfg.width)}
    rng = rng_for(cfg.seed, NORMALISED_STREAM)
    net = NormalisedMLP(m, n, width=cfg.width, activation="relu")
    init_weights(net.g, rng=rng)
    log = _train_as_configured(net, problem, cfg, rng, on_progress, index, max_seconds)
    net.eval()
    return replace(_judge(net, problem, cfg, log, x_test, y_homog), **common)


def _train_as_configured(
    net: torch.nn.Module,
    problem: SparseProblem,
    cfg: Config,
    rng: torch.Generator,
    on_progress: RunProgress | None,
    index: int,
    max_seconds: float,
) -> TrainLog:
    """Train an extra kind of net with the run's steps, batch, lr, scales and budget, reporting as training `index`;
    by Adam whatever cfg.optimizer (Muon's recipe was tuned for the plain MLPs)."""

    def on_step(step: int, loss: float, elapsed: float) -> None:
        if on_progress is not None:
            on_progress(index, step, loss, elapsed)

    return train(net, problem, steps=cfg.steps, batch=cfg.batch, lr=cfg.lr, train_scales=cfg.train_scales,
                 max_seconds=max_seconds, rng=rng, on_step=on_step)  # fmt: skip


_NO_ERRORS = {"rms_rel_error": None, "rms_rel_error_by_scale": None, "homogeneity_error": None, "example": None}
_NO_ERRORS |= {"signals_per_second": None, "rms_rel_error_se": None}


def _judge(
    model: torch.nn.Module,
    problem: SparseProblem,
    cfg: Config,
    log: TrainLog,
    x_test: torch.Tensor,
    y_homog: torch.Tensor,
    *,
    bias: bool | None = None,
) -> ModelResult:
    """Evaluate a model; every model sees the same test signals and noise draws. bias: the model's, if not cfg's."""
    bias = cfg.bias if bias is None else bias
    eval_rng = rng_for(cfg.seed, 2)
    depth = model.depth if isinstance(model, MLP) else None  # the other kinds' callers fill in their own sizes
    usable = log.steps_done > 0 or log.status != "diverged"
    errors = _NO_ERRORS
    if usable:  # in this order: the draws of eval_rng follow it
        speed = measure_throughput(model, problem.clean(x_test[:THROUGHPUT_SIGNALS]))
        rms, se = evaluate.overall_error_and_se(model, problem, x_test, cfg.train_scales, rng=eval_rng)
        errors = {
            "signals_per_second": speed,
            "rms_rel_error": rms,
            "rms_rel_error_se": se,
            "rms_rel_error_by_scale": evaluate.error_by_scale(model, problem, x_test, rng=eval_rng),
            "homogeneity_error": evaluate.homogeneity_error(model, y_homog),
            "example": evaluate.example_by_scale(model, problem, x_test[0]),
        }
    return ModelResult(
        depth=depth,
        width=cfg.width,
        activation=cfg.activation,
        bias=bias,
        params=sizes.params("trained", cfg.m, problem.n, depth=depth, width=cfg.width, bias=bias) if depth else 0,
        train_seconds=log.seconds,
        steps_done=log.steps_done,
        status=log.status,
        note=log.note,
        loss_curve=_thin(log.losses),
        **errors,
    )


def _thin(losses: list[float]) -> tuple[tuple[int, float], ...]:
    """Keep at most LOSS_POINTS (step, loss) pairs, evenly spaced, always the last."""
    every = max(1, -(-len(losses) // LOSS_POINTS))
    points = [(i + 1, v) for i, v in enumerate(losses) if i % every == 0]
    if losses and points[-1][0] != len(losses):
        points.append((len(losses), losses[-1]))
    return tuple(points)
