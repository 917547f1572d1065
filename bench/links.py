"""Section (h): share links in a meeting — N visitors of one link, a link after a restart, a crafted capped-out link.

Visitors are real Streamlit websocket sessions without a browser (bench/headless.py), opened at once (the crowd from
its own process at nice 19, like row (f)'s load); each is timed from opening the link until its script has finished
with the results on the page.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.headless import Session
from core.experiments.scenarios import SCENARIOS
from core.runtime.store import STORE_FILE, ResultStore
from tests import ROOT

Row = tuple[str, str, str]
RESULTS = "Error at every signal scale"  # the Lab's chart title: the results are on the page
CAPPED = "n=256&m=128&s=8&depths=1,2,3,4&width=1024&steps=20000&max_seconds=120&batch=2048"


def share_link(query: str) -> str:
    return f"lang=en&run=1&{query}"


def _crowd(url: str, visitors: int, query: str) -> list[Session]:
    """visitors sessions of one link at once, from their own process at the lowest priority: they stand for
    visitors on other machines, as in row (f)."""
    out = subprocess.run(["nice", "-n", "19", sys.executable, "-m", "bench.headless", url, str(visitors), query],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout  # fmt: skip
    return [Session(**json.loads(line)) for line in out.splitlines()]


def _until_precomputed(path: Path, timeout: float = 600.0) -> float:
    """Seconds until the server's background precompute has stored every config it precomputes (read from the
    same SQLite file, as a second server process would)."""
    from ui.store import precomputed

    store, start = ResultStore(path), time.perf_counter()
    while any(store.get("run", cfg) is None for cfg in precomputed()):
        if time.perf_counter() - start > timeout:
            break
        time.sleep(1.0)
    return time.perf_counter() - start


def share_links(*, quick: bool) -> list[Row]:
    """(h) share links: N visitors of one link at once, a link after a restart, the capped-out link"""
    from tests.browser.util import streamlit_server

    from .headless import open_pages

    (ROOT / "artifacts").mkdir(exist_ok=True)  # the servers' logs
    visitors = 3 if quick else 8
    data = {"SCALELAB_DATA_DIR": tempfile.mkdtemp(prefix="scalelab-bench-data-")}
    with streamlit_server(env={**data, "SCALELAB_PRECOMPUTE": "0"}) as url:  # visitors alone with the server
        open_pages(url, [("Lab", "lang=en", "Train and compare")])  # starts the training processes
        time.sleep(25)  # ... which warm up, then this machine's rates are measured, in the background
        lone = open_pages(url, [("Lab", share_link("seed=301"), RESULTS)])[0]
        crowd = _crowd(url, visitors, share_link("seed=302"))
        lone_again = open_pages(url, [("Lab", share_link("seed=303"), RESULTS)])[0]
        capped = open_pages(url, [("Lab", share_link(CAPPED), "a link may start by itself")])[0]
    precompute = {**data, "SCALELAB_PRECOMPUTE": "1"}
    with streamlit_server(env=precompute) as url:  # the same data directory: a restart, and the precompute on
        first = open_pages(url, [("", "lang=en", "Stated in the paper")])[0]  # the new server's imports, once
        restarted = open_pages(url, [("Lab", share_link("seed=301"), RESULTS)])[0]  # the Lab's first visit: warm-up
        time.sleep(20)  # the training processes warm up, the rates are measured, the precompute starts
        beside = open_pages(url, [("Lab", share_link("seed=304"), RESULTS)])[0]
        precomputed = _until_precomputed(Path(data["SCALELAB_DATA_DIR"]) / STORE_FILE)
        scenario = open_pages(url, [("Lab", share_link(urlencode(SCENARIOS["two_layers"].to_query())), RESULTS)])[0]
    worst = max(s.seconds for s in crowd)
    alone = (lone.seconds + lone_again.seconds) / 2  # before and after the crowd: this shared machine's speed varies
    return [
        ("(h) a lone visitor of a share link (run=1), warm server",
         f"{lone.seconds:.1f} s and {lone_again.seconds:.1f} s",
         "default settings, a seed nobody has run: trains, then shows the results; before and after the crowd"),
        (f"(h) {visitors} visitors of one share link at once", f"worst {worst:.1f} s, {worst / alone:.2f}× "
         f"the lone visitor ({sum(s.found for s in crowd)} of {visitors} showed results)",
         "another new seed; one training, every session attached to it (core/runtime/flights.py)"),
        ("(h) the same link after a restart", f"{restarted.seconds:.2f} s, {restarted.seconds / alone:.2f}× a "
         "fresh training" + ("" if restarted.found else " (results NOT shown)"),
         f"a new server on the same data directory, after one home-page visit ({first.seconds:.1f} s, the server's "
         "first imports): the numbers come from the SQLite store"),
        ("(h) a lone visitor while the background precompute runs", f"{beside.seconds:.1f} s, "
         f"{beside.seconds / alone:.2f}× the lone visitor without it",
         "a new seed on the restarted server 20 s after its Lab's first visit, when the precompute of the default "
         "view and the scenarios is under way (it runs only on an idle server and gives its slot back when a "
         "visitor's training asks for one)"),
        ("(h) a one-click scenario, precomputed", f"{scenario.seconds:.2f} s"
         + ("" if scenario.found else " (results NOT shown)"),
         f"the 'two layers' scenario's settings as a link, on the restarted server once its background precompute "
         f"had stored the default view and the six scenarios ({precomputed:.0f} s after the restart; the page's "
         "click replays the same stored numbers)"),
        ("(h) a crafted link asking for every cap", f"{capped.seconds:.2f} s to the page; "
         + ("shows its estimate, trains nothing" if capped.found else "estimate NOT shown"),
         "n=256, 4 depths, width 1024, 20,000 steps, 120 s: above the 30 s auto-run budget"),
    ]  # fmt: skip
