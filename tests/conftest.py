"""What every test shares: a data directory of its own, so no test reads or fills a real server's result store, and
no background precompute (servers the tests start would otherwise train scenarios beside the test's own work)."""

from __future__ import annotations

import os
import tempfile

import pytest

from core.runtime.store import DATA_DIR_ENV


def pytest_configure(config: pytest.Config) -> None:
    """One fresh data directory per test run (servers the tests start inherit it unless they set their own)."""
    os.environ[DATA_DIR_ENV] = tempfile.mkdtemp(prefix="scalelab-test-data-")
    os.environ["SCALELAB_PRECOMPUTE"] = "0"  # ui.store.PRECOMPUTE_ENV; tests/app/test_precompute.py runs it itself
