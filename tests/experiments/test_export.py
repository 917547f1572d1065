"""The model an engineer takes away: the .npz is plain arrays, numpy alone decodes it to the app's X̂, and recorded
measurements come back as a safe CSV with the source names."""

import io
import json
import shutil
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import torch

from core.config import Config
from core.experiments import export
from core.experiments.run import make_problem, run
from core.io import decode_numpy, decoding
from core.io.tables import read_table
from core.present.csvfile import csv_bytes, safe_text
from core.science.evaluate import example_by_scale
from core.science.models import ACTIVATION_MODULES, MLP, init_weights
from tests import ROOT

RNG = np.random.default_rng(13)
A = RNG.normal(size=(8, 16))  # (m, n)
CFG = Config(n=16, m=8, s=1, depths=(1, 2), steps=60, width=32, baselines=(), hand_built=True)
SOURCES = (*(f"leak J-{j}" for j in range(15)), "=HYPERLINK(1)")
SENSORS = tuple(f"PT-{i}" for i in range(8))


@pytest.fixture(scope="module")
def exported() -> tuple:
    result = run(CFG, A=torch.tensor(A, dtype=torch.float32))
    model = result.bias_free(2)
    net = export.rebuild(CFG, A, model)
    raw = export.model_file(net, CFG, A, model, source_names=SOURCES, sensor_names=SENSORS)
    return result, model, net, raw


def test_the_rebuilt_net_is_the_run_s_net(exported) -> None:
    result, model, net, _ = exported
    problem = make_problem(CFG, torch.tensor(A, dtype=torch.float32))
    again = example_by_scale(net, problem, torch.tensor(result.example_true))
    for scale, values in model.example.items():  # the run's x̂(λy)/λ for its example signal (x kept to 6 digits)
        np.testing.assert_allclose(again[scale], values, rtol=1e-3, atol=1e-4)


def test_the_file_is_plain_arrays_with_the_metadata(exported) -> None:
    _, model, _, raw = exported
    with np.load(io.BytesIO(raw), allow_pickle=False) as archive:
        data = {k: archive[k] for k in archive.files}
    assert str(data["format"]) == export.FORMAT and str(data["A_sha256"]) == export.a_hash(A)
    assert (int(data["n"]), int(data["m"]), int(data["seed"]), str(data["activation"])) == (16, 8, 0, "relu")
    assert data["train_scales"].tolist() == list(CFG.train_scales) and int(data["steps"]) == model.steps_done
    assert {"numpy", "torch"} <= set(json.loads(str(data["versions"])))
    assert tuple(data["source_names"]) == SOURCES and tuple(data["sensor_names"]) == SENSORS
    assert [data[f"W{i}"].shape for i in range(3)] == [(32, 8), (32, 32), (16, 32)] and "b0" not in data


BLOCKER = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("torch", "scipy", "pandas", "core"):
            raise ModuleNotFoundError(f"{name} is not allowed here", name=name)  # as if not installed
sys.meta_path.insert(0, Block())
sys.path.insert(0, ".")  # -I left the current folder out: only the copied file is found there
import numpy as np
from decode_numpy import load, decode
for banned in ("torch", "scipy", "pandas", "core"):
    try:
        __import__(banned)
    except ImportError:
        pass
    else:
        raise SystemExit(f"{banned} imported")
np.save(sys.argv[2], decode(load(sys.argv[1]), np.load(sys.argv[3])))
"""


def test_numpy_alone_decodes_to_the_app_s_x_hat(exported, tmp_path) -> None:
    _, _, net, raw = exported
    shutil.copy(ROOT / "core" / "io" / "decode_numpy.py", tmp_path / "decode_numpy.py")  # as an engineer would
    (tmp_path / "model.npz").write_bytes(raw)
    X = RNG.normal(size=(50, 16)) * (RNG.random((50, 16)) < 0.1) * np.logspace(-3, 3, 50)[:, None]
    np.save(tmp_path / "Y.npy", X @ A.T)
    done = subprocess.run(
        [sys.executable, "-I", "-c", BLOCKER, "model.npz", "X.npy", "Y.npy"], cwd=tmp_path, capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    app = export.decode_rows(net, X @ A.T)
    alone = np.load(tmp_path / "X.npy")
    scale = np.linalg.norm(app, axis=1, keepdims=True)
    assert np.abs(alone - app).max(initial=0) <= 1e-6 * scale.max() and (np.abs(alone - app) <= 1e-6 * scale).all()


@pytest.mark.parametrize("activation", list(ACTIVATION_MODULES))
@pytest.mark.parametrize("bias", [False, True])
@pytest.mark.parametrize("input_scale", [1.0, 185.0])  # 185: Net3's A in pressure units (models.input_scale_for)
def test_the_numpy_decoder_computes_what_torch_computes(activation: str, bias: bool, input_scale: float) -> None:
    net = MLP(8, 16, depth=2, width=24, activation=activation, bias=bias)
    net.input_scale = input_scale
    init_weights(net, rng=torch.Generator().manual_seed(1))
    if bias:
        with torch.no_grad():
            for layer in net.linears():
                layer.bias.normal_(generator=torch.Generator().manual_seed(2))
    layers, name = export.arrays(net)
    model = {"layers": np.array(len(layers)), "activation": np.array(name), "normalised": np.array(False),
             "m": np.array(8)} | {f"W{i}": w for i, (w, _) in enumerate(layers)}  # fmt: skip
    model |= {f"b{i}": b for i, (_, b) in enumerate(layers) if b is not None}
    Y = RNG.normal(size=(20, 8)) * 3
    np.testing.assert_allclose(decode_numpy.decode(model, Y), export.decode_rows(net, Y), rtol=1e-5, atol=1e-6)


def test_the_hand_built_net_exports_and_the_others_say_why_not(exported) -> None:
    result = exported[0]
    hand = next(m for m in result.models if m.kind == "hand-built")
    assert export.why_not(CFG, hand) is None
    assert export.why_not(CFG, replace(hand, kind="unrolled")) == "kind"
    assert export.why_not(CFG, replace(hand, kind="normalised")) == "kind"
    assert export.why_not(replace(CFG, problem="phase", m=32), hand) == "not_sparse"
    assert export.why_not(CFG, replace(result.bias_free(1), rms_rel_error=None)) == "no_model"
    with pytest.raises(export.ExportError) as err:
        export.rebuild(CFG, A, replace(hand, kind="unrolled"))
    assert err.value.code == "kind"


def test_recorded_measurements_decode_to_a_safe_csv_with_the_source_names(exported) -> None:
    _, _, net, _ = exported
    X = np.zeros((5, 16))
    X[np.arange(5), [0, 3, 5, 7, 9]] = [1.0, 2.0, 5.0, 1e-5, 20.0]  # row 4 is far below the checked magnitudes
    Y = X @ A.T
    lines = ["Timestamp," + ",".join(SENSORS)] + [
        f"2026-12-01 00:00:0{i}," + ",".join("" if (i, j) == (2, 3) else repr(float(v)) for j, v in enumerate(row))
        for i, row in enumerate(Y)
    ]
    table = read_table("\n".join(lines).encode())
    decoded = decoding.decode_table(lambda Y: export.decode_rows(net, Y), table, SENSORS)
    assert decoded.rows.tolist() == [2, 3, 5, 6] and decoded.skipped.values == {"count": 1, "rows": "4"}
    want = export.decode_rows(net, np.delete(Y, 2, axis=0))
    # float32 kernels may round differently for another batch size (measured 1.2e-6 on an Intel Xeon, 0 on an AMD EPYC)
    np.testing.assert_allclose(decoded.X, want, rtol=1e-5, atol=1e-5 * np.abs(want).max())
    assert decoded.outside >= 1
    raw = decoding.decoded_csv(decoded, SOURCES, "row")
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig").splitlines()
    assert text[0].split(",")[:3] == ["row", "Timestamp", "leak J-0"] and text[0].endswith("'=HYPERLINK(1)")
    assert text[1].split(",")[:2] == ["2", "2026-12-01 00:00:00"]
    assert float(text[1].split(",")[2]) == pytest.approx(decoded.X[0, 0])  # a number, not text


@pytest.mark.parametrize(
    ("text", "safe"), [("=1+2", "'=1+2"), ("+81", "'+81"), ("-x", "'-x"), ("@SUM", "'@SUM"), ("PT-1", "PT-1")]
)
def test_cells_that_start_like_a_formula_are_written_as_text(text: str, safe: str) -> None:
    assert safe_text(text) == safe
    assert csv_bytes([(text, [text]), ("v", np.array([-1.5]))]).decode("utf-8-sig").splitlines()[1] == f"{safe},-1.5"


def test_a_table_download_keeps_numbers_numeric_and_has_a_bom() -> None:
    from core.present.csvfile import frame_csv

    raw = frame_csv(pd.DataFrame({"モデル": ["隠れ層2層", "@SUM(A1)"], "error": [0.016, None], "params": [10, 20]}))
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines() == ["モデル,error,params", "隠れ層2層,0.016,10", "'@SUM(A1),,20"]
