"""The seam between pages and core: a bounded, shared cache of finished runs."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

import streamlit as st
import torch

from core.config import Config
from core.experiments.results import RunResult
from core.experiments.run import RunProgress
from core.runtime import processes as isolated

CACHE_ENTRIES = 64  # a RunResult is a few kB: this bounds the cache to well under a megabyte
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """LRU of finished results keyed by their settings (which include the seed), shared by all sessions."""

    def __init__(self, entries: int = CACHE_ENTRIES) -> None:
        self.lock = threading.Lock()
        self.entries = entries
        self.items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key: K, value: V) -> None:
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.entries:
                self.items.popitem(last=False)


@st.cache_resource
def _cache() -> BoundedCache[Config, RunResult]:
    return BoundedCache()


@st.cache_resource(show_spinner=False)
def warm_up() -> None:
    """Once per server, in the background while the first visitor reads the page: start the training processes
    (each pays torch's first-call set-up, ~3 s measured), which the Lab and the Theory page share."""
    threading.Thread(target=isolated.prestart, name="scalelab-warm-up", daemon=True).start()


def cached_result(cfg: Config) -> RunResult | None:
    """A finished run with exactly this config and seed, if one is cached."""
    return _cache().get(cfg)


def run_and_cache(
    cfg: Config, on_progress: RunProgress, on_stage: Callable[[str], None], *, A: torch.Tensor | None = None
) -> RunResult:
    """Train for real in a training process (drawing progress through the callbacks), then remember the result —
    unless it used a session's own matrix A, which stays in that session."""
    result = isolated.run_in_process(cfg, on_progress=on_progress, on_stage=on_stage, A=A)
    if A is None and all(m.status != "diverged" for m in result.models):
        _cache().put(cfg, result)
    return result
