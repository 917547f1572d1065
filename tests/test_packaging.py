"""`pip install .` gives a working `scalelab` command; pyproject's pins are requirements.txt's.

The slow test builds and installs the project into a throw-away venv that sees this interpreter's packages (so
nothing is downloaded), then runs the installed console script from another directory, so the installed copy of
`core` is imported, not the checkout.
"""

import os
import re
import shutil
import site
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
SUBCOMMANDS = ("run", "report", "pilot", "scale-check", "sweep", "export", "decode", "images")


def _pins(lines: list[str]) -> list[str]:
    """Requirement lines without comments and blanks, normalised (`name==version`, name lower-case)."""
    out = []
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if text:
            name, _, version = text.partition("==")
            out.append(f"{name.strip().lower()}=={version.strip()}")
    return out


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_pyproject_dependencies_are_the_runtime_pins_of_requirements_txt() -> None:
    requirements = _pins((ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines())
    dependencies = _pins(_project()["dependencies"])
    assert dependencies == requirements
    assert all(re.fullmatch(r"[a-z0-9_.-]+==\S+", pin) for pin in dependencies), dependencies


def test_the_cluster_extra_is_in_the_test_requirements_and_not_in_the_runtime_ones() -> None:
    cluster = _pins(_project()["optional-dependencies"]["cluster"])
    assert [p.split("==")[0] for p in cluster] == ["dask", "distributed"]
    tests = _pins((ROOT / "requirements-test.txt").read_text(encoding="utf-8").splitlines())
    assert set(cluster) <= set(tests)  # the tests start a real local Dask cluster
    runtime = _pins((ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines())
    assert not set(cluster) & set(runtime)


def test_the_console_script_is_the_cli_entry_point() -> None:
    assert _project()["scripts"] == {"scalelab": "core.io.cli.main:main"}


def _core_files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in (root / "core").rglob("*.py") if "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A venv with the project installed from a copy of the checkout (pip builds in the source folder)."""
    tmp = tmp_path_factory.mktemp("packaging")
    src = tmp / "src"
    shutil.copytree(ROOT / "core", src / "core", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", "--system-site-packages", venv], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # --system-site-packages sees the base interpreter's packages, not those of the venv this runs in: add them.
    parents = "".join(f"import site; site.addsitedir({p!r})\n" for p in site.getsitepackages())
    Path(purelib, "_scalelab_test_parent.pth").write_text(parents, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PIP_REQUIRE_VIRTUALENV")}
    pip = [python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index"]
    done = subprocess.run([*pip, "--disable-pip-version-check", src], cwd=tmp, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return venv, env


@pytest.mark.slow
def test_the_installed_scalelab_help_lists_every_command(installed, tmp_path: Path) -> None:
    venv, env = installed
    done = subprocess.run(
        [venv / "bin" / "scalelab", "--help"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert all(name in done.stdout for name in SUBCOMMANDS), done.stdout
    assert done.stdout.startswith("usage: scalelab "), done.stdout  # the usage line names the command typed


@pytest.mark.slow
def test_the_installed_scalelab_exits_with_main_s_code(installed, tmp_path: Path) -> None:
    venv, env = installed
    done = subprocess.run(
        [venv / "bin" / "scalelab", "run", "--n", "0"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: n=0"), done.stderr
    assert done.stdout == ""


@pytest.mark.slow
def test_every_module_of_core_is_installed_and_imported_from_the_venv(installed, tmp_path: Path) -> None:
    venv, env = installed
    code = "import core, core.science.models as m; print(core.__file__); print(m.__file__)"
    where = subprocess.run(
        [venv / "bin" / "python", "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(Path(p).resolve().is_relative_to(venv.resolve()) for p in where), where
    installed_root = Path(where[0]).parent.parent
    assert _core_files(installed_root) == _core_files(ROOT)
    assert not (installed_root / "ui").exists()  # only core is installed (pyproject says why)
