"""What every CLI command shares: reading a file into one clear error, JSON without NaN, the exit codes."""

from __future__ import annotations

import argparse
import math
from typing import Any

EXIT_BAD_INPUT = 2  # a bad flag or file: one line on stderr naming it


def read_file(path: str) -> bytes:
    """A file's bytes, or a CsvError naming why it cannot be read (so the CLI prints one line)."""
    from core.io.errors import CsvError
    from core.io.limits import MAX_BYTES

    try:
        with open(path, "rb") as f:
            return f.read(MAX_BYTES + 1)  # read_table refuses more than the cap with a clear message
    except OSError as exc:
        raise CsvError("unreadable", path=path, reason=exc.strerror or str(exc)) from None


def add_file_flags(parser: argparse.ArgumentParser) -> None:
    """--sheet and --encoding: the two guesses about an input file that a user may need to correct."""
    from core.io.text import ENCODINGS

    parser.add_argument("--sheet", help="the sheet of an .xlsx workbook to read (default: the first)")
    parser.add_argument("--encoding", help=f"a text file's encoding, e.g. {', '.join(ENCODINGS)} (default: guessed)")


def finite(obj: Any) -> Any:
    """JSON has no NaN or inf: write them as null."""
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, dict):
        return {k: finite(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [finite(v) for v in obj]
    return obj
