"""The downloadable HTML report: the run's numbers, both languages, offline, escaped; the CSV; the statements."""

import dataclasses
import html
import io
import re
import string

import pandas as pd
import pytest
from plotly.offline import get_plotlyjs

from core.config import SCALE_KEYS, Config
from core.experiments.results import RunResult
from core.experiments.run import run
from core.i18n import Note
from core.i18n import report as messages
from core.present.format import percent
from core.present.report.document import (
    build_report,
    escape,
    library_versions,
    meeting_statements,
    model_label,
)
from core.present.tables import results_csv

WHEN = "2026-11-28 10:00"
EVIL = "<script>alert(1)</script>"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# A tag that makes the browser fetch something: <script src=...>, <link href=...>, <img src=...>, ...
FETCHING_TAG = re.compile(
    r"<(script|link|img|iframe|embed|source|audio|video|object|track|image|use)\b[^>]*?"
    r"\b(src|href|srcset|data|poster)\s*=\s*[\"']?\s*(https?:)?//",
    re.IGNORECASE,
)
COST_ROWS = [
    {
        "name": "2 hidden layers",
        "params": 77824,
        "macs_per_signal": 77824,
        "train_seconds": 4.38,
        "signals_per_second": 250000.0,
        "monthly_cost": 1234567,
        "cost_per_1000": 0.05,
        "provenance": "measured here",
    }
]


@pytest.fixture(scope="module")
def result() -> RunResult:
    return run(Config(n=16, m=8, steps=30, width=16, seed=12345, baselines=("omp",)))


@pytest.fixture(scope="module")
def biased() -> RunResult:
    return run(Config(n=16, m=8, steps=30, width=16, depths=(2,), bias=True, baselines=()))


@pytest.fixture(scope="module")
def reports(result: RunResult) -> dict[str, str]:
    return {lang: build_report(result, lang=lang, generated_at=WHEN) for lang in ("ja", "en")}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_report_shows_the_runs_numbers_settings_and_versions(
    result: RunResult, reports: dict[str, str], lang: str
) -> None:
    page = reports[lang]
    assert WHEN in page
    for model in result.models:
        assert model_label(model, lang) in page
        assert percent(model.rms_rel_error) in page
        assert percent(max(model.rms_rel_error_by_scale.values())) in page
    # escaped: OMP is exact here since its columns are normalised, and "< 0.01%" is "&lt; 0.01%" in HTML
    assert html.escape(percent(result.baselines[0].rms_rel_error)) in page
    assert percent(result.one_layer_floor) in page
    for field in result.config.to_dict():
        assert f"<code>{field}</code>" in page
    assert re.search(r'<tr class="highlight"><td>[^<]*<code>seed</code></td><td>12345</td></tr>', page)
    made_by = {"ja": f"結果のバージョン {result.results_version}", "en": f"results version {result.results_version}"}
    assert made_by[lang] in page
    versions = library_versions()
    assert {"python", "torch", "numpy", "plotly"} <= versions.keys()
    assert all(f"<td>{name}</td><td>{version}</td>" in page for name, version in versions.items())


def test_language_attribute_charset_and_japanese_text(reports: dict[str, str]) -> None:
    ja, en = reports["ja"], reports["en"]
    assert '<html lang="ja">' in ja and '<html lang="en">' in en
    assert all('<meta charset="utf-8">' in page for page in (ja, en))
    assert "ScaleLab レポート" in ja and "会議用の要点" in ja and "Key points for the meeting" in en
    assert len(JAPANESE.findall(ja)) > len(JAPANESE.findall(en)) + 500
    assert '"Noto Sans CJK JP"' in ja and '"Hiragino Sans"' in ja


def test_unknown_language_falls_back_to_japanese(result: RunResult) -> None:
    assert '<html lang="ja">' in build_report(result, lang="<xx>", generated_at=WHEN)


def test_plotly_js_is_embedded_once_and_nothing_is_loaded_over_the_network(reports: dict[str, str]) -> None:
    head_of_plotly_js = get_plotlyjs()[:300]
    for page in reports.values():
        assert page.count(head_of_plotly_js) == 1
        assert page.count("Plotly.newPlot(") == 3  # error vs scale, example signal, loss curves
        assert not re.search(r"<script\b[^>]*\bsrc\s*=", page, re.IGNORECASE)
        assert not FETCHING_TAG.search(page)
        assert not re.search(r"url\(\s*[\"']?\s*(https?:)?//|@import", page, re.IGNORECASE)
        assert '<a href="https://arxiv.org/abs/2308.02836">' in page  # a link to click, not a resource to load


def test_the_same_run_gives_the_same_file(result: RunResult, reports: dict[str, str]) -> None:
    assert build_report(result, lang="ja", generated_at=WHEN) == reports["ja"]


def test_every_visible_text_is_escaped(result: RunResult) -> None:
    assert escape(EVIL) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert escape("a\"b'c&") == "a&quot;b&#x27;c&amp;"
    evil_note = Note("note.diverged", {"step": EVIL, "good_step": 1})
    models = (dataclasses.replace(result.models[0], note=evil_note), *result.models[1:])
    evil_result = dataclasses.replace(result, models=models)
    rows = [{**COST_ROWS[0], "name": EVIL, "provenance": EVIL}]
    page = build_report(evil_result, lang="en", generated_at=EVIL, cost_rows=rows, currency=EVIL, verdict=EVIL)
    assert EVIL not in page
    assert page.count(escape(EVIL)) >= 6  # message, date, verdict, row name, currency in 2 headers


def test_cost_section_only_when_cost_rows_are_given(result: RunResult, reports: dict[str, str]) -> None:
    assert all('id="cost"' not in page for page in reports.values())
    verdict = "2 hidden layers cost 0.05 per 1,000 signals."
    page = build_report(result, lang="ja", generated_at=WHEN, cost_rows=COST_ROWS, currency="JPY", verdict=verdict)
    cost = page[page.index('id="cost"') : page.index('id="settings"')]
    assert "月額コスト（JPY）" in cost and "1,234,567" in cost and "250,000" in cost and "実測" in cost
    assert f"結論：{verdict}" in cost
    rows = [{**COST_ROWS[0], "provenance": {"params": "counted", "monthly_cost": "estimated"}}]
    assumed = {"signals_per_day": 100_000, "retrainings_per_month": 4, "price_per_cpu_hour": 7.0}
    page = build_report(result, lang="en", generated_at=WHEN, cost_rows=rows, assumptions=assumed)
    assert "Monthly cost (JPY)" in page and "counted from the layer shapes" in page
    assert "100,000 signals reconstructed a day, 4 retrainings a month, ¥7 per CPU-hour" in page
    for internal in ("params:", "monthly_cost", "macs_per_signal", "cost_per_1000"):  # no field names
        assert internal not in page[page.index('id="cost"') : page.index('id="settings"')]


def test_settings_read_in_words_with_a_label_for_every_setting(result: RunResult) -> None:
    from dataclasses import fields as dataclass_fields

    from core.config import Config
    from core.i18n import has

    assert all(has(f"report.field.{f.name}") for f in dataclass_fields(Config))
    page = build_report(result, lang="en", generated_at=WHEN)
    settings = page[page.index('id="settings"') : page.index('id="versions"')]
    assert "random (He)" in settings and "ReLU" in settings


def test_results_csv_has_one_row_per_model_and_decoder(result: RunResult) -> None:
    table = pd.read_csv(io.StringIO(results_csv(result)))
    assert len(table) == len(result.models) + len(result.baselines)
    assert [f"error_at_scale_{k}" for k in SCALE_KEYS] == [c for c in table.columns if c.startswith("error_at_")]
    assert list(table["kind"]) == ["trained", "trained", "decoder"]
    for row, model in zip(table.itertuples(), result.models):
        assert row.rms_rel_error == pytest.approx(model.rms_rel_error, rel=1e-12)
        assert row.worst_rel_error == pytest.approx(max(model.rms_rel_error_by_scale.values()), rel=1e-12)
    omp = result.baselines[0]
    assert table["error_at_scale_1000"].iloc[2] == pytest.approx(omp.rms_rel_error_by_scale["1000"], rel=1e-12)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_meeting_statements_come_from_the_numbers(result: RunResult, biased: RunResult, lang: str) -> None:
    said = meeting_statements(result, lang)
    assert 3 <= len(said) <= 5
    for model in result.models:
        assert any(percent(model.rms_rel_error) in s for s in said)
    assert any(percent(result.one_layer_floor) in s for s in said)
    assert all(bool(JAPANESE.search(s)) == (lang == "ja") for s in said)
    model = biased.models[0]
    scale, worst = max(model.rms_rel_error_by_scale.items(), key=lambda kv: kv[1])
    bias_said = meeting_statements(biased, lang)
    assert 3 <= len(bias_said) <= 5
    assert any(percent(worst) in s and f" {scale} " in s for s in bias_said)


def test_statements_follow_changed_numbers_not_fixed_text(result: RunResult) -> None:
    floor = result.one_layer_floor
    one, two = result.models
    on_floor = dataclasses.replace(one, rms_rel_error=floor * 1.001)
    exact = dataclasses.replace(two, rms_rel_error=4e-7, rms_rel_error_by_scale=dict.fromkeys(SCALE_KEYS, 6e-7))
    said = meeting_statements(dataclasses.replace(result, models=(on_floor, exact)), "en")
    assert (
        said[0]
        == "1 hidden layer: 70.8% error, on the proven floor of 70.7%; more width or more training does not lower it."
    )
    assert said[1].startswith("2 hidden layers: below 0.01% error at every scale from 0.001 to 1000.")
    assert "1,800,000× less error than 1 hidden layer" in said[1]  # 0.7078 / 4e-7, two significant digits
    made_up = dataclasses.replace(one, rms_rel_error=0.4321)
    said = meeting_statements(dataclasses.replace(result, models=(made_up, two)), "ja")
    assert "43.2%" in said[0] and "70.7%" in said[0]


def test_speed_ratio_only_when_cost_rows_support_it(result: RunResult) -> None:
    exact = dict.fromkeys(SCALE_KEYS, 1e-8)
    omp = dataclasses.replace(result.baselines[0], rms_rel_error=1e-8, rms_rel_error_by_scale=exact)
    fast = dataclasses.replace(result, baselines=(omp,))
    rows = [{"name": "OMP (s steps)", "signals_per_second": 400.0}, {**COST_ROWS[0]}]
    assert any(
        "625× slower per signal than 2 hidden layers" in s for s in meeting_statements(fast, "en", cost_rows=rows)
    )
    assert not any("slower" in s for s in meeting_statements(fast, "en"))
    keyed = [{"key": "omp", "name": "OMP", "signals_per_second": 400.0}, {"key": "2", "signals_per_second": 2e5}]
    assert any("500 倍遅く" in s for s in meeting_statements(fast, "ja", cost_rows=keyed))  # core.cost's row keys


def test_messages_in_both_languages_with_the_same_placeholders() -> None:
    assert messages.EN.keys() == messages.JA.keys()
    for key, en in messages.EN.items():
        assert key.startswith("report."), key
        assert _fields(en) == _fields(messages.JA[key]), key
        assert messages.JA[key].strip(), key


def test_the_reports_floor_line_names_the_bound_the_run_has(result: RunResult) -> None:
    """√(1 − rank(A)/n) for vectors, with d² for a d×d matrix, and for |t| the even bound, which is not that formula."""

    def floor_line(r: RunResult) -> str:
        text = html.unescape(build_report(r, lang="en", generated_at=WHEN))
        return next(line for line in text.splitlines() if "Proven floor" in line)

    assert "√(1 − rank(A)/n): " + percent(result.one_layer_floor) in floor_line(result)
    lowrank = dataclasses.replace(result, config=Config(problem="lowrank", d=4, m=8, steps=30, width=16))
    assert "√(1 − rank(A)/d²)" in floor_line(lowrank)
    even = dataclasses.replace(result, config=Config(activation="abs"), one_layer_floor=1.0, even_floor=1.0)
    line = floor_line(even)
    assert "every depth" in line and percent(1.0) in line and "rank(A)" not in line
