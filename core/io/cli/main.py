"""Command line: `python -m core run [flags] --json` for scripting, batch use and checks.

Bad input exits with code 2 and one line on stderr naming the value and the allowed range.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from core.config import ACTIVATION_NAMES, CAPS, OPTIMIZERS, PROBLEMS, RECIPES, Config, ConfigError
from core.i18n import DEFAULT_LANG, LANGS
from core.io.cli import images as cli_images
from core.io.cli import model as cli_model
from core.io.cli import sweep as cli_sweep
from core.io.cli.common import EXIT_BAD_INPUT, add_file_flags, finite, read_file


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line (no usage dump) and exits 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise ConfigError(message)


def _range(name: str) -> str:
    """'from LO to HI' for help texts."""
    return CAPS[name].describe()


def _program() -> str:
    """How the user called us, for usage lines: `scalelab` (the console script) or `python -m core`."""
    return "scalelab" if os.path.basename(sys.argv[0]) == "scalelab" else "python -m core"


def build_parser() -> argparse.ArgumentParser:
    """`run` and `report` share the run flags; values stay text so Config.parse words every error the same way."""
    parser = _Parser(prog=_program(), description="ScaleLab: bias-free networks, one vs two layers.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = sub.add_parser("run", help="train and evaluate one network per depth")
    _add_run_flags(run)
    run.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    report = sub.add_parser("report", help="run, then write the self-contained HTML report a meeting takes home")
    _add_run_flags(report)
    report.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="report language (default ja)")
    report.add_argument("--out", required=True, help="where to write the HTML report")
    report.add_argument("--csv", help="also write the results table as CSV here")
    report.add_argument("--currency", choices=("JPY", "USD"), default="JPY", help="cost table currency (default JPY)")
    pilot = sub.add_parser("pilot", help="one vs two layers on your own sensing matrix A (CSV: sensors × sources)")
    pilot.add_argument(
        "--matrix", required=True, help="file of A (CSV, .xlsx, Parquet): one row per sensor, one column per source"
    )
    add_file_flags(pilot)
    _add_run_flags(pilot, matrix=True)
    pilot.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    check = sub.add_parser("scale-check", help="is my data scale-dependent? (CSV of paired samples)")
    check.add_argument("--data", required=True, help="file of paired samples (CSV, .xlsx, Parquet)")
    add_file_flags(check)
    check.add_argument("--inputs", required=True, help="input columns: names or 1-based numbers, e.g. 1-3")
    check.add_argument("--outputs", required=True, help="output columns: names or 1-based numbers, e.g. 4,5")
    check.add_argument("--seed", default="0", help="random seed (default 0)")
    check.add_argument(
        "--magnitudes", help="keep samples with input magnitude ‖x‖ in LO,HI, e.g. 3e-6,3e-4 (default all)"
    )
    check.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    export = sub.add_parser("export", help="train on your sensing matrix A and write the model file (.npz)")
    export.add_argument("--matrix", required=True, help="file of A (CSV, .xlsx, Parquet): sensors × sources")
    add_file_flags(export)
    _add_run_flags(export, matrix=True)
    export.add_argument(
        "--model", default="2", help="the net to export: hidden layers 1-4, or 2h for the hand-built net"
    )
    export.add_argument("--out", required=True, help="where to write the model file (.npz)")
    decode = sub.add_parser("decode", help="decode recorded sensor readings with a model file (numpy only)")
    decode.add_argument("--model", required=True, help="a model file written by `export` or the Pilot page")
    decode.add_argument("--data", required=True, help="sensor readings Y (CSV, .xlsx, Parquet): one column per sensor")
    add_file_flags(decode)
    decode.add_argument("--out", required=True, help="where to write the reconstructed sources X̂ (CSV)")
    cli_sweep.add_parser(sub)
    cli_images.add_parser(sub)
    return parser


def _add_run_flags(run: argparse.ArgumentParser, *, matrix: bool = False) -> None:
    """The experiment's settings, one flag per Config field (docs/cli.md); with a matrix, A sets n and m."""
    d = Config()
    if not matrix:
        run.add_argument("--n", help=f"signal length ({_range('n')}; default {d.n})")
        run.add_argument("--m", help=f"measurements, at most n (default {d.m})")
    run.add_argument("--s", help=f"nonzeros per signal, at most n (default {d.s})")
    run.add_argument(
        "--depths",
        help=f"hidden-layer counts 1-4, comma-separated; 2h adds the hand-built net, 1n the normalised one-layer net "
        f"‖y‖·g(y/‖y‖) (with bias; outside the paper's class), u4 an unrolled ISTA net of 4 steps, 2b a two-layer "
        f"net with bias terms beside the bias-free ones "
        f"(default {d.to_query()['depths']})",
    )
    run.add_argument("--width", help=f"units per hidden layer ({_range('width')}; default {_by_optimizer('width')})")
    run.add_argument("--steps", help=f"training steps ({_range('steps')}; default {_by_optimizer('steps')})")
    run.add_argument(
        "--max-seconds",
        dest="max_seconds",
        help=f"time budget per model ({_range('max_seconds')}; default {_by_optimizer('max_seconds')})",
    )
    run.add_argument(
        "--activation",
        help=f"one of {', '.join(ACTIVATION_NAMES)} (default {d.activation}); scale-invariant: relu, leaky_relu, abs; "
        "the one-layer floor holds for all but tanh, sigmoid, elu; abs nets are even: error >= 1 at every depth",
    )
    run.add_argument("--bias", action="store_const", const="1", help="give the networks bias terms (default: none)")
    run.add_argument("--signal", help=f"signed or nonnegative amplitudes (default {d.signal})")
    run.add_argument("--noise", help=f"relative measurement noise ({_range('noise')}; default {d.noise:g})")
    run.add_argument(
        "--train-scales", dest="train_scales", help="training scale range LO,HI within 0.001-1000 (default 0.5,2)"
    )
    run.add_argument("--batch", help=f"signals per training step ({_range('batch')}; default {_by_optimizer('batch')})")
    run.add_argument(
        "--lr",
        help=f"Adam learning rate (with muon: the output layer's; {_range('lr')}; default {_by_optimizer('lr')})",
    )
    run.add_argument("--seed", help=f"random seed ({_range('seed')}; default {d.seed})")
    run.add_argument("--problem", help=f"one of {', '.join(PROBLEMS)} (default {d.problem})")
    run.add_argument("--d", help=f"low-rank: matrix size d×d ({_range('d')}; default {d.d})")
    run.add_argument("--rank", help=f"low-rank: rank r, at most d (default {d.rank})")
    run.add_argument(
        "--baselines", help="classical decoders to compare: comma list of bp,omp,lasso, or none (default all)"
    )
    run.add_argument(
        "--init",
        help=f"two-layer nets start random (he) or from A's hand-built weights (a); default {_by_optimizer('init')}",
    )
    run.add_argument(
        "--optimizer",
        help=f"one of {', '.join(OPTIMIZERS)}; muon: Muon on the hidden layers, Adam on the output layer, bfloat16 "
        "products, 300-step warm-up then cosine (docs/research-two-layer.md); default muon for the sparse problem "
        "at s >= 2, else adam. The optimizer sets the defaults of width, steps, max-seconds, batch, lr and init",
    )


def _by_optimizer(name: str) -> str:
    """A setting's default under each optimizer, for help texts: '256 (muon: 384)'."""
    adam, muon = (
        f"{RECIPES[o][name]:g}" if isinstance(RECIPES[o][name], float) else RECIPES[o][name] for o in OPTIMIZERS
    )
    return f"{adam} (muon: {muon})"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    from core.io.errors import CsvError
    from core.io.photos import ImageError

    try:
        args = build_parser().parse_args(argv)
        if args.command == "scale-check":
            return _scale_check(args)
        if args.command == "sweep":
            return cli_sweep.main(args)
        if args.command == "images":
            return cli_images.main(args)
        if args.command == "decode":
            return cli_model.decode(args)
        not_config = ("command", "json", "lang", "out", "csv", "currency", "matrix", "sheet", "encoding", "model")
        values = {k: v for k, v in vars(args).items() if k not in not_config and v is not None}
        A = None
        if args.command in ("pilot", "export"):
            A, values = _pilot_matrix(args, values)
        if args.command == "export":
            values = cli_model.export_values(args.model, values)
        cfg = Config.parse(_hand_built_token(values))
    except (ConfigError, CsvError, ImageError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    import torch

    from core.experiments.run import run  # torch loads only once the input is known to be good
    from core.present.export import run_json

    result = run(cfg, A=None if A is None else torch.tensor(A, dtype=torch.float32))  # a copy: A is read-only
    if args.command == "export":
        return cli_model.export(result, A, args)
    if args.command == "pilot":
        return _print_pilot(result, A, args)
    if args.command == "report":
        return _write_report(result, args)
    data = run_json(result, "en")
    print(json.dumps(finite(data), indent=2) if args.json else _table(data))
    return 0


def _pilot_matrix(args: argparse.Namespace, values: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """The engineer's A (m sensors × n sources) and the config values it implies (n, m; at most n nonzeros)."""
    from core.io.matrix import read_matrix

    info = read_matrix(read_file(args.matrix), encoding=args.encoding, sheet=args.sheet)
    m, n = info.A.shape
    return info.A, {**values, "n": str(n), "m": str(m)}


def _print_pilot(result: Any, A: Any, args: argparse.Namespace) -> int:
    """The run's JSON (or table) plus A's mutual coherence and its nearly parallel columns."""
    from core.io.matrix import coherence, near_parallel_pairs, read_matrix
    from core.present.export import run_json

    names = read_matrix(read_file(args.matrix), encoding=args.encoding, sheet=args.sheet).source_names
    data = run_json(result, "en")
    data["coherence"] = coherence(A)
    data["near_parallel"] = [{"a": a, "b": b, "cosine": c} for a, b, c in near_parallel_pairs(A, names)]
    if args.json:
        print(json.dumps(finite(data), indent=2))
    else:
        print(_table(data))
        print(f"mutual coherence of A: {data['coherence']:.4f}")
        for pair in data["near_parallel"]:
            print(f"  sources {pair['a']} and {pair['b']} look alike to the sensors (cosine {pair['cosine']:.3f})")
    return 0


def _scale_check(args: argparse.Namespace) -> int:
    """`scale-check`: is the engineer's data scale-dependent? One JSON object or a short text."""
    from core.experiments.scalecheck import MIN_SAMPLES, keep_magnitudes, reasons, scale_check
    from core.io.tables import pick, read_table

    try:
        seed = int(args.seed)
    except ValueError:
        raise ConfigError(f"seed={args.seed!r} is not allowed: seed must be an integer") from None
    table = read_table(read_file(args.data), encoding=args.encoding, sheet=args.sheet)
    picked = pick(table, args.inputs, args.outputs, min_rows=MIN_SAMPLES)
    X, Y = picked.parts
    if args.magnitudes:
        X, Y = keep_magnitudes(X, Y, *_range_pair(args.magnitudes))
    try:
        check = scale_check(X, Y, seed=seed)
    except ValueError as exc:
        raise ConfigError(str(exc).splitlines()[0]) from None
    keys = ("spread_decades", "bias_free_extrapolation_error", "biased_extrapolation_error", "homogeneity_score")
    data = {key: getattr(check, key) for key in keys} | {"verdict": check.verdict, "n_samples": check.n_samples}
    data |= {"skipped_rows": picked.dropped, "first_skipped_rows": list(picked.dropped_rows)}
    if args.json:
        print(json.dumps(finite(data), indent=2))
    else:
        skipped = [] if picked.note() is None else [picked.note().words("en")]
        print("\n".join([f"verdict: {check.verdict}", *(n.words("en") for n in reasons(check)), *skipped]))
    return 0


def _range_pair(text: str) -> tuple[float, float]:
    """LO,HI as two positive numbers with LO < HI, or a ConfigError naming the flag."""
    try:
        lo, hi = (float(v) for v in text.split(","))
    except ValueError:
        lo = hi = 0.0
    if not 0 < lo < hi < float("inf"):
        raise ConfigError(f"magnitudes={text!r} is not allowed: give LO,HI with 0 < LO < HI, e.g. 3e-6,3e-4")
    return lo, hi


def _write_report(result: Any, args: argparse.Namespace) -> int:
    """The HTML report (and optionally the CSV) for a finished run, priced at the default volumes."""
    from dataclasses import asdict
    from datetime import datetime

    from core.cost.inputs import CostInputs
    from core.cost.rows import rows_for
    from core.cost.verdict import verdict
    from core.present.report import document as report
    from core.present.tables import results_csv

    inputs = CostInputs(currency=args.currency)
    rows = rows_for(result, inputs, args.lang)
    html = report.build_report(
        result,
        lang=args.lang,
        generated_at=datetime.now().strftime("%Y-%m-%d %H:%M"),
        cost_rows=[asdict(r) for r in rows],
        currency=args.currency,
        verdict=verdict(rows, args.lang) if rows else None,
        assumptions=asdict(inputs),
    )
    try:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(html)
        if args.csv:
            with open(args.csv, "w", encoding="utf-8", newline="") as f:
                f.write(results_csv(result, args.lang))
    except OSError as exc:
        print(f"error: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"wrote {args.out} ({len(html.encode()) // 1024} kB)" + (f" and {args.csv}" if args.csv else ""))
    return 0


def _hand_built_token(values: dict[str, Any]) -> dict[str, Any]:
    """`--depths 1,2,2h`: the token 2h asks for the hand-built two-layer net beside the trained ones, 1n for the
    normalised one-layer net, u4 for an unrolled net of 4 steps, 2b for a two-layer net with bias terms beside the
    bias-free ones."""
    if "depths" not in values:
        return values
    tokens = [t.strip() for t in values["depths"].split(",")]
    extra: dict[str, str] = {}
    if "2h" in tokens:
        extra["hand_built"] = "1"
    if "1n" in tokens:
        extra["normalised"] = "1"
    unrolled = [t for t in tokens if t.startswith("u") and t[1:].isdigit()]
    if unrolled:
        extra["unrolled"] = unrolled[-1][1:]
    biased = [t for t in tokens if t.endswith("b") and t[:-1].isdigit()]
    if biased:
        extra["biased"] = ",".join(t[:-1] for t in biased)
    rest = [t for t in tokens if t not in ("2h", "1n", *unrolled, *biased)]
    return {**values, "depths": ",".join(rest), **extra} if extra else values


def _table(data: dict[str, Any]) -> str:
    """A short human-readable summary of a run."""
    floor = data["one_layer_floor"]
    lines = [f"one-layer floor: {floor:.3f}" if floor is not None else "one-layer floor: does not apply"]
    if data.get("even_floor") is not None:  # |t| first: the net is even, the bound holds at every depth
        lines.append(f"even first layer: error >= {data['even_floor']:.3f} at every depth")
    # the name column as wide as its longest label (the normalised net's is ~70 characters), so the columns align
    w = max([36, *(len(r["label"]) for r in data["models"]), *(len(b["label"]) for b in data["baselines"])])
    lines.append(f"{'model':<{w}} {'params':>8} {'seconds':>8} {'rms rel err':>12} {'worst scale':>12}  status")
    for r in data["models"]:
        name = r["label"]
        by_scale = r["rms_rel_error_by_scale"] or {}
        err, worst = _num(r["rms_rel_error"]), _num(max(by_scale.values()) if by_scale else None)
        lines.append(f"{name:<{w}} {r['params']:>8} {r['train_seconds']:>8.2f} {err:>12} {worst:>12}  {r['status']}")
        if r["message"]:
            lines.append(f"  {r['message']}")
    for b in data["baselines"]:
        err, worst = _num(b["rms_rel_error"]), _num(max(b["rms_rel_error_by_scale"].values()))
        per_signal = f"{1000 * b['seconds_per_signal']:.2g} ms/signal"  # the batched decoders take µs: not "0.00"
        lines.append(f"{b['label']:<{w}} {'':>8} {'':>8} {err:>12} {worst:>12}  {per_signal}")
    return "\n".join(lines)


def _num(value: float | None) -> str:
    """4 decimals, or 3 significant digits for tiny values, or '-' for none."""
    if value is None:
        return "-"
    return f"{value:.4f}" if abs(value) >= 1e-3 else f"{value:.2e}"
