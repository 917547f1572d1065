"""One Japanese vocabulary: the glossary's words are the ones in use, the retired ones are gone."""

import pytest

from core.i18n import MESSAGES, t
from core.i18n.glossary import GLOSSARY, RETIRED

JA = MESSAGES["ja"]


@pytest.mark.parametrize("word", sorted(RETIRED))
def test_no_japanese_text_uses_a_retired_word(word):
    assert [key for key, text in JA.items() if word in text] == []


@pytest.mark.parametrize("idea", sorted(GLOSSARY))
def test_every_glossary_word_is_in_use(idea):
    word = GLOSSARY[idea][0]
    assert any(word in text for text in JA.values()), f"{idea}: {word} appears in no catalogue"


def test_the_retired_words_are_not_glossary_words():
    assert not set(RETIRED) & {ja for ja, _ in GLOSSARY.values()}


@pytest.mark.parametrize("key", sorted(k for k in JA if k.startswith("cost.verdict.main.")))
def test_cost_verdicts_are_polite_sentences(key):
    """The Cost page's verdicts end in です/ます like every other page's."""
    values = dict.fromkeys(("one", "deep", "err_one", "err_deep", "money", "who", "err"), "x")
    sentence = t("cost.verdict.sentence", "ja", main=t(key, "ja", **values), decoder="")
    assert sentence.endswith(("ます。", "です。", "ません。")), sentence


def test_classical_decoders_have_one_name_on_every_page():
    pages = {key.split(".")[0] for key, text in JA.items() if "従来の復元法" in text}
    assert {"lab", "report", "home"} <= pages
