"""Section (g): sweeps — tasks per second on 1 and 2 local worker processes, and the Dask cluster path's overhead."""

from __future__ import annotations

import logging
from dataclasses import replace

from core.experiments.sweep.spec import SweepSpec
from core.runtime.sweeps import run_sweep

Row = tuple[str, str, str]


def sweeps(*, quick: bool) -> list[Row]:
    """(g) sweeps: local pool with 1 and 2 workers, and a local Dask cluster against the plain pool"""
    from distributed import LocalCluster

    # Adam at every cell: the comparison is of the pools, at the same work as before Muon's recipe became the sweep's
    # default at s ≥ 2 (which trains those cells up to a minute each)
    spec = SweepSpec(n=32, deltas=(0.25, 0.5, 0.75), rhos=(0.1, 0.2), seeds=1 if quick else 2, steps=400, width=128,
                     optimizer="adam")  # fmt: skip
    what = f"{spec.task_count} trainings ({len(spec.deltas) * len(spec.rhos)} cells × {spec.seeds} seeds, 3 decoders)"
    # Warm-up on every worker (4 tiny tasks): process start and first-call set-up are not what is compared here.
    warm = SweepSpec(n=8, deltas=(0.5, 0.75), rhos=(0.2, 0.3), seeds=1, steps=5, width=4, optimizer="adam")
    run_sweep(warm, workers=2)
    rows: list[Row] = []
    rate = {}
    for workers in (1, 2):
        result = run_sweep(spec, workers=workers)
        rate[workers] = spec.task_count / result.elapsed_seconds
        rows.append(
            (
                f"(g) sweep, local pool, {workers} worker(s)",
                f"{rate[workers]:.2f} trainings/s ({result.elapsed_seconds:.1f} s)",
                f"{what}; n=32, 400 steps, width 128; a fresh pool per sweep (forked from a warm forkserver)",
            )
        )
    rows.append(("(g) sweep speed-up, 2 workers vs 1", f"{rate[2] / rate[1]:.2f}×", "ratio of the two rows above"))
    with LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0", silence_logs=logging.ERROR
    ) as cluster:
        run_sweep(replace(warm, deltas=(0.5,), rhos=(0.2,)), address=cluster.scheduler_address)
        result = run_sweep(spec, address=cluster.scheduler_address)
    overhead = result.elapsed_seconds / (spec.task_count / rate[2])
    rows.append(
        (
            "(g) sweep, local Dask cluster, 2 workers",
            f"{result.elapsed_seconds:.1f} s = {overhead:.2f}× the 2-process pool",
            "same sweep; scheduler and 2 worker processes (1 thread each) on loopback, warmed up by a tiny sweep",
        )
    )
    return rows
