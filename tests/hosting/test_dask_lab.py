"""The Lab with its trainings on a Dask cluster (SCALELAB_DASK_ADDRESS), in a real Chromium: the page shows the
training's progress as it comes back from the worker, then the results; the run is one task on the cluster."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.util import served, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LINK = "n=16&m=8&s=1&depths=1,2&width=32&steps=3000&batch=64&seed=9&lang=en&run=1"  # a few seconds of steps


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0",
                      silence_logs=logging.CRITICAL) as c:  # fmt: skip
        yield c


def _task_names(cluster) -> list[str]:
    """The names of the kinds of task the cluster's scheduler has seen (a Lab run's: scalelab-run)."""
    from distributed import Client

    with Client(cluster.scheduler_address, set_as_default=False) as client:
        return client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.task_prefixes))


def test_a_lab_run_on_the_cluster_streams_its_progress_to_the_page(browser, cluster) -> None:
    # the link trains whatever this busy machine's measured rates say (the auto-run budget is not under test here)
    env = {"SCALELAB_DASK_ADDRESS": cluster.scheduler_address, "SCALELAB_AUTORUN_SECONDS": "600"}
    with served(env) as (url, _proc):
        page = browser.new_page(viewport={"width": 1400, "height": 2200})
        page.goto(f"{url}/Lab?{LINK}")
        expect(page.get_by_text(re.compile(r"Training 2 hidden layers: step \d+ of 3000"))).to_be_visible(
            timeout=120_000
        )  # progress from the worker, drawn while it trains
        expect(page.locator('[data-testid="stMetricValue"]').first).to_be_visible(timeout=120_000)
        wait_idle(page)
        page.close()
    assert "scalelab-run" in _task_names(cluster)  # trained on the cluster, not in the server's processes
