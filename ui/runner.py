"""The seam between pages and core: the shared result store, and runs that fill it."""

from __future__ import annotations

import threading
from collections.abc import Callable

import streamlit as st
import torch

from core.config import Config
from core.experiments.results import RunResult
from core.experiments.run import RunProgress
from core.runtime import processes as isolated
from core.runtime.store import ResultStore


@st.cache_resource
def store() -> ResultStore:
    """The server's one result store (Lab runs, Theory answers, sweeps), shared by every session."""
    return ResultStore()


@st.cache_resource(show_spinner=False)
def warm_up() -> None:
    """Once per server, in the background while the first visitor reads the page: start the training processes
    (each pays torch's first-call set-up, ~3 s measured), which the Lab and the Theory page share."""
    threading.Thread(target=isolated.prestart, name="scalelab-warm-up", daemon=True).start()


def cached_result(cfg: Config) -> RunResult | None:
    """A finished run with exactly this config and seed, if one is cached."""
    return store().get("run", cfg)


def run_and_cache(
    cfg: Config, on_progress: RunProgress, on_stage: Callable[[str], None], *, A: torch.Tensor | None = None
) -> RunResult:
    """Train for real in a training process (drawing progress through the callbacks), then remember the result —
    unless it used a session's own matrix A, which stays in that session."""
    result = isolated.run_in_process(cfg, on_progress=on_progress, on_stage=on_stage, A=A)
    if A is None and all(m.status != "diverged" for m in result.models):
        store().put("run", cfg, result)
    return result
