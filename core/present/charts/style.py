"""What every ScaleLab figure shares: the layout (title, fonts that carry Japanese, legend below), the shaded
training band on a log scale axis, and the smallest error a log axis shows."""

from __future__ import annotations

import math

import plotly.graph_objects as go
import plotly.io as pio

from core.i18n import t
from core.present.format import power_of_ten

ERROR_FLOOR = 1e-7  # log axes cannot show 0: smaller errors are drawn at this value (said in the axis title)
ERROR_CEILING = 1e3  # the top of every error axis: larger errors are drawn at this value (said in the axis title)
# Error axes keep one range whatever the run (log10 units, a little beyond both ends so markers are not cut): a
# reader who clicks from one scenario to the next compares heights, not two rescaled axes (71 % and 0.021 % once
# sat at the same height).
ERROR_RANGE = [math.log10(ERROR_FLOOR) - 0.3, math.log10(ERROR_CEILING) + 0.3]


def clip_error(value: float) -> float:
    """An error as the fixed log axis draws it: within [ERROR_FLOOR, ERROR_CEILING]."""
    return min(max(value, ERROR_FLOOR), ERROR_CEILING)


TEMPLATE = "plotly_white"
# Every figure's template, as plotly's default: plotly applies the default when it serialises a figure, while a
# template set per figure is validated and deep-copied there and then — 15 of the 23 ms a live loss chart took to
# build (measured), each redraw of each session watching a training. The same JSON either way (tested).
pio.templates.default = TEMPLATE


def layout(fig: go.Figure, *, title: str, x: str, y: str, height: int = 380) -> go.Figure:
    """fig with ScaleLab's title, axis titles, legend and fonts (and the TEMPLATE, as the default)."""
    fig.update_layout(
        title={"text": title, "x": 0.0, "xanchor": "left"},
        xaxis_title=x,
        yaxis_title=y,
        height=height,
        margin={"l": 70, "r": 20, "t": 50, "b": 40},
        legend={"orientation": "h", "yanchor": "top", "y": -0.22, "xanchor": "left", "x": 0.0},
        font={"family": "Noto Sans, Noto Sans CJK JP, sans-serif", "size": 14},
    )
    return fig


def training_band(fig: go.Figure, lo: float, hi: float, lang: str) -> None:
    """Shade the training scales on a log x-axis, labelled under the band's middle.

    The label is its own annotation at log10 of the geometric middle: an annotation's x on a log axis is in log10
    units, so add_vrect's own label (placed from x0, x1 as if linear) landed at scale 3–18, right of the band."""
    fig.add_vrect(x0=lo, x1=hi, fillcolor="#999999", opacity=0.15, line_width=0)
    fig.add_annotation(x=math.log10(math.sqrt(lo * hi)), y=0, xref="x", yref="paper", yanchor="bottom",
                       text=t("chart.training_scales", lang), showarrow=False)  # fmt: skip


def error_axis_title(lang: str) -> str:
    """The error axes' title, naming the range they draw in the ticks' own notation (10⁻⁷–10³)."""
    return t("chart.error_y", lang, lo=power_of_ten(ERROR_FLOOR), hi=power_of_ten(ERROR_CEILING))
