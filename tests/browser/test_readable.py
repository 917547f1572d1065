"""Read at a glance (issue 17), read off the real pages in Chromium: money and small numbers without scientific
notation or "None", one colour per model kind on the Lab and the Cost page, the bias scenario's two nets on one
chart, and an error axis that keeps its range from one scenario to the next."""

from __future__ import annotations

import re

import pytest

from tests.browser.util import ROOT, wait_idle

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "artifacts"
LINK = "Lab?steps=40&width=32&depths=1,2&run=1"

# every plotly chart on the page: its traces' names and colours, and its y axis range (plotly keeps them on the div)
_PLOTS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => ({
  traces: (gd.data || []).map(t => [t.name, (t.line && t.line.color) || (t.marker && t.marker.color) || null]),
  yrange: gd._fullLayout && gd._fullLayout.yaxis ? gd._fullLayout.yaxis.range : null,
}))"""
SCIENTIFIC = re.compile(r"\d(?:\.\d+)?[eE][-+]?\d")


def _main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def _colours(page) -> dict[str, str]:
    """Trace name → colour over every chart on the page (a name drawn in two colours fails the caller's check)."""
    seen: dict[str, set[str]] = {}
    for plot in page.evaluate(_PLOTS):
        for name, colour in plot["traces"]:
            if name and isinstance(colour, str):
                seen.setdefault(name, set()).add(colour)
    assert all(len(c) == 1 for c in seen.values()), seen
    return {name: c.pop() for name, c in seen.items()}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_lab_and_cost_show_plain_numbers_and_one_colour_per_model(browser, server: str, lang: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    page.goto(f"{server}/{LINK}&lang={lang}")
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=180_000)
    wait_idle(page, timeout_ms=180_000)
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    lab_text, lab_colours = _main_text(page), _colours(page)
    page.locator('[data-testid="stSidebar"] a[href*="Cost"]').first.click()  # same session: the Lab's run
    page.wait_for_selector(".js-plotly-plot", timeout=180_000)
    wait_idle(page, timeout_ms=180_000)
    page.wait_for_timeout(800)  # plotly lays out after the script run
    cost_text, cost_colours = _main_text(page), _colours(page)
    page.screenshot(path=ARTIFACTS / f"readable_cost_{lang}.png", full_page=True)
    page.close()
    for text in (lab_text, cost_text):
        assert not SCIENTIFIC.findall(text), SCIENTIFIC.findall(text)
        assert not re.search(r"\b(None|nan|NaN)\b", text)
    shared = lab_colours.keys() & cost_colours.keys()
    assert len(shared) >= 2, (lab_colours, cost_colours)  # the one- and the two-layer net on both pages
    assert {n: lab_colours[n] for n in shared} == {n: cost_colours[n] for n in shared}


def test_the_bias_scenario_draws_both_nets_and_the_error_axis_keeps_its_range(browser, server: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    page.goto(f"{server}/Lab?lang=en")
    wait_idle(page)
    ranges = []
    for scenario in ("bias", "nonnegative"):
        page.locator(f".st-key-scenario_{scenario} button").click()
        page.get_by_text("Error at every signal scale").wait_for(timeout=180_000)
        wait_idle(page, timeout_ms=180_000)
        page.wait_for_timeout(800)
        error_chart = next(p for p in page.evaluate(_PLOTS) if p["yrange"] and len(p["traces"]) > 1)
        names = [name for name, _ in error_chart["traces"] if name]
        ranges.append(error_chart["yrange"])
        if scenario == "bias":
            page.screenshot(path=ARTIFACTS / "readable_bias_scenario.png", full_page=True)
            assert "2 hidden layers" in names and "2 hidden layers (with bias)" in names, names
    page.close()
    assert ranges[0] == ranges[1]  # 71 % in one scenario and 0.02 % in the next sit at their own heights
