"""The Theory page's live answers: the facts they show, and the page itself in AppTest."""

import pytest

from core.experiments import theory
from core.present.format import magnitude, percent
from tests.app.conftest import app


def test_odd_part_of_a_trained_one_layer_net_is_w2_w1_y_and_it_sits_on_the_floor() -> None:
    study = theory.odd_part_study(seed=0)
    assert study.max_abs_difference < 1e-12
    assert study.trained_error >= study.floor - 0.01


@pytest.mark.slow
def test_the_odd_part_answer_states_the_numbers_it_measured_not_typed_ones() -> None:
    study = theory.odd_part_study(seed=0)
    at = app({"lang": "en"}).run()
    at.switch_page("pages/2_Theory.py").run()
    at.segmented_control(key="question").set_value("one_layer").run()
    text = " ".join(m.value for m in at.markdown)
    assert f"at most {magnitude(study.max_abs_difference)}" in text
    assert (
        f"RMS relative error is {percent(study.trained_error)} against the proven floor {percent(study.floor)}" in text
    )


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


@pytest.mark.slow
def test_activation_table_states_both_properties_and_no_one_layer_net_beats_its_floor() -> None:
    from core.science.activations import ACTIVATIONS_TABLE

    rows, relu_floor = theory.activation_table(seed=0)
    assert [r.name for r in rows] == list(ACTIVATIONS_TABLE)  # silu included
    by_name = {r.name: r for r in rows}
    assert [n for n, r in by_name.items() if r.homogeneous] == ["relu", "leaky_relu", "abs"]
    assert [n for n, r in by_name.items() if not r.floor_applies] == ["tanh", "sigmoid", "elu"]
    assert by_name["abs"].floor == 1.0 and by_name["gelu"].floor == by_name["silu"].floor == relu_floor
    for r in rows:
        assert (r.homogeneity_error < 1e-12) == r.homogeneous  # measured, float64
        if r.floor_applies:  # measured against the proven bound; sampling error allowed
            assert r.one_layer_error >= r.floor - 0.02, r


def test_the_sign_answer_says_far_below_only_under_half_the_signed_floor() -> None:
    from core.i18n import t
    from ui.views.theory import sign_key

    assert sign_key(0.0002, 0.707) == "theory.sign.measured"
    assert "far below" in t("theory.sign.measured", "en", error="x", floor="y")
    assert sign_key(0.36, 0.707) == sign_key(0.70, 0.707) == "theory.sign.measured_close"
    assert "far below" not in t("theory.sign.measured_close", "en", error="x", floor="y")


@pytest.mark.slow
def test_the_sign_answer_states_the_numbers_of_its_study() -> None:
    from ui.views.theory import sign_key

    study = theory.sign_study(seed=0)
    error = study.errors["nonnegative"][1]
    at = app({"lang": "en"}).run()
    at.switch_page("pages/2_Theory.py").run()
    at.segmented_control(key="question").set_value("sign").run()
    text = " ".join(m.value for m in at.markdown)
    assert percent(error) in text and percent(study.signed_floor) in text
    assert ("far below" in text) == (sign_key(error, study.signed_floor) == "theory.sign.measured")
