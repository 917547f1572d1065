"""How much an upload may hold: one cap in megabytes, from SCALELAB_MAX_UPLOAD_MB (default 50), and what follows.

The server enforces its own cap (`server.maxUploadSize` in .streamlit/config.toml, 50 = the default here; set
STREAMLIT_SERVER_MAX_UPLOAD_SIZE to the same number when you change SCALELAB_MAX_UPLOAD_MB). The readers and the
command line re-check every file against the numbers below.
"""

from __future__ import annotations

import os

DEFAULT_MAX_UPLOAD_MB = 50
ROWS_PER_MB = 20_000  # 5 MB allowed 100,000 rows; the row cap follows the byte cap
UNPACKED_FACTOR = 10  # an xlsx or Parquet file may declare at most this many times the cap once uncompressed


def max_upload_mb() -> int:
    """The cap in MB: SCALELAB_MAX_UPLOAD_MB when it is a whole number from 1 to 2000, else the default."""
    text = os.environ.get("SCALELAB_MAX_UPLOAD_MB", "").strip()
    return int(text) if text.isdigit() and 1 <= int(text) <= 2000 else DEFAULT_MAX_UPLOAD_MB


MAX_UPLOAD_MB = max_upload_mb()
MAX_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_ROWS = MAX_UPLOAD_MB * ROWS_PER_MB
MAX_UNPACKED_BYTES = UNPACKED_FACTOR * MAX_BYTES
