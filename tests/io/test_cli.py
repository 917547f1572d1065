"""The command line: its JSON keys, and exit code 2 with one stderr line on bad input."""

import json
import subprocess
import sys

import pytest

from core.config import SCALE_KEYS
from core.io.cli.main import main
from tests import ROOT

MODEL_KEYS = {
    "depth", "width", "activation", "bias", "params", "train_seconds",
    "rms_rel_error", "rms_rel_error_by_scale", "homogeneity_error",
}  # fmt: skip


def test_run_json_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--n", "16", "--m", "8", "--steps", "20", "--width", "16", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"config", "one_layer_floor", "models"} <= set(data)
    assert data["config"]["n"] == 16 and data["config"]["depths"] == [1, 2]
    assert isinstance(data["one_layer_floor"], float)
    assert [m["depth"] for m in data["models"]] == [1, 2]
    for model in data["models"]:
        assert set(model) >= MODEL_KEYS
        assert list(model["rms_rel_error_by_scale"]) == list(SCALE_KEYS)
        assert model["bias"] is False and model["activation"] == "relu"
    assert [b["name"] for b in data["baselines"]] == ["bp", "omp", "lasso"]
    for b in data["baselines"]:
        assert set(b) >= {"name", "rms_rel_error", "rms_rel_error_by_scale", "seconds_per_signal"}
        assert list(b["rms_rel_error_by_scale"]) == list(SCALE_KEYS)


def test_depths_accept_the_hand_built_token_and_baselines_none(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["run", "--n", "64", "--m", "32", "--depths", "1,2h", "--steps", "3", "--width", "8", "--baselines", "none"]
    assert main([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(m["depth"], m["kind"]) for m in data["models"]] == [(1, "trained"), (2, "hand-built")]
    assert data["models"][1]["rms_rel_error"] < 1e-5 and data["baselines"] == []


def test_depths_accept_the_normalised_token(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["run", "--depths", "1,1n", "--steps", "20", "--width", "16", "--baselines", "none", "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["config"]["normalised"] is True and data["config"]["depths"] == [1]
    normalised = [m for m in data["models"] if m["kind"] == "normalised"]
    assert len(normalised) == 1 and normalised[0]["depth"] == 1 and normalised[0]["bias"] is True
    assert normalised[0]["params"] == 16 * 16 + 16 + 16 * 32 + 32  # m·width + width + width·n + n, defaults n=32, m=16


def test_depths_accept_the_biased_token(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["run", "--depths", "2,2b", "--steps", "20", "--width", "16", "--baselines", "none", "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["config"]["depths"] == [2] and data["config"]["biased"] == [2] and data["config"]["bias"] is False
    assert [(m["depth"], m["bias"]) for m in data["models"]] == [(2, False), (2, True)]


def test_low_rank_problem_from_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["run", "--problem", "lowrank", "--d", "6", "--rank", "2", "--m", "18", "--steps", "3", "--width", "8"]
    assert main([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["one_layer_floor"] == pytest.approx((1 - 18 / 36) ** 0.5)
    assert data["config"]["problem"] == "lowrank" and data["baselines"] == []


def test_floor_is_null_where_it_does_not_apply(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["run", "--n", "16", "--m", "8", "--steps", "5", "--width", "8", "--depths", "1", "--json"]
    assert main([*argv, "--signal", "nonnegative"]) == 0
    assert json.loads(capsys.readouterr().out)["one_layer_floor"] is None
    assert main([*argv, "--bias"]) == 0
    assert json.loads(capsys.readouterr().out)["one_layer_floor"] is None


@pytest.mark.parametrize(
    ("flags", "needle"),
    [
        (["--s", "40"], "s=40"),
        (["--m", "64"], "m=64"),
        (["--m", "0"], "m=0"),
        (["--activation", "swish"], "swish"),
        (["--width", "100000"], "width"),
        (["--steps", "ten"], "steps"),
        (["--depths", "1,7"], "depth"),
        (["--train-scales", "5"], "train_scales"),
        (["--noise", "-0.1"], "noise"),
        (["--nope"], "unrecognized"),
        (["--problem", "tomography"], "problem"),
        (["--problem", "lowrank", "--d", "4", "--m", "20"], "m=20"),
        (["--baselines", "bp,cosamp"], "baselines"),
    ],
)
def test_bad_input_exits_2_with_one_line(flags: list[str], needle: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", *flags, "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0]


def test_module_entry_point_in_a_real_process() -> None:
    """`python -m core` as a user types it: bad input → exit 2, one line, no traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "core", "run", "--s", "99"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


RANK_FLOOR = (1 - 8 / 16) ** 0.5  # √(1 − rank(A)/n) at n = 16, m = 8


@pytest.mark.parametrize(
    ("activation", "floor", "even"),
    [
        *((name, RANK_FLOOR, None) for name in ("relu", "leaky_relu", "gelu", "softplus", "silu")),  # odd part c·t
        *((name, None, None) for name in ("tanh", "sigmoid", "elu")),  # odd part not linear: no floor is proven
        ("abs", 1.0, 1.0),  # c = 0: even, error ≥ 1 at every depth
    ],
)
def test_the_floor_follows_the_odd_part_in_the_json(
    activation: str, floor: float, even: float | None, capsys: pytest.CaptureFixture[str]
) -> None:
    """GELU is not scale-invariant, but its odd part is t: the one-layer floor applies; |t| is even: 1.0 always."""
    argv = ["run", "--n", "16", "--m", "8", "--steps", "50", "--width", "8", "--depths", "1", "--json"]
    assert main([*argv, "--activation", activation]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["one_layer_floor"] == pytest.approx(floor) and data["even_floor"] == even
    assert data["config"]["activation"] == activation


def test_an_abs_two_layer_net_is_flagged_and_measured_at_or_above_one(capsys: pytest.CaptureFixture[str]) -> None:
    """|t| first: the net is even, so on signed signals the JSON carries even_floor 1.0 and the error is ≥ 1."""
    argv = ["run", "--n", "16", "--m", "8", "--steps", "100", "--width", "16", "--depths", "2", "--activation", "abs"]
    assert main([*argv, "--baselines", "none", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["even_floor"] == 1.0 and data["config"]["signal"] == "signed"
    # the bound holds for the expectation over ±x pairs; 2000 test signals leave a sampling error of ~1 %
    assert data["models"][0]["rms_rel_error"] >= 1.0 - 0.02
    assert main([*argv, "--baselines", "none"]) == 0
    assert "even first layer: error >= 1.000 at every depth" in capsys.readouterr().out


def test_the_normalised_net_is_homogeneous_and_reported_beside_the_floor(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["run", "--depths", "1n", "--n", "16", "--m", "8", "--steps", "30", "--width", "16", "--baselines", "none"]
    assert main([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (model,) = data["models"]
    assert (model["kind"], model["depth"], model["bias"]) == ("normalised", 1, True)
    assert model["homogeneity_error"] < 1e-6
    assert data["one_layer_floor"] == pytest.approx(RANK_FLOOR)  # the floor it is shown against, not its own


def test_a_noisy_run_names_its_l1_decoder_bpdn(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["run", "--n", "16", "--m", "8", "--steps", "5", "--width", "8", "--depths", "1", "--noise", "0.05"]
    assert main([*argv, "--baselines", "bp,omp", "--json"]) == 0
    names = [b["name"] for b in json.loads(capsys.readouterr().out)["baselines"]]
    assert names == ["bpdn", "omp"]
    assert main([*argv, "--noise", "0", "--baselines", "bp", "--json"]) == 0
    assert [b["name"] for b in json.loads(capsys.readouterr().out)["baselines"]] == ["bp"]


def test_the_table_s_columns_line_up_whatever_the_labels(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["run", "--n", "16", "--m", "8", "--steps", "3", "--width", "8", "--depths", "1,1n", "--baselines", "omp"]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("model"))
    nets, omp = lines[head + 1 : head + 3], lines[head + 3]
    assert "normalised" in nets[1] and "OMP" in omp  # the normalised net's label is ~70 characters
    end = lines[head].index("params") + len("params")  # the parameter counts end under their heading's end
    assert all(row[end - 1].isdigit() and row[end] == " " for row in nets)
    err = lines[head].index("rms rel err") + len("rms rel err")
    assert all(row[err - 1].isdigit() for row in [*nets, omp])
