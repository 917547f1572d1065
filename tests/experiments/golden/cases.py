"""CLI runs whose numbers are pinned: the same seeds must give the same numbers after any refactor.

Re-record (only in a commit that changes numbers on purpose, saying why): `python -m tests.experiments.golden.cases`.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
ROOT = HERE.parents[2]

# name → CLI arguments after `python -m core`. Short step counts keep the whole set well under a minute.
CASES: dict[str, list[str]] = {
    name: args.split()
    for name, args in {
        "default": "run --json",
        "bias": "run --bias --depths 2 --steps 300 --baselines lasso --json",
        "lowrank": "run --problem lowrank --m 32 --depths 1,2 --steps 300 --json",
        "phase": "run --problem phase --m 48 --s 3 --depths 1,2 --steps 300 --json",
        "hand_built": "run --depths 2h --baselines none --json",
        "unrolled": "run --depths u4 --n 64 --m 32 --s 2 --steps 300 --optimizer adam --json",
        "init_a": "run --depths 2 --init a --n 64 --m 32 --s 2 --steps 200 --baselines none --optimizer adam --json",
        "pilot": "pilot --matrix data/leak_matrix.csv --depths 1,2h --steps 200 --json",
        "scale_check": "scale-check --data data/samples_offset.csv --inputs 1-3 --outputs 4,5 --json",
        "sweep": "sweep --n 16 --deltas 0.5 --rhos 0.2,0.4 --seeds 1 --steps 100 --workers 1 --optimizer adam --json",
    }.items()
}

# Measured on this machine, not computed from the seed: left out of the comparison.
TIMING_KEYS = frozenset({"train_seconds", "signals_per_second", "seconds_per_signal", "elapsed_seconds", "workers"})
# Wording, not numbers (the CLI's English may be reworded); statuses and codes stay compared.
WORDING_KEYS = frozenset({"message", "label"})


def run_case(name: str) -> dict[str, Any]:
    """The JSON a case prints, parsed."""
    out = subprocess.run(
        [sys.executable, "-m", "core", *CASES[name]], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def numbers(obj: Any) -> Any:
    """obj without the timing and wording keys."""
    if isinstance(obj, dict):
        return {k: numbers(v) for k, v in obj.items() if k not in TIMING_KEYS | WORDING_KEYS}
    if isinstance(obj, list):
        return [numbers(v) for v in obj]
    return obj


def differences(got: Any, want: Any, path: str = "", rel: float = 1e-4) -> list[str]:
    """Where got and want differ: numbers within 1e-6 absolute or `rel` relative, all else exactly.

    Why the tolerances: another CPU's float32 kernels round differently (measured: the default two-layer net's error
    is 7.4e-7 on an Intel Xeon and 6.9e-7 on an AMD EPYC; both mean "exact", and errors below 1e-6 are float32
    rounding); above that, the same seeds give the same digits to well within 1e-4.

    Keys present in got but not in want are allowed (new keys may be added; existing ones keep their meaning).
    """
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return [f"{path}: {got!r} is not an object"]
        out = [f"{path}.{k}: missing" for k in want if k not in got]
        for k in want:
            if k in got:
                out += differences(got[k], want[k], f"{path}.{k}", rel)
        return out
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return [f"{path}: {got!r} != {want!r}"]
        return [d for i, (g, w) in enumerate(zip(got, want)) for d in differences(g, w, f"{path}[{i}]", rel)]
    if isinstance(want, float) and isinstance(got, (int, float)) and not isinstance(got, bool):
        return [] if math.isclose(got, want, rel_tol=rel, abs_tol=1e-6) else [f"{path}: {got!r} != {want!r}"]
    return [] if got == want else [f"{path}: {got!r} != {want!r}"]


def record() -> None:
    """Write every case's numbers to its golden file."""
    for name in CASES:
        (HERE / f"{name}.json").write_text(json.dumps(numbers(run_case(name)), indent=1, sort_keys=True) + "\n")
        print("recorded", name)


if __name__ == "__main__":
    record()
