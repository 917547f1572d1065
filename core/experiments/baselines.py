"""Classical decoders judged exactly like the networks: same signals, same scales, same error."""

from __future__ import annotations

import time

import torch

from core.config import SCALE_KEYS, TEST_SCALES, Config
from core.experiments.results import BaselineResult
from core.science.decoders import decode, decoder_for
from core.science.problems import SparseProblem, log_uniform

BASELINE_SIGNALS = 100  # per scale: 100 keeps the Lab's default run within seconds


def evaluate_all(
    problem: SparseProblem, cfg: Config, x_unit: torch.Tensor, rng: torch.Generator
) -> tuple[BaselineResult, ...]:
    """Each decoder in cfg.baselines on unit signals x_unit (batch, n); none for non-sparse problems.

    Every decoder starts from the same state of `rng`, so all see the same scales and noise draws and a decoder's
    numbers never depend on which others were asked for (as each network is judged on the same draws).
    """
    if problem.name != "sparse":
        return ()  # these decoders assume y = A·x with sparse x
    return tuple(_evaluate(name, problem, cfg, x_unit, _copy(rng)) for name in cfg.baselines)


def _copy(rng: torch.Generator) -> torch.Generator:
    """A generator in rng's current state (rng itself is left as it is)."""
    twin = torch.Generator()
    twin.set_state(rng.get_state())
    return twin


def _evaluate(
    name: str, problem: SparseProblem, cfg: Config, x_unit: torch.Tensor, rng: torch.Generator
) -> BaselineResult:
    """Overall error on the training scale distribution, then at every test scale; timed per signal.

    The result carries the name of the decoder that ran: "bp" asked for with noise is "bpdn" (decoder_for).
    """
    A = problem.A.double().numpy()
    batches = [x_unit * log_uniform(x_unit.shape[0], *cfg.train_scales, rng=rng)]
    batches += [x_unit * scale for scale in TEST_SCALES]
    errors, seconds = [], 0.0
    for x in batches:
        y = problem.measure(x, rng=rng)
        start = time.perf_counter()
        x_hat = decode(name, A, y.double().numpy(), s=cfg.s, noise=cfg.noise)
        seconds += time.perf_counter() - start
        sq = problem.sq_rel_errors(torch.from_numpy(x_hat), x.double())
        errors.append(sq.mean().sqrt().item())
    decoder = decoder_for(name, cfg.noise)
    return BaselineResult(
        name=decoder.name,
        homogeneous=decoder.homogeneous,
        rms_rel_error=errors[0],
        rms_rel_error_by_scale=dict(zip(SCALE_KEYS, errors[1:])),
        seconds_per_signal=seconds / (len(batches) * x_unit.shape[0]),
    )
