"""The Dockerfile cannot be built here (no Docker): these tests hold its lines to what the tests run — the same
start and health scripts, the pins of requirements.txt, torch from PyTorch's CPU-only index, nothing the app needs
left out of the image."""

from __future__ import annotations

import fnmatch
import re
import shlex

from core.runtime import hosting
from core.runtime.store import DATA_DIR_ENV
from tests import ROOT

DOCKERFILE = ROOT / "Dockerfile"
CPU_INDEX = "https://download.pytorch.org/whl/cpu"


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per instruction, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def _all(kind: str) -> list[str]:
    return [args for k, args in _instructions() if k == kind]


def _pins() -> dict[str, str]:
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    return dict(line.split("==") for line in lines if "==" in line and not line.startswith("#"))


def test_it_starts_python_3_11_like_the_project() -> None:
    (base,) = _all("FROM")
    assert base.startswith("python:3.11")


def test_the_server_and_its_health_check_are_the_scripts_the_tests_run() -> None:
    assert _all("CMD") == ['["python", "scripts/serve"]']
    (check,) = _all("HEALTHCHECK")
    assert check.endswith('CMD ["python", "scripts/health"]')
    named = {m for args in _all("RUN") + _all("CMD") + _all("HEALTHCHECK") for m in re.findall(r"scripts/\w+", args)}
    assert named == {"scripts/serve", "scripts/health"}
    assert all((ROOT / path).is_file() for path in named)


def test_torch_comes_from_the_cpu_index_at_the_pinned_version() -> None:
    words = [w for run in _all("RUN") for w in shlex.split(run)]
    assert f"torch=={_pins()['torch']}" in words
    assert words[words.index("--index-url") + 1] == CPU_INDEX
    assert "requirements.txt" in words  # then every other pin, as the tests install them


def test_its_settings_are_the_ones_scripts_serve_reads() -> None:
    names = {pair.split("=")[0] for env in _all("ENV") for pair in shlex.split(env)}
    known = {DATA_DIR_ENV, hosting.PORT_ENV, hosting.ADDRESS_ENV, hosting.BASE_PATH_ENV, hosting.PUBLIC_URL_ENV}
    assert names - {"PYTHONUNBUFFERED"} <= known
    assert hosting.settings({DATA_DIR_ENV: "/tmp/scalelab-docker-check"}).port == int(_all("EXPOSE")[0])


def test_the_image_keeps_what_the_app_needs_and_leaves_the_rest() -> None:
    patterns = [p for p in (ROOT / ".dockerignore").read_text().splitlines() if p and not p.startswith("#")]
    needed = ["app.py", "pages/1_Lab.py", "ui/frame.py", "core/config.py", ".streamlit/config.toml",
              "scripts/serve", "scripts/health", "requirements.txt", "data/leak_matrix.csv"]  # fmt: skip
    assert not [p for p in needed for pat in patterns if fnmatch.fnmatch(p, pat) or p.startswith(f"{pat}/")]
    assert {".git", ".venv", "artifacts"} <= set(patterns)
