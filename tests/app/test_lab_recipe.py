"""The Lab and Muon's recipe: the default at sparse s ≥ 2, visible in the settings and the link, never auto-run."""

import pytest
from streamlit.testing.v1 import AppTest

from core.config import RECIPES, Config
from tests.app.conftest import open_page


def _lab(query: dict[str, str] | None = None) -> AppTest:
    return open_page("pages/1_Lab.py", query)


def _recipe_shown(at: AppTest) -> dict[str, object]:
    return {key: at.session_state[key] for key in RECIPES["muon"]}


def test_s_2_switches_the_settings_to_the_recipe_and_s_1_back_to_adam() -> None:
    at = _lab({"lang": "en"})
    assert at.radio(key="optimizer").value == "adam" and _recipe_shown(at) == RECIPES["adam"]
    at.number_input(key="s").set_value(2).run()
    assert not at.exception, at.exception
    assert at.radio(key="optimizer").value == "muon" and _recipe_shown(at) == RECIPES["muon"]
    url = {k: v[-1] if isinstance(v, list) else v for k, v in at.query_params.items()}
    assert url["optimizer"] == "muon" and url["width"] == "384"  # the share link says which recipe
    at.number_input(key="s").set_value(1).run()
    assert at.radio(key="optimizer").value == "adam" and _recipe_shown(at) == RECIPES["adam"]


def test_a_setting_the_reader_changed_stays_when_the_recipe_changes() -> None:
    at = _lab({"lang": "en"})
    at.number_input(key="width").set_value(512).run()
    at.number_input(key="s").set_value(3).run()
    assert at.radio(key="optimizer").value == "muon" and at.number_input(key="width").value == 512
    assert at.number_input(key="steps").value == RECIPES["muon"]["steps"]
    at.radio(key="optimizer").set_value("adam").run()  # chosen by hand: its own recipe, the width kept
    assert at.number_input(key="steps").value == RECIPES["adam"]["steps"]
    assert at.number_input(key="width").value == 512


def test_an_old_link_at_s_2_opens_with_adam_and_keeps_it() -> None:
    old = Config(n=64, m=32, s=2, depths=(2,), steps=30, width=16).to_query()
    del old["optimizer"]  # made before the field existed
    at = _lab({**old, "lang": "en"})
    assert at.radio(key="optimizer").value == "adam" and at.number_input(key="width").value == 16
    at.number_input(key="s").set_value(3).run()  # still sparse s ≥ 2: the link's choice stands
    assert at.radio(key="optimizer").value == "adam"


def test_a_link_to_the_recipe_shows_its_estimate_and_a_train_button(monkeypatch: pytest.MonkeyPatch) -> None:
    from core.runtime import budget, processes

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a link to the 60-second recipe started a training by itself")

    monkeypatch.setattr(processes, "run_in_process", refuse)
    # over the auto-run budget on any machine: once a server has calibrated its rates on a fast CPU (native bfloat16)
    # its estimate of the recipe may fall under the default 30 s (seen when an earlier test had calibrated them)
    monkeypatch.setenv(budget.AUTO_RUN_ENV, "5")
    recipe = Config.parse({"n": "64", "m": "32", "s": "2", "depths": "2", "max_seconds": "60", "seed": "31337"})
    at = _lab({**recipe.to_query(), "lang": "en", "run": "1"})
    assert not at.exception, at.exception
    assert "lab_result" not in at.session_state
    assert any("a link may start by itself" in i.value for i in at.info)
    assert at.radio(key="optimizer").value == "muon" and at.button(key="train").label == "Train and compare"
    assert any("5000 steps or up to 60 s" in i.value for i in at.info)  # not "a few seconds"
