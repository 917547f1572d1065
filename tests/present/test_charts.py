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


def test_the_floor_line_is_the_even_floor_for_abs_and_the_one_layer_floor_otherwise() -> None:
    from core.config import Config
    from core.experiments.results import RunResult
    from core.present.charts.lab import error_vs_scale

    def floor_lines(result: RunResult) -> list[tuple[float, str]]:
        fig = error_vs_scale(result, "en")
        texts = [a.text for a in fig.layout.annotations if "floor" in a.text or "even" in a.text]
        return [(s.y0, text) for s, text in zip([s for s in fig.layout.shapes if s.type == "line"], texts)]

    common = {"models": (), "example_true": [], "torch_threads": 1}
    gelu = RunResult(Config(activation="gelu"), 0.707, **common)
    assert floor_lines(gelu) == [(0.707, "one-layer floor √(1 − rank(A)/n) = 0.707")]
    absolute = RunResult(Config(activation="abs"), 1.0, even_floor=1.0, **common)
    assert floor_lines(absolute) == [(1.0, "even first layer |·|: error ≥ 1.000 at every depth")]
    assert floor_lines(RunResult(Config(activation="tanh"), None, **common)) == []
