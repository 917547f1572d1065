"""What the charts show, read from the figures themselves."""

import math

import plotly.graph_objects as go

from core.present.charts.lab import training_band


def test_training_scales_label_sits_under_the_middle_of_the_shaded_band() -> None:
    fig = go.Figure()
    fig.update_xaxes(type="log")
    training_band(fig, 0.5, 2.0, "en")
    (band,) = fig.layout.shapes
    (label,) = fig.layout.annotations
    assert (band.x0, band.x1) == (0.5, 2.0)  # shapes take data values on a log axis ...
    assert 10**label.x == 1.0  # ... annotations take log10 values: here the band's geometric middle
    assert label.text == "training scales" and label.yref == "paper" and label.y == 0
    fig = go.Figure()
    training_band(fig, 0.1, 10.0, "ja")
    assert math.isclose(fig.layout.annotations[0].x, 0.0) and fig.layout.annotations[0].text != "training scales"
