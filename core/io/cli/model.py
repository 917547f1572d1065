"""`export` (train on the engineer's A, write the model file) and `decode` (run a model file on recorded readings,
with numpy alone) on the command line."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from core.config import ConfigError
from core.io.cli.common import EXIT_BAD_INPUT, read_file


def export_values(model: str, values: dict[str, Any]) -> dict[str, Any]:
    """The run values for the one net `--model` names: its depth (trained) or the hand-built net; no decoders."""
    token = model.strip().lower()
    if token == "2h":
        return {**values, "depths": "2", "hand_built": "1", "baselines": "none"}
    if token not in ("1", "2", "3", "4"):
        raise ConfigError(f"model={model!r} is not allowed: model must be 1, 2, 3, 4 or 2h")
    return {**values, "depths": token, "baselines": "none"}


def export(result: Any, A: Any, args: argparse.Namespace) -> int:
    """Rebuild the chosen net of a finished run, write its .npz, say what was written."""
    from core.experiments import export as exporting
    from core.io.matrix import read_matrix

    kind = "hand-built" if args.model.strip().lower() == "2h" else "trained"
    model = next(m for m in result.models if m.kind == kind)
    code = exporting.why_not(result.config, model)
    if code is not None:
        print(f"error: this model cannot be exported ({code})", file=sys.stderr)
        return EXIT_BAD_INPUT
    info = read_matrix(read_file(args.matrix), encoding=args.encoding, sheet=args.sheet)
    net = exporting.rebuild(result.config, A, model)
    raw = exporting.model_file(net, result.config, A, model, source_names=info.source_names,
                               sensor_names=info.sensor_names)  # fmt: skip
    if not _write(args.out, raw):
        return EXIT_BAD_INPUT
    print(f"wrote {args.out}: {kind} net, {len(raw) // 1024} kB, rms relative error {model.rms_rel_error:.3g} on the "
          f"run's test signals, A sha256 {exporting.a_hash(A)[:12]}…")  # fmt: skip
    return 0


def decode(args: argparse.Namespace) -> int:
    """Decode every complete row of the readings file with the model file; write X̂ as CSV (numpy only, no torch)."""
    from core.io import decode_numpy, decoding
    from core.io.tables import read_table

    model = load_model(args.model)
    table = read_table(read_file(args.data), encoding=args.encoding, sheet=args.sheet)
    names = tuple(str(s) for s in model["sensor_names"])
    decoded = decoding.decode_table(lambda Y: decode_numpy.decode(model, Y), table, names)
    sources = tuple(str(s) for s in model["source_names"])
    if not _write(args.out, decoding.decoded_csv(decoded, sources, "row")):
        return EXIT_BAD_INPUT
    lines = [f"wrote {args.out}: {len(decoded.rows)} rows decoded into {len(sources)} sources"]
    if decoded.skipped is not None:
        lines.append(decoded.skipped.words("en"))
    if decoded.outside:
        lo, hi = decoding.CHECKED_SCALES
        lines.append(
            f"{decoded.outside} rows have a magnitude ‖x̂‖ outside {lo:g} to {hi:g}, where the error was measured"
        )
    print("\n".join(lines))
    return 0


def load_model(path: str) -> dict[str, Any]:
    """A model file's arrays, or a CsvError naming why it is not one (one line, exit 2)."""
    import io

    from core.io.decode_numpy import FORMAT, load
    from core.io.errors import CsvError, show

    raw = read_file(path)
    try:
        model = load(io.BytesIO(raw))
        if str(model["format"]) != FORMAT:
            raise ValueError(f"format {show(str(model['format']), 30)}")
        missing = {"layers", "activation", "normalised", "m", "sensor_names", "source_names"} - model.keys()
        if missing:  # said here, not midway through decoding
            raise KeyError(", ".join(sorted(missing)))
    except (OSError, ValueError, KeyError, EOFError) as exc:
        raise CsvError("bad_model", path=show(path, 60), reason=show(f"{type(exc).__name__}: {exc}", 60)) from None
    return model


def _write(path: str, raw: bytes) -> bool:
    """Write the bytes; False (having said why in one line) if the file cannot be written."""
    try:
        with open(path, "wb") as f:
            f.write(raw)
    except OSError as exc:
        print(f"error: cannot write {path}: {exc.strerror}", file=sys.stderr)
        return False
    return True
