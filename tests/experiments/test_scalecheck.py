"""Pilot step 1, "Is my data scale-dependent?": the numbers, the verdicts on the sample files, the texts, the data."""

import dataclasses
import importlib.util
import re
import string
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

from core import i18n
from core.experiments import scalecheck
from core.experiments.scalecheck import DataError, ScaleCheck, reasons, scale_check, spread_decades, verdict_note
from core.i18n import pilot as catalogue
from core.science.models import MLP, init_weights
from tests import ROOT

DATA = ROOT / "data"
TIMINGS = ("seconds", "time_budget_hit")  # measured clocks, not results


def _load_script():
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "scripts" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _xy(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    values = frame.to_numpy(dtype=np.float64)
    return values[:, :3], values[:, 3:]


def _results(check: ScaleCheck) -> dict:
    return {k: v for k, v in dataclasses.asdict(check).items() if k not in TIMINGS}


def _fake(**changes) -> ScaleCheck:
    values = dict(
        spread_decades=3.13,
        bias_free_extrapolation_error=0.0234,
        biased_extrapolation_error=0.4567,
        bias_free_up_error=0.02,
        bias_free_down_error=0.0268,
        biased_up_error=0.03,
        biased_down_error=0.8834,
        homogeneity_score=0.98,
        verdict="scale-consistent",
        n_samples=1000,
        seconds=2.0,
        time_budget_hit=False,
    )
    return ScaleCheck(**(values | changes))


# --- spread_decades ---------------------------------------------------------------------------------------


def _directions(n: int, p: int, seed: int = 0) -> np.ndarray:
    u = np.random.default_rng(seed).standard_normal((n, p))
    return u / np.linalg.norm(u, axis=1, keepdims=True)


def test_spread_decades_measures_the_5_to_95_percent_range_of_input_norms() -> None:
    magnitudes = 10 ** np.linspace(0, 3, 1001)  # 3 decades; the 5th/95th percentiles are 10^0.15 and 10^2.85
    X = _directions(1001, 4) * magnitudes[:, None]
    assert spread_decades(X) == pytest.approx(2.7, abs=1e-9)
    assert spread_decades(_directions(50, 3) * 7.0) == pytest.approx(0.0, abs=1e-12)


def test_spread_decades_ignores_zero_rows_and_is_robust_to_a_single_outlier() -> None:
    X = _directions(1001, 4) * (10 ** np.linspace(0, 3, 1001))[:, None]
    with_zeros = np.vstack([X, np.zeros((300, 4))])
    assert spread_decades(with_zeros) == pytest.approx(spread_decades(X), abs=1e-12)
    with_outlier = np.vstack([X, [[1e9, 0, 0, 0]]])
    assert spread_decades(with_outlier) == pytest.approx(2.7, abs=0.01)
    with pytest.raises(ValueError, match="zero"):
        spread_decades(np.zeros((30, 2)))


# --- the homogeneity score, on models whose answer is known ------------------------------------------------


def test_homogeneity_score_is_one_for_a_bias_free_net_and_low_for_a_constant_offset() -> None:
    x = torch.tensor(_directions(400, 3) * 10 ** np.random.default_rng(1).uniform(-2, 1, (400, 1)), dtype=torch.float32)
    net = MLP(3, 2, depth=2, width=16, bias=False)
    init_weights(net, rng=torch.Generator().manual_seed(0))
    assert scalecheck._homogeneity_score(net, x, torch.Generator().manual_seed(0)) > 0.999

    def offset(v: torch.Tensor) -> torch.Tensor:
        return torch.full((len(v), 2), 3.0)  # f(λx) = c, λ·f(x) = λc: gap 1 − min(λ, 1/λ)

    assert scalecheck._homogeneity_score(offset, x, torch.Generator().manual_seed(0)) < 0.5


# --- the verdicts on the sample files --------------------------------------------------------------------


@pytest.fixture(scope="module")
def homogeneous() -> ScaleCheck:
    return scale_check(*_xy(pd.read_csv(DATA / "samples_homogeneous.csv")), seed=0)


@pytest.fixture(scope="module")
def offset() -> ScaleCheck:
    return scale_check(*_xy(pd.read_csv(DATA / "samples_offset.csv")), seed=0)


def test_the_homogeneous_file_is_scale_consistent(homogeneous: ScaleCheck) -> None:
    c = homogeneous
    assert c.verdict == "scale-consistent" and c.n_samples == 1000
    assert c.spread_decades == pytest.approx(3.13, abs=0.02)
    assert c.homogeneity_score > 0.9  # measured 0.99
    assert c.bias_free_extrapolation_error < 0.1  # measured 0.03: the noise is 1 %
    assert c.biased_extrapolation_error > 3 * c.bias_free_extrapolation_error  # measured 0.3–0.5
    # The biased net fails mainly downwards: its biases dwarf outputs 30 times smaller than it trained on.
    assert c.biased_down_error > c.biased_up_error


def test_the_offset_file_is_not_homogeneous(offset: ScaleCheck) -> None:
    c = offset
    assert c.verdict == "not-homogeneous" and c.n_samples == 1000
    assert c.homogeneity_score < 0.5  # measured 0.06
    assert c.bias_free_extrapolation_error > 2 * c.biased_extrapolation_error  # measured 6.0 against 1.4


def test_the_shift_jis_file_holds_the_same_samples_and_gets_the_same_verdict(homogeneous: ScaleCheck) -> None:
    ja = pd.read_csv(DATA / "samples_homogeneous_ja_sjis.csv", encoding="cp932", sep=";", decimal=",")
    assert list(ja.columns) == ["入力1", "入力2", "入力3", "出力1", "出力2"]
    en = pd.read_csv(DATA / "samples_homogeneous.csv")
    np.testing.assert_array_equal(ja.to_numpy(), en.to_numpy())
    check = scale_check(*_xy(ja), seed=0)
    assert check.verdict == homogeneous.verdict == "scale-consistent"
    if not (check.time_budget_hit or homogeneous.time_budget_hit):  # same arrays, same seed: same numbers
        assert _results(check) == _results(homogeneous)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_the_verdicts_do_not_depend_on_the_seed(seed: int, homogeneous: ScaleCheck, offset: ScaleCheck) -> None:
    for name, reference in (("samples_homogeneous.csv", homogeneous), ("samples_offset.csv", offset)):
        c = scale_check(*_xy(pd.read_csv(DATA / name)), seed=seed)
        assert c.verdict == reference.verdict
        assert c.homogeneity_score == pytest.approx(reference.homogeneity_score, abs=0.05)


# --- determinism, threads, validation --------------------------------------------------------------------


def _small_problem() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    X = _directions(120, 3, seed=3) * 10 ** rng.uniform(-1, 1, (120, 1))
    return X, np.abs(X @ rng.standard_normal((3, 2)))


def test_same_seed_same_numbers_other_seed_other_numbers_and_threads_restored() -> None:
    X, Y = _small_problem()
    threads = torch.get_num_threads()
    a, b = (_results(scale_check(X, Y, seed=5, steps=40)) for _ in range(2))
    assert a == b
    assert torch.get_num_threads() == threads
    c = _results(scale_check(X, Y, seed=6, steps=40))
    assert c["bias_free_up_error"] != a["bias_free_up_error"]


def test_its_five_fits_use_the_shared_training_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """No copy of the loop: core.science.train.fit trains every network of the check."""
    assert not hasattr(scalecheck, "_fit")
    calls = []
    real = scalecheck.fit

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(kwargs["steps"])
        return real(*args, **kwargs)

    monkeypatch.setattr(scalecheck, "fit", counted)
    X = np.random.default_rng(0).lognormal(size=(40, 2))
    scale_check(X, 2 * X, steps=5)
    assert calls == [5] * 5


def test_one_dimensional_arrays_count_as_one_column_and_zero_outputs_are_left_out() -> None:
    X, Y = _small_problem()
    y = Y[:, 0].copy()
    y[:7] = 0.0  # no relative error exists for these rows
    check = scale_check(X[:, 0] + 2.0, y, steps=5)
    assert check.n_samples == 113 and np.isfinite(check.homogeneity_score)


@pytest.mark.parametrize(
    ("X", "Y", "message"),
    [
        (np.ones((19, 2)), np.ones((19, 1)), "at least 20 samples"),
        (np.ones((30, 2)), np.ones((31, 1)), "same number of rows"),
        (np.where(np.eye(30, 2) > 0, np.nan, 1.0), np.ones((30, 1)), r"X has non-finite values .* in 2 rows"),
        (np.ones((30, 2)), np.full((30, 1), np.inf), "Y has non-finite"),
        (np.zeros((30, 2)), np.ones((30, 1)), "every input row is zero"),
        (np.ones((30, 2)), np.zeros((30, 1)), "samples with a nonzero output are needed.*got 0"),
        (np.ones((30, 2, 2)), np.ones((30, 1)), r"X must be a 2-D array .* \(30, 2, 2\)"),
    ],
)
def test_bad_input_raises_a_value_error_naming_the_problem(X: np.ndarray, Y: np.ndarray, message: str) -> None:
    with pytest.raises(DataError, match=message) as caught:
        scale_check(X, Y, steps=1)
    for lang in ("en", "ja"):  # the page words the same problem from its code, in the reader's language
        assert caught.value.note().words(lang) and "{" not in caught.value.note().words(lang)


# --- texts ------------------------------------------------------------------------------------------------


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalogue_has_the_same_keys_and_placeholders_in_both_languages_and_is_what_pages_read() -> None:
    assert catalogue.EN.keys() == catalogue.JA.keys()
    assert all(key.startswith(("pilot.", "scalecheck.", "csv.")) for key in catalogue.EN)  # the Pilot page's catalogue
    for key, en in catalogue.EN.items():
        assert _fields(en) == _fields(catalogue.JA[key]), key
        assert catalogue.JA[key].strip() and catalogue.JA[key] != en, key
    # registered, and no other area overrides one of its keys (a clash would raise at import)
    assert catalogue in i18n.AREAS
    assert catalogue.EN.items() <= i18n.MESSAGES["en"].items() and catalogue.JA.items() <= i18n.MESSAGES["ja"].items()


def _said(check: ScaleCheck, lang: str) -> list[str]:
    return [n.words(lang) for n in reasons(check)]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_reasons_explain_each_verdict_with_its_numbers(lang: str) -> None:
    good = _said(_fake(), lang)
    assert 2 <= len(good) <= 3
    text = " ".join(good)
    for number in ("3.1", "0.98", "2.3%", "45.7%"):
        assert number in text, (number, text)
    bad = _fake(homogeneity_score=0.16, bias_free_extrapolation_error=6.01, verdict="not-homogeneous")
    text_bad = " ".join(_said(bad, lang))
    assert "0.16" in text_bad and "601.0%" in text_bad
    assert text_bad != text
    narrow = " ".join(_said(_fake(spread_decades=0.4), lang))
    assert "0.4" in narrow and narrow not in (text, text_bad)
    assert bool(re.search(r"[ぁ-んァ-ン一-龥]", text)) == (lang == "ja")
    assert verdict_note(bad).words(lang) != verdict_note(_fake()).words(lang)


def test_unknown_language_falls_back_to_japanese() -> None:
    assert _said(_fake(), "xx") == _said(_fake(), "ja")


# --- the sample data and the script that writes it -------------------------------------------------------


def test_make_samples_is_deterministic_and_matches_the_committed_files(tmp_path: Path) -> None:
    script = _load_script()
    first, second = script.main(tmp_path / "a"), script.main(tmp_path / "b")
    assert set(first) == {p.name for p in DATA.glob("*.csv")}
    for name, path in first.items():
        assert path.read_bytes() == second[name].read_bytes(), name
        assert path.read_bytes() == (DATA / name).read_bytes(), f"data/{name} is stale: rerun the script"
        assert path.stat().st_size < 200_000, name


def test_leak_matrix_is_12_sensors_by_40_positive_coherent_columns() -> None:
    A = pd.read_csv(DATA / "leak_matrix.csv")  # numbers only: what the Pilot and `core pilot --matrix` read
    assert A.shape == (12, 40)
    assert A.columns[0] == "x0025m" and A.columns[-1] == "x1975m"
    values = A.to_numpy()
    assert (values > 0).all() and np.isfinite(values).all()
    assert _load_script().mutual_coherence(values) > 0.99  # neighbouring leak points look alike: not random


def test_sample_inputs_span_more_than_three_decades() -> None:
    X, _ = _xy(pd.read_csv(DATA / "samples_homogeneous.csv"))
    norms = np.linalg.norm(X, axis=1)
    assert np.log10(norms.max() / norms.min()) > 3
