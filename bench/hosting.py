"""Section (j): hosting — what a replica costs in memory, and what one and two replicas behind nginx serve.

Each replica is started by scripts/serve (as a host starts it) under /scalelab/, the two sharing one data directory;
nginx is Debian's, from scripts/nginx-scalelab.conf (tests/hosting/proxy.py). The load is N Lab share links with
new seeds, all opened at once as real websocket sessions without a browser (bench/headless.py), from their own
process at nice 19, each from its own loopback address (the per-address cap of 2 runs would refuse the rest).
Without our cookie nginx spreads them over the replicas at random (consistent hashing of a random key). Memory is
PSS of each replica's process tree (its training processes included).
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator

from bench.headless import Session, open_pages
from bench.memory import tree_pss_mb
from tests import ROOT

Row = tuple[str, str, str]
WARM_SECONDS = 20  # after the Lab's first visit: training processes warm up, the rates are measured


@contextlib.contextmanager
def _site(count: int) -> Iterator[tuple[str, list[int]]]:
    """count replicas behind nginx, sharing a fresh data directory; yields (the proxy's URL, the replicas' pids)."""
    from tests.browser.util import served
    from tests.hosting.proxy import nginx

    env = {"SCALELAB_BASE_PATH": "/scalelab/", "SCALELAB_DATA_DIR": tempfile.mkdtemp(prefix="scalelab-bench-"),
           "SCALELAB_PRECOMPUTE": "0", "SCALELAB_AUTORUN_SECONDS": "600"}  # fmt: skip
    # every link trains: on a busy machine the measured rates can put the defaults above the 30 s auto-run budget
    with contextlib.ExitStack() as stack:
        replicas = [stack.enter_context(served(env)) for _ in range(count)]
        url = stack.enter_context(nginx([u.split("/")[2] for u, _ in replicas]))
        yield url, [proc.pid for _, proc in replicas]


def _load(url: str, sessions: int, first_seed: int) -> tuple[list[Session], float]:
    """sessions share links with new seeds at once, from a process at nice 19; (their sessions, the wall time)."""
    code = ("import json, sys; from bench.headless import open_pages; "
            f"pages = [('Lab', f'lang=en&run=1&seed={{s}}', 'Error at every signal scale') for s in "
            f"range({first_seed}, {first_seed + sessions})]; "
            f"[print(json.dumps(vars(x)), flush=True) for x in open_pages({url!r}, pages, apart=True)]")  # fmt: skip
    t = time.perf_counter()
    out = subprocess.run(["nice", "-n", "19", sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    return [Session(**json.loads(line)) for line in out.splitlines()], time.perf_counter() - t


def _peak(pids: list[int], stop: threading.Event, peaks: list[float]) -> None:
    """Each replica's peak PSS until stop is set."""
    while not stop.is_set():
        for i, pid in enumerate(pids):
            with contextlib.suppress(Exception):
                peaks[i] = max(peaks[i], tree_pss_mb(pid))
        time.sleep(0.3)


def hosting(*, quick: bool) -> list[Row]:
    """(j) hosting: a replica's memory idle and busy, and what 1 and 2 replicas behind nginx serve"""
    sessions = 2 if quick else 6
    rows: list[Row] = []
    for count in (1, 2):
        with _site(count) as (url, pids):
            # every replica's Lab once (fresh sessions land at random: a few visits reach each one)
            open_pages(url, [("Lab", "lang=en", "Train and compare")] * (4 * count))
            time.sleep(WARM_SECONDS)
            idle = [tree_pss_mb(pid) for pid in pids]
            peaks, stop = [0.0] * count, threading.Event()
            sampler = threading.Thread(target=_peak, args=(pids, stop, peaks))
            sampler.start()
            done, seconds = _load(url, sessions, 500)
            stop.set()
            sampler.join()
        shown = sum(s.found for s in done)
        rows.append((f"(j) {count} replica(s) behind nginx: memory per replica, idle",
                     " / ".join(f"{m:.0f} MB" for m in idle),
                     "PSS of each replica's process tree after its Lab was opened and its training processes warmed "
                     "up (the server plus 2 training processes, each with torch loaded)"))  # fmt: skip
        rows.append((f"(j) {count} replica(s) behind nginx: {sessions} share links training at once",
                     f"all done in {seconds:.1f} s ({shown} of {sessions} showed results); peak "
                     + " / ".join(f"{m:.0f} MB" for m in peaks),
                     "new seeds at the default settings, all opened at once through nginx; each replica trains 2 "
                     "at a time (its slots), so 2 replicas run 4 trainings on this machine's 2 cores"))  # fmt: skip
    return rows
