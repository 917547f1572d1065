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
    lowrank = RunResult(Config(problem="lowrank", d=8, m=32), 0.707, **common)  # n is d² = 64 unknowns there
    assert floor_lines(lowrank) == [(0.707, "one-layer floor √(1 − rank(A)/d²) = 0.707")]


def _model(depth: int, errors: dict[str, float], *, bias: bool = False):
    from core.experiments.results import ModelResult

    return ModelResult(
        depth=depth, width=8, activation="relu", bias=bias, params=1, train_seconds=0.0, steps_done=1, status="ok",
        note=None, rms_rel_error=min(errors.values()), rms_rel_error_by_scale=errors, homogeneity_error=0.0,
        loss_curve=(), example=None,
    )  # fmt: skip


def test_the_error_axis_keeps_one_range_whatever_the_run_shows() -> None:
    """71 % in one scenario and 0.021 % in the next must not sit at the same height: the y range is fixed."""
    from core.config import SCALE_KEYS, Config
    from core.experiments.results import RunResult
    from core.present.charts.lab import error_vs_scale
    from core.present.charts.style import ERROR_CEILING, ERROR_FLOOR

    common = {"example_true": [], "torch_threads": 1}
    high = RunResult(Config(), 0.707, models=(_model(1, dict.fromkeys(SCALE_KEYS, 0.71)),), **common)
    low = RunResult(Config(), None, models=(_model(1, dict.fromkeys(SCALE_KEYS, 2.1e-4)),), **common)
    huge = RunResult(Config(), None, models=(_model(2, dict.fromkeys(SCALE_KEYS, 5e4), bias=True),), **common)
    ranges = {tuple(error_vs_scale(r, "en").layout.yaxis.range) for r in (high, low, huge)}
    assert len(ranges) == 1
    (lo, hi) = ranges.pop()
    assert lo < math.log10(ERROR_FLOOR) and hi > math.log10(ERROR_CEILING)
    assert max(error_vs_scale(huge, "en").data[0].y) == ERROR_CEILING  # drawn at the top, as the axis title says


def test_the_cost_chart_draws_each_model_in_its_lab_colour() -> None:
    from core.present.charts.cost import error_vs_cost
    from core.present.labels import BASELINE_STYLES, colour, colour_of_key

    assert colour_of_key("1") == colour(_model(1, {"1": 0.7}))
    assert colour_of_key("2b") == colour(_model(2, {"1": 0.7}, bias=True)) != colour_of_key("2")
    assert colour_of_key("bp") == BASELINE_STYLES["bp"][0]

    class Row:
        def __init__(self, key: str) -> None:
            self.key, self.name, self.kind, self.currency = key, key, "network", "JPY"
            self.monthly_cost, self.rms_rel_error = 1.0, 0.5

    fig = error_vs_cost([Row("1"), Row("2"), Row("2b")], "en")
    assert [trace.marker.color for trace in fig.data] == [colour_of_key(k) for k in ("1", "2", "2b")]


def test_the_example_chart_names_the_sources_from_the_matrix_file_and_escapes_them() -> None:
    """Pilot step 2: the engineer's source names label the x axis; Plotly reads <a href> in tick text, so escaped."""
    from core.config import Config
    from core.experiments.results import RunResult
    from core.present.charts.lab import example_signal

    result = RunResult(Config(n=3, m=2, s=1), None, models=(), example_true=[0.0, 1.5, 0.0], torch_threads=1)
    named = example_signal(result, "1", "en", names=("leak J-15", "<a href='x'>J-20</a>", "leak J-35"))
    assert list(named.data[0].x) == ["leak J-15", "&lt;a href='x'&gt;J-20&lt;/a&gt;", "leak J-35"]
    assert named.layout.xaxis.title.text == "source (names from your matrix file)"
    for names in (None, ("1", "2", "3"), ("a", "a", "b"), ("a", "b")):  # none, a headerless file, repeats, mismatch
        fig = example_signal(result, "1", "en", names=names)
        assert list(fig.data[0].x) == [0, 1, 2] and fig.layout.xaxis.title.text == "signal entry (index)"


def test_the_cost_chart_puts_the_names_of_neighbouring_points_apart() -> None:
    """Basis pursuit and OMP, both exact and a factor 3 apart in cost, had their names printed over each other."""
    from core.cost.estimate import CostRow
    from core.present.charts.cost import error_vs_cost

    def row(key: str, cost: float, error: float):
        fields = dict.fromkeys(CostRow.__dataclass_fields__)
        return CostRow(**fields | {"key": key, "name": key, "monthly_cost": cost, "rms_rel_error": error,
                                   "kind": "decoder", "currency": "JPY"})  # fmt: skip

    fig = error_vs_cost([row("bp", 0.5, 1e-9), row("omp", 2.0, 1e-9), row("one", 0.002, 1.4)], "en")
    assert [trace.textposition for trace in fig.data] == ["top left", "top right", "top center"]


def test_every_chart_is_drawn_with_the_white_template_as_if_each_set_it() -> None:
    import json

    import plotly.io as pio

    from core.present.charts import lab as lab_charts
    from core.present.charts.style import TEMPLATE

    series = [("1 hidden layer", "#1f77b4", [(1, 1.0), (2, 0.5)])]
    fig = lab_charts.loss_curves(series, "en")
    explicit = go.Figure(fig).update_layout(template=TEMPLATE)  # what each figure did before (a validated copy)
    sent = [json.loads(pio.to_json(f, validate=False)) for f in (fig, explicit)]  # what the browser gets
    assert sent[0] == sent[1] and sent[0]["layout"]["template"]["layout"]["plot_bgcolor"] == "white"
