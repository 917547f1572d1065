"""scripts/serve: every setting checked before anything starts, a bad one named with a clear message and exit code 2;
good ones become the `streamlit run` flags and environment the server needs."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys

import pytest

from core.fields import ConfigError
from core.runtime.hosting import DEFAULT_PORT, public_link, settings, streamlit_command, streamlit_env
from tests.browser.util import SERVE


def _serve(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """scripts/serve with these settings and none of the caller's SCALELAB_* ones."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SCALELAB_")}
    return subprocess.run([sys.executable, str(SERVE), *args], env={**clean, **env}, capture_output=True, text=True,
                          timeout=60)  # fmt: skip


def test_good_settings_become_the_streamlit_flags(tmp_path) -> None:
    env = {"SCALELAB_PORT": "9123", "SCALELAB_ADDRESS": "127.0.0.1", "SCALELAB_BASE_PATH": "/scalelab/",
           "SCALELAB_DATA_DIR": str(tmp_path / "data")}  # fmt: skip
    done = _serve(env, "--print")
    assert done.returncode == 0, done.stderr
    argv = shlex.split(done.stdout)
    assert argv[1:5] == ["-m", "ui.server", "run", "app.py"]  # Streamlit's command line, processes started
    flags = dict(zip(argv[5::2], argv[6::2], strict=True))
    assert flags == {"--server.port": "9123", "--server.address": "127.0.0.1", "--server.baseUrlPath": "scalelab",
                     "--server.headless": "true"}  # fmt: skip
    assert (tmp_path / "data").is_dir()  # made before the server starts, so a wrong path fails here


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SCALELAB_PORT", "abc"),
        ("SCALELAB_PORT", "70000"),
        ("SCALELAB_PORT", "0"),
        ("SCALELAB_ADDRESS", "local host"),
        ("SCALELAB_BASE_PATH", "/scale lab/"),
        ("SCALELAB_BASE_PATH", "/a?b/"),
        ("SCALELAB_PUBLIC_URL", "ftp://example.com/scalelab"),
        ("SCALELAB_PUBLIC_URL", "https://example.com/scalelab?x=1"),
        ("SCALELAB_PUBLIC_URL", "example.com/scalelab"),
        ("SCALELAB_PUBLIC_URL", "https://example.com:99999/scalelab"),
        ("SCALELAB_PUBLIC_URL", "https://example.com/other"),  # not the base path below
        ("SCALELAB_COOKIE_SECRET", "short"),
        ("SCALELAB_MAX_UPLOAD_MB", "0"),
        ("SCALELAB_MAX_UPLOAD_MB", "5000"),
        ("SCALELAB_DATA_DIR", "/proc/no/such/place"),
    ],
)
def test_a_bad_setting_is_named_with_exit_code_2_and_no_traceback(name: str, value: str) -> None:
    done = _serve({"SCALELAB_BASE_PATH": "scalelab", name: value})
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(f"scripts/serve: {name}=") and "use " in done.stderr
    assert "Traceback" not in done.stderr
    assert "short" not in done.stderr  # a secret, even a bad one, is never echoed


def test_defaults_listen_on_8501_everywhere_at_the_root(tmp_path) -> None:
    s = settings({"SCALELAB_DATA_DIR": str(tmp_path)})
    assert (s.port, s.address, s.base_path, s.public_url, s.cookie_secret) == (DEFAULT_PORT, "0.0.0.0", "", "", "")
    assert streamlit_env(s) == {"SCALELAB_DATA_DIR": str(tmp_path.resolve())}


def test_the_secret_and_the_upload_cap_go_to_streamlit_through_the_environment(tmp_path) -> None:
    secret = "s" * 40
    s = settings({"SCALELAB_DATA_DIR": str(tmp_path), "SCALELAB_COOKIE_SECRET": secret, "SCALELAB_MAX_UPLOAD_MB": "20"})
    env = streamlit_env(s)
    assert env["STREAMLIT_SERVER_COOKIE_SECRET"] == secret
    assert env["STREAMLIT_SERVER_MAX_UPLOAD_SIZE"] == env["SCALELAB_MAX_UPLOAD_MB"] == "20"  # the two caps agree
    assert secret not in " ".join(streamlit_command(s, "python"))  # never on a command line that ps shows


def test_a_bad_setting_carries_a_code_for_a_page_to_word() -> None:
    with pytest.raises(ConfigError) as err:
        settings({"SCALELAB_PORT": "x"})
    assert err.value.code == "hosting.port" and err.value.params == {"name": "SCALELAB_PORT", "value": "x"}


@pytest.mark.parametrize(
    ("page", "base", "public", "link"),
    [
        ("http://127.0.0.1:8501/Lab", "", "", "http://127.0.0.1:8501/Lab"),  # no public URL: the browser's
        (
            "http://10.0.0.5:8501/scalelab/Lab",
            "scalelab",
            "https://lab.example.com/scalelab",
            "https://lab.example.com/scalelab/Lab",
        ),
        (
            "http://10.0.0.5:8501/scalelab",
            "scalelab",
            "https://lab.example.com/scalelab/",
            "https://lab.example.com/scalelab",
        ),  # the home page
        (
            "http://127.0.0.1:8501/Lab",
            "",
            "https://example.com/tools/scalelab",
            "https://example.com/tools/scalelab/Lab",
        ),
    ],
)
def test_a_share_link_uses_the_public_url_and_keeps_the_page(page: str, base: str, public: str, link: str) -> None:
    assert public_link(page, base, public) == link


def test_scripts_health_says_whether_the_server_answers(tmp_path) -> None:
    from tests.browser.util import ROOT, free_port, served

    health = [sys.executable, str(ROOT / "scripts" / "health")]
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SCALELAB_")}
    env = {"SCALELAB_BASE_PATH": "/scalelab/", "SCALELAB_DATA_DIR": str(tmp_path)}
    down = subprocess.run(health, env={**clean, **env, "SCALELAB_PORT": str(free_port())}, capture_output=True,
                          text=True, timeout=30)  # fmt: skip
    assert down.returncode == 1 and "did not answer" in down.stderr and "Traceback" not in down.stderr
    with served(env) as (url, _proc):
        port = url.split(":")[2].split("/")[0]
        up = subprocess.run(health, env={**clean, **env, "SCALELAB_PORT": port}, capture_output=True, timeout=30)
        assert up.returncode == 0, up.stderr


def test_the_server_starts_its_training_processes_before_anyone_opens_a_page(tmp_path) -> None:
    # so a fresh server's first Train does not wait for them (ui.server; Streamlit itself has no start-up hook)
    import time

    from tests.browser.util import served

    with served({"SCALELAB_DATA_DIR": str(tmp_path), "SCALELAB_PRECOMPUTE": "0"}) as (_url, proc):
        deadline, found = time.monotonic() + 30, []
        while len(found) < 2 and time.monotonic() < deadline:
            found = [pid for pid in _children(proc.pid) if b"spawn_main" in _cmdline(pid)]
            time.sleep(0.2)
        assert len(found) == 2  # slots.MAX_CONCURRENT_JOBS idle training processes, and no page was opened


def _children(pid: int) -> list[int]:
    """The direct children of a process (Linux /proc)."""
    from pathlib import Path

    tasks = Path(f"/proc/{pid}/task").glob("*/children")
    return [int(c) for task in tasks for c in task.read_text().split()]


def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read()
    except OSError:
        return b""
