"""Pilot step 1, "Is my data scale-dependent?": does a bias-free (positively homogeneous) network fit this process?

Given paired samples X (N, p) → Y (N, q), three numbers decide it:

- how many decades of input magnitude the data span (`spread_decades`);
- how well bias-free and biased networks extrapolate across magnitudes: train on the lower-magnitude half
  (by ‖x‖) and test on the higher half, and the reverse;
- how proportional the data themselves are (`homogeneity_score`, defined in `_homogeneity_score`).

Networks are small (2 hidden layers of 64 ReLU units), trained with Adam on the relative squared error (mini-batches
of 256, full-batch below that) on one torch thread: five fits, each capped at `steps` and at a fifth of
`max_seconds`. At the defaults a check takes 2–4 s for N = 1000 and 3–6 s for N = 5000 on this project's 2-core
machine while other jobs share it (measured); the cost per step does not grow with N. Only when the time budget
cuts a fit short do the numbers depend on the machine's speed (`ScaleCheck.time_budget_hit` says so).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
import torch

from core.experiments.run import TRAIN_THREADS, rng_for
from core.i18n import Note, note
from core.i18n.claims import HOMOGENEOUS_SCORE
from core.science.models import MLP, init_weights
from core.science.train import fit

MIN_SAMPLES = 20
WIDTH, DEPTH = 64, 2
STEPS = 300
MAX_SECONDS = 15.0  # for all five fits together: a safety cap, several times the usual time
LR = 1e-2
BATCH = 256  # samples per step: above this, random mini-batches keep a step's cost independent of N
HOMOGENEITY_POINTS = 256  # anchor samples x for the f(λx) vs λ·f(x) comparison
HOMOGENEITY_LAMBDAS = 9  # target magnitudes per anchor, log-spaced over the 5–95 % norm range
HOMOGENEITY_THRESHOLD = HOMOGENEOUS_SCORE  # score at or above which the data count as proportional (claims.py)
# A comparison counts as proportional when f(λx) is within 15 % of λ·f(x): the criterion the EPANET case states for
# the simulator itself (|Δp(10c)| / (10·|Δp(c)|) within 15 % of 1, data/epanet/README.md).
PROPORTIONAL_GAP = 0.15
TOLERANCE_RATIO, TOLERANCE_ABS = 1.25, 0.01  # "about as well": bias-free ≤ 1.25·biased + 0.01
NARROW_DECADES = 1.0  # below this the inputs barely change scale and the check says little
VERDICTS = ("scale-consistent", "not-homogeneous")


@dataclass(frozen=True)
class ScaleCheck:
    """What the check measured; errors are RMS relative errors sqrt(mean ‖f(x) − y‖² / ‖y‖²) on held-out halves."""

    spread_decades: float
    bias_free_extrapolation_error: float  # mean of the up and down directions
    biased_extrapolation_error: float
    bias_free_up_error: float  # trained on the lower-magnitude half, tested on the higher
    bias_free_down_error: float  # trained on the higher half, tested on the lower
    biased_up_error: float
    biased_down_error: float
    homogeneity_score: float  # 1 = perfectly proportional, 0 = not at all
    verdict: str  # "scale-consistent" or "not-homogeneous"
    n_samples: int
    seconds: float  # measured wall-clock time of the whole check
    time_budget_hit: bool  # a fit stopped at its share of max_seconds before `steps`


def spread_decades(X: np.ndarray) -> float:
    """Decades of input magnitude: log10(95th / 5th percentile of ‖x‖) over rows with ‖x‖ > 0; X (N, p)."""
    norms = np.linalg.norm(np.asarray(X, dtype=np.float64).reshape(len(X), -1), axis=1)
    norms = norms[norms > 0]
    if norms.size == 0:
        raise ValueError("every input row is zero: the magnitude of the inputs is undefined")
    low, high = np.percentile(norms, [5, 95])  # percentiles, so a single outlier does not set the answer
    return float(np.log10(high / low))


def decades(X: np.ndarray) -> tuple[float, ...]:
    """Powers of ten spanning the input magnitudes ‖x‖ of X (N, p) over its nonzero rows: the choices for narrowing."""
    norms = np.linalg.norm(np.asarray(X, dtype=np.float64).reshape(len(X), -1), axis=1)
    norms = norms[(norms > 0) & np.isfinite(norms)]
    if norms.size == 0:
        return ()
    lo, hi = math.floor(math.log10(norms.min())), math.ceil(math.log10(norms.max()))
    return tuple(10.0**k for k in range(lo, max(hi, lo + 1) + 1))


def keep_magnitudes(X: np.ndarray, Y: np.ndarray, lo: float, hi: float) -> tuple[np.ndarray, np.ndarray]:
    """The samples whose input magnitude ‖x‖ lies in [lo, hi]: the range an engineer keeps for the check."""
    norms = np.linalg.norm(np.asarray(X, dtype=np.float64).reshape(len(X), -1), axis=1)
    keep = (norms >= lo) & (norms <= hi)
    return X[keep], Y[keep]


def scale_check(
    X: np.ndarray, Y: np.ndarray, *, seed: int = 0, steps: int = STEPS, max_seconds: float = MAX_SECONDS
) -> ScaleCheck:
    """Judge whether a bias-free network suits X (N, p) → Y (N, q); 1-D arrays count as one column.

    Verdict "scale-consistent" when the bias-free network extrapolates across magnitudes about as well as the
    biased one or better (error ≤ TOLERANCE_RATIO·biased + TOLERANCE_ABS) AND the homogeneity score is at least
    HOMOGENEITY_THRESHOLD; "not-homogeneous" otherwise. Rows whose output is exactly zero are left out (their
    relative error is undefined); `n_samples` counts the rows used. Raises ValueError on unusable input.
    """
    X, Y = _validate(X, Y)
    start = time.perf_counter()
    previous = torch.get_num_threads()
    torch.set_num_threads(TRAIN_THREADS)
    try:
        return _check(X, Y, seed, steps, max_seconds / 5, start)
    finally:
        torch.set_num_threads(previous)


def reasons(check: ScaleCheck) -> list[Note]:
    """Two or three notes explaining the verdict with its numbers (a page words them: core/i18n/pilot.py)."""
    homogeneous = check.homogeneity_score >= HOMOGENEITY_THRESHOLD
    key = "scalecheck.reason.homogeneous" if homogeneous else "scalecheck.reason.not_homogeneous"
    bias_free, biased = check.bias_free_extrapolation_error, check.biased_extrapolation_error
    out = [
        note(key, decades=check.spread_decades, score=check.homogeneity_score),
        note("scalecheck.reason.extrapolation", bias_free=bias_free, biased=biased),
    ]
    if check.spread_decades < NARROW_DECADES:  # little change of scale: no advice either way, say so
        out.append(note("scalecheck.advice.narrow", decades=check.spread_decades))
    elif check.verdict == VERDICTS[0]:
        out.append(note("scalecheck.advice.bias_free"))
    else:
        out.append(note("scalecheck.advice.biased"))
    return out


def verdict_note(check: ScaleCheck) -> Note:
    """The verdict as a short title, for a page to word."""
    return note(f"scalecheck.verdict.{check.verdict}")


class DataError(ValueError):
    """Samples the check cannot use; `key` and `params` say why for a page to word (core/i18n/pilot.py)."""

    def __init__(self, message: str, key: str, **params: object) -> None:
        super().__init__(message)
        self.key, self.params = key, params

    def note(self) -> Note:
        """Why, as a note."""
        return Note(self.key, self.params)


def _validate(X: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Float64 (N, p) and (N, q) arrays, or a ValueError naming the problem."""
    arrays = []
    for name, a in (("X", X), ("Y", Y)):
        a = np.asarray(a, dtype=np.float64)
        if a.ndim == 1:
            a = a[:, None]
        if a.ndim != 2 or a.shape[1] == 0:
            raise DataError(
                f"{name} must be a 2-D array (samples, columns); got shape {a.shape}", "scalecheck.error.shape"
            )
        if not np.isfinite(a).all():
            bad = int((~np.isfinite(a)).any(axis=1).sum())
            raise DataError(
                f"{name} has non-finite values (NaN or inf) in {bad} rows; remove or fill them",
                "scalecheck.error.not_finite",
                rows=bad,
            )
        arrays.append(a)
    X, Y = arrays
    if len(X) != len(Y):
        raise DataError(
            f"X and Y must have the same number of rows; got {len(X)} and {len(Y)}", "scalecheck.error.shape"
        )
    if len(X) < MIN_SAMPLES:
        raise DataError(
            f"at least {MIN_SAMPLES} samples are needed; got {len(X)}",
            "scalecheck.error.too_few",
            need=MIN_SAMPLES,
            got=len(X),
        )
    if not np.linalg.norm(X, axis=1).any():
        raise DataError(
            "every input row is zero: at least one sample needs a nonzero input", "scalecheck.error.zero_inputs"
        )
    nonzero = np.linalg.norm(Y, axis=1) > 0
    if nonzero.sum() < MIN_SAMPLES:
        raise DataError(
            f"at least {MIN_SAMPLES} samples with a nonzero output are needed (relative errors are undefined at "
            f"zero); got {int(nonzero.sum())}",
            "scalecheck.error.too_few_outputs",
            need=MIN_SAMPLES,
            got=int(nonzero.sum()),
        )
    if not np.linalg.norm(X[nonzero], axis=1).any():
        raise DataError(
            "every sample with a nonzero output has a zero input: the input scale is undefined",
            "scalecheck.error.zero_inputs",
        )
    return X[nonzero], Y[nonzero]


def _check(X: np.ndarray, Y: np.ndarray, seed: int, steps: int, seconds_each: float, start: float) -> ScaleCheck:
    """scale_check() on validated arrays, under one torch thread."""
    # One global factor per side keeps f(λx) = λ·f(x) intact (no centring: that would add an offset).
    x_norms, y_norms = np.linalg.norm(X, axis=1), np.linalg.norm(Y, axis=1)
    x = torch.tensor(X / np.median(x_norms[x_norms > 0]), dtype=torch.float32)
    y = torch.tensor(Y / np.median(y_norms[y_norms > 0]), dtype=torch.float32)
    order = torch.tensor(np.argsort(x_norms, kind="stable"))  # stable: ties split the same way on every run
    low, high = order[: len(order) // 2], order[len(order) // 2 :]
    errors, hit = {}, False
    for bias in (False, True):
        for direction, (train_idx, test_idx) in (("up", (low, high)), ("down", (high, low))):
            stream = 10 + (2 if bias else 0) + (direction == "down")
            model, cut = _train_mlp(x[train_idx], y[train_idx], bias, rng_for(seed, stream), steps, seconds_each)
            errors[bias, direction] = _rms_rel_error(model, x[test_idx], y[test_idx])
            hit |= cut
    model, cut = _train_mlp(x, y, True, rng_for(seed, 20), steps, seconds_each)
    score = _homogeneity_score(model, x, rng_for(seed, 21))
    bias_free = (errors[False, "up"] + errors[False, "down"]) / 2
    biased = (errors[True, "up"] + errors[True, "down"]) / 2
    extrapolates = bias_free <= TOLERANCE_RATIO * biased + TOLERANCE_ABS
    return ScaleCheck(
        spread_decades=spread_decades(X),
        bias_free_extrapolation_error=bias_free,
        biased_extrapolation_error=biased,
        bias_free_up_error=errors[False, "up"],
        bias_free_down_error=errors[False, "down"],
        biased_up_error=errors[True, "up"],
        biased_down_error=errors[True, "down"],
        homogeneity_score=score,
        verdict=VERDICTS[0] if extrapolates and score >= HOMOGENEITY_THRESHOLD else VERDICTS[1],
        n_samples=len(X),
        seconds=time.perf_counter() - start,
        time_budget_hit=hit or cut,
    )


def _sq_rel_errors(pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """‖pred − y‖² / ‖y‖² per row (batch,); the floor only guards against float32 underflow (zero rows are dropped)."""
    denom = (y**2).sum(dim=1).clamp_min(1e-12)
    return ((pred - y) ** 2).sum(dim=1) / denom


def _relative_loss(pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean relative squared error: a sample at magnitude 0.001 counts as much as one at 1000."""
    return _sq_rel_errors(pred, y).mean()


def _train_mlp(
    x: torch.Tensor, y: torch.Tensor, bias: bool, rng: torch.Generator, steps: int, max_seconds: float
) -> tuple[MLP, bool]:
    """An MLP trained on x (N, p) → y (N, q) by the shared loop; returns it and whether the time budget cut it short."""
    model = MLP(x.shape[1], y.shape[1], depth=DEPTH, width=WIDTH, bias=bias)
    init_weights(model, rng=rng)

    def sample(step_rng: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
        rows = torch.randint(len(x), (BATCH,), generator=step_rng) if len(x) > BATCH else slice(None)
        return x[rows], y[rows]

    # Unfused Adam: the check's recorded numbers (tests/experiments/golden/scale_check.json) were made with it, and
    # fused Adam rounds differently (measured: the biased error moves by 4e-8 relative). A diverged fit keeps its
    # last finite weights, so the errors then show a poor fit, not NaN.
    log = fit(model, sample, _relative_loss, steps=steps, lr=LR, max_seconds=max_seconds, rng=rng, fused=False)
    return model.eval(), log.status == "time_budget"


@torch.no_grad()
def _rms_rel_error(model: MLP, x: torch.Tensor, y: torch.Tensor) -> float:
    """sqrt(mean ‖f(x) − y‖² / ‖y‖²) over the rows of x (n, p), y (n, q)."""
    return math.sqrt(_sq_rel_errors(model(x), y).mean().item())


@torch.no_grad()
def _homogeneity_score(model: MLP, x: torch.Tensor, rng: torch.Generator) -> float:
    """How proportional the data are: the share of scale comparisons with f(λx) within PROPORTIONAL_GAP of λ·f(x).

    `model` is a network WITH biases fitted to all the data, so it is free to be non-homogeneous and mirrors
    whatever the process does. For up to HOMOGENEITY_POINTS samples x (nonzero input) and λ chosen so that
    ‖λx‖ runs over HOMOGENEITY_LAMBDAS log-spaced magnitudes between the data's 5th and 95th percentile of ‖x‖
    (so λx stays where the model has seen data: interpolation, not extrapolation), the gap is
    ‖f(λx) − λ·f(x)‖ / max(‖f(λx)‖, ‖λ·f(x)‖), between 0 and 2. A homogeneous process scores near 1 (the gap is
    the fit's error); an offset c gives gap ≈ 1 − min(λ, 1/λ) and saturation a similar one, so the score falls
    towards 0 as soon as the inputs span a decade or more. A process proportional over only part of its range
    scores that part: a share, not a median, so "proportional for half the samples" reads 0.5, not a pass (the
    EPANET case: 0.90 where the simulator is proportional, 0.50 over five decades, where the median gap said 0.86).
    Over less than a decade λ stays near 1 and every process scores high: the score then says little, and
    reasons() warns about it.
    """
    norms = x.norm(dim=1)
    x = x[norms > 0]
    anchors = x[torch.randperm(len(x), generator=rng)[:HOMOGENEITY_POINTS]]  # (a, p)
    low, high = np.percentile(norms[norms > 0].numpy(), [5, 95])
    targets = torch.logspace(math.log10(low), math.log10(high), HOMOGENEITY_LAMBDAS)  # (L,)
    lam = (targets[None, :] / anchors.norm(dim=1)[:, None]).reshape(-1, 1)  # (a·L, 1)
    xs = anchors.repeat_interleave(HOMOGENEITY_LAMBDAS, dim=0)  # (a·L, p), row k pairs with lam[k]
    scaled, proportional = model(lam * xs), lam * model(xs)
    size = torch.maximum(scaled.norm(dim=1), proportional.norm(dim=1)).clamp_min(1e-12)
    gap = (scaled - proportional).norm(dim=1) / size
    return float((gap <= PROPORTIONAL_GAP).float().mean().item())
