"""Results are plain values: the unrolled net says its ISTA steps in `steps`, and `depth` means hidden layers only."""

import json

import pytest

from core.config import Config
from core.experiments.results import ModelResult, RunResult

COMMON = {"activation": "relu", "bias": False, "params": 6148, "train_seconds": 1.0, "steps_done": 3, "status": "ok"}
COMMON |= {"note": None, "rms_rel_error": 0.2, "rms_rel_error_by_scale": None, "homogeneity_error": None}
COMMON |= {"loss_curve": ((1, 0.5),), "example": None}


def test_unrolled_json_keeps_depth_as_a_key_and_adds_steps() -> None:
    unrolled = ModelResult(depth=None, width=64, kind="unrolled", steps=4, **COMMON)
    trained = ModelResult(depth=2, width=64, **COMMON)
    models = (unrolled, trained)
    result = RunResult(config=Config(), one_layer_floor=None, models=models, example_true=[], torch_threads=1)
    got = json.loads(json.dumps(result.to_json()))["models"]
    assert (got[0]["depth"], got[0]["steps"], got[1]["depth"], got[1]["steps"]) == (None, 4, 2, None)
    assert (got[0]["note"], got[0]["note_values"]) == (None, {})


@pytest.mark.slow
def test_a_biased_depth_beside_the_bias_free_one_has_the_numbers_of_a_biased_run() -> None:
    """`biased=(2,)` trains the two-layer net with bias on the stream a bias=True run gives it: same numbers, and the
    bias-free net beside it is the bias-free run's; the biased net has no proven floor."""
    from core.experiments.run import run

    small = {"depths": (2,), "width": 32, "steps": 60, "baselines": ()}
    both = run(Config(biased=(2,), **small))
    alone = run(Config(bias=True, **small))
    free = run(Config(**small))
    biased = next(m for m in both.models if m.bias)
    assert biased.rms_rel_error == alone.models[0].rms_rel_error
    assert both.bias_free(2).rms_rel_error == free.models[0].rms_rel_error
    assert both.floor_for(biased) is None
