"""Classical sparse-recovery decoders (basis pursuit, BPDN, OMP, LASSO), each run the way it is meant to be run.

Each takes A of shape (m, n) and Y of shape (batch, m) and returns X̂ of shape (batch, n), in float64. Basis pursuit
and OMP are positively homogeneous and odd, x̂(c·y) = c·x̂(y) for every real c, like a bias-free ReLU net; LASSO with
a fixed penalty is not (science.md, "Classical decoders").
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from core.science.l1 import basis_pursuit_admm, data_tolerance, lasso_homotopy, lasso_violation, masked_solve

LASSO_ALPHA = 1e-3  # fixed penalty of lasso_fixed; measurements in its docstring
REL_ALPHA = 1e-3  # default of lasso_scaled: the matched penalty for 5 % noise at m ≈ 16–20 (its docstring)
REL_ALPHA_PER_NOISE = 1.5  # rel_alpha = 1.5·noise/m^1.5, fitted in rel_alpha_for_noise's docstring
ADMM_CAP = 1000  # iterations before a signal goes to its own LP; recoverable ones stop after 40–300 (measured)
REL_ALPHA_FLOOR = 1e-5  # below it coordinate descent needs > 10⁴ sweeps (rel_alpha_for_noise's docstring)


def _as_float64(A: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A as (m, n) and Y as (batch, m), both float64 (float32 input would cap the accuracy at ~1e-7)."""
    A = np.asarray(A, dtype=np.float64)
    Y = np.atleast_2d(np.asarray(Y, dtype=np.float64))
    if A.ndim != 2 or Y.ndim != 2 or Y.shape[1] != A.shape[0]:
        raise ValueError(f"A must be (m, n) and Y (batch, m); got A {A.shape}, Y {Y.shape}")
    return A, Y


def _at_unit_norm(A: np.ndarray, Y: np.ndarray, solve: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """solve((k, m) unit-norm rows) → (k, n), applied to y/‖y‖ and multiplied back by ‖y‖; y = 0 gives x̂ = 0."""
    # Solvers stop at absolute tolerances (HiGHS feasibility 1e-7, a duality gap in coordinate descent): loose at
    # scale 1e-3, needlessly tight at 1e3. At unit norm every scale gets the same accuracy, and the answer is
    # scale-equivariant to rounding, as the decoder is in exact arithmetic.
    X = np.zeros((Y.shape[0], A.shape[1]))
    norms = np.linalg.norm(Y, axis=1)
    nonzero = norms > 0
    if nonzero.any():
        X[nonzero] = solve(Y[nonzero] / norms[nonzero, None]) * norms[nonzero, None]
    return X


def _bp_one(A: np.ndarray, y: np.ndarray) -> np.ndarray:
    """min ‖x‖₁ s.t. A·x = y for one y, as an LP in x = u − v with u, v ≥ 0."""
    from scipy.optimize import linprog  # on first use: ~0.5 s of a training process's start, for a fallback

    n = A.shape[1]
    # Presolve finds nothing to remove in a dense equality LP and costs time: without it HiGHS is 1.5× faster at
    # n = 64 and 2.7× at n = 256, same answers (measured).
    res = linprog(
        np.ones(2 * n), A_eq=np.hstack([A, -A]), b_eq=y, bounds=(0, None), method="highs", options={"presolve": False}
    )
    if res.status != 0:  # infeasible only if y is outside A's range (rank(A) < m): say so rather than guess
        raise RuntimeError(f"basis pursuit LP failed: {res.message}")
    return res.x[:n] - res.x[n:]


def basis_pursuit_lp(A: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Basis pursuit as one linear program per row of Y (scipy linprog, HiGHS): the exactness reference.

    The slowest way to solve it (the tests and the bench compare `basis_pursuit` with it).
    A : ndarray of shape (m, n); Y : ndarray of shape (batch, m).
    Returns X̂ : ndarray of shape (batch, n), with x̂(c·y) = c·x̂(y) for every real c.
    """
    A, Y = _as_float64(A, Y)
    return _at_unit_norm(A, Y, lambda U: np.stack([_bp_one(A, u) for u in U]))


def basis_pursuit(A: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Basis pursuit, x̂ = argmin ‖x‖₁ subject to A·x = y, the whole batch at once: the decoder the app runs.

    Batched ADMM (core.science.l1) for every signal; a signal still unconverged after ADMM_CAP iterations (beyond
    recovery the minimiser converges slowly, and stopped early ADMM is 0.01–0.6 % above the minimal ‖x‖₁) is solved
    by its own linear program, so every answer is the minimiser. On recoverable signals it agrees with
    `basis_pursuit_lp` to ~1e-10 relative on float64 data and ~2e-7 on float32-rounded data (the tests hold it to
    1e-5) and needs no LP; 0.43 ms against 9.0 ms a signal at n=64, m=32, s=3 (4000 signals, measured on 2 shared
    cores; bench row (d)). Runs on y/‖y‖, so x̂(c·y) = c·x̂(y) for every c.
    A : ndarray of shape (m, n); Y : ndarray of shape (batch, m). Returns X̂ : ndarray of shape (batch, n).
    """
    A, Y = _as_float64(A, Y)
    tol = data_tolerance(A, Y)  # before normalising: y/‖y‖ is no longer a float32 number

    def solve(U: np.ndarray) -> np.ndarray:
        X, iterations = basis_pursuit_admm(A, U, tol=tol, max_iter=ADMM_CAP)
        slow = iterations >= ADMM_CAP
        if slow.any():
            X[slow] = np.stack([_bp_one(A, u) for u in U[slow]])
        return X

    return _at_unit_norm(A, Y, solve)


def _lasso(A: np.ndarray, Y: np.ndarray, alpha: float) -> np.ndarray:
    """The LASSO on every row of Y by its exact solution path (l1.lasso_homotopy); shape (batch, n). A signal whose
    answer misses the optimality conditions (none in the measurements of lasso_homotopy's docstring) is solved again
    by sklearn's LassoLars, and keeps whichever answer misses them less.

    A path method because it is right at any penalty. Coordinate descent (sklearn's Lasso) was not: at a penalty tiny
    relative to y (alpha = 1e-3 at signal scale 1000) it ran out of its 10⁴ sweeps and returned errors of 0.5 where
    the true LASSO answer is within 2e-5 of basis pursuit's (measured at n = 32, m = 16, s = 1), which made the
    fixed-λ LASSO look broken at large scales for the wrong reason. The batched path replaced sklearn's LassoLars
    (one target after the other): the same answers to 7e-6 (relative, where both meet the conditions; where
    LassoLars's answer missed them, on up to 11 % of noisy signals at α = 1e-5, the path's meets them), 2–6 times
    faster, and no sklearn import (~0.85 s of CPU) in a training process that a first Theory answer waited for.
    """
    X, exact = lasso_homotopy(A, Y, alpha)
    if not exact.all():
        from sklearn.exceptions import ConvergenceWarning  # only here: sklearn costs a process ~0.85 s to import
        from sklearn.linear_model import LassoLars

        with warnings.catch_warnings():
            # Beyond recovery LARS may meet nearly collinear active columns and warn; its answer is still the
            # path's. One warning per target would flood the app's log. Only here, only this category.
            warnings.simplefilter("ignore", ConvergenceWarning)
            again = LassoLars(alpha=alpha, fit_intercept=False).fit(A, Y[~exact].T)
        other = np.asarray(again.coef_).reshape(-1, A.shape[1])
        ours = X[~exact]
        better = lasso_violation(A, Y[~exact], other, alpha) < lasso_violation(A, Y[~exact], ours, alpha)
        X[np.flatnonzero(~exact)[better]] = other[better]
    return X


def lasso_scaled(A: np.ndarray, Y: np.ndarray, *, rel_alpha: float = REL_ALPHA) -> np.ndarray:
    """LASSO with a penalty proportional to ‖y‖, for noisy data; scale-equivariant: x̂(c·y) = c·x̂(y).

    Solves min_x ‖u − A·x‖²/(2m) + rel_alpha·‖x‖₁ (sklearn's scaling) for u = y/‖y‖ and returns ‖y‖·x̂. As
    x̂_α(c·y) = c·x̂_{α/c}(y), tying α to ‖y‖ is what makes it homogeneous.

    The default 1e-3 is `rel_alpha_for_noise` at noise 0.05 (the geometric middle of 0.01–0.3) and m ≈ 16–20.
    Measured at n=40, m=20, s=2 (RMS relative error, this default vs the matched penalty): noise 0.01 → 0.035 vs
    0.009, 0.03 → 0.038 vs 0.027, 0.1 → 0.084 vs 0.087, 0.3 → 0.31 vs 0.25. Fine from 3 % to 30 % noise; when the
    level is known pass rel_alpha_for_noise(noise, m) (basis_pursuit_or_lasso does).

    A : ndarray of shape (m, n); Y : ndarray of shape (batch, m). Returns X̂ : ndarray of shape (batch, n).
    """
    A, Y = _as_float64(A, Y)
    return _at_unit_norm(A, Y, lambda U: _lasso(A, U, rel_alpha))


def rel_alpha_for_noise(noise: float, m: int) -> float:
    """Penalty for `lasso_scaled` matched to relative noise ‖e‖ ≈ noise·‖y‖: 1.5·noise/m^1.5, at least 1e-5.

    At unit ‖y‖ each of the m noise entries has size σ = noise/√m; the classical penalty for ½‖y − Ax‖² + λ‖x‖₁
    is λ = c·σ, and sklearn divides the fit term by m, so alpha = c·noise/m^1.5. Fitted on 72 settings (n/m in
    32/16, 40/20, 64/32, 128/64, 64/16, 32/24; s = 1–3; noise 0.01–0.3; 200 signals each): c = 1.5 is on average
    3 % and at worst 18 % above the error of the best penalty on a grid (c = 1: 5 % / 34 %; c = 3, close to the
    theory's √(2 log n): 38 % / 83 %). The best penalty divided by noise/√m drifts with m; divided by noise/m^1.5
    it does not. Floor: at 1e-6 coordinate descent is unconverged after 10⁴ sweeps (error 0.31 at n=40, m=20,
    no noise); at 1e-5 it converges in ≤ 3400 and errs 4e-4.
    """
    return max(REL_ALPHA_FLOOR, REL_ALPHA_PER_NOISE * noise / m**1.5)


def bpdn_oracle(A: np.ndarray, Y: np.ndarray, *, noise: float) -> np.ndarray:
    """Basis pursuit denoising (the LASSO form) with an ORACLE penalty: `lasso_scaled` at rel_alpha_for_noise.

    The penalty is computed from the true relative noise level, which a real decoder does not know: its errors
    are a best case, and its label says so (decoder.bpdn).
    A : ndarray of shape (m, n); Y : ndarray of shape (batch, m); noise : relative level, ‖e‖ ≈ noise·‖A·x‖.
    Returns X̂ : ndarray of shape (batch, n).
    """
    return lasso_scaled(A, Y, rel_alpha=rel_alpha_for_noise(noise, np.shape(A)[0]))


def basis_pursuit_or_lasso(A: np.ndarray, Y: np.ndarray, *, noise: float) -> np.ndarray:
    """The ℓ1 decoder: basis pursuit if noise == 0, else `bpdn_oracle` (its result is then named "bpdn").

    With noise, A·x = y is the wrong constraint (it fits the noise exactly); BPDN is the standard noisy
    counterpart, and it stays scale-equivariant.
    A : ndarray of shape (m, n); Y : ndarray of shape (batch, m); noise : relative level, ‖e‖ ≈ noise·‖A·x‖.
    Returns X̂ : ndarray of shape (batch, n).
    """
    if noise == 0:
        return basis_pursuit(A, Y)
    return bpdn_oracle(A, Y, noise=noise)


def omp(A: np.ndarray, Y: np.ndarray, *, s: int) -> np.ndarray:
    """Orthogonal matching pursuit with exactly s steps, the whole batch in one pass (_omp_gram).

    Each step picks the column most correlated with the residual (an argmax: scale-free) and refits by least
    squares (linear), so x̂(c·y) = c·x̂(y); it runs on y/‖y‖ too, so that this holds to rounding. The columns are
    scaled to unit norm first, as OMP's selection assumes, and the answer scaled back (x_j = z_j/‖a_j‖).

    A : ndarray of shape (m, n); Y : ndarray of shape (batch, m); s : steps, i.e. nonzeros per x̂ (at most m
    are used: after m steps the residual is 0). Returns X̂ : ndarray of shape (batch, n).
    """
    A, Y = _as_float64(A, Y)
    steps = max(1, min(s, A.shape[0]))
    # Unnormalised, a long column wins the argmax for being long, not for fitting: RMS error 0.02–0.05 against
    # 0.000 at n=64, m=32, s=2 (measured). A zero column can never be picked usefully; dividing by 1 keeps it 0.
    col_norms = np.linalg.norm(A, axis=0)
    col_norms[col_norms == 0] = 1.0
    A_unit = A / col_norms
    return _at_unit_norm(A, Y, lambda U: _omp_gram(A_unit, U, steps) / col_norms)


def _omp_gram(A: np.ndarray, Y: np.ndarray, steps: int) -> np.ndarray:
    """OMP on every row of Y at once from the Gram matrix AᵀA (batch OMP, Rubinstein et al. 2008), with the stopping
    rules of sklearn's orthogonal_mp(precompute=True), which runs it one target at a time (the same answers, tested): a
    row stops early when its best column is already chosen, when its squared correlation is below machine epsilon (the
    residual is gone), or when the best column depends on the chosen ones (its Schur complement ≤ epsilon)."""
    eps = np.finfo(float).eps
    G = A.T @ A
    AtY = Y @ A
    rows = np.arange(Y.shape[0])
    active = np.zeros((Y.shape[0], A.shape[1]), dtype=bool)
    live = np.ones(Y.shape[0], dtype=bool)
    X = np.zeros_like(AtY)
    corr = AtY
    for step in range(steps):
        best = np.abs(corr).argmax(axis=1)
        live &= ~active[rows, best] & (corr[rows, best] ** 2 >= eps)
        if step and live.any():
            g = G[best[live]]  # (live, n): the best column's inner products with every column
            schur = G[best[live], best[live]] - (g * masked_solve(G, active[live], g)).sum(axis=1)
            live[rows[live][schur <= eps]] = False
        if not live.any():
            break
        active[rows[live], best[live]] = True
        X[live] = masked_solve(G, active[live], AtY[live])  # least squares on the chosen columns
        corr = AtY - X @ G  # Aᵀ·residual
    return X


def lasso_fixed(A: np.ndarray, Y: np.ndarray, *, alpha: float = LASSO_ALPHA) -> np.ndarray:
    """LASSO with a fixed penalty, min_x ‖y − A·x‖²/(2m) + alpha·‖x‖₁: classical, and NOT scale-invariant.

    x̂_α(c·y) = c·x̂_{α/c}(y): shrinking y by c acts like a penalty 1/c times larger, and once alpha exceeds
    ‖Aᵀy‖_∞/m the answer is exactly 0.

    Default alpha = 1e-3, measured on unit-norm signals with n = 32–64, m = 16–32, s = 1–3 (200 each): at scale 1
    with 5 % noise RMS relative error 0.033–0.099, within 0.03 of the best of 1e-4…1e-2 (noise-free
    0.024–0.081); at scale 0.01 exactly 0 everywhere there (error 1.000), as ‖Aᵀ(0.01·y)‖_∞/m < 1e-3. 3e-4 is a
    little better at scale 1 but gives 0.69–0.97 at 0.01 rather than a clean 0; 1e-2 errs 0.24–0.54 at scale 1.

    A : ndarray of shape (m, n); Y : ndarray of shape (batch, m). Returns X̂ : ndarray of shape (batch, n).
    """
    A, Y = _as_float64(A, Y)
    return _lasso(A, Y, alpha)


@dataclass(frozen=True)
class DecoderParams:
    """What a decoder may know: sparsity s and relative noise level."""

    s: int
    noise: float


@dataclass(frozen=True)
class Decoder:
    """A registered decoder; homogeneous means x̂(c·y) = c·x̂(y) for every real c."""

    name: str  # its label is the message decoder.<name> (core/i18n), shown by core.present.labels
    homogeneous: bool
    solve: Callable[[np.ndarray, np.ndarray, DecoderParams], np.ndarray]


DECODERS: dict[str, Decoder] = {
    # "bp" is the ℓ1 decoder users ask for (Config.baselines, the sweeps): BPDN when there is noise. "bpdn" is
    # what its result is called then (`decoder_for`), so a noisy run never shows the LASSO as basis pursuit.
    "bp": Decoder("bp", True, lambda A, Y, p: basis_pursuit_or_lasso(A, Y, noise=p.noise)),
    "bpdn": Decoder("bpdn", True, lambda A, Y, p: bpdn_oracle(A, Y, noise=p.noise)),
    "omp": Decoder("omp", True, lambda A, Y, p: omp(A, Y, s=p.s)),
    "lasso": Decoder("lasso", False, lambda A, Y, p: lasso_fixed(A, Y)),
}


def decoder_for(name: str, noise: float) -> Decoder:
    """The decoder that DECODERS[name] runs at this noise level: "bp" with noise > 0 is "bpdn"."""
    if name not in DECODERS:
        raise ValueError(f"unknown decoder {name!r}; choose one of {', '.join(DECODERS)}")
    return DECODERS["bpdn"] if name == "bp" and noise > 0 else DECODERS[name]


def decode(name: str, A: np.ndarray, Y: np.ndarray, *, s: int, noise: float) -> np.ndarray:
    """Run DECODERS[name] on Y of shape (batch, m) with A of shape (m, n); returns X̂ of shape (batch, n)."""
    return decoder_for(name, noise).solve(A, Y, DecoderParams(s=s, noise=noise))
