"""Presentation mode enlarges what a projector shows, and the scenario buttons stay readable (real Chromium).

Sizes are the browser's computed font sizes of the elements that hold the text, at 1280 px, normal against
presentation mode on the same results.
"""

from __future__ import annotations

import pytest

from tests.browser.util import ROOT, wait_idle

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "artifacts"
LINK = "Lab?steps=40&width=32&depths=1,2&run=1"

# element → CSS selector of the element holding the text (the first match is measured)
HOLDERS = {
    "metric value": '[data-testid="stMetricValue"] p',
    "metric label": '[data-testid="stMetricLabel"] p',
    "caption": '[data-testid="stMain"] [data-testid="stCaptionContainer"] p',
    "scenario button": '[class*="st-key-scenario_"] button p',
    "headline": '[data-testid="stMain"] [data-testid="stMarkdownContainer"] p:has(strong)',
    "chart tick": ".js-plotly-plot .xtick text",
}

_SIZES = """(holders) => Object.fromEntries(Object.entries(holders).map(([name, sel]) => {
  const el = document.querySelector(sel);
  return [name, el ? parseFloat(getComputedStyle(el).fontSize) : null];
}))"""

_LINES = """() => [...document.querySelectorAll('[class*="st-key-scenario_"] button p')].map(p => {
  const style = getComputedStyle(p);
  return [p.innerText, Math.round(p.getBoundingClientRect().height / parseFloat(style.lineHeight))];
})"""


def _open(browser, server: str, query: str):
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    page.goto(f"{server}/{query}")
    wait_idle(page, timeout_ms=180_000)
    page.wait_for_selector(HOLDERS["chart tick"], timeout=60_000)
    page.wait_for_timeout(800)  # plotly lays out after the script run
    return page


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_presentation_mode_draws_every_text_at_least_half_again_as_large(browser, server: str, lang: str) -> None:
    normal_page = _open(browser, server, f"{LINK}&lang={lang}")
    normal = normal_page.evaluate(_SIZES, HOLDERS)
    normal_page.close()
    page = _open(browser, server, f"{LINK}&lang={lang}&present=1")
    large = page.evaluate(_SIZES, HOLDERS)
    page.screenshot(path=ARTIFACTS / f"presentation_{lang}.png", full_page=True)
    page.close()
    assert all(normal.values()) and all(large.values()), (normal, large)
    small = {name: (normal[name], large[name]) for name in HOLDERS if large[name] < 1.5 * normal[name] - 0.01}
    assert not small, f"not enlarged 1.5× (normal px, presentation px): {small}"


@pytest.mark.parametrize("present", ["0", "1"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_scenario_buttons_fit_on_two_lines_at_1280_px(browser, server: str, lang: str, present: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{server}/Lab?lang={lang}&present={present}")
    page.wait_for_selector('[class*="st-key-scenario_"] button', timeout=60_000)
    wait_idle(page)
    lines = page.evaluate(_LINES)
    page.close()
    assert len(lines) == 7
    assert all(n <= 2 for _, n in lines), lines


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_share_link_reads_on_a_390_px_phone(browser, server: str, lang: str) -> None:
    """No sideways scrolling, the model cards stacked one above the other, chart titles not cut."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{server}/{LINK}&lang={lang}")
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=180_000)
    wait_idle(page, timeout_ms=180_000)
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    cards = page.locator('[data-testid="stColumn"]:has(h4)')  # a model card per column, headed by its name
    boxes = [cards.nth(i).bounding_box() for i in range(min(cards.count(), 2))]
    title = page.get_by_text("Error at every signal scale" if lang == "en" else "信号スケールごとの誤差").first
    page.screenshot(path=ARTIFACTS / f"phone_{lang}.png")
    assert widths[0] <= widths[1]
    assert len(boxes) == 2 and boxes[1]["y"] >= boxes[0]["y"] + boxes[0]["height"] - 1  # stacked
    assert all(b["x"] >= 0 and b["x"] + b["width"] <= 390 for b in boxes)
    assert title.bounding_box()["width"] <= 390  # the chart title wraps as page text
    context.close()
