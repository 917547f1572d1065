"""`export` and `decode` on the command line: a model file from the engineer's A, X̂ from recorded readings."""

import io

import numpy as np
import pandas as pd
import pytest

from core.io import decode_numpy
from core.io.cli.main import main
from tests import ROOT

MATRIX = ROOT / "data" / "leak_matrix.csv"


@pytest.fixture(scope="module")
def model_file(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("model") / "model.npz"
    argv = ["export", "--matrix", str(MATRIX), "--steps", "30", "--width", "16", "--out", str(out)]
    assert main(argv) == 0
    return out


def test_export_writes_a_model_file_for_that_matrix(model_file, capsys) -> None:
    model = decode_numpy.load(model_file)
    A = pd.read_csv(MATRIX).to_numpy()
    assert (int(model["m"]), int(model["n"]), int(model["layers"])) == (12, 40, 3)
    np.testing.assert_array_equal(model["A"], A)
    assert tuple(model["source_names"])[:2] == ("x0025m", "x0075m") and int(model["steps"]) == 30


def test_decode_writes_x_hat_with_the_source_names_and_counts_skipped_rows(model_file, tmp_path, capsys) -> None:
    model = decode_numpy.load(model_file)
    A = model["A"]
    X = np.zeros((6, 40))
    X[np.arange(6), [1, 5, 9, 20, 30, 39]] = [1.0, 2.0, 0.5, 3.0, 1.0, 4.0]
    Y = pd.DataFrame(X @ A.T, columns=[f"{j}" for j in range(1, 13)])
    Y.iloc[2, 4] = np.nan
    data = tmp_path / "Y.xlsx"
    Y.to_excel(data, index=False)
    out = tmp_path / "X.csv"
    capsys.readouterr()
    assert main(["decode", "--model", str(model_file), "--data", str(data), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "5 rows decoded into 40 sources" in said and "1 rows were skipped" in said and "rows 4" in said
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert list(table.columns[:3]) == ["row", "x0025m", "x0075m"] and table["row"].tolist() == [2, 3, 5, 6, 7]
    expected = decode_numpy.decode(model, np.delete(X @ A.T, 2, axis=0))
    np.testing.assert_allclose(table.iloc[:, 1:].to_numpy(), expected, rtol=1e-12)


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["decode", "--model", str(MATRIX), "--data", str(MATRIX), "--out", "/tmp/x.csv"], "not a ScaleLab model"),
        (["decode", "--model", "/no/such.npz", "--data", str(MATRIX), "--out", "/tmp/x.csv"], "cannot read"),
        (["export", "--matrix", str(MATRIX), "--model", "7", "--out", "/tmp/m.npz"], "model='7'"),
        (["export", "--matrix", str(ROOT / "data" / "samples_offset.csv"), "--out", "/tmp/m.npz"], "rows"),
    ],
)
def test_bad_files_exit_2_with_one_line(argv, needle, capsys) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and needle in err[0], err


def test_decode_refuses_readings_with_the_wrong_number_of_sensors(model_file, tmp_path, capsys) -> None:
    data = tmp_path / "Y.csv"
    data.write_text("a,b\n1,2\n")
    assert main(["decode", "--model", str(model_file), "--data", str(data), "--out", str(tmp_path / "X.csv")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "12" in err[0] and "2 columns" in err[0]
