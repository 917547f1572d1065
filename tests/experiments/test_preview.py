"""The Lab's preview before Train: the very signal the results will show, and its measurements."""

import pytest
import torch

from core.config import Config
from core.experiments.run import make_problem, preview, run
from core.present.charts.lab import problem_preview


def test_the_preview_is_the_results_example_signal_and_its_measurements() -> None:
    cfg = Config(n=24, m=12, s=2, depths=(1,), width=8, steps=2, batch=8, baselines=(), seed=5)
    x, y = preview(cfg)
    assert x == run(cfg).example_true  # the same seeded draw the results plot
    assert sum(v != 0 for v in x) == 2 and len(y) == 12
    A = make_problem(cfg).A
    assert torch.allclose(torch.tensor(y), A @ torch.tensor(x, dtype=A.dtype), atol=1e-5)


@pytest.mark.parametrize(("problem", "m"), [("lowrank", 32), ("phase", 48)])
def test_the_preview_of_the_other_problems_has_their_sizes(problem: str, m: int) -> None:
    cfg = Config(problem=problem, m=m, s=3, d=8, rank=1)
    x, y = preview(cfg)
    assert (len(x), len(y)) == (cfg.signal_length, m)


def test_the_preview_chart_says_its_sizes_in_either_language() -> None:
    x, y = preview(Config())
    titles = {lang: [a.text for a in problem_preview(x, y, lang).layout.annotations] for lang in ("en", "ja")}
    assert titles["en"] == ["the signal x: 32 numbers, 1 not zero", "what is measured, y = A·x: 16 numbers"]
    assert "32個" in titles["ja"][0] and "16個" in titles["ja"][1]
