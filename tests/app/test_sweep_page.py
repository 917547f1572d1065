"""The Sweep page as Streamlit runs it (AppTest): settings from a link, a real sweep, replay, bad input."""

import pytest
from streamlit.testing.v1 import AppTest

from core.experiments.sweep.spec import SweepSpec
from core.runtime.store import ResultStore
from tests import ROOT
from tests.app.conftest import open_page
from ui.store import shared

TINY = SweepSpec(n=12, deltas=(0.5,), rhos=(0.1, 0.3), seeds=1, steps=20, width=8, decoders=("one", "two", "bp"),
                 optimizer="adam")  # fmt: skip


def _sweep(query: dict[str, str]) -> AppTest:
    """The Sweep page reached like a person does: home first (with the link's query), then the page."""
    return open_page("pages/5_Sweep.py", query)


@pytest.mark.slow
def test_a_link_sets_the_grid_and_a_run_fills_the_map_then_replays() -> None:
    at = _sweep(TINY.to_query() | {"lang": "en"})
    assert not at.exception, at.exception
    assert at.multiselect(key="sw_deltas").value == [0.5] and at.number_input(key="sw_n").value == 12
    assert "2 trainings (2 cells × 1 seeds)" in " ".join(c.value for c in at.caption)
    at.button[-1].click().run()  # "Run the sweep"
    assert not at.exception, at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "1 hidden layer: recovers (success rate ≥ 0.5) in 0 of 2 cells" in text
    assert "its proven floor is at or above the threshold in 2 of 2 cells" in text
    # a net failed (20 steps): the page says why (the training budget; existence is not training)
    assert f"each trains for the sweep's {TINY.steps} steps only" in text
    assert any("2 trainings in" in c.value and "on 2 worker(s) (this server)" in c.value for c in at.caption)
    assert at.get("plotly_chart")  # the map
    assert at.get("download_button")
    # Another session with the same link sees the finished sweep at once, from the shared cache.
    other = _sweep(TINY.to_query() | {"lang": "en"})
    assert any("replayed from the cache" in c.value for c in other.caption)
    restarted = ResultStore(shared().path)  # what a restarted server (or a second one) reads from the data directory
    assert restarted.get("sweep", TINY) == at.session_state["_sweep_result"][0]


def test_a_grid_with_no_delta_says_what_is_wrong() -> None:
    at = _sweep({"lang": "en", "deltas": "0.5"})
    at.multiselect(key="sw_deltas").set_value([]).run()
    assert not at.exception
    assert "give 1 to 12 values for delta" in at.error[0].value


def test_a_remote_cluster_address_is_refused_on_a_public_server() -> None:
    at = _sweep({"lang": "en"})
    at.text_input(key="sw_address").input("tcp://203.0.113.5:8786").run()
    assert not at.exception
    assert "only connects to a Dask scheduler on its own machine" in at.error[0].value


def test_own_matrix_too_small_for_the_grid_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    at = _sweep({"lang": "en", "n": "40", "deltas": "0.5"})
    at.session_state["_pilot_matrix"] = ((ROOT / "data" / "leak_matrix.csv").read_bytes(), "leak_matrix.csv")
    at.radio(key="sw_matrix").set_value("own").run()
    assert not at.exception, at.exception
    assert "A has 12 sensors and 40 sources" in " ".join(c.value for c in at.caption)
    assert "δ = 0.5 needs more sensors than this matrix has (12); largest δ is 0.3" in at.error[0].value


def test_the_page_speaks_japanese_by_default() -> None:
    at = _sweep({})
    assert at.title[0].value == "発生源の数に対して、センサーは何個必要か？"


def _trace_names(at: AppTest) -> list[str]:
    import json

    return [trace.get("name") or "" for el in at.get("plotly_chart") for trace in json.loads(el.proto.spec)["data"]]


@pytest.mark.slow
def test_the_donoho_tanner_curve_is_drawn_for_a_gaussian_a_and_not_for_the_engineers_own() -> None:
    """The curve is the large-n 50 % line of exact recovery for Gaussian A: drawn (and named) for a random A, never
    over a map made on an uploaded matrix."""
    from core.i18n import t

    spec = SweepSpec(n=40, deltas=(0.25,), rhos=(0.1,), seeds=1, steps=5, width=8, decoders=("bp",))
    legend = t("sweep.chart_dt", "en")
    gaussian = _sweep(spec.to_query() | {"lang": "en"})
    gaussian.button[-1].click().run()
    assert not gaussian.exception, gaussian.exception
    assert legend in _trace_names(gaussian)
    own = _sweep(spec.to_query() | {"lang": "en"})
    own.session_state["_pilot_matrix"] = ((ROOT / "data" / "leak_matrix.csv").read_bytes(), "leak_matrix.csv")
    own.radio(key="sw_matrix").set_value("own").run()
    own.button[-1].click().run()
    assert not own.exception, own.exception
    assert own.get("plotly_chart") and legend not in _trace_names(own)


def test_the_recipe_is_the_pages_default_and_an_old_link_keeps_adam() -> None:
    fresh = _sweep({"lang": "en"})
    assert not fresh.exception, fresh.exception
    assert fresh.radio(key="sw_optimizer").value == "muon"
    url = {k: v[-1] if isinstance(v, list) else v for k, v in fresh.query_params.items()}
    assert url["optimizer"] == "muon"  # the share link says so
    old = TINY.to_query()
    del old["optimizer"]  # made before the field existed
    assert _sweep(old | {"lang": "en"}).radio(key="sw_optimizer").value == "adam"
