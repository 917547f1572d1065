"""The sessions of one shared link watch one training, and each live loss chart is built once for all of them."""

from __future__ import annotations

import threading

import pytest

from core.config import Config
from core.present.charts import lab as lab_charts
from core.runtime import processes
from tests.app.conftest import open_page
from ui import store


@pytest.mark.usefixtures("concurrent_apptests")
def test_two_sessions_of_one_link_build_each_live_loss_chart_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Measured before: as many builds as sessions at each draw (~14 ms each, on the server's one interpreter)."""
    cfg = Config(steps=300, width=16, depths=(1,), baselines=(), seed=9292)
    real, both = processes.run_in_process, threading.Event()
    trainings: list[Config] = []

    def training(cfg: Config, *, on_progress, **callbacks: object) -> object:
        trainings.append(cfg)

        def slowly(*args: object) -> None:  # until both sessions follow it, then at its own pace
            both.wait(60)
            on_progress(*args)

        return real(cfg, on_progress=slowly, **callbacks)

    builds: list[tuple] = []
    build = lab_charts.loss_curves
    monkeypatch.setattr(processes, "run_in_process", training)
    monkeypatch.setattr(lab_charts, "loss_curves", lambda *a, **k: builds.append(a) or build(*a, **k))
    query = {"lang": "en", "run": "1", **cfg.to_query()}
    pages: list = [None, None]

    def visit(k: int) -> None:
        pages[k] = open_page("pages/1_Lab.py", query)

    threads = [threading.Thread(target=visit, args=(k,)) for k in (0, 1)]
    for thread in threads:
        thread.start()
    for _ in range(600):
        if store.watching(cfg) == 2:
            break
        threading.Event().wait(0.05)
    both.set()
    for thread in threads:
        thread.join(180)
    assert all(p is not None and not p.exception for p in pages)
    assert trainings == [cfg] and builds  # one training; its last step drawn at least
    drawn = [repr(series) for series, *_ in builds]
    assert len(set(drawn)) == len(drawn)  # the same curves are never built twice
