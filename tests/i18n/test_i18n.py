"""Japanese and English: every message in both, with the same placeholders."""

import string

import pytest

from core.i18n import DEFAULT_LANG, MESSAGES, normalise_lang, t


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_exists_in_both_languages() -> None:
    assert MESSAGES["en"].keys() == MESSAGES["ja"].keys()


@pytest.mark.parametrize("key", sorted(MESSAGES["en"]))
def test_same_placeholders_and_a_real_translation(key: str) -> None:
    en, ja = MESSAGES["en"][key], MESSAGES["ja"][key]
    assert _fields(en) == _fields(ja), key
    assert ja.strip(), key


def test_japanese_is_the_default_and_unknown_languages_fall_back_to_it() -> None:
    assert DEFAULT_LANG == "ja"
    assert normalise_lang("EN") == "en" and normalise_lang("<script>") == "ja" and normalise_lang(None) == "ja"
    assert t("nav.home", "xx") == t("nav.home", "ja") == "ホーム"
