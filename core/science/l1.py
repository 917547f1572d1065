"""ℓ1 decoders for a whole batch at once, in float64: basis pursuit by ADMM, the LASSO by its homotopy.

Basis pursuit, min ‖x‖₁ subject to A·x = y, split as x = z (Boyd et al. 2011, §6.2): the x-update is the projection
onto {A·x = y}, the z-update a soft threshold, the scaled dual w collects x − z. Every signal of the batch runs in
the same matrix products; signals that have converged leave the batch.

The LASSO, min ‖y − A·x‖²/(2m) + α‖x‖₁, follows its exact solution path from x = 0 (LARS with the lasso
modification, Efron et al. 2004; Osborne et al. 2000), every signal of the batch in the same masked linear solves.
"""

from __future__ import annotations

import numpy as np

RHO = 10.0  # starting penalty at unit ‖y‖: threshold 0.1 (measured at n/m = 20/10…64/32: 3–30 all converge)
TOL = 1e-10  # relative primal and dual residual at which a signal stops; agrees with HiGHS to ~2e-10 (measured)
# Data rounded to float32 (the Lab's y = A·x is computed by torch in float32) carry a relative error of ~1e-7: the
# exact ℓ1 minimiser of such y has tiny extra entries, and at TOL every signal ran into the cap (n=64, m=32, s=2–3,
# 200 signals: 5000 iterations each). At 1e-7 the same signals stop after 60–140 iterations, within 2e-7 of HiGHS
# and with the same error against the true x (5.8e-8 vs 4.8e-8, measured).
TOL_FLOAT32 = 1e-7
MAX_ITER = 5000  # cap; recoverable signals stop after 80–300 iterations (measured, n ≤ 64), others may reach it
CHECK_EVERY = 10  # iterations between convergence checks: a check costs about as much as an iteration
BALANCE = 10.0  # residual balancing: rescale ρ by 2 when one residual exceeds the other by this factor


def basis_pursuit_admm(
    A: np.ndarray, Y: np.ndarray, *, tol: float = TOL, max_iter: int = MAX_ITER
) -> tuple[np.ndarray, np.ndarray]:
    """Basis pursuit, argmin ‖x‖₁ s.t. A·x = y, for every row of Y by batched ADMM in float64.

    A : ndarray of shape (m, n), full row rank; Y : ndarray of shape (batch, m), best at unit row norms (the
    thresholds and tolerances are absolute in y's units: core.science.decoders.basis_pursuit normalises).
    Returns (X̂ of shape (batch, n), iterations of shape (batch,)). X̂ is the projected iterate, so A·x̂ = y holds
    to float64 rounding even for a signal stopped at the cap (then ‖x̂‖₁ is only near the minimum).
    """
    A = np.asarray(A, dtype=np.float64)
    Y = np.atleast_2d(np.asarray(Y, dtype=np.float64))
    if Y.shape[0] == 0:
        return np.zeros((0, A.shape[1])), np.zeros(0, dtype=int)
    pinv = np.linalg.pinv(A)  # (n, m), once per A
    P = np.eye(A.shape[1]) - pinv @ A  # projector onto A's null space, symmetric
    Q = Y @ pinv.T  # (batch, n): the least-norm solution A⁺y of each row
    X = np.empty_like(Q)
    iterations = np.full(Y.shape[0], max_iter)
    rows = np.arange(Y.shape[0])
    z, w = Q.copy(), np.zeros_like(Q)
    thresh = np.full((Y.shape[0], 1), 1.0 / RHO)  # 1/ρ per signal: ρ adapts to each one
    done_iters = 0
    while rows.size:
        for _ in range(CHECK_EVERY):
            x = (z - w) @ P + Q  # projection of z − w onto {A·x = y}
            v = x + w
            z_old = z
            z = np.sign(v) * np.maximum(np.abs(v) - thresh, 0.0)
            w = v - z
        done_iters += CHECK_EVERY
        primal = np.linalg.norm(x - z, axis=1)
        dual = np.linalg.norm(z - z_old, axis=1) / thresh[:, 0]  # ρ‖z − z_old‖
        size = np.linalg.norm(x, axis=1)
        done = (primal <= tol * size) & (dual * thresh[:, 0] <= tol * size)
        if done_iters >= max_iter:
            done[:] = True
        X[rows[done]] = x[done]
        iterations[rows[done]] = done_iters
        keep = ~done
        rows, z, w, Q, thresh = rows[keep], z[keep], w[keep], Q[keep], thresh[keep]
        primal, dual = primal[keep], dual[keep]
        # Residual balancing (Boyd et al. §3.4.1): ρ ← 2ρ if the primal residual dominates, ρ/2 if the dual does;
        # the scaled dual w = λ/ρ is rescaled with it. Cut the slowest signal from 2170 to 280 iterations at n=64,
        # m=32, s=3 (4000 signals, measured).
        factor = np.where(primal > BALANCE * dual, 2.0, np.where(dual > BALANCE * primal, 0.5, 1.0))[:, None]
        thresh, w = thresh / factor, w / factor
    return X, iterations


def data_tolerance(A: np.ndarray, Y: np.ndarray) -> float:
    """TOL_FLOAT32 if every entry of A and Y is exactly a float32 number (data carrying float32 precision), else TOL."""
    as_f32 = all(np.array_equal(np.asarray(v, dtype=np.float64), np.asarray(v, dtype=np.float32)) for v in (A, Y))
    return TOL_FLOAT32 if as_f32 else TOL


LASSO_MAX_STEPS = 500  # path events per signal (joins and drops), as sklearn's LassoLars; recoverable signals take ~s
SOLVE_CHUNK_BYTES = 16 * 2**20  # masked_solve's stacked systems at a time
KKT_TOL = 1e-6  # relative to α: a path answer whose optimality conditions are off by more is reported as not exact


def masked_solve(G: np.ndarray, active: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    """Per row i, d with G[S,S]·d[S] = rhs[i,S] on S = active[i] and 0 off S; G (n, n), active and rhs (k, n).

    Each row's system is gathered to the size of the largest S (padded with identity rows), in chunks of at most
    SOLVE_CHUNK_BYTES: never a (k, n, n) stack, which at n = 256 and 700 signals would be 370 MB. A singular system
    (an exactly zero pivot) gets the pseudo-inverse's answer; a nearly singular one (an active set larger than m) gets
    whatever the solve returns: callers check what they get (the LASSO its optimality conditions)."""
    out = np.zeros(rhs.shape)
    counts = active.sum(axis=1)
    size = int(counts.max(initial=0))
    if size == 0:
        return out
    order = np.argsort(~active, axis=1, kind="stable")[:, :size]  # each row's active indices first
    valid = np.arange(size) < counts[:, None]
    diag = np.arange(size)
    step = max(1, SOLVE_CHUNK_BYTES // (8 * size * size))
    for lo in range(0, rhs.shape[0], step):
        o, v = order[lo : lo + step], valid[lo : lo + step]
        M = np.where(v[:, :, None] & v[:, None, :], G[o[:, :, None], o[:, None, :]], 0.0)
        M[:, diag, diag] += ~v
        r = np.take_along_axis(rhs[lo : lo + step], o, axis=1) * v
        try:
            x = np.linalg.solve(M, r[..., None])[..., 0]
        except np.linalg.LinAlgError:
            x = (np.linalg.pinv(M) @ r[..., None])[..., 0]
        np.put_along_axis(out[lo : lo + step], o, x, axis=1)
    return out


def lasso_homotopy(A: np.ndarray, Y: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """The LASSO, argmin ‖y − A·x‖²/(2m) + α‖x‖₁, for every row of Y by its solution path (a batched LARS-lasso).

    With c = Aᵀ(y − A·x) the correlations and C their largest size, the path starts at x = 0, C = ‖Aᵀy‖_∞ and moves
    the active coefficients along (A_SᵀA_S)⁻¹·sign(c_S), which lowers every active |c_j| together, until C = m·α;
    on the way a variable joins when its |c_j| reaches C and leaves when its coefficient reaches 0. Returns (X̂ of
    shape (batch, n), exact of shape (batch,)): exact says the answer meets the LASSO's optimality conditions to
    KKT_TOL·α. Measured: all of 54,000 noisy signals (Gaussian A at m/n = 16/32–32/64 with s ≤ 8, columns correlated
    at 32×32 and 24×32, a 20×8 A; scales 1e-3–1e3, α = 1e-3 and 1e-5) meet them; before a variable that just left the
    path could rejoin on its other side, up to 20 % of the correlated ones did not.
    """
    A = np.asarray(A, dtype=np.float64)
    Y = np.atleast_2d(np.asarray(Y, dtype=np.float64))
    m, n = A.shape
    G = A.T @ A
    AtY = Y @ A  # (batch, n)
    X = np.zeros((Y.shape[0], n))
    lam = m * alpha
    big = np.abs(AtY).max(axis=1) if n else np.zeros(Y.shape[0])
    rows = np.flatnonzero(big > lam)  # the others: x̂ = 0 already meets the conditions
    x, aty, C = X[rows], AtY[rows], big[rows]
    k = np.arange(rows.size)
    first = np.abs(aty).argmax(axis=1)
    active = np.zeros((rows.size, n), dtype=bool)
    sign = np.zeros((rows.size, n))
    active[k, first], sign[k, first] = True, np.sign(aty[k, first])
    # the sign a variable had when it just left the path: at the next event it may not rejoin on that side (its |c_j|
    # is C there by construction), but it may cross zero and join on the other
    dropped = np.zeros((rows.size, n))
    c = aty.copy()
    for _ in range(LASSO_MAX_STEPS):
        if not rows.size:
            break
        d = masked_solve(G, active, sign)
        a = d @ G  # how fast each c_j falls per unit of the step: exactly sign_j on S
        free = ~active
        with np.errstate(divide="ignore", invalid="ignore"):
            # a free c_j meets C − γ (up) or −(C − γ) (down) at these γ (one already there by rounding joins at 0) ...
            up = np.where(free & (dropped <= 0) & (1 - a > 1e-12), np.maximum(C[:, None] - c, 0) / (1 - a), np.inf)
            down = np.where(free & (dropped >= 0) & (1 + a > 1e-12), np.maximum(C[:, None] + c, 0) / (1 + a), np.inf)
            # ... and an active coefficient moving towards 0 reaches it at -x/d
            leave = np.where(active & (x * d < 0), -x / d, np.inf)
        joins = np.minimum(up, down)
        j, o = joins.argmin(axis=1), leave.argmin(axis=1)
        g_join, g_leave, g_end = joins[k, j], leave[k, o], C - lam
        step = np.minimum(np.minimum(g_join, g_leave), g_end)
        x = x + step[:, None] * d
        C = C - step
        c = aty - x @ G  # recomputed, not updated: no drift along a long path
        end = g_end <= np.minimum(g_join, g_leave)
        out = ~end & (g_leave <= g_join)
        join = ~end & ~out
        dropped[:] = 0.0
        dropped[k[out], o[out]] = sign[k[out], o[out]]
        active[k[out], o[out]], sign[k[out], o[out]], x[k[out], o[out]] = False, 0.0, 0.0
        active[k[join], j[join]], sign[k[join], j[join]] = True, np.sign(c[k[join], j[join]])
        X[rows[end]] = x[end]
        keep = ~end
        rows, x, aty, C, c = rows[keep], x[keep], aty[keep], C[keep], c[keep]
        active, sign, dropped = active[keep], sign[keep], dropped[keep]
        k = np.arange(rows.size)
    X[rows] = x  # at the step cap: where the path got to (reported as not exact below if it is not)
    return X, lasso_exact(A, Y, X, alpha)


def lasso_violation(A: np.ndarray, Y: np.ndarray, X: np.ndarray, alpha: float) -> np.ndarray:
    """Per row: how far X̂ misses the LASSO's optimality conditions, Aᵀ(y − A·x̂)/m = α·sign(x̂) on its support and
    |·| ≤ α off it, relative to α (to rounding's size of Aᵀy/m when α is 0)."""
    m = A.shape[0]
    corr = (Y - X @ A.T) @ A / m
    on = X != 0
    off_by = np.where(on, np.abs(corr - alpha * np.sign(X)), np.maximum(np.abs(corr) - alpha, 0.0))
    scale = np.maximum(alpha, 1e-12 * np.abs(Y @ A).max(axis=1, initial=0.0) / m)
    return off_by.max(axis=1, initial=0.0) / np.where(scale > 0, scale, 1.0)


def lasso_exact(A: np.ndarray, Y: np.ndarray, X: np.ndarray, alpha: float) -> np.ndarray:
    """Per row: does X̂ meet the LASSO's optimality conditions to KKT_TOL (lasso_violation)?"""
    return lasso_violation(A, Y, X, alpha) <= KKT_TOL
