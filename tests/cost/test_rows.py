"""A run's cost rows (core.cost.rows), from results built by hand: one per measured network and decoder, named for
the reader."""

import pytest

from core.config import Config
from core.cost.inputs import CostInputs
from core.cost.rows import rows_for
from core.experiments.results import BaselineResult, ModelResult, RunResult
from core.present.labels import decoder_label, model_label
from core.science import sizes

CONFIG = Config(n=32, m=16, depths=(1, 2, 3), hand_built=True, unrolled=4)
COMMON = {"activation": "relu", "steps_done": 100, "status": "ok", "note": None, "loss_curve": ((1, 0.5),)}
COMMON |= {"rms_rel_error_by_scale": None, "homogeneity_error": None, "example": None, "train_seconds": 2.0}


def _model(depth: int | None, *, bias: bool = False, kind: str = "trained", rate: float | None = 1e5, **more):
    return ModelResult(depth=depth, width=64, bias=bias, params=0, rms_rel_error=0.1, kind=kind,
                       signals_per_second=rate, **COMMON | more)  # fmt: skip


MODELS = (
    _model(1),
    _model(2, bias=True),
    _model(3, rate=None, status="diverged", steps_done=0),  # diverged at once: nothing was measured
    _model(2, kind="hand-built", train_seconds=0.0),
    _model(None, kind="unrolled", steps=4),
)
BASELINES = tuple(BaselineResult(name, name != "lasso", 0.01, {}, 0.002) for name in ("bp", "omp", "lasso"))  # 2 ms
RESULT = RunResult(CONFIG, 0.707, MODELS, example_true=[], torch_threads=1, baselines=BASELINES)


def test_one_row_per_measured_model_then_one_per_decoder_in_the_runs_order() -> None:
    rows = rows_for(RESULT, CostInputs(), "en")
    assert [row.key for row in rows] == ["1", "2b", "2h", "u4", "bp", "omp", "lasso"]
    assert [row.kind for row in rows] == ["network"] * 4 + ["decoder"] * 3
    assert [row.signals_per_second for row in rows] == [1e5] * 4 + [pytest.approx(500.0)] * 3  # 1 / 0.002 s


def test_a_model_that_diverged_at_once_has_no_row() -> None:
    only_diverged = RunResult(CONFIG, 0.707, (MODELS[2],), example_true=[], torch_threads=1)
    assert rows_for(only_diverged, CostInputs(), "en") == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_rows_are_named_by_the_shared_labels_in_the_readers_language(lang: str) -> None:
    measured = [m for m in MODELS if m.signals_per_second is not None]
    want = [model_label(m, lang) for m in measured] + [decoder_label(b, lang) for b in BASELINES]
    assert [row.name for row in rows_for(RESULT, CostInputs(), lang)] == want


def test_japanese_and_english_names_differ_row_by_row() -> None:
    ja, en = (rows_for(RESULT, CostInputs(), lang) for lang in ("ja", "en"))
    assert [r.key for r in ja] == [r.key for r in en]
    assert all(a.name != b.name for a, b in zip(ja, en)), [(a.name, b.name) for a, b in zip(ja, en)]


def test_network_rows_count_their_own_layers_at_the_runs_sizes() -> None:
    one, biased, hand, unrolled = rows_for(RESULT, CostInputs(), "en")[:4]
    assert one.params == sizes.params("trained", 16, 32, depth=1, width=64)
    assert biased.params == sizes.params("trained", 16, 32, depth=2, width=64, bias=True)
    assert hand.params == sizes.params("hand-built", 16, 32)
    assert unrolled.params == sizes.params("unrolled", 16, 32, steps=4) and unrolled.depth is None


def test_the_normalised_net_has_its_own_row_key_size_and_name() -> None:
    """Key "1n"; parameters with biases; MACs its two products plus m for ‖y‖; never counted as the plain one layer."""
    from core.cost.verdict import verdict

    normalised = _model(1, bias=True, kind="normalised")
    result = RunResult(CONFIG, 0.707, (MODELS[0], normalised), example_true=[], torch_threads=1)
    one, norm = rows_for(result, CostInputs(), "en")
    assert (one.key, norm.key) == ("1", "1n")
    assert norm.params == sizes.params("normalised", 16, 32, width=64) == 16 * 64 + 64 + 64 * 32 + 32
    assert norm.macs_per_signal == 16 * 64 + 64 * 32 + 16 == sizes.macs("normalised", 16, 32, width=64)
    assert one.macs_per_signal == sizes.macs("trained", 16, 32, depth=1, width=64)  # unchanged for the others
    assert norm.name == model_label(normalised, "en") and "outside the paper's class" in norm.name
    alone = verdict([norm], "en")
    assert "normalised one-layer net" in alone
