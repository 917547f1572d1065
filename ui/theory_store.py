"""Theory answers computed once per seed on a background worker, shared by every session.

Opening the Theory page queues all its answers for its seed, so the next question a manager clicks is usually
ready; they compute one at a time in the Lab's training processes (core/runtime/processes.py: never in this
process, where a training would hold the GIL every session's page needs), so the Lab keeps the other one.
(Not prefetched from the home page: that made the first Train press on a fresh server wait behind it.)
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor

import streamlit as st

from core.experiments.theory import STUDIES
from core.runtime import processes as isolated

MAX_ENTRIES = 8 * len(STUDIES)  # eight seeds' worth: each answer is a few kB


class _Store:
    """LRU of futures keyed by (study, seed)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.futures: OrderedDict[tuple[str, int], Future] = OrderedDict()
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scalelab-theory")

    def submit(self, study: str, seed: int) -> Future:
        with self.lock:
            key = (study, seed)
            future = self.futures.get(key)
            if future is None or (future.done() and future.exception() is not None):
                future = self.pool.submit(isolated.study_in_process, study, seed)
                self.futures[key] = future
            self.futures.move_to_end(key)
            while len(self.futures) > MAX_ENTRIES:
                self.futures.popitem(last=False)
            return future


@st.cache_resource
def _store() -> _Store:
    return _Store()


def answer(study: str, seed: int) -> Future:
    """The (possibly still running) computation of one study for one seed."""
    return _store().submit(study, seed)


def prefetch(seed: int = 0) -> None:
    """Queue every study for the default seed (no-op once queued)."""
    for study in STUDIES:
        answer(study, seed)
