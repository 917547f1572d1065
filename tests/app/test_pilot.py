"""The Pilot: the engineer's own files through the page (AppTest) and the command line."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from core.io.cli.main import main
from tests import ROOT
from tests.app.conftest import open_page

DATA = ROOT / "data"


def _pilot(lang: str = "en") -> AppTest:
    return open_page("pages/4_Pilot.py", {"lang": lang})


@pytest.mark.slow
def test_three_steps_with_the_sample_files() -> None:
    at = _pilot()
    assert not at.exception and "memory only" in at.info[0].value
    at.button(key="pilot_samples_samples_homogeneous.csv").click().run()
    at.button(key="pilot_check").click().run()
    assert not at.exception
    assert any("Scale-consistent" in s.value or "scale-consistent" in s.value.lower() for s in at.success)
    at.button(key="pilot_matrix_leak_matrix.csv").click().run()
    assert any("12 sensors × 40 sources" in c.value for c in at.caption)
    assert at.warning and at.dataframe  # the nearly parallel leak points are named
    at.button(key="pilot_compare").click().run()
    assert not at.exception
    assert [m.label for m in at.metric].count("RMS relative error") == 2
    at.button(key="pilot_to_cost").click().run()
    assert not at.exception and at.title[0].value == "What does it cost?"
    assert at.session_state["lab_result"].config.n == 40  # Step 2's numbers carried over


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        (b"", "empty"),
        (b"a,b\n", "no rows"),
        (b"a,b\n1,2\n3,4,5\n", "Row 3"),
        (b"\xd0\xcf\x11\xe0" + bytes(60), ".xlsx"),
    ],
)
def test_a_broken_upload_gets_a_clear_message_and_nothing_breaks(raw: bytes, needle: str) -> None:
    at = _pilot()
    at.session_state["_pilot_samples"] = (raw, "upload.csv")  # what an upload leaves in this session
    at.run()
    assert not at.exception
    assert any(needle.lower() in e.value.lower() for e in at.error), [e.value for e in at.error]


def test_rows_with_gaps_are_dropped_and_too_few_left_is_said_in_words() -> None:
    at = _pilot()
    at.session_state["_pilot_samples"] = (b"a,b\n1,2\n3,oops\n5,6\n", "gaps.csv")
    at.run()  # the file loads; the picked columns are checked as soon as they are picked
    assert not at.exception
    assert any("Only 2 rows" in e.value and "1 rows skipped" in e.value for e in at.error), [e.value for e in at.error]


def test_a_broken_upload_is_explained_in_japanese_too() -> None:
    at = _pilot("ja")
    at.session_state["_pilot_matrix"] = (b"a,b,c\n1,2,3\n4,5,6\n7,8,9\n", "square.csv")
    at.run()
    assert not at.exception and at.error and "センサー" in at.error[0].value


def test_cli_scale_check_gives_both_verdicts(capsys: pytest.CaptureFixture[str]) -> None:
    verdicts = []
    for name in ("samples_homogeneous.csv", "samples_offset.csv"):
        assert main(["scale-check", "--data", str(DATA / name), "--inputs", "1-3", "--outputs", "4,5", "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert {"spread_decades", "bias_free_extrapolation_error", "biased_extrapolation_error"} <= set(data)
        verdicts.append(data["verdict"])
    assert verdicts == ["scale-consistent", "not-homogeneous"]


def test_cli_pilot_uses_the_engineers_matrix_and_reports_coherence(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["pilot", "--matrix", str(DATA / "leak_matrix.csv"), "--steps", "20", "--width", "16", "--json"]
    assert main([*argv, "--baselines", "omp"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["config"]["n"] == 40 and data["config"]["m"] == 12
    assert data["coherence"] > 0.99 and data["near_parallel"]
    assert {"one_layer_floor", "models", "baselines"} <= set(data)


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["pilot", "--matrix", "/no/such/file.csv"], "cannot read"),
        (["pilot", "--matrix", str(DATA / "samples_offset.csv")], "rows"),
        (["scale-check", "--data", str(DATA / "samples_offset.csv"), "--inputs", "zz", "--outputs", "1"], "zz"),
    ],
)
def test_cli_bad_file_exits_2_with_one_line(argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and needle in err[0]


@pytest.mark.slow
def test_step_2_asks_whether_sources_take_both_signs_and_the_run_follows_the_answer() -> None:
    """Leak sizes are positive: the simulated events are then nonnegative and no one-layer floor is claimed."""
    at = _pilot()
    at.button(key="pilot_matrix_leak_matrix.csv").click().run()
    assert at.radio(key="pilot_sign").value == "signed"  # the paper's setting, unless the engineer says otherwise
    at.radio(key="pilot_sign").set_value("nonnegative").run()
    at.button(key="pilot_compare").click().run()
    assert not at.exception
    result = at.session_state["_pilot_result"][1]
    assert result.config.signal == "nonnegative" and result.one_layer_floor is None


@pytest.mark.slow
def test_step_4_exports_the_chosen_model_and_decodes_an_upload() -> None:
    import io

    import numpy as np
    import pandas as pd

    from core.io import decode_numpy

    at = _pilot()
    at.button(key="pilot_matrix_leak_matrix.csv").click().run()
    at.button(key="pilot_compare").click().run()
    assert not at.exception and at.selectbox(key="pilot_export_model").value is not None
    at.button(key="pilot_export_prepare").click().run()
    assert not at.exception
    _, _net, raw = at.session_state["_pilot_export"]
    model = decode_numpy.load(io.BytesIO(raw))
    assert (int(model["m"]), int(model["n"]), int(model["layers"])) == (12, 40, 3)  # two hidden layers by default
    A = model["A"]
    X = np.zeros((4, 40))
    X[np.arange(4), [3, 10, 20, 30]] = [1.0, 2.0, 1e-6, 5.0]  # row 3's sources are far below the checked range
    Y = pd.DataFrame(X @ A.T, columns=[str(i) for i in range(1, 13)])
    Y.insert(0, "Timestamp", ["2026-12-01 00:00", "2026-12-01 00:01", "2026-12-01 00:02", "2026-12-01 00:03"])
    Y.iloc[1, 5] = np.nan
    at.session_state["_pilot_decode"] = (Y.to_csv(index=False).encode(), "Y.csv")
    at.run()
    assert not at.exception and not at.error
    assert any("1 rows were skipped" in i.value for i in at.info), [i.value for i in at.info]
    assert any("Decoded 3 rows into 40 sources" in c.value for c in at.caption)
    assert any("outside 0.001 to 1000" in w.value for w in at.warning)


def test_the_epanet_samples_start_with_leaks_as_inputs_drops_as_outputs_and_only_positive_sources() -> None:
    at = _pilot()
    at.button(key="pilot_samples_epanet/net3_leak_samples.csv").click().run()
    assert not at.exception and not at.error
    inputs = at.multiselect(key="pilot_in_epanet/net3_leak_samples.csv").value
    outputs = at.multiselect(key="pilot_out_epanet/net3_leak_samples.csv").value
    assert len(inputs) == 40 and all(c.startswith("leak J-") for c in inputs)  # the units row: m3/s/m^0.5
    assert len(outputs) == 12 and all(c.startswith("drop J-") for c in outputs)  # and m
    magnitudes = at.select_slider(key="pilot_mag_epanet/net3_leak_samples.csv")
    assert magnitudes.value == (1e-7, 1e-2)
    magnitudes.set_value((1e-5, 1e-3)).run()
    assert any("samples with ‖x‖ from 1e-05 to 0.001" in c.value for c in at.caption)
    at.button(key="pilot_matrix_epanet/net3_A.csv").click().run()
    assert not at.exception and any("12 sensors × 40 sources" in c.value for c in at.caption)
    assert at.radio(key="pilot_sign").value == "nonnegative"  # leak sizes
