"""Sessions showing one result (a shared link, a replayed scenario) share its figures: built once, never changed."""

import plotly.graph_objects as go

from ui import frame


class _Result:
    """Stands for a RunResult: any object the sessions hold in common."""


def test_a_figure_is_built_once_per_result_and_variant_and_drawn_untitled(monkeypatch) -> None:
    drawn, builds = [], []
    monkeypatch.setattr(frame, "_draw", lambda title, fig, key: drawn.append((title, fig, key)))

    def build() -> go.Figure:
        builds.append(1)
        return go.Figure(layout={"title": {"text": "Error at every signal scale"}})

    result = _Result()
    for _ in range(3):  # three sessions of one link
        frame.shared_chart(result, build, "error_vs_scale", "en")
    assert len(builds) == 1
    assert drawn[0][1] is drawn[2][1] and drawn[0][0] == "Error at every signal scale"
    assert drawn[0][1].layout.title.text is None  # the title goes above the chart, as page text
    frame.shared_chart(result, build, "error_vs_scale", "ja")  # another language: its own figure
    frame.shared_chart(_Result(), build, "error_vs_scale", "en")  # another result: its own figure
    assert len(builds) == 3


def test_presentation_mode_enlarges_a_copy_and_leaves_the_shared_figure_alone(monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(frame, "presenting", lambda: True)
    monkeypatch.setattr(frame.st, "markdown", lambda *a, **k: None)
    monkeypatch.setattr(frame.st, "plotly_chart", lambda fig, **k: shown.append(fig))
    shared = go.Figure(layout={"height": 400})
    frame._draw(None, shared, "k")
    assert shown[0].layout.font.size == 21 and shown[0].layout.height == 540
    assert shared.layout.font.size is None and shared.layout.height == 400


def test_a_table_with_a_dash_beside_numbers_reads_the_same_and_arrow_takes_it() -> None:
    import pandas as pd
    import pyarrow as pa

    from ui.frame import readable

    df = pd.DataFrame({"model": ["1 layer", "basis pursuit"], "depth": [1, None], "error": [0.71, 0.0]})
    shown = readable(df)
    assert list(shown["depth"]) == ["1", "–"] and list(shown["error"]) == [0.71, 0]
    pa.Table.from_pandas(shown)  # Streamlit's conversion: it raised ArrowInvalid on "–" beside an int


def test_a_shared_figure_gives_streamlit_the_same_spec_and_its_dict_is_made_once(monkeypatch) -> None:
    import json

    import plotly.io
    import plotly.tools

    drawn = []
    monkeypatch.setattr(frame, "_draw", lambda title, fig, key: drawn.append(fig))
    built = go.Figure(go.Scatter(x=[1, 2, 3], y=[3.0, 1.0, 2.0]), layout={"title": {"text": "Loss"}, "height": 360})
    frame.shared_chart(_Result(), lambda: go.Figure(built), "loss", "en")

    def spec(fig: go.Figure) -> dict:  # what st.plotly_chart sends, without empty entries (plotly.js ignores them)
        figure = plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True)
        return pruned(json.loads(plotly.io.to_json(figure, validate=False)))

    def pruned(value: object) -> object:
        if isinstance(value, dict):
            return {k: pruned(v) for k, v in value.items() if v != {}}
        return [pruned(v) for v in value] if isinstance(value, list) else value

    built.update_layout(title=None, margin_t=30)  # as shared_chart draws it: untitled
    assert spec(drawn[0]) == spec(built)
    assert drawn[0].to_dict() is drawn[0].to_dict()  # made once, not a deep copy per draw
