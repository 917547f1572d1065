"""The Cost page's figure: every model and decoder as a point, estimated monthly cost against measured error."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from core.cost.estimate import CostRow
from core.i18n import DEFAULT_LANG, t
from core.present.charts.style import ERROR_RANGE, clip_error, error_axis_title, layout
from core.present.labels import colour_of_key


def error_vs_cost(rows: Sequence[CostRow], lang: str = DEFAULT_LANG) -> go.Figure:
    """Every model and decoder as a point: estimated monthly cost (log x) against measured error (log y)."""
    fig = go.Figure()
    for row in rows:
        if row.rms_rel_error is None:
            continue
        fig.add_trace(
            go.Scatter(x=[max(row.monthly_cost, 1e-9)], y=[clip_error(row.rms_rel_error)], name=row.name,
                       mode="markers+text", text=[row.name], textposition="top center",
                       marker={"size": 16, "symbol": "circle" if row.kind == "network" else "diamond",
                               "color": colour_of_key(row.key)})
        )  # fmt: skip
    fig.update_xaxes(type="log")
    fig.update_yaxes(type="log", exponentformat="power", range=ERROR_RANGE)
    currency = rows[0].currency if rows else "JPY"
    title, x, y = (
        t("costpage.chart_title", lang),
        t("costpage.chart_x", lang, currency=currency),
        error_axis_title(lang),
    )
    return layout(fig, title=title, x=x, y=y, height=480)
