"""The app as Streamlit runs it (AppTest): every page renders, the Lab trains and shows its results."""

import math

import pytest
from streamlit.testing.v1 import AppTest

from core.config import Config
from core.experiments.scenarios import SCENARIOS
from core.present.format import percent
from tests import ROOT
from tests.app.conftest import app, open_page
from ui.store import shared

PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


def _lab(query: dict[str, str] | None = None) -> AppTest:
    """The Lab, reached like a person does: home first, then the page."""
    return open_page("pages/1_Lab.py", query)


def test_home_renders_the_story_in_japanese_by_default_and_in_english_on_request() -> None:
    at = app().run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "f(λy) = λ·f(y)" in text and "論文の主張" in text and "ここで証明済み" in text
    at = app({"lang": "en"}).run()
    assert "Stated in the paper" in " ".join(m.value for m in at.markdown)


def _finding(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "Proven here" in m.value)


def test_home_labels_each_part_of_the_finding_and_computes_the_floor_it_quotes() -> None:
    text = _finding(app({"lang": "en"}).run())
    assert "Stated in the paper" in text and "Proven here" in text and "Measured here" in text
    assert percent(math.sqrt(1 - 16 / 32)) in text  # √(1 − m/n) at the default n = 32, m = 16
    if shared().get("run", Config()) is None:  # nothing measured on this server: no number typed in its place
        assert "not yet on this server" in text


@pytest.mark.slow
def test_home_quotes_the_default_comparison_once_this_server_has_measured_it() -> None:
    from core.experiments.run import run

    result = run(Config())
    shared().put("run", Config(), result)
    text = _finding(app({"lang": "en"}).run())
    errors = {m.depth: m.rms_rel_error for m in result.models if m.kind == "trained"}
    assert f"one hidden layer {percent(errors[1])}, two hidden layers {percent(errors[2])}" in text


def test_language_switch_changes_every_label_and_lands_in_the_url() -> None:
    at = _lab({"steps": "20", "width": "16"})
    assert at.title[0].value == "隠れ層は1層か、2層か？"
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "One hidden layer or two?"
    assert at.button(key="scenario_floor").label == "One layer hits the floor"
    assert at.query_params["lang"] in ("en", ["en"])


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_an_exception(page: str) -> None:
    at = app().run()
    at.switch_page(page).run()
    assert not at.exception, at.exception


def test_lab_trains_and_shows_cards_and_charts() -> None:
    at = _lab({"steps": "40", "width": "32", "lang": "en"})
    assert not at.exception
    (preview,) = at.get("plotly_chart")  # before Train: the signal the results will show, and its measurements
    assert "the signal x: 32 numbers, 1 not zero" in preview.proto.spec
    at.button(key="train").click().run()
    assert not at.exception, at.exception
    labels = [m.label for m in at.metric]
    assert labels.count("RMS relative error") == 2 and labels.count("Parameters") == 2
    assert labels.count("Training time") == 2
    charts = at.get("plotly_chart")
    assert len(charts) >= 2  # error vs scale, example signal (+ loss curves in the expander)
    assert not any("the signal x:" in c.proto.spec for c in charts)  # the preview gave way to the results
    assert any("**1 hidden layer**" in m.value for m in at.markdown)  # the headline sentence
    assert any(" reconstructions " in c.value and "Cost: training" in c.value for c in at.caption)  # cost by error


def test_lab_reads_its_settings_from_the_url_and_writes_them_back() -> None:
    link = {"n": "20", "m": "5", "s": "2", "depths": "2", "bias": "1", "seed": "9", "train_scales": "0.1,10"}
    at = _lab(link)
    assert not at.exception
    assert at.number_input(key="n").value == 20 and at.number_input(key="m").value == 5
    assert at.multiselect(key="depths").value == [2]
    assert at.toggle(key="bias").value is True
    assert at.session_state["train_scales"] == (0.1, 10.0)
    # Written back: the address bar now carries every setting (a share link), not only the ones the link gave.
    url = {k: v[-1] if isinstance(v, list) else v for k, v in at.query_params.items()}
    assert set(url) >= set(Config().to_query()) and url["width"] == str(Config().width)
    assert Config.from_query(url) == Config.from_query(link)


def test_crafted_url_is_clamped_not_obeyed() -> None:
    at = _lab({"width": "100000000", "steps": "999999999", "n": "<script>alert(1)</script>"})
    assert not at.exception
    assert at.number_input(key="width").value == 1024
    assert at.number_input(key="steps").value == 20_000
    assert at.number_input(key="n").value == 32  # unparsable → default


def test_impossible_setting_gets_a_clear_message_not_a_traceback() -> None:
    at = _lab()
    at.number_input(key="s").set_value(40).run()
    assert not at.exception
    assert any("s = 40" in e.value and "n = 32" in e.value for e in at.error)  # in Japanese, naming both values
    assert not [b for b in at.button if b.key == "train"]  # nothing to train until the settings are valid


def test_same_settings_replay_from_the_cache() -> None:
    at = _lab({"steps": "30", "width": "16", "seed": "4242", "lang": "en"})
    at.button(key="train").click().run()
    first = [m.value for m in at.metric]
    at.button(key="train").click().run()
    assert [m.value for m in at.metric] == first
    assert any("cache" in t.value for t in at.toast)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_every_scenario_loads_and_runs_with_its_caption(name: str) -> None:
    at = _lab({"lang": "en"})
    label = at.button(key=f"scenario_{name}").label
    at.button(key=f"scenario_{name}").click().run()
    assert not at.exception, at.exception
    assert at.session_state["lab_result"].config == SCENARIOS[name]  # loaded into the controls, then trained
    assert any(label in s.value for s in at.success)  # the manager caption
    assert at.get("plotly_chart")


def test_share_link_with_run_trains_at_once_and_reproduces_the_numbers() -> None:
    query = {"steps": "30", "width": "16", "seed": "77", "lang": "en", "run": "1"}
    first = _lab(query)
    assert not first.exception and first.session_state["lab_result"].config.seed == 77
    second = _lab(query)  # another session opening the same link
    errors = [m.rms_rel_error for m in first.session_state["lab_result"].models]
    assert [m.rms_rel_error for m in second.session_state["lab_result"].models] == errors
    assert "run" not in first.query_params  # the address bar keeps the settings, not the one-off trigger


def test_a_link_whose_numbers_an_older_version_made_shows_them_and_names_that_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from core.experiments.run import run
    from core.runtime import store as store_module

    query = {"steps": "20", "width": "16", "seed": "4242", "lang": "en"}
    made = run(Config.from_query(query))
    now = store_module.RESULTS_VERSION
    with monkeypatch.context() as m:
        m.setattr(store_module, "RESULTS_VERSION", now - 1)
        shared().put("run", made.config, made)
    at = _lab({**query, "run": "1"})
    assert not at.exception, at.exception
    assert at.session_state["lab_result"].results_version == now - 1
    assert [x.rms_rel_error for x in at.session_state["lab_result"].models] == [x.rms_rel_error for x in made.models]
    assert any(f"results version {now - 1}" in w.value for w in at.warning)
    at.button(key="train").click().run()  # pressing Train asks for this version's numbers: a new training
    assert at.session_state["lab_result"].results_version == now
    assert not any("results version" in w.value for w in at.warning)


def test_a_crafted_link_asking_for_the_caps_does_not_train_by_itself_and_shows_its_estimate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from core.runtime import processes

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a capped-out link started a training by itself")

    monkeypatch.setattr(processes, "run_in_process", refuse)
    query = {"n": "256", "m": "128", "s": "8", "depths": "1,2,3,4", "width": "1024", "steps": "20000",
             "max_seconds": "120", "batch": "2048", "lang": "en", "run": "1"}  # fmt: skip
    at = _lab(query)
    assert not at.exception, at.exception
    assert "lab_result" not in at.session_state
    notice = next(i.value for i in at.info if "a link may start by itself" in i.value)
    assert "about 1" in notice  # its estimate: over a hundred seconds
    assert at.number_input(key="steps").value == 20000  # the settings are on the page
    assert at.button(key="train").label == "Train and compare"


def test_lab_with_abs_says_every_net_is_even_and_measures_against_100_percent_at_every_depth() -> None:
    at = _lab({"steps": "20", "width": "16", "n": "16", "m": "8", "activation": "abs", "lang": "en"})
    assert at.selectbox(key="activation").value == "abs"
    at.button(key="train").click().run()
    assert not at.exception, at.exception
    assert any("at least 100" in i.value and "any depth" in i.value for i in at.info)
    assert sum("floor" in str(m.delta) for m in at.metric) == 2  # depth 1 and depth 2 both have a floor


def test_lab_with_silu_draws_the_one_layer_floor_although_silu_is_not_scale_invariant() -> None:
    at = _lab({"steps": "20", "width": "16", "n": "16", "m": "8", "activation": "silu", "lang": "en"})
    assert at.selectbox(key="activation").value == "silu"
    at.button(key="train").click().run()
    assert not at.exception, at.exception
    assert sum("floor" in str(m.delta) for m in at.metric) == 1  # depth 1 only
    assert not any("No floor is drawn" in c.value for c in at.caption)


def test_tables_say_a_dash_where_a_figure_does_not_apply_never_none() -> None:
    """The Cost page's breakdown has no parameters for a classical decoder: the cell reads "–"."""
    from core.experiments.run import run

    cfg = Config(steps=20, width=16, baselines=("bp",))
    shared().put("run", cfg, run(cfg))
    at = open_page("pages/1_Lab.py", {**cfg.to_query(), "run": "1", "lang": "en"})
    at.switch_page("pages/3_Cost.py").run()
    assert not at.exception, at.exception
    (table,) = at.dataframe
    cells = table.value.astype(str).to_numpy().ravel().tolist()
    assert "–" in cells and not {"None", "nan", "NaN", "<NA>"} & set(cells)


def test_the_lab_opens_its_results_with_a_verdict_in_plain_words() -> None:
    """Before any metric name: each model in a word (near-exact, good, rough, unusable) by its worst error."""
    from core.experiments.run import run
    from core.i18n.claims import quality

    cfg = Config(steps=30, width=16, baselines=())
    result = run(cfg)
    shared().put("run", cfg, result)
    at = open_page("pages/1_Lab.py", {**cfg.to_query(), "run": "1", "lang": "en"})
    line = at.subheader[0].value
    for model in result.models:
        worst = max(model.rms_rel_error_by_scale.values())
        word = {"near_exact": "near-exact"}.get(quality(worst), quality(worst))
        assert f"{word} ({percent(worst)} error at worst" in line
    assert quality(0.708) == "unusable" and quality(3e-7) == "near_exact" and quality(0.05) == "good"
