"""The Images page: runs in both languages, replays a stored result at once, trains on a click, refuses bad uploads."""

from __future__ import annotations

import pytest

from core.experiments.images import run_images
from core.experiments.images_config import ImagesConfig
from core.i18n import LANGS, t
from core.present.format import magnitude
from core.runtime import processes
from tests.app.conftest import open_page
from tests.app.test_claims import _check, marked  # noqa: F401  (marked: the fixture)
from ui import store
from ui.store import shared

PAGE = "pages/6_Images.py"
SMALL = ImagesConfig(layers=2, channels=4, steps=3, batch=2, test_sigmas=(25.0, 100.0))


@pytest.fixture(scope="module")
def small_result():
    """A real run, tiny: two 2-layer nets of 4 channels, three steps each."""
    return run_images(SMALL)


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_opens_in_both_languages_and_waits_for_a_click(lang: str) -> None:
    at = open_page(PAGE, {"lang": lang})
    assert not at.exception
    assert at.title[0].value == t("images.title", lang)
    assert [i.value for i in at.info] == [t("images.none_yet", lang)]


@pytest.mark.parametrize("lang", LANGS)
def test_a_stored_result_replays_at_once_with_pictures_chart_and_homogeneity(small_result, lang: str) -> None:
    shared().put("images", SMALL, small_result)
    at = open_page(PAGE, {**SMALL.to_query(), "lang": lang})
    assert not at.exception
    assert t("images.replayed", lang) in [c.value for c in at.caption]
    assert len(at.get("image")) == 4
    assert len(at.get("plotly_chart")) == 1
    free = small_result.bias_free.homogeneity[3.0]
    text = " ".join(m.value for m in at.markdown)
    assert t("images.homog.free", lang, err=magnitude(free), alpha=3.0) in text
    sigma = 100.0
    gap = round(small_result.bias_free.psnr_db[sigma], 1) - round(small_result.biased.psnr_db[sigma], 1)
    assert at.metric[0].value == f"{gap:+.1f} dB"


def test_a_click_trains_both_nets_and_shows_them() -> None:
    cfg = ImagesConfig(image="coffee", layers=2, channels=4, steps=2, batch=2, seed=7)
    at = open_page(PAGE, {**cfg.to_query(), "lang": "en"})
    at.button[0].click().run()
    assert not at.exception
    assert len(at.get("image")) == 4
    assert shared().get("images", cfg) is not None  # a revisit replays it


@pytest.mark.usefixtures("marked")
@pytest.mark.parametrize("lang", LANGS)
def test_the_page_states_only_registered_numbers(small_result, lang: str) -> None:
    shared().put("images", SMALL, small_result)
    text = _check(open_page(PAGE, {**SMALL.to_query(), "lang": lang}))
    assert "10.45" in text and "22.83" in text  # the paper's figures, labelled as the paper's


def test_a_link_cannot_name_an_upload_and_falls_back_to_a_built_in_photograph() -> None:
    at = open_page(PAGE, {"image": "upload:0123456789abcdef", "train_sigma": "0,25", "lang": "en"})
    assert not at.exception
    assert at.selectbox(key="im_image").value == "camera"


def test_after_the_background_precompute_the_page_replays_without_training(monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = ImagesConfig(image="rocket", layers=2, channels=4, steps=2, batch=2, seed=11)
    store.precompute_images(cfg)  # as the server's warm-up does for the defaults

    def no_training(*_args, **_kwargs):
        raise AssertionError("the page started a training for a precomputed config")

    monkeypatch.setattr(processes, "images_in_process", no_training)
    at = open_page(PAGE, {**cfg.to_query(), "lang": "ja"})
    assert not at.exception
    assert len(at.get("image")) == 4
