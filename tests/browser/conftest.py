"""What every browser test shares: Debian's Chromium driven by Playwright, and a fresh `streamlit run` server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.util import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server

ARTIFACTS = ROOT / "artifacts"


def _require_browser() -> None:
    if Path(CHROMIUM).exists() and shutil.which("chromium"):
        return
    message = "Debian's chromium is not installed (apt-get install chromium fonts-noto-cjk)"
    if os.environ.get("CI"):
        pytest.fail(message)  # never skip silently in CI
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    _require_browser()
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    ARTIFACTS.mkdir(exist_ok=True)
    with streamlit_server() as url:
        yield url
