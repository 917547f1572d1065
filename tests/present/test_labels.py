"""Decoder names as readers see them: the noisy ℓ1 decoder is called BPDN and says its λ is an oracle's."""

import pytest

from core.experiments.results import BaselineResult
from core.i18n import has
from core.present.labels import BASELINE_STYLES, decoder_label
from core.science.decoders import DECODERS

BPDN = BaselineResult("bpdn", True, 0.05, {}, seconds_per_signal=0.001)


@pytest.mark.parametrize(("lang", "oracle"), [("en", "oracle"), ("ja", "オラクル")])
def test_bpdn_label_names_bpdn_and_the_oracle_penalty(lang: str, oracle: str) -> None:
    label = decoder_label(BPDN, lang)
    assert "BPDN" in label and oracle in label


@pytest.mark.parametrize("name", sorted(DECODERS))
def test_every_decoder_has_a_label_a_line_style_and_a_cost_name(name: str) -> None:
    assert has(f"decoder.{name}") and has(f"cost.who.{name}")
    assert name in BASELINE_STYLES
