"""A scenario's caption states its own run's numbers, with the verdict its registry thresholds give."""

import dataclasses

import pytest

from core.config import Config
from core.experiments.run import run
from core.experiments.scenarios import SCENARIOS
from core.i18n.claims import CLAIMS
from core.present.format import count, percent
from core.present.labels import model_label
from core.present.story import STORIES, story


@pytest.fixture(scope="module")
def biased_run():
    return run(Config(depths=(2,), bias=True, width=32, steps=60, baselines=("bp", "lasso")))


def test_every_scenario_has_a_story() -> None:
    assert set(STORIES) == set(SCENARIOS)


def test_the_bias_story_quotes_the_worst_scale_and_the_decoders(biased_run) -> None:
    result = dataclasses.replace(biased_run, config=SCENARIOS["bias"])
    notes = story("bias", result, "en")
    biased = result.models[0]
    worst_scale = max(biased.rms_rel_error_by_scale, key=biased.rms_rel_error_by_scale.get)
    assert notes[0].key == "scenario.says.bias"
    assert notes[0].values["scale"] == worst_scale
    assert notes[0].values["worst"] == percent(biased.rms_rel_error_by_scale[worst_scale])
    lasso = next(b for b in result.baselines if b.name == "lasso")
    said = {n.key: n.values for n in notes[1:]}
    assert said["scenario.says.decoder_not_flat"]["worst"] == percent(max(lasso.rms_rel_error_by_scale.values()))
    assert "scenario.says.decoder_flat" in said  # basis pursuit: below 1 % at every scale
    assert all(n.key in CLAIMS for n in notes)


def test_a_story_leaves_out_what_its_run_does_not_have(biased_run) -> None:
    """No one-layer net in the run: the floor scenario's caption says nothing rather than something typed."""
    assert story("floor", dataclasses.replace(biased_run, config=SCENARIOS["floor"]), "en") == []


def test_depth_or_normalisation_states_both_roads_with_their_cost() -> None:
    """The choice is depth or an explicit normalisation: the caption gives each road's size, training time, error."""
    small = run(Config(depths=(1, 2), normalised=True, width=16, steps=20, baselines=()))
    notes = story("depth_or_norm", dataclasses.replace(small, config=SCENARIOS["depth_or_norm"]), "en")
    costs = [n.values for n in notes if n.key == "scenario.says.cost"]
    two, normalised = small.bias_free(2), next(m for m in small.models if m.kind == "normalised")
    assert [c["model"] for c in costs] == ["2 hidden layers", model_label(normalised, "en")]
    for said, model in zip(costs, (two, normalised)):
        assert said["params"] == count(model.params) and said["seconds"] == f"{model.train_seconds:.1f}"
        assert said["error"] == percent(model.rms_rel_error)
    assert "outside the paper's class" in costs[1]["model"]
