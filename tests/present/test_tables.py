"""The one results table: the same rows and columns in the Lab's table, its CSV download and the report's CSV."""

import csv
import io

from core.config import Config
from core.experiments.results import BaselineResult, ModelResult, RunResult
from core.present.tables import COLUMNS, results_csv, results_rows

SCALES = {"0.001": 0.5, "0.01": 0.5, "0.1": 0.5, "1": 0.25, "10": 0.5, "100": 0.5, "1000": 0.75}
COMMON = {"activation": "relu", "bias": False, "train_seconds": 1.5, "status": "ok", "note": None}
COMMON |= {"rms_rel_error": 0.5, "rms_rel_error_by_scale": SCALES, "homogeneity_error": 1e-16, "loss_curve": ()}
MODELS = (
    ModelResult(depth=2, width=64, params=6, steps_done=10, example=None, **COMMON),
    ModelResult(depth=None, width=32, params=9, steps_done=10, example=None, kind="unrolled", steps=4, **COMMON),
)
BP = BaselineResult("bp", True, 1e-8, dict.fromkeys(SCALES, 1e-8), seconds_per_signal=0.002)
RESULT = RunResult(Config(), 0.707, MODELS, example_true=[], torch_threads=1, baselines=(BP,))


def test_one_row_per_model_then_per_decoder_with_every_column() -> None:
    rows = results_rows(RESULT, "en")
    assert [r["kind"] for r in rows] == ["trained", "unrolled", "decoder"]
    assert all(tuple(r) == COLUMNS for r in rows)
    assert rows[0]["worst_rel_error"] == 0.75 and rows[0]["error_at_scale_1"] == 0.25
    assert (rows[1]["depth"], rows[1]["steps"]) == (None, 4)  # the unrolled net: ISTA steps, no hidden layers
    assert rows[2]["seconds_per_signal"] == 0.002 and rows[2]["params"] is None


def test_names_follow_the_language_and_the_csv_holds_the_same_rows() -> None:
    en, ja = results_rows(RESULT, "en"), results_rows(RESULT, "ja")
    assert [r["label"] for r in en] != [r["label"] for r in ja]
    read = list(csv.DictReader(io.StringIO(results_csv(RESULT, "ja"))))
    assert [r["label"] for r in read] == [r["label"] for r in ja]
    assert [float(r["rms_rel_error"]) for r in read] == [r["rms_rel_error"] for r in ja]


def test_the_normalised_net_has_its_own_colour_and_label_in_both_languages() -> None:
    from core.experiments.results import ModelResult
    from core.present import labels

    common = {"width": 8, "activation": "relu", "params": 0, "train_seconds": 0.0, "steps_done": 1, "status": "ok"}
    common |= {"note": None, "rms_rel_error": None, "rms_rel_error_by_scale": None, "homogeneity_error": None}
    common |= {"loss_curve": (), "example": None}
    norm = ModelResult(depth=1, bias=True, kind="normalised", **common)
    others = {*labels.DEPTH_COLOURS.values(), labels.HAND_BUILT_COLOUR, labels.UNROLLED_COLOUR, labels.FLOOR_COLOUR}
    others |= {c for c, _ in labels.BASELINE_STYLES.values()}
    assert labels.colour(norm) == labels.NORMALISED_COLOUR not in others
    plain = ModelResult(depth=1, bias=True, kind="trained", **common)
    for lang in ("en", "ja"):
        assert labels.model_label(norm, lang) not in (labels.model_label(plain, lang), "")
    assert "outside the paper's class" in labels.model_label(norm, "en")
