"""Home and Theory say what the paper states and about which networks, and cite both versions of it."""

from __future__ import annotations

import pytest

from core.i18n import LANGS, MESSAGES
from tests.app.conftest import app, open_page

DOI = "doi:10.1016/j.jat.2025.106177"
ARXIV = "arXiv:2308.02836"
CLASS = {"en": "bias-free ReLU-type networks", "ja": "バイアスなしのReLU型ネットワーク"}


def _text(at) -> str:
    assert not at.exception, at.exception
    return " ".join(str(el.value) for kind in ("markdown", "caption", "info") for el in getattr(at, kind))


@pytest.mark.parametrize("lang", LANGS)
def test_home_cites_both_versions_and_names_the_class_the_statement_is_about(lang: str) -> None:
    text = _text(app({"lang": lang}).run())
    assert DOI in text and ARXIV in text and "J. Approx. Theory 2025" in text
    assert CLASS[lang] in text
    assert MESSAGES[lang]["home.finding.class"] in text  # and that a normalised net is outside it


@pytest.mark.parametrize("lang", LANGS)
def test_theory_cites_both_versions_and_names_the_class_the_statement_is_about(lang: str) -> None:
    text = _text(open_page("pages/2_Theory.py", {"lang": lang}))
    assert DOI in text and ARXIV in text and "J. Approx. Theory 2025" in text
    assert CLASS[lang] in text
