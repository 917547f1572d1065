"""The seam between pages and core: the server's one result store (core/runtime/store.py) and what fills it —
Lab runs in the training processes, Theory answers computed once per seed.

Opening the Theory page queues all its answers for its seed, so the next question a manager clicks is usually
ready; they compute one at a time in the Lab's training processes (core/runtime/processes.py: never in this
process, where a training would hold the GIL every session's page needs), so the Lab keeps the other one.
(Not prefetched from the home page: that made the first Train press on a fresh server wait behind it.)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace

import streamlit as st
import torch

from core.config import Config
from core.experiments.results import RunResult
from core.experiments.run import RunProgress
from core.experiments.theory import STUDIES
from core.runtime import processes
from core.runtime.store import ResultStore


@st.cache_resource
def shared() -> ResultStore:
    """The server's one result store (Lab runs, Theory answers, sweeps), shared by every session and kept on disk in
    the data directory (SCALELAB_DATA_DIR), so it outlives a restart."""
    return ResultStore()


@st.cache_resource(show_spinner=False)
def warm_up() -> None:
    """Once per server, in the background while the first visitor reads the page: start the training processes
    (each pays torch's first-call set-up, ~3 s measured), which the Lab and the Theory page share."""
    threading.Thread(target=processes.prestart, name="scalelab-warm-up", daemon=True).start()


def cached_result(cfg: Config, *, older: bool = False) -> RunResult | None:
    """A finished run with exactly this config and seed, if one is stored; older=True (a link) also accepts one made
    by an older RESULTS_VERSION, which the result then names."""
    found = shared().find("run", cfg, older=older)
    return None if found is None else replace(found.value, results_version=found.version)


def run_and_cache(
    cfg: Config, on_progress: RunProgress, on_stage: Callable[[str], None], *, A: torch.Tensor | None = None
) -> RunResult:
    """Train for real in a training process (drawing progress through the callbacks), then remember the result —
    unless it used a session's own matrix A, which stays in that session."""
    result = processes.run_in_process(cfg, on_progress=on_progress, on_stage=on_stage, A=A)
    if A is None and all(m.status != "diverged" for m in result.models):
        shared().put("run", cfg, result)
    return result


class _Answers:
    """Theory answers: finished ones live in the server's result store, running ones here (one computation per
    (study, seed), however many sessions ask for it)."""

    def __init__(self, results: ResultStore) -> None:
        self.results = results
        self.lock = threading.RLock()  # a future already done runs its callback at once, in this thread
        self.running: dict[tuple[str, int], Future] = {}
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scalelab-theory")

    def submit(self, study: str, seed: int) -> Future:
        key = (study, seed)
        with self.lock:
            done = self.results.get("theory", key)
            if done is not None:
                future: Future = Future()
                future.set_result(done)
                return future
            if key not in self.running:
                self.running[key] = self.pool.submit(processes.study_in_process, study, seed)
                self.running[key].add_done_callback(lambda f, key=key: self._finished(key, f))
            return self.running[key]

    def _finished(self, key: tuple[str, int], future: Future) -> None:
        """Keep a good answer in the store; a failed one is forgotten, so the next visit tries again."""
        with self.lock:
            self.running.pop(key, None)
            if not future.cancelled() and future.exception() is None:
                self.results.put("theory", key, future.result())


@st.cache_resource
def _answers() -> _Answers:
    return _Answers(shared())


def answer(study: str, seed: int) -> Future:
    """The (possibly still running) computation of one study for one seed."""
    return _answers().submit(study, seed)


def prefetch(seed: int = 0) -> None:
    """Queue every study for the default seed (no-op once queued)."""
    for study in STUDIES:
        answer(study, seed)
