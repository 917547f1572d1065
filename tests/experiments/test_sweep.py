"""Sweeps: the grid, the seeds, the aggregation, one task's numbers (the process pool: tests/runtime/test_sweeps.py)."""

import json
import math
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.config import Config, ConfigError
from core.experiments.sweep import grid
from core.experiments.sweep.grid import (
    DT_CURVE,
    TaskResult,
    cells,
    check_matrix,
    dt_rho,
    eta_seconds,
    run_task,
    tasks,
)
from core.experiments.sweep.spec import MAX_TASKS, SweepSpec
from core.io.cli.main import main
from tests import ROOT

_twelve = ",".join(f"{0.05 * k:.2f}" for k in range(1, 13))
TINY = SweepSpec(n=12, deltas=(0.5,), rhos=(0.1, 0.3), seeds=2, steps=30, width=16, optimizer="adam")


def test_grid_maps_delta_and_rho_to_m_and_s() -> None:
    spec = SweepSpec(n=32, deltas=(0.25, 0.5), rhos=(0.1, 0.5), seeds=3)
    got = {(t.delta, t.rho): (t.m, t.s) for t in tasks(spec)}
    assert got == {(0.25, 0.1): (8, 1), (0.25, 0.5): (8, 4), (0.5, 0.1): (16, 2), (0.5, 0.5): (16, 8)}
    assert len(tasks(spec)) == spec.task_count == 12


def test_task_seeds_depend_on_coordinates_not_on_position() -> None:
    small = {t.key: t.seed for t in tasks(SweepSpec(deltas=(0.5,), rhos=(0.2,), seeds=2))}
    big = {t.key: t.seed for t in tasks(SweepSpec(deltas=(0.25, 0.5), rhos=(0.1, 0.2), seeds=3))}
    assert all(big[k] == v for k, v in small.items())  # adding grid points changes no existing task's seed
    assert len(set(big.values())) == len(big)  # and every task has its own
    other = {t.key: t.seed for t in tasks(SweepSpec(deltas=(0.5,), rhos=(0.2,), seeds=2, seed=1))}
    assert not set(other.values()) & set(small.values())


def test_spec_round_trips_through_the_url() -> None:
    spec = SweepSpec(n=40, deltas=(0.1, 0.33), rhos=(0.05,), seeds=4, decoders=("two", "bp"), threshold=0.15, seed=9)
    assert SweepSpec.from_query(spec.to_query()) == spec
    assert SweepSpec.parse(spec.to_query()) == spec


@pytest.mark.parametrize(
    ("values", "says"),
    [
        ({"deltas": "0,0.5"}, "delta=0.0"),
        ({"rhos": "abc"}, "rhos='abc'"),
        ({"decoders": "one,magic"}, "decoders=one,magic"),
        ({"seeds": "2.5"}, "seeds='2.5'"),
        ({"deltas": ",".join(str(0.05 * k) for k in range(1, 14))}, "1 to 12"),
        ({"n": "4", "deltas": "0.1"}, "m = 0"),
        ({"deltas": _twelve, "rhos": _twelve, "seeds": "10"}, "1440 trainings"),
    ],
)
def test_strict_parse_names_the_bad_value(values: dict[str, str], says: str) -> None:
    with pytest.raises(ConfigError, match=says.replace(".", r"\.").replace("(", r"\(")):
        SweepSpec.parse(values)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from([*SweepSpec().to_query(), "junk"]), st.text(max_size=40), max_size=8))
def test_any_link_gives_a_valid_spec(params: dict[str, str]) -> None:
    spec = SweepSpec.from_query(params)  # never raises
    assert spec.task_count <= MAX_TASKS
    assert SweepSpec.from_query(spec.to_query()) == spec


def test_a_crafted_link_is_trimmed_to_the_caps() -> None:
    spec = SweepSpec.from_query({"deltas": "0.5,0.5,2,-1,nan", "seeds": "1e9", "n": "99999", "rhos": "0.1"})
    assert spec.deltas == (0.02, 0.5, 1.0) and spec.n == 128 and spec.seeds == 10


def test_one_task_is_deterministic_and_basis_pursuit_recovers_one_sparse_signals() -> None:
    task = next(t for t in tasks(TINY) if t.rho == 0.1)
    a, b = run_task(task), run_task(task)
    assert a.errors == b.errors
    assert set(a.errors) == {"one", "two", "bp"}
    assert a.one_layer_floor == pytest.approx(math.sqrt(1 - task.m / TINY.n))  # signed sparse, bias-free ReLU
    assert a.errors["one"] >= a.one_layer_floor - 0.05  # a trained one-layer net never beats the proven floor
    assert a.errors["bp"] < 0.3  # s = 1 of n = 12 from m = 6: basis pursuit recovers almost every signal


def _uploaded() -> tuple[np.ndarray, SweepSpec]:
    """An engineer's A with 10 sensors and 12 sources, and a basis-pursuit sweep using 6 and then all 10 of them."""
    A = np.random.default_rng(0).standard_normal((10, 12)) / math.sqrt(10)
    return A, SweepSpec(n=12, deltas=(0.5, 10 / 12), rhos=(0.2,), seeds=1, steps=20, width=8, decoders=("bp",))


def test_an_uploaded_matrix_keeps_a_seeded_subset_of_its_sensors() -> None:
    A, spec = _uploaded()
    check_matrix(spec, A)
    half, full = tasks(spec)
    rows = grid._rows_for(A, half.m, half.seed)
    kept = [next(i for i in range(10) if np.array_equal(row, A[i])) for row in rows]
    assert len(set(kept)) == half.m == 6 and kept == sorted(kept)  # 6 distinct sensors, in the file's order
    np.testing.assert_array_equal(grid._rows_for(A, half.m, half.seed), rows)  # the task's seed picks them
    assert not all(np.array_equal(grid._rows_for(A, 6, seed), rows) for seed in range(half.seed + 1, half.seed + 4))
    np.testing.assert_array_equal(grid._rows_for(A, full.m, full.seed), A)  # all 10: the whole matrix, as it is
    with pytest.raises(ConfigError, match="needs 12 sensors; this matrix has 10"):
        check_matrix(SweepSpec(n=12, deltas=(1.0,)), A)
    with pytest.raises(ConfigError, match="13 sources"):
        check_matrix(SweepSpec(n=12), np.random.default_rng(1).standard_normal((10, 13)))


@pytest.mark.slow  # measured 2–5 s: two tasks of 200 basis-pursuit linear programs each, and warm-up
def test_a_task_reconstructs_through_the_uploaded_matrix() -> None:
    """Two identical sources cannot be told apart, so basis pursuit fails on signals at them: the task's numbers are
    the uploaded matrix's, not a random one's."""
    A, spec = _uploaded()
    full = tasks(spec)[1]
    alike = A.copy()
    alike[:, 1] = alike[:, 0]
    assert full.m == 10 and run_task(full, A).errors["bp"] < 1e-6  # measured 6e-8
    assert run_task(full, alike).errors["bp"] > 0.2  # measured 0.43


def _result(rho: float, seed_index: int, errors: dict[str, float | None]) -> TaskResult:
    return TaskResult(0.5, rho, seed_index, 7, 6, 1, errors, 0.7, 0.1)


def test_cells_count_successes_below_the_threshold_and_diverged_seeds_as_failures() -> None:
    spec = SweepSpec(n=12, deltas=(0.5,), rhos=(0.1, 0.3), seeds=3, decoders=("two", "bp"), threshold=0.2)
    results = [
        _result(0.1, 0, {"two": 0.1, "bp": 0.0}),
        _result(0.1, 1, {"two": 0.3, "bp": 0.0}),
        _result(0.1, 2, {"two": None, "bp": 0.5}),
    ]
    got = {c.decoder: c for c in cells(spec, results)}
    assert got["two"].success_rate == pytest.approx(1 / 3) and got["two"].mean_rms_rel_error == pytest.approx(0.2)
    assert got["bp"].success_rate == pytest.approx(2 / 3) and got["two"].seeds == 3
    assert all(c.rho == 0.1 for c in got.values())  # ρ = 0.3 had no finished seed: no cell, not a zero


def test_exact_recovery_counts_signals_below_one_in_a_thousand_and_diverged_seeds_as_none_recovered() -> None:
    spec = SweepSpec(n=12, deltas=(0.5,), rhos=(0.1,), seeds=3, decoders=("bp",))
    results = [replace(_result(0.1, i, {"bp": 0.0}), exact={"bp": share}) for i, share in enumerate((1.0, 0.5, None))]
    (cell,) = cells(spec, results)
    assert cell.exact_recovery == pytest.approx(0.5)  # (1 + 0.5 + 0) / 3: each seed has as many test signals


def test_a_task_measures_exact_recovery_per_signal() -> None:
    """Basis pursuit recovers a 1-sparse signal of 12 from 6 Gaussian measurements exactly almost always; the
    one-layer net recovers none exactly (it sits near its floor of 71 %)."""
    task = next(t for t in tasks(TINY) if t.rho == 0.1)
    result = run_task(task)
    assert result.exact["bp"] > 0.8
    assert result.exact["one"] == 0.0
    assert set(result.exact) == set(result.errors)


def test_donoho_tanner_curve_interpolates_the_tabulated_points() -> None:
    for signal, points in DT_CURVE.items():
        for delta, rho in points:
            assert dt_rho(delta, signal) == pytest.approx(rho)
    assert dt_rho(0.375) == pytest.approx((0.267 + 0.386) / 2)
    assert dt_rho(0.05) is None


def test_eta_extrapolates_from_finished_tasks() -> None:
    assert eta_seconds(2, 10, 6.0) == pytest.approx(24.0)
    assert eta_seconds(0, 10, 1.0) == 0.0 and eta_seconds(10, 10, 9.0) == 0.0


@pytest.mark.slow
def test_cli_sweep_json_has_the_documented_keys() -> None:
    flags = "--n 12 --deltas 0.5 --rhos 0.1,0.3 --seeds 1 --steps 20 --width 8 --decoders two,bp --workers 1 --json"
    flags += " --optimizer adam"  # the mechanics, not Muon's 5000 steps at s = 2
    proc = subprocess.run(
        [sys.executable, "-m", "core", "sweep", *flags.split()],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) >= {"grid", "cells", "elapsed_seconds", "workers"}
    assert data["grid"] == {"n": 12, "deltas": [0.5], "rhos": [0.1, 0.3], "seeds": 1}
    assert [(c["rho"], c["decoder"]) for c in data["cells"]] == [(0.1, "two"), (0.1, "bp"), (0.3, "two"), (0.3, "bp")]
    for c in data["cells"]:
        assert set(c) >= {"delta", "rho", "decoder", "seeds", "success_rate", "mean_rms_rel_error"}
    assert data["workers"] == 1 and data["missing"] == []
    assert "sweep: 2/2 tasks" in proc.stderr  # progress with the time left goes to stderr


@pytest.mark.parametrize(
    ("flags", "needle"),
    [
        (["--deltas", "0,0.5"], "delta=0.0 is not allowed"),
        (["--decoders", "three"], "decoders=three"),
        (["--workers", "0"], "workers='0'"),
        (["--matrix", "data/leak_matrix.csv", "--deltas", "0.5"], "this matrix has 12 (largest δ: 0.3)"),
        (["--matrix", "no/such.csv"], "cannot read no/such.csv"),
    ],
)
def test_cli_sweep_bad_input_exits_2_with_one_line(
    flags: list[str], needle: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["sweep", *flags]) == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1


def test_the_two_layer_net_of_a_cell_at_s_2_trains_with_muon_s_recipe_by_default() -> None:
    """The sweep's default, and what its settings mean; a link made before the field keeps Adam everywhere."""
    from core.config import RECIPES
    from core.experiments.run import make_problem
    from core.experiments.sweep.grid import _settings_for

    spec = SweepSpec(n=32, deltas=(0.5,), rhos=(0.05, 0.2), seeds=1)
    assert spec.optimizer == "muon"
    one_sparse, two_sparse = tasks(spec)  # m = 16: s = 1 and s = 3
    assert (one_sparse.s, two_sparse.s) == (1, 3)
    for task in (one_sparse, two_sparse):
        cfg = Config(n=32, m=task.m, s=task.s, width=spec.width, steps=spec.steps, init=spec.init)
        assert make_problem(cfg).s == task.s
        two, one = _settings_for(cfg, spec, "two"), _settings_for(cfg, spec, "one")
        assert one == cfg and one.optimizer == "adam"  # the one-layer net: Adam with the sweep's settings
        if task.s >= 2:
            assert two.optimizer == "muon" and {k: getattr(two, k) for k in RECIPES["muon"]} == RECIPES["muon"]
        else:
            assert two == cfg
        assert _settings_for(cfg, replace(spec, optimizer="adam"), "two") == cfg
    old_link = spec.to_query()
    del old_link["optimizer"]
    assert SweepSpec.from_query(old_link).optimizer == "adam"
    assert SweepSpec.from_query(spec.to_query()) == spec
