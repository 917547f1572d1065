"""Pilot step 2's verdict and next step on the shipped hydraulic case (AppTest)."""

from __future__ import annotations

import pytest
import torch
from streamlit.testing.v1 import AppTest

from core.config import Config
from core.experiments.results import RunResult
from core.experiments.run import run
from core.io.matrix import read_matrix
from tests import ROOT
from tests.app.conftest import open_page

NET3 = "epanet/net3_A.csv"


@pytest.fixture(scope="module")
def net3_run() -> RunResult:
    """Step 2's comparison on Net3's A, with a tiny training (its nets are not what these tests look at)."""
    A = read_matrix((ROOT / "data" / NET3).read_bytes()).A
    cfg = Config(n=40, m=12, s=1, signal="nonnegative", steps=20, width=16, baselines=("bp", "omp"))
    return run(cfg, A=torch.tensor(A, dtype=torch.float32))


def _step2(net3_run: RunResult, lang: str = "en") -> AppTest:
    """The Pilot with Net3's matrix loaded and step 2's comparison done."""
    at = open_page("pages/4_Pilot.py", {"lang": lang})
    at.button(key=f"pilot_matrix_{NET3}").click().run()
    at.session_state["_pilot_result"] = (NET3, net3_run)  # what the Compare button leaves in this session
    return at.run()


def _verdict(at: AppTest) -> str:
    return next(a.value for a in [*at.success, *at.warning] if "**" in a.value)


def test_the_verdict_names_the_decoder_the_inseparable_sources_and_the_next_step(net3_run: RunResult) -> None:
    at = _step2(net3_run)
    assert not at.exception and not at.error
    said = _verdict(at)
    assert said.startswith("**Use OMP")  # exact at s = 1 without noise; basis pursuit is not on this A
    assert "38 of your 40 sources look like another source" in said
    assert "rank the candidate positions" in said  # the shipped case brings its candidates: every junction
    assert any("75 candidate positions (13 rows already sensors" in c.value for c in at.caption)


def test_the_verdict_reads_in_japanese(net3_run: RunResult) -> None:
    at = _step2(net3_run, "ja")
    assert not at.exception and not at.error
    said = _verdict(at)
    assert "を使ってください" in said and "40 個の発生源のうち 38 個" in said and "次の一手" in said


def test_a_candidate_file_with_other_sources_gets_a_clear_message(net3_run: RunResult) -> None:
    at = _step2(net3_run)
    at.session_state["_pilot_candidates"] = (b"position,a,b\nP1,1,2\n", "candidates.csv")
    at.run()
    assert not at.exception
    assert any("one column per source of A (40)" in e.value and "2 columns" in e.value for e in at.error)
    assert "upload candidate positions below" in _verdict(at)  # the step still ends with its verdict
    assert not [b for b in at.button if b.key == "pilot_rank"]


def test_a_broken_candidate_file_is_said_in_words(net3_run: RunResult) -> None:
    at = _step2(net3_run)
    at.session_state["_pilot_candidates"] = (b"", "empty.csv")
    at.run()
    assert not at.exception and any("empty" in e.value for e in at.error)


@pytest.mark.slow
def test_ranking_and_confirming_the_top_three_on_the_shipped_case(net3_run: RunResult) -> None:
    at = _step2(net3_run)
    at.button(key="pilot_rank").click().run()
    assert not at.exception and not at.error
    ranking, confirmed = at.session_state["_pilot_next"][1]
    table = at.dataframe[-1].value
    assert len(table) == 1 + 75 and table.iloc[0, 0] == "–"  # A as it is, then every candidate
    assert [c.row for c in confirmed] == [c.row for c in ranking.candidates[:3]]
    said = _verdict(at)
    assert "Next step: if you add a sensor, put it at J" in said
    assert "pairs still look alike with a sensor at every candidate position" in said
    assert "short training (20 steps)" in said  # step 2's budget, when it is below the confirmation's
    assert table.iloc[1, 1] in said.replace("\\", "")  # the first row of the table is the position named
