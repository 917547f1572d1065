"""The Theory page's live answers: the facts they show, and the page itself in AppTest."""

import pytest

from core.experiments import theory
from tests.app.conftest import app


def test_odd_part_of_a_trained_one_layer_net_is_w2_w1_y_and_it_sits_on_the_floor() -> None:
    study = theory.odd_part_study(seed=0)
    assert study.max_abs_difference < 1e-12
    assert study.trained_error >= study.floor - 0.01


@pytest.mark.slow
def test_scale_study_bias_free_is_homogeneous_biased_is_not() -> None:
    study = theory.scale_study(seed=1)
    assert max(study.gap["bias-free"]) < 1e-5  # float32 forward passes
    assert max(study.gap["with bias"]) > 1.0
    lasso = study.error_by_scale["lasso"]
    assert lasso["0.001"] > 0.9 > 0.3 > lasso["1"]


@pytest.mark.slow
def test_theory_page_answers_every_question_without_an_exception() -> None:
    at = app().run()
    at.switch_page("pages/2_Theory.py").run()
    assert not at.exception
    for question in ("scale", "one_layer", "activations", "sign", "noise", "bias"):
        at.segmented_control(key="question").set_value(question).run()
        assert not at.exception, (question, at.exception)
        assert not at.error, (question, [e.value for e in at.error])
        shown = len(at.get("plotly_chart")) + len(at.dataframe)
        assert shown >= 1, question
    assert at.query_params["q"] in ("bias", ["bias"])
