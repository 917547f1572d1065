"""The Cost page's pieces and the cost line on the Lab's cards: inputs, rows, table, chart, verdict."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

import pandas as pd
import streamlit as st

from core.cost import estimate as cost
from core.cost import rows as cost_rows
from core.cost.inputs import CAPS, DEFAULT_PRICE_PER_CPU_HOUR, CostInputs
from core.cost.verdict import verdict
from core.experiments.results import RunResult
from core.present.csvfile import frame_csv
from core.present.format import CURRENCY_SYMBOLS, money, percent, volume_for
from core.present.report import document as report
from ui.frame import lang, tr

_SHADOW = "_cost_inputs"  # the last valid inputs: the Lab's cards price with them too


def current_inputs() -> CostInputs:
    """This session's cost inputs (defaults until the Cost page sets them)."""
    return st.session_state.get(_SHADOW) or _inputs_from_url()


def _inputs_from_url() -> CostInputs:
    """Forgiving parse of spd, rpm, price, cur from the link; anything bad falls back to the defaults."""
    return CostInputs.from_query(st.query_params.to_dict())


def inputs_controls() -> CostInputs:
    """Widgets for volumes, price and currency; returns valid inputs (the widgets' own bounds guarantee it)."""
    start, top = current_inputs(), {name: cap.hi for name, cap in CAPS.items()}
    st.subheader(tr("costpage.inputs"))
    c1, c2, c3, c4 = st.columns(4)
    currency = c1.segmented_control(tr("costpage.currency"), list(CURRENCY_SYMBOLS), default=start.currency,
                                    key="cost_currency") or start.currency  # fmt: skip
    spd = c2.number_input(tr("costpage.signals_per_day"), 0.0, top["signals_per_day"], float(start.signals_per_day),
                          step=1000.0, format="%.0f", key="cost_spd")  # fmt: skip
    rpm = c3.number_input(tr("costpage.retrainings"), 0.0, top["retrainings_per_month"],
                          float(start.retrainings_per_month), step=1.0, format="%.0f", key="cost_rpm")  # fmt: skip
    default_price = start.price_per_cpu_hour if currency == start.currency else DEFAULT_PRICE_PER_CPU_HOUR[currency]
    price = c4.number_input(tr("costpage.price", currency=currency), 0.0, top["price_per_cpu_hour"],
                            float(default_price), help=tr("costpage.price_help"),
                            key=f"cost_price_{currency}")  # fmt: skip
    inputs = CostInputs(signals_per_day=spd, retrainings_per_month=rpm, price_per_cpu_hour=price, currency=currency)
    st.session_state[_SHADOW] = inputs
    return inputs


def url_params(inputs: CostInputs) -> dict[str, str]:
    """The inputs as query parameters for a share link."""
    return inputs.to_query()


def rows_for(result: RunResult, inputs: CostInputs) -> list[cost.CostRow]:
    """One cost row per usable model and classical decoder of a run, named in the reader's language."""
    return cost_rows.rows_for(result, inputs, lang())


def csv(rows: list[cost.CostRow]) -> bytes:
    """The breakdown as a CSV download: money as numbers in columns that name the currency, not "¥0.016" text."""
    frame = table(rows)
    currency = rows[0].currency if rows else ""
    volume = _volume(rows)
    columns = {
        tr("costpage.col.error"): [r.rms_rel_error for r in rows],  # the number, not the page's "< 0.01%"
        tr("costpage.col.monthly"): [r.monthly_cost for r in rows],
        _per_volume_column(volume): [r.cost_per_1000 * volume / 1000 for r in rows],
    }
    for name, values in columns.items():
        frame[name] = values
        if name != tr("costpage.col.error"):
            frame = frame.rename(columns={name: f"{name} ({currency})"})
    return frame_csv(frame)


def _volume(rows: list[cost.CostRow]) -> int:
    """The one volume the table quotes per-signal cost for: the one at which every row's amount reads."""
    return volume_for([r.cost_per_1000 / 1000 for r in rows])


def _per_volume_column(volume: int) -> str:
    return tr("costpage.col.per_volume", volume=tr(f"volume.{volume}"))


def table(rows: list[cost.CostRow]) -> pd.DataFrame:
    """The breakdown a manager reads, every column saying how its figure was obtained."""
    amount = lambda v: money(v, rows[0].currency) if rows else ""  # noqa: E731
    volume = _volume(rows)
    return pd.DataFrame(
        {
            tr("costpage.col.name"): [r.name for r in rows],
            tr("costpage.col.error"): [percent(r.rms_rel_error) for r in rows],
            tr("costpage.col.monthly"): [amount(r.monthly_cost) for r in rows],
            _per_volume_column(volume): [amount(r.cost_per_1000 * volume / 1000) for r in rows],
            tr("costpage.col.params"): [r.params for r in rows],
            tr("costpage.col.macs"): [r.macs_per_signal for r in rows],
            tr("costpage.col.train"): [r.train_seconds for r in rows],
            tr("costpage.col.rate"): [round(r.signals_per_second) for r in rows],
            tr("costpage.col.memory"): [None if r.memory_bytes is None else r.memory_bytes / 1e6 for r in rows],
            tr("costpage.col.hours"): [r.monthly_cpu_hours for r in rows],
        }
    )


def card_line(result: RunResult, model_index: int) -> str | None:
    """The Lab card's cost line for one model at this session's cost inputs, or None when nothing was measured."""
    inputs = current_inputs()
    rows = [cost_rows.row_for_model(result, model, inputs, lang()) for model in result.models]
    row = rows[model_index]
    if row is None:
        return None
    train = money(inputs.price_per_cpu_hour * (row.train_seconds or 0.0) / 3600, inputs.currency)
    # one volume for every card of the run, so two cards compare at a glance (per million beside per million)
    volume = volume_for([r.cost_per_1000 / 1000 for r in rows if r is not None])
    amount = money(row.cost_per_1000 * volume / 1000, inputs.currency)
    return tr("lab.card_cost", train=train, volume=tr(f"volume.{volume}"), amount=amount)


def report_button(result: RunResult, key: str) -> None:
    """Download the self-contained HTML report of this run, in the reader's language, priced at the session's inputs.

    The report (~5 MB: plotly.js is embedded so it opens offline) is built only when the button is pressed.
    """
    inputs, code = current_inputs(), lang()

    def build() -> str:
        rows = cost_rows.rows_for(result, inputs, code)
        return report.build_report(
            result,
            lang=code,
            generated_at=datetime.now().strftime("%Y-%m-%d %H:%M"),
            cost_rows=[asdict(r) for r in rows],
            currency=inputs.currency,
            verdict=verdict(rows, code) if rows else None,
            assumptions=asdict(inputs),
        )

    st.download_button(tr("lab.download_report"), data=build, file_name=f"scalelab_report_{code}.html",
                       mime="text/html", on_click="ignore", key=key, icon=":material/description:",
                       wrap=True)  # fmt: skip
