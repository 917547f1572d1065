"""One self-contained HTML report of a run, in Japanese or English, for a manager to take home.

`build_report(result, lang=..., generated_at=...)` returns the whole page as text: settings (seed highlighted),
library versions, a results table per model and classical decoder, the interactive charts of core.present.charts with
plotly.js embedded once (the file opens offline and loads nothing over the network), an optional cost section,
and 3–5 meeting statements written from the measured numbers by `meeting_statements`. Every text that reaches
the page goes through `escape`. The same numbers as CSV: core.present.tables.results_csv.
"""

from __future__ import annotations

import html
import inspect
import math
import platform
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from importlib import metadata
from typing import Any

from core.config import SCALE_KEYS
from core.experiments.baselines import BASELINE_SIGNALS
from core.experiments.results import BaselineResult, ModelResult, RunResult, worst_scale
from core.experiments.run import TEST_SIGNALS
from core.i18n import LANGS, has, normalise_lang, t
from core.i18n.claims import flat_bound, floor_verdict
from core.present import format as fmt
from core.present.charts import lab as charts
from core.present.format import NONE, count, milliseconds, money, percent, volume_for
from core.present.labels import colour, decoder_label, model_label

LIBRARIES = ("torch", "numpy", "scipy", "scikit-learn", "plotly", "pandas", "streamlit")  # metadata only
DECODER_ORDER = ("bp", "bpdn", "lasso", "omp")  # which decoders the meeting hears about first
FONT_STACK = '"Noto Sans JP", "Noto Sans CJK JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", "Meiryo"'


class _Html(str):
    """Text that is already HTML (built here from escaped parts); everything else gets escaped."""


def escape(value: object) -> str:
    """Any value as HTML-safe text (quotes included, so it is safe in attributes too)."""
    return value if isinstance(value, _Html) else html.escape(str(value), quote=True)


# ---------------------------------------------------------------- numbers as text


def _bound(worst: float) -> str | None:
    """The smallest of FLAT_BOUNDS above `worst`, as text, or None when the error is above them all."""
    bound = flat_bound(worst)
    return None if bound is None else percent(bound)


def _status(status: str, lang: str) -> str:
    key = f"report.status.{status}"
    return t(key, lang) if has(key) else status


# ---------------------------------------------------------------- meeting statements


def meeting_statements(result: RunResult, lang: str = "ja", *, cost_rows: Sequence[Mapping] | None = None) -> list[str]:
    """3–5 sentences for the meeting, each computed from the numbers in `result` (none is hard-coded).

    In order of interest: one hidden layer against its floor, the best bias-free deeper net across scales, the
    biased net's worst scale, the hand-built net, the classical decoders (with a speed ratio when `cost_rows`
    give signals per second for a decoder and that net), then training time and the seed.
    """
    lang = normalise_lang(lang)
    trained = [m for m in result.models if m.kind == "trained"]
    one = result.bias_free(1)
    deep = _best([m for m in trained if m.depth >= 2 and not m.bias])
    biased = sorted((m for m in trained if m.bias and m.rms_rel_error is not None), key=lambda m: -m.depth)
    hand = [m for m in result.models if m.kind == "hand-built" and m.rms_rel_error is not None]
    decoders = sorted(result.baselines, key=lambda b: (_order(b.name), b.name))
    candidates = [
        _say_one(one, result.one_layer_floor, lang) if one else None,
        _say_deep(deep, one, lang) if deep else None,
        _say_bias(biased[0], lang) if biased else None,
        *(_say_hand_built(m, lang) for m in hand),
        *(_say_decoder(b, deep, cost_rows, lang) for b in decoders),
        _say_training(trained, lang) if trained else None,
        t("report.say.seed", lang, seed=result.config.seed),
    ]
    return [s for s in candidates if s][:5]


def _order(name: str) -> int:
    return DECODER_ORDER.index(name) if name in DECODER_ORDER else len(DECODER_ORDER)


def _best(models: Sequence[ModelResult]) -> ModelResult | None:
    """The model with the lowest error, or the first one when none has an error."""
    scored = [m for m in models if m.rms_rel_error is not None]
    return min(scored, key=lambda m: m.rms_rel_error) if scored else (models[0] if models else None)


def _no_result(model: ModelResult, lang: str) -> str:
    return t("report.say.no_result", lang, label=model_label(model, lang), status=_status(model.status, lang))


def _say_one(model: ModelResult, floor: float | None, lang: str) -> str:
    if model.rms_rel_error is None:
        return _no_result(model, lang)
    values = {"label": model_label(model, lang), "err": percent(model.rms_rel_error)}
    if floor is None:
        return t("report.say.one_no_floor", lang, **values)
    key = {"on": "on_floor", "above": "above_floor", "below": "vs_floor"}[floor_verdict(model.rms_rel_error, floor)]
    return t(f"report.say.one_{key}", lang, floor=percent(floor), **values)


def _say_range(model: ModelResult, lang: str) -> str:
    """'below 0.01% at every scale', or the error on the training scales and the worst over all scales."""
    _, worst = worst_scale(model.rms_rel_error_by_scale)
    label, lo, hi = model_label(model, lang), SCALE_KEYS[0], SCALE_KEYS[-1]
    bound = _bound(worst)
    if bound:
        return t("report.say.flat", lang, label=label, bound=bound, lo=lo, hi=hi)
    err = percent(model.rms_rel_error)
    return t("report.say.range", lang, label=label, err=err, worst=percent(worst), lo=lo, hi=hi)


def _say_deep(model: ModelResult, one: ModelResult | None, lang: str) -> str:
    if model.rms_rel_error is None or not model.rms_rel_error_by_scale:
        return _no_result(model, lang)
    sentence = _say_range(model, lang)
    if one is None or one.rms_rel_error is None or model.rms_rel_error <= 0:
        return sentence
    times = one.rms_rel_error / model.rms_rel_error
    if times < 10:
        return sentence
    return t("report.say.versus", lang, sentence=sentence, ratio=fmt.ratio(times), other=model_label(one, lang))


def _say_bias(model: ModelResult, lang: str) -> str:
    scale, worst = worst_scale(model.rms_rel_error_by_scale)
    label = model_label(model, lang, say_bias=False)  # the sentence says "with biases" itself
    if model.rms_rel_error > 0 and worst >= 2 * model.rms_rel_error:
        ratio = fmt.ratio(worst / model.rms_rel_error)
        err, worst_text = percent(model.rms_rel_error), percent(worst)
        return t("report.say.bias_jump", lang, label=label, scale=scale, worst=worst_text, ratio=ratio, err=err)
    lo, hi = SCALE_KEYS[0], SCALE_KEYS[-1]
    return t("report.say.bias_flat", lang, label=label, worst=percent(worst), lo=lo, hi=hi)


def _say_hand_built(model: ModelResult, lang: str) -> str:
    bound = _bound(worst_scale(model.rms_rel_error_by_scale)[1])
    if bound is None:
        return _say_range(model, lang)
    return t("report.say.hand_built", lang, label=model_label(model, lang), params=f"{model.params:,}", bound=bound)


def _say_decoder(
    decoder: BaselineResult, net: ModelResult | None, cost_rows: Sequence[Mapping] | None, lang: str
) -> str:
    scale, worst = worst_scale(decoder.rms_rel_error_by_scale)
    label, err = decoder_label(decoder, lang), percent(decoder.rms_rel_error)
    bound = _bound(worst)
    if bound:
        slower = _speed_ratio(decoder, net, cost_rows)
        if slower and net is not None and slower[0] >= 2:
            ratio, slow, fast = fmt.ratio(slower[0]), count(slower[1]), count(slower[2])
            net_label = model_label(net, lang)
            keys = {"label": label, "bound": bound, "ratio": ratio, "net": net_label}
            return t("report.say.decoder_slower", lang, slow_rate=slow, fast_rate=fast, **keys)
        return t("report.say.decoder_flat", lang, label=label, bound=bound, ms=milliseconds(decoder.seconds_per_signal))
    if not decoder.homogeneous and worst >= 2 * decoder.rms_rel_error:
        return t("report.say.decoder_not_invariant", lang, label=label, worst=percent(worst), scale=scale, err=err)
    return t(
        "report.say.decoder_range",
        lang,
        label=label,
        err=err,
        worst=percent(worst),
        ms=milliseconds(decoder.seconds_per_signal),
    )


def _speed_ratio(
    decoder: BaselineResult, net: ModelResult | None, cost_rows: Sequence[Mapping] | None
) -> tuple[float, float, float] | None:
    """(net rate / decoder rate, decoder rate, net rate) from cost rows named like them, if both are there."""
    if not cost_rows or net is None:
        return None
    slow = _rate_of(cost_rows, {decoder.name, *(decoder_label(decoder, x) for x in LANGS)})
    net_key = f"{net.depth}{'b' if net.bias else ''}"  # core.cost's row key for a trained net
    fast = _rate_of(cost_rows, {net_key, *(model_label(net, x) for x in LANGS)})
    return (fast / slow, slow, fast) if slow and fast else None


def _rate_of(rows: Iterable[Mapping], names: set[str]) -> float | None:
    for row in rows:
        rate = row.get("signals_per_second")
        named = str(row.get("key", "")) in names or str(row.get("name", "")) in names
        if named and isinstance(rate, (int, float)) and rate > 0:
            return float(rate)
    return None


def _say_training(trained: Sequence[ModelResult], lang: str) -> str:
    seconds = sum(m.train_seconds for m in trained)
    return t("report.say.training_time", lang, count=len(trained), seconds=f"{seconds:.1f}")


# ---------------------------------------------------------------- HTML


def build_report(
    result: RunResult,
    *,
    lang: str = "ja",
    generated_at: str,
    cost_rows: list[dict] | None = None,
    currency: str = "JPY",
    verdict: str | None = None,
    assumptions: Mapping[str, float] | None = None,
) -> str:
    """The whole report as one HTML document; `generated_at` is shown as given (so tests are deterministic).

    assumptions: the cost inputs the rows were priced at (signals_per_day, retrainings_per_month, price_per_cpu_hour),
    stated under the cost table so a reader knows what the money assumes.
    """
    lang = normalise_lang(lang)
    body = [
        _header(result, lang, generated_at),
        _summary(result, lang, cost_rows),
        _results(result, lang),
        _charts(result, lang),
        _cost(cost_rows, currency, verdict, lang, assumptions) if cost_rows or verdict else "",
        _settings(result, lang),
        _versions(result, lang),
        _footer(lang),
    ]
    head = '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
    head += f"<title>{escape(t('report.title', lang))}</title><style>{_CSS}</style>"
    page = "\n".join(part for part in body if part)
    return f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>{head}</head>\n<body>\n{page}\n</body></html>\n'


_CSS = f"""
body {{ font-family: {FONT_STACK}, sans-serif; color: #222; max-width: 1100px; margin: 0 auto;
  padding: 24px; line-height: 1.6; }}
h1 {{ font-size: 26px; margin-bottom: 4px; }} h2 {{ margin-top: 32px; border-bottom: 2px solid #0072B2; }}
table {{ border-collapse: collapse; margin: 8px 0 16px; font-size: 14px; }}
th, td {{ border: 1px solid #ccc; padding: 4px 10px; text-align: left; vertical-align: top; }}
th {{ background: #f3f5f8; }} td.num {{ text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }}
tr.highlight td {{ background: #fff3bf; font-weight: bold; }}
.note, .meta {{ color: #555; font-size: 13px; }} ul.points li {{ font-size: 17px; margin: 6px 0; }}
p.verdict {{ font-size: 17px; font-weight: bold; }}
.figure {{ margin: 8px 0 28px; break-inside: avoid; }} code {{ font-size: 12px; color: #555; }}
"""


def _section(key: str, lang: str, *parts: str, section_id: str) -> str:
    return f'<section id="{section_id}"><h2>{escape(t(key, lang))}</h2>\n' + "\n".join(parts) + "</section>"


def _p(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{escape(text)}</p>' if cls else f"<p>{escape(text)}</p>"


def _table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], *, numeric: Collection[int] = (), highlight: int = -1
) -> str:
    """A table, every cell escaped unless built as _Html; `numeric` columns align right; row `highlight` stands out."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    lines = []
    for r, row in enumerate(rows):
        cells = "".join(
            f'<td class="num">{escape(c)}</td>' if i in numeric else f"<td>{escape(c)}</td>" for i, c in enumerate(row)
        )
        lines.append(f'<tr class="highlight">{cells}</tr>' if r == highlight else f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"


def _header(result: RunResult, lang: str, generated_at: str) -> str:
    cfg = result.config
    problem = t(f"report.problem.{cfg.problem}", lang, n=cfg.n, s=cfg.s, d=cfg.d, rank=cfg.rank)
    lo, hi = (f"{v:g}" for v in cfg.train_scales)
    intro = t(
        "report.intro", lang, problem=problem, m=cfg.m, lo=SCALE_KEYS[0], hi=SCALE_KEYS[-1], train_lo=lo, train_hi=hi
    )
    title = f"<h1>{escape(t('report.title', lang))}</h1>"
    meta = t("report.generated", lang, when=generated_at, version=result.results_version)
    return f"<header>{title}{_p(meta, 'meta')}{_p(intro)}</header>"


def _summary(result: RunResult, lang: str, cost_rows: Sequence[Mapping] | None) -> str:
    items = "".join(f"<li>{escape(s)}</li>" for s in meeting_statements(result, lang, cost_rows=cost_rows))
    note = _p(t("report.summary.note", lang), "note")
    return _section("report.summary.title", lang, f'<ul class="points">{items}</ul>', note, section_id="summary")


def _results(result: RunResult, lang: str) -> str:
    floor, key = result.one_layer_floor, "report.results.floor_lowrank" if result.config.problem == "lowrank" else ""
    if result.even_floor is not None:  # |t| first: the bound holds at every depth, and is not √(1 − rank(A)/n)
        floor, key = result.even_floor, "report.results.even_floor"
    key = key or "report.results.floor"
    floor_text = t(key, lang, floor=percent(floor)) if floor is not None else t("report.results.no_floor", lang)
    note = t("report.results.error_note", lang, signals=TEST_SIGNALS, baseline_signals=BASELINE_SIGNALS)
    parts = [_p(floor_text), f"<h3>{escape(t('report.models.title', lang))}</h3>", _models_table(result, lang)]
    if result.baselines:
        parts += [f"<h3>{escape(t('report.decoders.title', lang))}</h3>", _decoders_table(result, lang)]
    return _section("report.results.title", lang, *parts, _p(note, "note"), section_id="results")


def _worst_col(lang: str) -> str:
    return t("report.col.worst", lang, lo=SCALE_KEYS[0], hi=SCALE_KEYS[-1])


def _models_table(result: RunResult, lang: str) -> str:
    cols = ["model", "params", "seconds", "error"]
    headers = [*(t(f"report.col.{c}", lang) for c in cols), _worst_col(lang)]
    headers += [t("report.col.homogeneity", lang), t("report.col.status", lang)]
    rows = []
    for m in result.models:
        worst = worst_scale(m.rms_rel_error_by_scale)
        status = escape(_status(m.status, lang))
        if m.note:
            status += f'<div class="note">{escape(m.note.words(lang))}</div>'
        rows.append(
            [
                model_label(m, lang),
                f"{m.params:,}",
                f"{m.train_seconds:.2f}",
                percent(m.rms_rel_error),
                percent(worst[1] if worst else None),
                percent(m.homogeneity_error),
                _Html(status),
            ]
        )
    return _table(headers, rows, numeric={1, 2, 3, 4, 5})


def _decoders_table(result: RunResult, lang: str) -> str:
    headers = [t("report.col.decoder", lang), t("report.col.error", lang), _worst_col(lang)]
    headers.append(t("report.col.ms", lang))
    rows = [
        [
            decoder_label(b, lang),
            percent(b.rms_rel_error),
            percent(worst_scale(b.rms_rel_error_by_scale)[1]),
            milliseconds(b.seconds_per_signal),
        ]
        for b in result.baselines
    ]
    return _table(headers, rows, numeric={1, 2, 3})


def _figure(builder: Callable[..., Any], *args: Any, lang: str) -> Any:
    """builder(*args), in `lang` when the builder takes a `lang` keyword (one that does not draws English)."""
    takes_lang = "lang" in inspect.signature(builder).parameters
    return builder(*args, lang=lang) if takes_lang else builder(*args)


def _charts(result: RunResult, lang: str) -> str:
    """The three interactive charts; plotly.js is embedded inline with the first and only the first."""
    curves = [(model_label(m, lang), colour(m), m.loss_curve) for m in result.models if m.loss_curve]
    figures = [
        ("error", _figure(charts.error_vs_scale, result, lang=lang)),
        ("example", _figure(charts.example_signal, result, "1", lang=lang)),
    ]
    if curves:
        figures.append(("loss", _figure(charts.loss_curves, curves, lang=lang)))
    parts = []
    for i, (name, fig) in enumerate(figures):
        div = fig.to_html(
            full_html=False,
            include_plotlyjs=i == 0,
            div_id=f"chart-{name}",  # fixed ids: the same run gives the same file
            config={"displaylogo": False, "responsive": True},
        )
        parts.append(f'<div class="figure">{div}</div>')  # each chart carries its own title
    return _section("report.charts.title", lang, *parts, section_id="charts")


def _money(value: object, currency: str) -> object:
    """A cost cell: the one money style, '–' where there is no figure."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return NONE if value is None else value
    return money(value, currency)


def _times(value: object, factor: float) -> object:
    """A figure scaled (a cost per 1,000 quoted per volume), or left as it is when it is no number."""
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    return value * factor if ok else value


def _number(value: object, pattern: str) -> object:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return format(value, pattern)
    return NONE if value is None else value


def _cost(
    rows: Sequence[Mapping] | None,
    currency: str,
    verdict: str | None,
    lang: str,
    assumptions: Mapping[str, float] | None = None,
) -> str:
    parts = []
    if rows:
        keys = ["name", "params", "macs", "train_seconds", "throughput"]
        headers = [t(f"report.cost.{k}", lang) for k in keys]
        volume = volume_for([r["cost_per_1000"] / 1000 for r in rows if isinstance(r.get("cost_per_1000"), float)])
        headers.append(t("report.cost.monthly", lang, currency=currency))
        headers.append(t("report.cost.per_volume", lang, volume=t(f"volume.{volume}", lang), currency=currency))
        cells = [
            [
                r.get("name", ""),
                _number(r.get("params"), ","),
                _number(r.get("macs_per_signal"), ","),
                _number(r.get("train_seconds"), ".2f"),
                _number(r.get("signals_per_second"), ",.0f"),
                _money(r.get("monthly_cost"), currency),
                _money(_times(r.get("cost_per_1000"), volume / 1000), currency),
            ]
            for r in rows
        ]
        parts.append(_table(headers, cells, numeric={1, 2, 3, 4, 5, 6}))
        parts.append(_p(t("report.cost.sources", lang), "note"))  # how each figure was obtained, in words
        if assumptions:
            price = money(assumptions["price_per_cpu_hour"], currency)
            said = t(
                "report.cost.assumed",
                lang,
                signals=count(assumptions["signals_per_day"]),
                retrainings=count(assumptions["retrainings_per_month"]),
                price=price,
            )
            parts.append(_p(said, "note"))
    if verdict:
        parts.append(f'<p class="verdict">{escape(t("report.cost.verdict", lang, verdict=verdict))}</p>')
    return _section("report.cost.title", lang, *parts, section_id="cost")


# Settings whose value is a name: the reader sees the name's label, not the code ("he" → "random (He)").
_NAMED_VALUES = {"activation": "ctl.act.{}", "signal": "signal.{}", "problem": "problem.{}", "init": "init.{}",
                 "optimizer": "optimizer.{}"}  # fmt: skip


def _setting_value(value: object, lang: str, name: str = "") -> str:
    if name in _NAMED_VALUES and has(_NAMED_VALUES[name].format(value)):
        return t(_NAMED_VALUES[name].format(value), lang)
    if name == "baselines" and isinstance(value, (list, tuple)):
        return ", ".join(t(f"decoder.{v}", lang) for v in value) or t("report.none", lang)
    if isinstance(value, bool):
        return t("report.yes" if value else "report.no", lang)
    if isinstance(value, (list, tuple)):
        return ", ".join(f"{v:g}" if isinstance(v, float) else str(v) for v in value) or t("report.none", lang)
    return f"{value:g}" if isinstance(value, float) else str(value)


def _settings(result: RunResult, lang: str) -> str:
    """Every config field, its meaning and its value; the seed row highlighted."""
    fields = result.config.to_dict()
    rows = []
    for name, value in fields.items():
        key = f"report.field.{name}"
        label = f"{t(key, lang)} " if has(key) else ""
        rows.append((_Html(f"{escape(label)}<code>{escape(name)}</code>"), _setting_value(value, lang, name)))
    headers = [t("report.col.setting", lang), t("report.col.value", lang)]
    table = _table(headers, rows, highlight=list(fields).index("seed"))
    note = _p(t("report.settings.note", lang), "note")
    return _section("report.settings.title", lang, table, note, section_id="settings")


def library_versions() -> dict[str, str]:
    """Python and the installed libraries, read from package metadata (nothing is imported)."""
    versions = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


def _versions(result: RunResult, lang: str) -> str:
    rows = [*library_versions().items(), (t("report.versions.threads", lang), str(result.torch_threads))]
    headers = [t("report.col.library", lang), t("report.col.version", lang)]
    return _section("report.versions.title", lang, _table(headers, rows), section_id="versions")


def _footer(lang: str) -> str:
    link = '<a href="https://arxiv.org/abs/2308.02836">' + escape(t("report.reference", lang)) + "</a>"
    return f'<footer><p class="note">{link}</p>{_p(t("report.footer", lang), "note")}</footer>'
