"""The phase-diagram figure (core.present.charts.sweep), read from the figure, for cells aggregated from task results
made by hand: no training here."""

import dataclasses
import re

import pytest

from core.experiments.sweep.grid import DT_CURVE, TaskResult, cells
from core.experiments.sweep.spec import SweepSpec
from core.i18n import t
from core.i18n.claims import EXACT_PER_SIGNAL
from core.present.charts.sweep import METRICS, heatmaps

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")  # hiragana, katakana, kanji
SPEC = SweepSpec(n=12, deltas=(0.25, 0.5), rhos=(0.1, 0.3), seeds=2, decoders=("one", "two", "bp"), threshold=0.2)
# decoder → error at (δ, ρ) on seed 0 and seed 1; one layer never below its floor, bp and two layers sometimes exact
ERRORS = {
    "one": {(0.25, 0.1): (0.9, 0.95), (0.25, 0.3): (0.9, 0.9), (0.5, 0.1): (0.75, 0.8), (0.5, 0.3): (0.72, 0.8)},
    "two": {(0.25, 0.1): (0.1, 0.5), (0.25, 0.3): (0.6, None), (0.5, 0.1): (0.05, 0.1), (0.5, 0.3): (0.4, 0.3)},
    "bp": {(0.25, 0.1): (0.0, 0.0), (0.25, 0.3): (0.5, 3.0), (0.5, 0.1): (0.0, 0.0), (0.5, 0.3): (0.0, 0.35)},
}
FLOORS = {0.25: (1 - 3 / 12) ** 0.5, 0.5: (1 - 6 / 12) ** 0.5}  # sqrt(1 − m/n), m = δ·n


def _results() -> list[TaskResult]:
    out = []
    for delta in SPEC.deltas:
        for rho in SPEC.rhos:
            m = SPEC.m_for(delta)
            for k in range(SPEC.seeds):
                errors = {name: ERRORS[name][(delta, rho)][k] for name in SPEC.decoders}
                # an error of exactly 0 stands for "every signal recovered exactly", any other for "none"
                exact = {name: None if e is None else float(e == 0.0) for name, e in errors.items()}
                s = SPEC.s_for(m, rho)
                out.append(TaskResult(delta, rho, k, 100 + k, m, s, errors, FLOORS[delta], 0.1, exact=exact))
    return out


CELLS = cells(SPEC, _results())


def _heatmaps(fig) -> list:
    return [trace for trace in fig.data if trace.type == "heatmap"]


def test_the_metrics_are_success_rate_exact_recovery_and_mean_error() -> None:
    assert METRICS == ("success", "exact", "error")


@pytest.mark.parametrize("metric", METRICS)
def test_one_heatmap_per_decoder_whose_values_are_the_cells(metric: str) -> None:
    fig = heatmaps(SPEC, CELLS, metric, "en")
    maps = _heatmaps(fig)
    assert len(maps) == len(SPEC.decoders)
    for name, trace in zip(SPEC.decoders, maps):
        assert list(trace.x) == list(SPEC.deltas) and list(trace.y) == list(SPEC.rhos)
        by = {(c.delta, c.rho): c for c in CELLS if c.decoder == name}
        value = {
            "success": lambda c: c.success_rate,
            "exact": lambda c: c.exact_recovery,
            "error": lambda c: min(c.mean_rms_rel_error, 1.0),
        }[metric]
        want = [[value(by[(d, r)]) for d in SPEC.deltas] for r in SPEC.rhos]
        assert [list(row) for row in trace.z] == want, name


def test_the_heatmap_values_are_the_hand_computed_rates_and_errors() -> None:
    """bp at (δ, ρ) = (0.25, 0.3): errors 0.5 and 3.0 → success 0 of 2, mean 1.75 shown capped at 1; two layers at
    (0.25, 0.3): one seed diverged (None) → a failure, and the mean of the finished seed only."""
    success = _heatmaps(heatmaps(SPEC, CELLS, "success", "en"))
    error = _heatmaps(heatmaps(SPEC, CELLS, "error", "en"))
    one, two, bp = range(3)
    assert success[bp].z[1][0] == 0.0 and error[bp].z[1][0] == 1.0
    assert error[bp].text[1][0].split("<br>")[0] == "1.75"  # the printed number is not capped, only the colour
    m = SPEC.m_for(SPEC.deltas[0])
    assert error[bp].text[1][0].split("<br>")[1] == f"s = {SPEC.s_for(m, SPEC.rhos[1])}"  # the count beside it
    figure = heatmaps(SPEC, CELLS, "error", "en")
    assert list(figure.layout.xaxis.ticktext) == [f"{SPEC.m_for(d)} sensors<br>(δ {d:g})" for d in SPEC.deltas]
    assert success[two].z[0][0] == 0.5 and error[two].z[0][0] == pytest.approx(0.3)
    assert success[two].z[1][0] == 0.0 and error[two].z[1][0] == pytest.approx(0.6)
    assert [list(row) for row in success[one].z] == [[0.0, 0.0], [0.0, 0.0]]
    exact = _heatmaps(heatmaps(SPEC, CELLS, "exact", "en"))
    assert exact[bp].z[1][1] == 0.5  # (δ, ρ) = (0.5, 0.3): seed 0 exact, seed 1 at 0.35 → half of the signals


def test_a_cell_not_finished_yet_stays_blank() -> None:
    partial = [c for c in CELLS if not (c.delta == 0.5 and c.rho == 0.3)]
    for trace in _heatmaps(heatmaps(SPEC, partial, "success", "en")):
        assert trace.z[1][1] is None and trace.text[1][1] == ""


def _dt_curves(fig) -> list:  # type: ignore[no-untyped-def]
    return [trace for trace in fig.data if trace.type == "scatter" and trace.name == t("sweep.chart_dt", "en")]


@pytest.mark.parametrize("signal", ["signed", "nonnegative"])
def test_the_signed_donoho_tanner_curve_is_drawn_on_every_panel_for_a_gaussian_a(signal: str) -> None:
    """The basis pursuit here has no sign constraint: nonnegative signals do not move its edge, so the curve is the
    signed one whatever the signals."""
    curves = _dt_curves(heatmaps(dataclasses.replace(SPEC, signal=signal), CELLS, "success", "en"))
    assert len(curves) == len(SPEC.decoders)
    for curve in curves:
        assert list(zip(curve.x, curve.y)) == list(DT_CURVE["signed"])
    assert [c.showlegend for c in curves] == [True] + [False] * (len(curves) - 1)  # one legend entry


def test_no_donoho_tanner_curve_for_an_engineers_own_matrix() -> None:
    """The curve is the large-n 50 % line for Gaussian A: it says nothing about an uploaded A."""
    assert _dt_curves(heatmaps(SPEC, CELLS, "success", "en", gaussian_a=False)) == []
    assert "Gaussian A" in t("sweep.chart_dt", "en") and "ガウス" in t("sweep.chart_dt", "ja")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_one_layer_floor_is_printed_in_the_one_layer_panel_only(lang: str) -> None:
    one, two, bp = _heatmaps(heatmaps(SPEC, CELLS, "success", lang))
    for j, delta in enumerate(SPEC.deltas):
        for i in range(len(SPEC.rhos)):
            assert t("sweep.chart_floor", lang, floor=FLOORS[delta]) in one.text[i][j]
    floor_word = t("sweep.chart_floor", lang, floor=0.0).split("0")[0]
    assert not any(floor_word in text for trace in (two, bp) for row in trace.text for text in row)


@pytest.mark.parametrize("metric", METRICS)
def test_titles_are_japanese_in_japanese_and_not_in_english(metric: str) -> None:
    for lang in ("ja", "en"):
        fig = heatmaps(SPEC, CELLS, metric, lang)
        titles = [fig.layout.title.text, *(a.text for a in fig.layout.annotations)]  # the figure's and the panels'
        assert len(titles) == 1 + len(SPEC.decoders)
        assert all(bool(JAPANESE.search(text)) == (lang == "ja") for text in titles), titles
    title = heatmaps(SPEC, CELLS, metric, "en").layout.title.text
    assert title == t(f"sweep.chart_title.{metric}", "en", threshold=SPEC.threshold, exact=EXACT_PER_SIGNAL)
