"""Start `streamlit run app.py` on a free loopback port and drive Debian's Chromium with Playwright."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator

from tests import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SERVE = ROOT / "scripts" / "serve"  # the one start script: tests, process managers and the Dockerfile
IDLE = '[data-test-script-state="notRunning"]'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(timeout: float = 60.0, env: dict[str, str] | None = None) -> Iterator[str]:
    """A fresh server on loopback started by `scripts/serve` (as a host starts it), with extra environment
    variables `env`; yields its base URL (with the base path, when SCALELAB_BASE_PATH is set).

    Fresh includes its result store: a data directory of its own unless `env` names one (a restart: the same one)."""
    with served(env, timeout=timeout) as (url, _proc):
        yield url


@contextlib.contextmanager
def served(env: dict[str, str] | None = None, timeout: float = 60.0) -> Iterator[tuple[str, subprocess.Popen]]:
    """`scripts/serve` on a free loopback port; yields (base URL, the server's process) once it answers its health
    check, and stops it at the end (if it is still running)."""
    port = free_port()
    env = {"SCALELAB_DATA_DIR": tempfile.mkdtemp(prefix="scalelab-server-data-"), **(env or {})}
    env |= {"SCALELAB_PORT": str(port), "SCALELAB_ADDRESS": "127.0.0.1"}
    (ROOT / "artifacts").mkdir(exist_ok=True)
    log = open(ROOT / "artifacts" / f"streamlit_{port}.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, str(SERVE)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
    )  # fmt: skip
    base = env.get("SCALELAB_BASE_PATH", "").strip("/")
    url = f"http://127.0.0.1:{port}" + (f"/{base}" if base else "")
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start; see {log.name}")
            time.sleep(0.3)
        yield url, proc
    finally:
        proc.terminate()
        try:
            # a server with browser pages still connected may take 10 s to end by itself; its temporary data is
            # thrown away, and its training processes end when their pipe closes, so a kill loses nothing
            proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def wait_idle(page, timeout_ms: int = 60_000) -> None:
    """Wait until Streamlit has finished running the script for the last action."""
    page.wait_for_timeout(300)  # let a just-triggered rerun start before checking
    page.wait_for_selector(IDLE, timeout=timeout_ms, state="attached")
