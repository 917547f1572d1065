"""`python -m core sweep`: a phase diagram from the command line, locally or on a Dask cluster.

Progress goes to stderr (one line per finished task with the time left), the result to stdout: a text map per
decoder, or with --json one object (keys in docs/sweeps.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from core.config import ConfigError
from core.experiments.sweep.grid import SweepResult, eta_seconds
from core.experiments.sweep.spec import SWEEP_CAPS, SWEEP_DECODERS, SweepSpec
from core.io.cli.common import add_file_flags, finite, read_file

_FIELDS = (
    "n", "deltas", "rhos", "seeds", "decoders", "threshold", "width", "steps", "max_seconds", "noise", "seed", "init",
    "optimizer",
)  # fmt: skip


def add_parser(sub: Any) -> None:
    """The `sweep` subcommand and its flags."""
    d = SweepSpec()
    p = sub.add_parser("sweep", help="success over a grid of δ = m/n and ρ = s/m: one layer, two layers, basis pursuit")
    p.add_argument("--n", help=f"signal length ({SWEEP_CAPS['n'].describe()}; default {d.n})")
    p.add_argument("--deltas", help=f"δ = m/n values, comma list in (0, 1] (default {d.to_query()['deltas']})")
    p.add_argument("--rhos", help=f"ρ = s/m values, comma list in (0, 1] (default {d.to_query()['rhos']})")
    p.add_argument("--seeds", help=f"seeds per cell ({SWEEP_CAPS['seeds'].describe()}; default {d.seeds})")
    p.add_argument(
        "--decoders",
        help=f"comma list of {', '.join(SWEEP_DECODERS)} (one hidden layer, two hidden layers, basis pursuit; "
        "default all)",
    )
    p.add_argument("--threshold", help=f"success: RMS relative error below this (default {d.threshold:g})")
    p.add_argument("--width", help=f"units per hidden layer (default {d.width})")
    p.add_argument("--steps", help=f"training steps per network ({SWEEP_CAPS['steps'].describe()}; default {d.steps})")
    p.add_argument("--max-seconds", dest="max_seconds", help=f"time budget per network (default {d.max_seconds:g})")
    p.add_argument("--noise", help=f"relative measurement noise (default {d.noise:g})")
    p.add_argument("--signal", help="signed or nonnegative amplitudes (default signed)")
    p.add_argument("--seed", help=f"sweep seed; each task derives its own from it (default {d.seed})")
    p.add_argument("--init", help="two-layer nets start random (he) or from A's hand-built weights (a); default he")
    p.add_argument(
        "--optimizer",
        help="two-layer nets of cells at s >= 2: muon (Muon's recipe with its own settings: width 384, 5000 steps of "
        "batch 1024, lr 7e-3, from A, at most 60 s) or adam (the settings above, as every other net); default muon",
    )
    p.add_argument("--matrix", help="your own A (CSV, .xlsx, Parquet; sensors × sources): each δ keeps that share")
    add_file_flags(p)
    p.add_argument("--address", help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: $SCALELAB_DASK_ADDRESS)")
    p.add_argument("--workers", help="local worker processes when no cluster is given (default: one per core)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")


def main(args: argparse.Namespace) -> int:
    """Parse, run, print; bad input raises ConfigError or CsvError (the caller prints one line, exits 2)."""

    values = {k: getattr(args, k) for k in (*_FIELDS, "signal") if getattr(args, k) is not None}
    A = None
    if args.matrix:
        from core.io.matrix import read_matrix

        A = read_matrix(read_file(args.matrix), encoding=args.encoding, sheet=args.sheet).A
        values["n"] = str(A.shape[1])
    spec = SweepSpec.parse(values)
    workers = _workers(args.workers)
    from core.runtime.sweeps import ClusterError, run_sweep

    def progress(done: int, total: int, result: Any, elapsed: float) -> None:
        left = eta_seconds(done, total, elapsed)
        print(f"sweep: {done}/{total} tasks, {elapsed:.0f} s, about {left:.0f} s left", file=sys.stderr, flush=True)

    try:
        result = run_sweep(spec, A=A, address=args.address, workers=workers, on_task=progress)
    except ClusterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    print(json.dumps(finite(result.to_json()), indent=2) if args.json else table(result))
    return 0 if not result.missing else 1


def _workers(text: str | None) -> int | None:
    """--workers as a positive integer."""
    if text is None:
        return None
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 64:
        raise ConfigError(f"workers={text!r} is not allowed: workers must be an integer from 1 to 64")
    return value


def table(result: SweepResult) -> str:
    """One text map per decoder: rows ρ, columns δ, each cell 'success rate / mean error'."""
    spec = result.spec
    by = {(c.decoder, c.delta, c.rho): c for c in result.cells}
    lines = [
        f"sweep n={spec.n}, {spec.seeds} seed(s) per cell, success = RMS relative error < {spec.threshold:g}; "
        f"{result.elapsed_seconds:.1f} s on {result.workers} worker(s) ({result.backend})"
    ]
    names = {"one": "one hidden layer", "two": "two hidden layers", "bp": "basis pursuit"}
    for name in spec.decoders:
        lines += ["", f"{names[name]}: success rate / mean RMS relative error", "rho \\ delta".ljust(12)]
        lines[-1] += "".join(f"{d:>14g}" for d in spec.deltas)
        for rho in reversed(spec.rhos):
            row = f"{rho:<12g}"
            for delta in spec.deltas:
                c = by.get((name, delta, rho))
                err = "-" if c is None or c.mean_rms_rel_error is None else f"{c.mean_rms_rel_error:.3f}"
                row += f"{'-' if c is None else f'{c.success_rate:.2f}'} / {err}".rjust(14)
            lines.append(row)
    for key, why in result.missing:
        lines.append(f"missing: {key}: {why}")
    return "\n".join(lines)
