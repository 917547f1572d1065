"""A person's walk through the app in a real headless Chromium against `streamlit run`.

Screenshots of each step land in artifacts/. Needs Debian's chromium (and fonts-noto-cjk);
.ci/run installs them, and under CI a missing browser fails instead of skipping.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.util import ROOT, streamlit_server, wait_idle

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "artifacts"


def _page(browser):
    return browser.new_page(viewport={"width": 1400, "height": 2200})


def test_share_link_as_first_request_to_a_fresh_server_restores_settings(browser) -> None:
    with streamlit_server() as url:  # its own fresh server: the link is the very first request
        page = _page(browser)
        page.goto(f"{url}/Lab?n=24&m=12&s=2&width=64&bias=1&seed=3&depths=2&lang=en")
        wait_idle(page)
        expect(page.get_by_role("heading", name="One hidden layer or two?")).to_be_visible()
        expect(page.locator("input[aria-label='n']")).to_have_value("24")
        expect(page.locator("input[aria-label='s']")).to_have_value("2")
        expect(page.locator("input[aria-label='Seed']")).to_have_value("3")
        expect(page.get_by_text("2 hidden layers").first).to_be_visible()
        assert "n=24" in page.url and "seed=3" in page.url and "lang=en" in page.url
        page.screenshot(path=ARTIFACTS / "01_share_link_fresh_server.png")
        page.close()


def test_home_in_japanese_then_english_then_lab_train_at_defaults(browser, server: str) -> None:
    page = _page(browser)
    page.goto(server)
    wait_idle(page)
    expect(page.get_by_role("heading", name="ScaleLab")).to_be_visible()
    expect(page.get_by_text("隠れ層1層では、幅をいくら広げても足りません")).to_be_visible()  # Japanese by default
    page.screenshot(path=ARTIFACTS / "02_home_ja.png")
    page.get_by_text("English", exact=True).click()
    wait_idle(page)
    expect(page.get_by_text("one hidden layer is not enough").first).to_be_visible()
    page.get_by_role("link", name="Lab: one vs two layers").click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="One hidden layer or two?")).to_be_visible()
    # a seed the server's background precompute does not train: seed 0's stored result would replay at once, with
    # no training to show (it did, on a machine where the precompute finished before this test pressed Train)
    seed = page.get_by_label("Seed")
    seed.fill("11")
    seed.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Train and compare").click()
    # progressive results: the one-layer net's card shows while the two-layer net still trains (issue 16)
    page.locator("[data-testid='stMetric']").first.wait_for(timeout=120_000)
    assert page.locator("[data-testid='stProgress']").count() == 1
    page.screenshot(path=ARTIFACTS / "03_lab_training.png")
    wait_idle(page, timeout_ms=120_000)
    expect(page.get_by_text("RMS relative error", exact=True)).to_have_count(2)
    one_layer = page.locator("[data-testid='stMetricValue']").first.inner_text()  # e.g. "71.0%"
    expect(page.get_by_text("Error at every signal scale")).to_be_visible()
    expect(page.get_by_text("one-layer floor").first).to_be_visible()
    headline = page.get_by_text("no one-layer net of any width can beat").inner_text()
    assert "2 hidden layers" in headline
    assert "lang=en" in page.url
    assert page.locator("[data-testid='stException']").count() == 0
    page.wait_for_timeout(1000)  # plotly draws after the script finishes
    page.screenshot(path=ARTIFACTS / "04_lab_results.png")
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download the report (HTML, works offline)").click()
    path = ARTIFACTS / "06_report_en.html"
    download.value.save_as(path)
    html = path.read_text(encoding="utf-8")
    assert '<html lang="en"' in html
    said = re.search(r"1 hidden layer: ([\d.]+)% error", html)  # the run's own number, as the report rounds it
    assert said and abs(float(said[1]) - float(one_layer.removesuffix("%"))) <= 0.5
    page.get_by_text("Details and downloads").click()
    for name, suffix in (("Download results (JSON, as the CLI prints)", "json"), ("Download results (CSV)", "csv")):
        with page.expect_download(timeout=60_000) as download:  # built when pressed
            page.get_by_role("button", name=name).click()
        got = Path(download.value.path()).read_text(encoding="utf-8-sig")
        assert download.value.suggested_filename == f"scalelab_results.{suffix}"
        if suffix == "json":
            assert [m["depth"] for m in json.loads(got)["models"]] == [1, 2]
        else:
            assert got.splitlines()[0].count(",") >= 3 and len(got.splitlines()) >= 3
    page.close()


def test_scenario_in_japanese_with_presentation_mode(browser, server: str) -> None:
    page = _page(browser)
    page.goto(f"{server}/Lab?present=1")
    wait_idle(page)
    expect(page.locator("section[data-testid='stSidebar']")).to_be_hidden()  # controls hidden for a projector
    page.locator(".st-key-scenario_bias button").click()  # "バイアスはスケール不変性を壊す" (phrase breaks inside)
    wait_idle(page, timeout_ms=120_000)
    expect(page.get_by_text("シナリオ：")).to_be_visible(timeout=30_000)  # generous: CI shares 2 cores with Chromium
    expect(page.get_by_text("RMS相対誤差", exact=True)).to_have_count(2, timeout=30_000)  # without and with bias
    assert "biased=2" in page.url and "present=1" in page.url
    page.wait_for_timeout(1000)
    page.screenshot(path=ARTIFACTS / "07_scenario_ja_presentation.png")
    page.close()


def test_impossible_setting_shows_a_message_in_the_browser(browser, server: str) -> None:
    page = _page(browser)
    page.goto(f"{server}/Lab?n=10&m=10&s=3&lang=en")
    wait_idle(page)
    field = page.locator("input[aria-label='n']")
    field.fill("2")
    field.press("Enter")
    wait_idle(page)
    page.screenshot(path=ARTIFACTS / "05_lab_invalid.png")
    expect(page.get_by_text("These settings cannot run")).to_be_visible()
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def test_sweep_in_japanese_fills_the_map_and_downloads_its_table(browser, server: str) -> None:
    page = _page(browser)
    link = "n=12&deltas=0.5,0.75&rhos=0.1,0.3&seeds=1&steps=30&width=16&decoders=one,two,bp"
    page.goto(f"{server}/Sweep?{link}")
    wait_idle(page)
    expect(page.get_by_text("発生源の数に対して、センサーは何個必要か？")).to_be_visible()
    page.get_by_role("button", name="スイープを実行").click()
    wait_idle(page, timeout_ms=180_000)
    expect(page.get_by_text("隠れ層1層：4 セル中 0 セルで復元")).to_be_visible(timeout=30_000)
    expect(page.locator(".js-plotly-plot")).to_have_count(1, timeout=30_000)
    expect(page.get_by_text("下限 0.50").first).to_be_visible()  # the one-layer floor printed in its cells
    with page.expect_download() as download:
        page.get_by_role("button", name="結果をダウンロード（CSV）").click()
    raw = Path(download.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Japanese Excel opens it right
    table = raw.decode("utf-8-sig")
    assert table.splitlines()[0].startswith("delta,rho,decoder,m,s,seeds,success_rate,mean_rms_rel_error")
    assert len(table.splitlines()) == 1 + 4 * 3  # 4 cells × 3 decoders
    page.wait_for_timeout(1000)
    page.screenshot(path=ARTIFACTS / "09_sweep_ja.png", full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def test_a_historian_export_uploaded_in_the_pilot_gets_a_verdict(browser, server: str, tmp_path: Path) -> None:
    from tests.io.test_plant_files import historian_csv

    export = tmp_path / "export.csv"
    export.write_bytes(historian_csv())
    page = _page(browser)
    page.goto(f"{server}/Pilot?lang=en")
    wait_idle(page)
    # Step 1's uploader by its key: `.first` of the page's file inputs once took Step 2's (the matrix's) in CI
    page.locator(".st-key-pilot_samples_upload input[type='file']").set_input_files(str(export))
    wait_idle(page)
    # the upload goes over HTTP before its rerun starts, so the idle check can come first: wait for the text itself
    expect(page.get_by_text("Read 40 rows × 4 columns")).to_be_visible(timeout=60_000)
    page.get_by_role("button", name="Check scale dependence").click()
    wait_idle(page, timeout_ms=120_000)
    expect(page.get_by_text("1 rows were skipped")).to_be_visible()
    expect(page.get_by_text(re.compile("Scale-consistent|Not homogeneous")).first).to_be_visible()
    page.screenshot(path=ARTIFACTS / "12_pilot_historian_upload.png", full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def test_stopping_a_sweep_keeps_what_finished_and_frees_the_server(browser, server: str) -> None:
    page = _page(browser)
    link = "n=16&deltas=0.5&rhos=0.1,0.2,0.3&seeds=2&steps=5000&max_seconds=60&width=256&decoders=one,two&lang=en"
    page.goto(f"{server}/Sweep?{link}")
    wait_idle(page)
    page.get_by_role("button", name="Run the sweep").click()
    expect(page.get_by_text("Starting worker processes")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Stop").click()
    wait_idle(page, timeout_ms=60_000)
    expect(page.get_by_text("Stopped: 0 of 6 trainings had finished")).to_be_visible(timeout=30_000)
    # the sweep slot is free again: a small sweep runs to the end straight away
    page.goto(f"{server}/Sweep?n=12&deltas=0.5&rhos=0.1&seeds=1&steps=10&width=8&decoders=bp&lang=en")
    wait_idle(page)
    page.get_by_role("button", name="Run the sweep").click()
    wait_idle(page, timeout_ms=120_000)
    expect(page.get_by_text("Basis pursuit: recovers")).to_be_visible(timeout=30_000)
    page.screenshot(path=ARTIFACTS / "10_sweep_stopped_then_run.png", full_page=True)
    page.close()


def test_eight_sessions_training_at_once_each_get_their_own_numbers(browser, server: str) -> None:
    """Load: 8 browser sessions press Train together (2 train at a time, the rest wait for a slot); each ends with
    the numbers of its own seed, as the CLI computes them — no cross-talk between sessions."""
    from core.config import Config
    from core.experiments.run import run
    from core.present.format import percent

    seeds = range(200, 208)
    query = "lang=en&steps=60&width=32&depths=2&baselines=none&seed={seed}"
    pages = []
    for seed in seeds:
        page = browser.new_page(viewport={"width": 1200, "height": 1400})
        page.goto(f"{server}/Lab?{query.format(seed=seed)}")
        wait_idle(page)
        pages.append(page)
    for page in pages:
        page.get_by_role("button", name="Train and compare").click()
    shown = []
    for seed, page in zip(seeds, pages):
        page.bring_to_front()  # Chromium defers drawing in background tabs; a person looks at one tab at a time
        expect(page.get_by_text("Error at every signal scale")).to_be_visible(timeout=300_000)
        expected = run(Config(steps=60, width=32, depths=(2,), baselines=(), seed=seed)).models[0].rms_rel_error
        card = page.locator("[data-testid='stMetricValue']").first
        expect(card).to_have_text(percent(expected), timeout=30_000)
        assert page.locator("[data-testid='stException']").count() == 0
        shown.append(card.inner_text())
    assert len(set(shown)) >= 6  # the seeds' numbers differ, so a swapped result would have been caught
    pages[-1].screenshot(path=ARTIFACTS / "08_load_last_session.png")
    for page in pages:
        page.close()
