"""The Images page in a real headless Chromium: both languages from the sidebar, a tiny training by a click, and
uploads — a file that is not an image gets one sentence, an RGBA PNG is read as gray and said so."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from core.experiments.images_config import ImagesConfig
from tests.browser.util import ROOT, wait_idle

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "artifacts"
TINY = ImagesConfig(image="chelsea", layers=2, channels=4, steps=3, batch=2, seed=5)


def _query(cfg: ImagesConfig, lang: str) -> str:
    return "&".join(f"{k}={v}" for k, v in {**cfg.to_query(), "lang": lang}.items())


def test_images_page_trains_on_a_click_in_japanese_and_english(browser, server: str) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 2600})
    page.goto(f"{server}/Images?{_query(TINY, 'ja')}")
    wait_idle(page)
    expect(page.get_by_role("heading", name="見たことのないノイズの強さでも、ノイズ除去は効くか？")).to_be_visible()
    page.get_by_role("button", name="2つのノイズ除去ネットワークを学習").click()
    wait_idle(page, timeout_ms=240_000)
    expect(page.locator("[data-testid='stImage']")).to_have_count(4)
    expect(page.get_by_text("バイアスなし：", exact=False).first).to_be_visible()
    page.screenshot(path=ARTIFACTS / "images_ja.png")
    page.get_by_text("English", exact=True).click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Does a denoiser still work at noise levels it never saw?")).to_be_visible()
    expect(page.locator("[data-testid='stImage']")).to_have_count(4)  # the same result, now in English
    page.close()


def test_images_page_refuses_a_non_image_and_reads_an_rgba_png_as_gray(browser, server: str, tmp_path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    page.goto(f"{server}/Images?lang=en")
    wait_idle(page)
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="My own photograph…").click()
    wait_idle(page)
    fake = tmp_path / "table.png"
    fake.write_text("a,b\n1,2\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(fake))
    expect(page.get_by_text("This file is not an image ScaleLab can read")).to_be_visible(timeout=60_000)
    rgba = np.zeros((60, 90, 4), dtype=np.uint8)
    rgba[..., :3], rgba[..., 3] = 120, 40
    buf = io.BytesIO()
    Image.fromarray(rgba).save(buf, format="PNG")
    photo = tmp_path / "mine.png"
    photo.write_bytes(buf.getvalue())
    page.locator("input[type=file]").set_input_files(str(photo))
    expect(page.get_by_text("Read 90×60.")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Transparency dropped")).to_be_visible()
    page.screenshot(path=ARTIFACTS / "images_upload.png")
    page.close()
