"""The phase-diagram figure: one heatmap per decoder over δ and ρ, with the Donoho–Tanner curve and the floor."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.experiments.sweep.grid import DT_CURVE, Cell, SweepSpec
from core.i18n import DEFAULT_LANG, t
from core.i18n.claims import EXACT_PER_SIGNAL

METRICS = ("success", "exact", "error")
# Red = fails, green = recovers, for both metrics (the error scale is reversed); colour-blind readers get the
# printed value in every cell too.
_SCALES = {"success": "RdYlGn", "exact": "RdYlGn", "error": "RdYlGn_r"}
_FIELDS = {"success": "success_rate", "exact": "exact_recovery", "error": "mean_rms_rel_error"}


def cell_value(cell: Cell, metric: str) -> float | None:
    """The number a cell shows: success rate over seeds, share of signals recovered exactly (the Donoho–Tanner
    curve's own measure), or mean RMS relative error (capped at 1 for the colour)."""
    return getattr(cell, _FIELDS[metric])


def heatmaps(
    spec: SweepSpec,
    cells: Sequence[Cell],
    metric: str = "success",
    lang: str = DEFAULT_LANG,
    *,
    gaussian_a: bool = True,
) -> go.Figure:
    """A row of heatmaps, one per decoder; empty cells (not finished yet) stay blank.

    The Donoho–Tanner curve is drawn only for a random Gaussian A (gaussian_a): it is the large-n 50 % line of exact
    recovery for such matrices and says nothing about an engineer's own A. It is always the signed curve: the
    basis pursuit here has no sign constraint, so nonnegative signals do not move its edge.
    """
    names = [t(f"sweep.dec.{d}", lang) for d in spec.decoders]
    fig = make_subplots(rows=1, cols=len(spec.decoders), shared_yaxes=True, subplot_titles=names)
    by = {(c.decoder, c.delta, c.rho): c for c in cells}
    curve = DT_CURVE["signed"] if gaussian_a else ()
    for col, name in enumerate(spec.decoders, start=1):
        z, text = [], []
        for rho in spec.rhos:
            z_row, text_row = [], []
            for delta in spec.deltas:
                c = by.get((name, delta, rho))
                value = None if c is None else cell_value(c, metric)
                z_row.append(None if value is None else min(value, 1.0))
                label = "" if value is None else f"{value:.2f}"
                if value is not None:  # the counts a reader asks about: how many sources at this many sensors
                    label += "<br>" + t("sweep.cell_s", lang, s=spec.s_for(spec.m_for(delta), rho))
                if c is not None and c.one_layer_floor is not None:
                    label += "<br>" + t("sweep.chart_floor", lang, floor=c.one_layer_floor)
                text_row.append(label)
            z.append(z_row)
            text.append(text_row)
        fig.add_trace(
            go.Heatmap(
                x=list(spec.deltas),
                y=list(spec.rhos),
                z=z,
                text=text,
                texttemplate="%{text}",
                zmin=0.0,
                zmax=1.0,
                colorscale=_SCALES[metric],
                coloraxis=None,
                showscale=col == len(spec.decoders),
                colorbar={"title": {"text": t(f"sweep.metric.{metric}", lang)}},
                hovertemplate="δ = %{x}<br>ρ = %{y}<br>%{text}<extra>" + names[col - 1] + "</extra>",
            ),
            row=1,
            col=col,
        )
        fig.update_xaxes(
            title_text=t("sweep.chart_x", lang, n=spec.n),
            row=1,
            col=col,
            range=_range(spec.deltas),
            tickvals=list(spec.deltas),
            ticktext=_sensor_ticks(spec, lang),
        )
        if not curve:
            continue
        fig.add_trace(
            go.Scatter(
                x=[d for d, _ in curve],
                y=[r for _, r in curve],
                mode="lines+markers",
                line={"color": "black", "dash": "dash", "width": 2},
                name=t("sweep.chart_dt", lang),
                legendgroup="dt",
                showlegend=col == 1,
            ),
            row=1,
            col=col,
        )
    fig.update_yaxes(title_text=t("sweep.chart_y", lang), row=1, col=1, range=_range(spec.rhos))
    fig.update_layout(
        template="plotly",  # the heatmaps keep plotly's own look (style.TEMPLATE is every other chart's default)
        height=430,
        margin={"t": 60, "b": 60},
        legend={"orientation": "h", "y": -0.25},
        title={
            "text": t(f"sweep.chart_title.{metric}", lang, threshold=spec.threshold, exact=EXACT_PER_SIGNAL),
            "font": {"size": 15},
        },
    )
    return fig


def _sensor_ticks(spec: SweepSpec, lang: str) -> list[str]:
    """δ ticks as counts: "16 sensors (δ 0.25)" — the ratio stays beside the count it stands for."""
    return [t("sweep.tick_m", lang, m=spec.m_for(d), delta=d) for d in spec.deltas]


def _range(values: Sequence[float]) -> list[float]:
    """Axis range covering every cell of the heatmap (half a gap beyond the outer values)."""
    lo, hi = min(values), max(values)
    pad = (hi - lo) / (2 * (len(values) - 1)) if len(values) > 1 else 0.1
    return [lo - pad, hi + pad]
