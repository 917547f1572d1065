"""The Cost page's figure: every model and decoder as a point, estimated monthly cost against measured error."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import plotly.graph_objects as go

from core.cost.estimate import CostRow
from core.i18n import DEFAULT_LANG, t
from core.present.charts.style import ERROR_RANGE, clip_error, error_axis_title, layout
from core.present.labels import colour_of_key


def error_vs_cost(rows: Sequence[CostRow], lang: str = DEFAULT_LANG) -> go.Figure:
    """Every model and decoder as a point: estimated monthly cost (log x) against measured error (log y)."""
    fig = go.Figure()
    shown = [row for row in rows if row.rms_rel_error is not None]
    for row, position in zip(shown, _label_positions(shown)):
        fig.add_trace(
            go.Scatter(x=[max(row.monthly_cost, 1e-9)], y=[clip_error(row.rms_rel_error)], name=row.name,
                       mode="markers+text", text=[row.name], textposition=position,
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


def _label_positions(rows: Sequence[CostRow]) -> list[str]:
    """Where each point's name goes: above it, or — beside a neighbour less than a decade away in cost and half a decade
    in error (two exact decoders side by side at the floor) — above-left and above-right, so names do not overlap."""
    where = [(math.log10(max(r.monthly_cost, 1e-9)), math.log10(clip_error(r.rms_rel_error))) for r in rows]
    positions = ["top center"] * len(rows)
    for i, j in itertools.combinations(range(len(rows)), 2):
        (xi, yi), (xj, yj) = where[i], where[j]
        if abs(xi - xj) < 1.0 and abs(yi - yj) < 0.5:
            left, right = (i, j) if xi <= xj else (j, i)
            positions[left], positions[right] = "top left", "top right"
    return positions
