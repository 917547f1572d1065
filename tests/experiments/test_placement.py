"""Step 2's next step: which sources cannot be separated, the decoder to use, where one more sensor helps most."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from core.config import Config
from core.experiments import placement
from core.experiments.results import RunResult
from core.experiments.run import run
from core.io.errors import CsvError
from core.io.matrix import align_rows, read_matrix, read_rows
from tests import ROOT

CFG = Config(n=12, m=6, s=1, baselines=("bp", "omp"))


def _parallel_case() -> tuple[np.ndarray, np.ndarray, int]:
    """A (6, 12) whose columns 0 and 1 are parallel (a_1 = 2·a_0), and 5 candidate rows: 4 in A's row space (they keep
    the two columns parallel, as wᵀa_1 = 2·wᵀa_0) and, at index 3, a sensor right at source 1 (it separates them)."""
    rng = np.random.default_rng(1)
    A = rng.standard_normal((6, 12))
    A[:, 1] = 2 * A[:, 0]
    rows = rng.standard_normal((4, 6)) @ A
    at_source_1 = np.zeros(12)
    at_source_1[1] = 10 * np.linalg.norm(A[:, 0])
    rows = np.insert(rows, 3, at_source_1, axis=0)
    return A, rows, 3


def test_a_duplicated_column_is_named_inseparable_and_a_zero_column_unobservable() -> None:
    A = np.random.default_rng(0).standard_normal((5, 10))
    A[:, 7] = A[:, 2]
    A[:, 4] = -3 * A[:, 8]  # opposite sign: just as indistinguishable
    A[:, 9] = 0.0
    sep = placement.separability(A)
    pairs = {(i, j): round(c, 12) for i, j, c in sep.pairs}
    assert pairs[(2, 7)] == 1.0 and pairs[(4, 8)] == -1.0
    assert sep.unobservable == (9,)
    assert {2, 7, 4, 8, 9} <= set(sep.sources)


def test_orthogonal_columns_are_all_separable() -> None:
    sep = placement.separability(np.hstack([np.eye(4), np.zeros((4, 0))]))
    assert sep.pairs == () and sep.unobservable == () and sep.sources == ()


def test_the_row_that_separates_two_parallel_columns_ranks_first_by_error_and_by_coherence() -> None:
    A, rows, separating = _parallel_case()
    ranking = placement.rank_candidates(A, rows, CFG)
    best = ranking.candidates[0]
    assert best.row == separating and best.rank_by_error == 1 and best.rank_by_coherence == 1
    assert ranking.base.pairs == 1 and best.pairs == 0
    assert best.errors["bp"] < ranking.base.errors["bp"]
    assert placement.helps(ranking)


def test_a_row_in_the_row_space_changes_nothing_for_basis_pursuit() -> None:
    """Same null space, so the same feasible set {x : A·x = y} and the same minimiser of ‖x‖₁."""
    A, rows, separating = _parallel_case()
    ranking = placement.rank_candidates(A, rows, CFG)
    for c in ranking.candidates:
        if c.row != separating:
            assert c.errors["bp"] == pytest.approx(ranking.base.errors["bp"], abs=1e-6)
            assert c.coherence == pytest.approx(1.0)  # columns 0 and 1 stay parallel


def test_adding_a_sensor_never_loses_a_signal_basis_pursuit_recovered_exactly() -> None:
    """A row shrinks the null space: an x that was the unique ‖·‖₁ minimiser over x + null(A) still is."""
    rng = np.random.default_rng(2)
    A = rng.standard_normal((8, 20))
    x = torch.zeros(200, 20)
    for k in range(200):
        x[k, rng.choice(20, 3, replace=False)] = torch.from_numpy(rng.standard_normal(3)).float()
    before = placement.signal_errors(A, x, "bp", s=3, noise=0.0, rng=torch.Generator().manual_seed(0))
    exact = before < 1e-6
    assert 0 < exact.sum() < 200  # the case has both kinds, so the statement is not empty
    for _ in range(3):
        after = placement.signal_errors(
            np.vstack([A, rng.standard_normal(20)]), x, "bp", s=3, noise=0.0, rng=torch.Generator().manual_seed(0)
        )
        assert (after[exact] < 1e-6).all()
        assert np.sqrt(np.mean(after**2)) <= np.sqrt(np.mean(before**2)) + 1e-9


def test_the_ranking_is_deterministic_for_a_seed_and_follows_it() -> None:
    A, rows, _ = _parallel_case()
    cfg = Config(n=12, m=6, s=2, baselines=("bp", "omp"), noise=0.05)
    assert placement.rank_candidates(A, rows, cfg) == placement.rank_candidates(A, rows, cfg)
    other = placement.rank_candidates(A, rows, Config(n=12, m=6, s=2, baselines=("bp", "omp"), noise=0.05, seed=1))
    assert other.base.errors != placement.rank_candidates(A, rows, cfg).base.errors


def test_ranks_by_error_and_by_coherence_are_each_a_permutation() -> None:
    A, rows, _ = _parallel_case()
    ranking = placement.rank_candidates(A, rows, CFG)
    assert sorted(c.rank_by_error for c in ranking.candidates) == list(range(1, 6))
    assert sorted(c.rank_by_coherence for c in ranking.candidates) == list(range(1, 6))
    errors = [c.error for c in ranking.candidates]
    assert errors == sorted(errors)


def test_rows_already_sensors_are_not_candidates() -> None:
    A, rows, _ = _parallel_case()
    stacked = np.vstack([rows, A[2]])  # a copy of sensor 3's row, under another name
    names = ["a", "b", "s1", "d", "e", "copy"]
    assert placement.new_rows(A, stacked, ["s1", "s2", "s3", "s4", "s5", "s6"], names) == [0, 1, 3, 4]


def test_the_decoder_to_use_is_the_lowest_worst_case_and_among_exact_ones_the_fastest() -> None:
    result = run(Config(n=20, m=10, s=1, steps=5, width=8, baselines=("bp", "omp")))
    choice = placement.choose_decoder(result)
    assert choice is not None
    worsts = [max(b.rms_rel_error_by_scale.values()) for b in result.baselines]
    assert max(worsts) < 1e-4  # both classical decoders are exact at s = 1 here
    fastest = min(range(len(result.baselines)), key=lambda k: result.baselines[k].seconds_per_signal)
    assert (choice.kind, choice.index, choice.quality) == ("decoder", fastest, "near_exact")


def test_without_a_measured_model_or_decoder_there_is_no_choice() -> None:
    empty = RunResult(config=Config(baselines=()), one_layer_floor=None, models=(), example_true=[], torch_threads=1)
    assert placement.choose_decoder(empty) is None


def test_confirm_trains_before_and_after_on_the_same_scaled_matrix() -> None:
    A, rows, _ = _parallel_case()
    seen: list[tuple[int, tuple[int, int], float]] = []

    def fake(cfg: Config, M: torch.Tensor, k: int) -> RunResult:
        seen.append((k, tuple(M.shape), float(M[:6].norm(dim=0).mean())))
        real = run(Config(n=12, m=cfg.m, steps=1, width=4, baselines=()), A=M)
        return real

    confirmed = placement.confirm(A, rows, [3, 0], CFG, train=fake)
    assert [k for k, _, _ in seen] == [0, 1, 2] and [shape for _, shape, _ in seen] == [(6, 12), (7, 12), (7, 12)]
    assert all(norm == pytest.approx(1.0, rel=1e-5) for _, _, norm in seen)  # A's mean column norm, for every run
    assert [c.row for c in confirmed] == [3, 0] and len({c.before for c in confirmed}) == 1


def test_confirm_config_is_a_short_bias_free_two_layer_training_with_the_same_seed() -> None:
    cfg = Config(n=40, m=12, s=2, seed=7, biased=(1,), hand_built=True, steps=1000)
    short = placement.confirm_config(cfg, 13)
    assert (short.m, short.depths, short.biased, short.bias, short.hand_built, short.seed) == (
        13,
        (2,),
        (),
        False,
        False,
        7,
    )
    assert short.steps == placement.CONFIRM_STEPS and short.baselines == ()


@pytest.mark.slow
def test_the_top_three_are_confirmed_by_a_real_short_training_deterministically() -> None:
    A, rows, separating = _parallel_case()
    ranking = placement.rank_candidates(A, rows, CFG)
    top = [c.row for c in ranking.candidates[: placement.CONFIRM_TOP]]
    first = placement.confirm(A, rows, top, CFG)
    assert first == placement.confirm(A, rows, top, CFG)  # same seed, same numbers
    assert top[0] == separating and all(np.isfinite([c.before, c.after]).all() for c in first)


def test_the_shipped_hydraulic_case_has_every_junction_as_a_candidate() -> None:
    info = read_matrix((ROOT / "data/epanet/net3_A.csv").read_bytes())
    cand = read_rows((ROOT / "data/epanet/net3_response_all_junctions.csv").read_bytes())
    rows = align_rows(cand, info.source_names)
    assert rows.shape == (88, 40)
    assert np.array_equal(rows[[cand.sensor_names.index(s) for s in info.sensor_names]], info.A)
    keep = placement.new_rows(info.A, rows, info.sensor_names, cand.sensor_names)
    assert 70 <= len(keep) <= 76 and not set(info.sensor_names) & {cand.sensor_names[k] for k in keep}


def test_candidate_rows_with_other_sources_are_refused_in_words() -> None:
    info = read_matrix(b"s,a,b,c\nu,1,0,2\nv,0,1,1\n")
    with pytest.raises(CsvError) as err:
        align_rows(read_rows(b"p,a,b\nx,1,2\n"), info.source_names)
    assert err.value.code == "candidate_columns" and err.value.params == {"n": 3, "count": 2}
    swapped = align_rows(read_rows(b"p,c,a,b\nx,3,1,2\n"), info.source_names)
    assert swapped.tolist() == [[1.0, 2.0, 3.0]]  # matched by name, in A's order


def test_the_decoder_the_verdict_recommends_leads_the_order() -> None:
    A, rows, _ = _parallel_case()
    ranking = placement.rank_candidates(A, rows, CFG, lead="omp")
    omp = [c.errors["omp"] for c in ranking.candidates]
    assert ranking.lead == "omp" and omp == sorted(omp)
    with pytest.raises(ValueError, match="lead"):
        placement.rank_candidates(A, rows, CFG, lead="lasso")
