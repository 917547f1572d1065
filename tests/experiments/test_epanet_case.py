"""The EPANET Net3 case (data/epanet, made by WNTR): the files say what the README says, and step 1's verdict follows
the simulator's own proportionality over the range the engineer keeps."""

import json

import numpy as np
import pandas as pd
import pytest

from core.experiments.scalecheck import decades, keep_magnitudes, scale_check
from core.io.cli.main import main
from core.io.matrix import read_matrix
from core.io.tables import pick, read_table
from tests import ROOT

EPANET = ROOT / "data" / "epanet"
PROPORTIONAL = (3e-6, 3e-4)  # where the simulator's ratio is within 15 % of 1 (data/epanet/README.md)


def _samples() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    table = read_table((EPANET / "net3_leak_samples.csv").read_bytes())
    leaks = [c for c in table.columns if c.startswith("leak J-")]
    drops = [c for c in table.columns if c.startswith("drop J-")]
    assert table.units_row and {table.units[table.columns.index(c)] for c in leaks} == {"m3/s/m^0.5"}
    X, Y, ratio = pick(table, leaks, drops, ["ratio_10x"]).parts
    return X, Y, ratio[:, 0]


def test_the_sensing_matrix_is_12_named_sensors_by_40_named_leaks_and_a_slice_of_the_full_response() -> None:
    info = read_matrix((EPANET / "net3_A.csv").read_bytes())
    assert info.A.shape == (12, 40) and info.sensor_names[0] == "J-61" and info.source_names[0] == "leak J-15"
    assert (info.A >= 0).all()  # a leak only lowers pressures
    everywhere = pd.read_csv(EPANET / "net3_response_all_junctions.csv").set_index("junction")
    assert everywhere.shape == (88, 40)
    np.testing.assert_allclose(everywhere.loc[list(info.sensor_names)].to_numpy(), info.A, rtol=1e-12)


def test_the_samples_span_five_decades_with_one_leak_each_and_the_simulator_s_ratio_per_range() -> None:
    X, Y, ratio = _samples()
    assert X.shape == (300, 40) and Y.shape == (300, 12) and ((X > 0).sum(axis=1) == 1).all()
    size = np.linalg.norm(X, axis=1)
    assert decades(X) == tuple(10.0**k for k in range(-7, -1))
    inside = (size >= PROPORTIONAL[0]) & (size < PROPORTIONAL[1])
    within = np.abs(ratio - 1) <= 0.15
    assert inside.sum() == 107 and within[inside].mean() > 0.95  # proportional where the page narrows to
    assert within.mean() < 0.6  # over the full range the simulator is not proportional


@pytest.mark.slow
def test_step_1_says_scale_consistent_where_the_simulator_is_proportional() -> None:
    X, Y, _ = _samples()
    check = scale_check(*keep_magnitudes(X, Y, *PROPORTIONAL), seed=0)
    assert check.verdict == "scale-consistent" and check.homogeneity_score > 0.85  # measured 0.90


@pytest.mark.slow
def test_step_1_says_not_homogeneous_over_the_full_range() -> None:
    X, Y, _ = _samples()
    check = scale_check(X, Y, seed=0)
    assert check.verdict == "not-homogeneous" and check.homogeneity_score < 0.6  # measured 0.50


@pytest.mark.slow
def test_cli_scale_check_narrows_the_magnitudes(capsys) -> None:
    argv = ["scale-check", "--data", str(EPANET / "net3_leak_samples.csv"), "--inputs", "2-41", "--outputs", "42-53"]
    assert main([*argv, "--magnitudes", "3e-6,3e-4", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["n_samples"] == 107 and data["verdict"] == "scale-consistent"
    assert main([*argv, "--magnitudes", "3e-4,3e-6"]) == 2
    assert "magnitudes" in capsys.readouterr().err
