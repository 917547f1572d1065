"""A Japanese meeting reads only Japanese: every model kind in the Lab, a diverged run and a matrix whose columns
are too alike, in a real Chromium — no English sentence from core reaches the page (core speaks in codes)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from core.i18n import MESSAGES
from tests.browser.util import ROOT, streamlit_server, wait_idle

pytestmark = pytest.mark.browser
FAULTS = ROOT / "tests" / "browser" / "faults"
DIVERGE_LR = "0.0123"  # the fault in faults/sitecustomize.py makes the two-layer net trained at this rate diverge
# Four or more English words in a row: a sentence, not a name (OMP, LASSO, ISTA, ℓ1, A, y stay as they are).
ENGLISH = re.compile(r"[A-Za-z][A-Za-z'-]+(?:[ ,;:]+[A-Za-z][A-Za-z'-]*){3,}")
RUNS = {
    "every_kind_and_a_diverged_net": f"n=32&m=16&s=1&depths=1,2&hand_built=1&unrolled=4&steps=150&lr={DIVERGE_LR}",
    "biased_and_columns_too_alike": "n=200&m=3&s=1&depths=2&bias=1&hand_built=1&steps=60&baselines=none",
}


@pytest.fixture(scope="module")
def faulty_server() -> Iterator[str]:
    env = {"PYTHONPATH": str(FAULTS), "SCALELAB_TEST_DIVERGE_LR": DIVERGE_LR}
    with streamlit_server(env=env) as url:
        yield url


@pytest.mark.parametrize("name", sorted(RUNS))
def test_a_japanese_lab_run_shows_no_english_sentence(browser, faulty_server: str, name: str) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 3000})
    page.goto(f"{faulty_server}/Lab?{RUNS[name]}&lang=ja&run=1")
    wait_idle(page, timeout_ms=180_000)
    page.get_by_text("隠れ層2層", exact=False).first.wait_for(timeout=60_000)
    page.screenshot(path=str(ROOT / "artifacts" / f"ja_lab_{name}.png"), full_page=True)
    text = page.locator('[data-testid="stMain"]').inner_text()
    english = [m.group(0) for m in ENGLISH.finditer(text)]
    assert english == [], english
    english_messages = [v for k, v in MESSAGES["en"].items() if k.startswith("note.") and v.split("{")[0] in text]
    assert english_messages == []
    if name == "every_kind_and_a_diverged_net":
        assert "発散しました" in text  # note.diverged, worded in Japanese
        assert "1-スパースの信号" in text  # note.hand_built.exact
        assert "展開型ISTA" in text
    else:
        assert "似すぎていて区別できません" in text  # note.hand_built.too_alike
        assert "バイアスあり" in text
    page.close()
