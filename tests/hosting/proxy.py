"""Debian's nginx on a free loopback port in front of one or more replicas, from scripts/nginx-scalelab.conf."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import ROOT
from tests.browser.util import free_port

SITE = ROOT / "scripts" / "nginx-scalelab.conf"
NGINX = "/usr/sbin/nginx"
TEMPS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")  # nginx's scratch folders, kept out of /var/lib
BASE = "scalelab"


_FOLDERS: dict[str, Path] = {}  # a running nginx's base URL → its folder


def holding_session(replicas: dict[str, subprocess.Popen]) -> list[str]:
    """The replicas (host:port → process) with an open websocket now: nginx opens a connection per request and closes
    it after the answer, so the connections that stay open are the pages' websockets."""
    import psutil

    out = []
    for address, proc in replicas.items():
        port = int(address.rsplit(":", 1)[1])
        with contextlib.suppress(psutil.NoSuchProcess):
            conns = psutil.Process(proc.pid).net_connections(kind="tcp")
            if any(c.status == psutil.CONN_ESTABLISHED and c.laddr.port == port for c in conns):
                out.append(address)
    return out


def require_nginx() -> None:
    """Skip without Debian's nginx locally; fail under CI, which installs it (.ci/run)."""
    if Path(NGINX).exists():
        return
    message = "Debian's nginx is not installed (apt-get install nginx)"
    if os.environ.get("CI"):
        pytest.fail(message)  # never skip silently in CI
    pytest.skip(message)


def render(listen: str, replicas: list[str], base: str = BASE) -> str:
    """The site config for these replica addresses (host:port), as an operator fills it in."""
    lines = "\n    ".join(f"server {r} max_fails=1 fail_timeout=10s;" for r in replicas)
    return SITE.read_text().replace("@LISTEN@", listen).replace("@BASE@", base).replace("@REPLICAS@", lines)


def _main_config(folder: Path, site: str) -> str:
    """A whole nginx.conf around the site: in the foreground, every file in `folder` (no root paths needed)."""
    temps = "\n".join(f"    {kind}_temp_path {folder / kind};" for kind in TEMPS)
    return f"""daemon off;
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} info;
events {{ worker_connections 256; }}
http {{
    log_format replicas '$request_uri $status $upstream_addr';  # which replica answered: the tests read it
    access_log {folder / "access.log"} replicas;
{temps}
{site}
}}
"""


@contextlib.contextmanager
def nginx(replicas: list[str], base: str = BASE, port: int | None = None) -> Iterator[str]:
    """nginx on loopback (`port`, else a free one) proxying /base/ to the replicas (host:port); yields its base URL
    (with /base) once a health check has answered through it."""
    require_nginx()
    port = port or free_port()
    folder = Path(tempfile.mkdtemp(prefix="scalelab-nginx-"))
    folder.chmod(0o755)  # run as root, nginx's workers drop to nobody and keep upload buffers in folder's temp dirs
    (folder / "nginx.conf").write_text(_main_config(folder, render(f"127.0.0.1:{port}", replicas, base)))
    proc = subprocess.Popen([NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    url = f"http://127.0.0.1:{port}/{base}"
    _FOLDERS[url] = folder
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not start: {proc.stderr.read().decode()[-2000:]}") from None
                time.sleep(0.2)
        yield url
    finally:
        _FOLDERS.pop(url, None)
        proc.terminate()
        proc.wait(timeout=10)
        keep = ROOT / "artifacts" / f"nginx_{port}"
        with contextlib.suppress(OSError):
            shutil.copytree(folder, keep, ignore=shutil.ignore_patterns(*TEMPS))  # its logs, for a failed test
        shutil.rmtree(folder, ignore_errors=True)
