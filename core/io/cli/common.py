"""What every CLI command shares: reading a file into one clear error, JSON without NaN, the exit codes."""

from __future__ import annotations

import math
from typing import Any

EXIT_BAD_INPUT = 2  # a bad flag or file: one line on stderr naming it


def read_file(path: str) -> bytes:
    """A file's bytes, or a CsvError naming why it cannot be read (so the CLI prints one line)."""
    from core.io.tables import MAX_BYTES, CsvError

    try:
        with open(path, "rb") as f:
            return f.read(MAX_BYTES + 1)  # read_table refuses more than the cap with a clear message
    except OSError as exc:
        raise CsvError("unreadable", path=path, reason=exc.strerror or str(exc)) from None


def finite(obj: Any) -> Any:
    """JSON has no NaN or inf: write them as null."""
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, dict):
        return {k: finite(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [finite(v) for v in obj]
    return obj
