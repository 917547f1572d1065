"""Dask is optional (the `cluster` extra): without it local sweeps run, and a cluster address gets a clear error.

The missing package is simulated: `sys.modules[name] = None` makes `import name` raise ImportError in this process,
and a `sitecustomize` on PYTHONPATH blocks it in a child interpreter and in the worker processes it starts.
"""

import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from core.experiments.sweep.grid import SweepSpec
from core.io.cli.main import main
from core.runtime.sweeps import CLUSTER_PINS, ClusterError, run_sweep

ROOT = Path(__file__).parents[2]
TINY = SweepSpec(n=12, deltas=(0.5,), rhos=(0.1,), seeds=1, steps=10, width=16)
ADDRESS = "tcp://127.0.0.1:8786"


@pytest.fixture
def no_dask(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("dask", "distributed"):
        monkeypatch.setitem(sys.modules, name, None)


def test_the_message_names_the_extra_and_the_pinned_packages(no_dask: None) -> None:
    with pytest.raises(ClusterError) as caught:
        run_sweep(TINY, address=ADDRESS)
    message = str(caught.value)
    assert ADDRESS in message and "'distributed'" in message
    assert "pip install .[cluster]" in message
    assert "pip install dask==2026.8.0 distributed==2026.8.0" in message


def test_the_cli_exits_3_with_one_line(no_dask: None, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["sweep", "--n", "12", "--deltas", "0.5", "--rhos", "0.1", "--seeds", "1", "--address", ADDRESS])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 3
    assert len(err) == 1 and err[0].startswith("error: ") and "pip install .[cluster]" in err[0]


def test_the_pins_in_the_message_are_the_cluster_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert tuple(project["optional-dependencies"]["cluster"]) == CLUSTER_PINS


_BLOCK = """
import importlib.abc
import sys


class _NoDask(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("dask", "distributed"):
            raise ModuleNotFoundError(f"No module named {name!r}")
        return None


sys.meta_path.insert(0, _NoDask())
"""

_SWEEP = """
from core.runtime.sweeps import run_sweep
from core.experiments.sweep.grid import SweepSpec

try:
    import distributed  # noqa: F401
except ImportError:
    pass
else:
    raise SystemExit("distributed is importable: the block did not work")
result = run_sweep(SweepSpec(n=12, deltas=(0.5,), rhos=(0.1,), seeds=1, steps=10, width=16), workers=1)
assert not result.missing and result.backend == "local", result
print("local sweep ok", len(result.results))
"""


@pytest.mark.slow
def test_a_local_sweep_runs_without_dask(tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(textwrap.dedent(_BLOCK), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}
    env.pop("SCALELAB_DASK_ADDRESS", None)
    done = subprocess.run(
        [sys.executable, "-c", _SWEEP], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "local sweep ok 1" in done.stdout
