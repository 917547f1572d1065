"""The seam between pages and core: the server's one result store (core/runtime/store.py) and what fills it —
Lab runs in the training processes, Theory answers computed once per seed — each computed once however many
sessions ask at the same time (core/runtime/flights.py).

Opening the Theory page asks for the answer on screen, then queues the default seed's others as background work,
so the next question a manager clicks is usually ready and a Lab run pressed meanwhile still gets both cores; they
compute one at a time in the Lab's training processes (core/runtime/processes.py: never in this process, where a
training would hold the GIL every session's page needs).
(Not prefetched from the home page: that made the first Train press on a fresh server wait behind it. The server
computes the default seed's answers as background work instead, after the Lab's precompute: warm_up.)
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial

import streamlit as st
import torch

from core.config import Config
from core.experiments.images import IMAGES_VERSION, ImagesResult
from core.experiments.images_config import ImagesConfig
from core.experiments.results import RunResult
from core.experiments.run import ModelDone, RunProgress
from core.experiments.scenarios import SCENARIOS
from core.experiments.theory import STUDIES
from core.i18n import Note
from core.io.photos import Photo
from core.runtime import budget, processes, remote, slots, sweeps
from core.runtime.flights import Flight, Full, SingleFlight
from core.runtime.hosting import PRECOMPUTE_ENV
from core.runtime.store import ResultStore


@st.cache_resource
def shared() -> ResultStore:
    """The server's one result store (Lab runs, Theory answers, sweeps), shared by every session and kept on disk in
    the data directory (SCALELAB_DATA_DIR), so it outlives a restart."""
    return ResultStore()


CALIBRATE_AFTER_SECONDS = 10.0  # a fresh server's first visitor has usually pressed Train by then (it comes first)


@st.cache_resource(show_spinner=False)
def warm_up() -> None:
    """Once per server, in the background while the first visitor reads the page: start the training processes
    unless ui.server started them with the server (each pays torch's first-call set-up, ~2.5 s of CPU measured),
    which the Lab and the Theory page share; then measure this machine's training rates for the cost estimate in
    one of them, behind every visitor's training (about 2 s); then precompute the default comparison, the
    scenarios, the Theory page's answers for the default seed and the Images page's default pair in the background
    (unless SCALELAB_PRECOMPUTE=0)."""

    def work() -> None:
        processes.prestart()
        time.sleep(CALIBRATE_AFTER_SECONDS)
        try:
            processes.calibrate_in_process()  # the estimates use the defaults until then
        except processes.TrainingProcessError:  # the server is stopping: its training processes were ended
            return
        if os.environ.get(PRECOMPUTE_ENV, "1") != "0":
            precompute(precomputed())
            for study in STUDIES:
                precompute_answer(study)
            precompute_images(ImagesConfig())

    threading.Thread(target=work, name="scalelab-warm-up", daemon=True).start()


def estimate(cfg: Config) -> budget.Estimate:
    """What a run of cfg would cost on this server, by part (core/runtime/budget.py)."""
    return budget.estimate(cfg)


def cached_result(cfg: Config, *, older: bool = False) -> RunResult | None:
    """A finished run with exactly this config and seed, if one is stored; older=True (a link) also accepts one made
    by an older RESULTS_VERSION, which the result then names."""
    found = shared().find("run", cfg, older=older)
    if found is None:
        return None
    # one object per stored result, so every session replaying it shares its figures (ui.frame.shared_chart); a
    # result stored again under the same key with other numbers (a retrained run) replaces the one held here
    key, fresh = (cfg, found.version), replace(found.value, results_version=found.version)
    with _replays_lock:
        held = _replays.pop(key, None)
        result = held if held == fresh else fresh
        _replays[key] = result  # now the newest
        while len(_replays) > MAX_REPLAYS_KEPT:
            _replays.pop(next(iter(_replays)))
    return result


MAX_REPLAYS_KEPT = 32  # results kept in memory for replays (a few kB each); the store keeps them all
_replays: dict[tuple[Config, int], RunResult] = {}
_replays_lock = threading.Lock()


MAX_QUEUED_RUNS = 8  # different Lab runs training or waiting for a slot at once; more are told the server is busy
MAX_RUNS_PER_CLIENT = 2  # of those, started from one address (two tabs); attaching to a running one is always free


@st.cache_resource
def _runs() -> SingleFlight:
    """Lab runs on the default matrix, one training per config and seed however many sessions ask."""
    # one more thread than the cap: the background precompute's one run (outside the cap) never holds a visitor's
    return SingleFlight(
        shared(), "run", workers=MAX_QUEUED_RUNS + 1, most=MAX_QUEUED_RUNS, per_owner=MAX_RUNS_PER_CLIENT
    )


def client() -> str | None:
    """Who asks, for the per-client cap: the address a reverse proxy appended last to X-Forwarded-For, else the
    connection's address; None for a loopback connection without a proxy (this machine's own tools, the tests)."""
    forwarded = (st.context.headers.get("X-Forwarded-For") or "").split(",")[-1].strip()
    address = forwarded or st.context.ip_address
    return None if not address or (not forwarded and address in ("127.0.0.1", "::1")) else address


ANSWER_THREADS = 8  # the default seed's five background answers (prefetch), and visitors' answers beside them


@st.cache_resource
def _answers() -> SingleFlight:
    """Theory answers, one computation per (study, seed), each in a thread of its own, so the training slots decide
    who goes first (core/runtime/slots.py): a visitor's answer never waits behind the background answers queued
    before it (on one thread it did: the last question, clicked at once, waited for the three before it)."""
    return SingleFlight(shared(), "theory", workers=ANSWER_THREADS)


_visitor_answers = threading.Semaphore(1)  # visitors' answers one at a time: the Lab keeps the other slot


def run_and_cache(
    cfg: Config,
    on_progress: RunProgress,
    on_stage: Callable[[Note], None],
    on_model: ModelDone | None = None,
    *,
    A: torch.Tensor | None = None,
    owner: str | None = None,
) -> RunResult:
    """Train for real in training processes, or on the Dask cluster at SCALELAB_DASK_ADDRESS (drawing progress, and
    from training processes each finished model, through the callbacks), then remember the result.

    On the default matrix, sessions asking for the same config and seed at once share one training: each is shown
    its progress from the start and all get its result; a new training past the server's or this owner's cap raises
    flights.Full. A run on a session's own matrix A is that session's alone, and stays out of the store."""
    if A is not None:
        return processes.run_in_process(cfg, on_progress=on_progress, on_stage=on_stage, on_model=on_model, A=A)

    def train(flight: Flight) -> RunResult:
        report = {"on_progress": partial(flight.report, "progress"), "on_stage": partial(flight.report, "stage")}
        address = os.environ.get(sweeps.ADDRESS_ENV)
        if address:  # the Lab's trainings go where the sweeps go (core/runtime/remote.py); own matrices stay here
            return remote.run_on_cluster(cfg, address=address, **report)
        return processes.run_in_process(cfg, on_model=partial(flight.report, "model"), **report)

    callbacks = {"progress": on_progress, "stage": on_stage, "model": on_model}

    def show(kind: str, args: tuple) -> None:
        if callbacks[kind] is not None:
            callbacks[kind](*args)

    flight = _runs().start(cfg, train, keep=_good, owner=owner)
    return flight.follow(show)


PRECOMPUTE_RETRY_SECONDS = 5.0  # background work that found the visitors' queue full tries again this much later
# background work that gave its slot to a visitor asks again this soon: it waits in line behind every visitor anyway
# and takes a slot only on an idle server (slots.job_slot), which it gives back within ~0.05 s. (After 5 s, a Theory
# answer preempted by a Lab run came 3.9 s after that run ended, measured.)
PREEMPTED_RETRY_SECONDS = 0.5


def precomputed() -> tuple[Config, ...]:
    """What the server computes once in the background, like Gradio's cached examples: the default Lab comparison,
    then the one-click scenarios."""
    return (Config(), *SCENARIOS.values())


def precompute(configs: tuple[Config, ...]) -> None:
    """Train each config in turn as background work — behind every visitor, giving its slot back the moment a
    visitor waits (then retrying) — so a click on it replays stored numbers; a visitor who asks for one still
    running attaches to it, and it stops yielding while watched."""
    for cfg in configs:
        while True:
            try:
                flight = _runs().start(cfg, partial(_train_lowly, cfg), keep=_good, background=True)
                break
            except Full:  # the visitors' trainings fill the queue: they come first
                time.sleep(PRECOMPUTE_RETRY_SECONDS)
        flight.exception()  # wait for it (a failure is a miss: the first visitor trains it instead)


def _train_lowly(cfg: Config, flight: Flight) -> RunResult:
    """One background run, retried after each time it gave its slot to a visitor."""
    while True:
        try:
            return processes.run_in_process(
                cfg,
                on_progress=partial(flight.report, "progress"),
                on_stage=partial(flight.report, "stage"),
                on_model=partial(flight.report, "model"),
                lowly=lambda: not flight.watched(),
            )
        except slots.Preempted:
            time.sleep(PREEMPTED_RETRY_SECONDS)


def _good(result: RunResult) -> bool:
    """Worth storing: no model diverged (a retry may do better)."""
    return all(m.status != "diverged" for m in result.models)


def watching(cfg: Config) -> int:
    """How many sessions follow the training of cfg now."""
    return _runs().watchers(cfg)


def training(cfg: Config) -> Flight | None:
    """The training of cfg on the default matrix while it runs: one object for every session following it."""
    return _runs().running_flight(cfg)


def answer(study: str, seed: int) -> Flight:
    """The (possibly still running) computation of one study for one seed, for a visitor: if it runs as background
    work (precompute_answer), it stops yielding from now on."""
    _asked_event((study, seed)).set()

    def compute(_flight: Flight) -> object:
        with _visitor_answers:
            return processes.study_in_process(study, seed)

    return _answers().start((study, seed), compute)


def precompute_answer(study: str, seed: int = 0) -> None:
    """One Theory answer as background work (warm_up), waited for: see _background_answer.

    (Started with the server instead, it gave a remote visitor's first Theory answer no gain — the page asks for it
    sooner than the server's start-up would — and a fresh server's first share link waited behind it, measured.)"""
    _background_answer(study, seed).exception()


def _background_answer(study: str, seed: int) -> Flight:
    """One Theory answer as background work: behind every visitor, giving its slot back the moment one waits (then
    retrying), so a visitor who opens its question later finds it stored, or attaches to it half-done; a visitor who
    asks for it (answer) makes it ordinary work, waited for."""
    asked = _asked_event((study, seed))

    def compute(_flight: Flight) -> object:
        while True:
            try:
                return processes.study_in_process(study, seed, lowly=lambda: not asked.is_set())
            except slots.Preempted:
                asked.wait(PREEMPTED_RETRY_SECONDS)  # again soon, or at once if a visitor asks for it
            except slots.BusyError:  # visitors kept both slots for minutes: background work waits on, unless asked for
                if asked.is_set():
                    raise

    return _answers().start((study, seed), compute)


_asked: dict[tuple[str, int], threading.Event] = {}  # studies a visitor asked for, by (study, seed)
_asked_lock = threading.Lock()


def _asked_event(key: tuple[str, int]) -> threading.Event:
    """Set once a visitor has asked for this study."""
    with _asked_lock:
        return _asked.setdefault(key, threading.Event())


def prefetch() -> None:
    """The default seed's studies as background work (no-op once queued or stored), after the page's question was
    answered as a visitor's: ready before they are clicked when the server has time, and never in the way of a
    visitor's training (measured: a Lab run started while the Theory page's other answers computed as visitor work
    got one core). Only the default seed's, which warm_up computes anyway: queued per seed, a visitor stepping through
    seeds (or a crafted link) would fill the answers' threads, and every later visitor's answer would wait behind."""
    for study in STUDIES:
        _background_answer(study, Config().seed)


@st.cache_resource
def _images() -> SingleFlight:
    """Images runs on a built-in photograph, one training per config however many sessions ask (same caps as the
    Lab's runs)."""
    return SingleFlight(
        shared(), "images", workers=MAX_QUEUED_RUNS + 1, most=MAX_QUEUED_RUNS, per_owner=MAX_RUNS_PER_CLIENT
    )


def stored_images(cfg: ImagesConfig) -> ImagesResult | None:
    """A finished Images run of exactly this config, if this server keeps one (never for an upload)."""
    found = shared().find("images", cfg, older=False)
    return None if found is None or found.value.version != IMAGES_VERSION else found.value


def train_images(
    cfg: ImagesConfig, on_progress: RunProgress, *, photo: Photo | None = None, owner: str | None = None
) -> ImagesResult:
    """Both denoisers, trained in a training process holding one slot (one after the other, one core); a built-in
    photograph's result is shared by every session asking at once and stored; an upload's stays with its session."""
    if photo is not None:
        return processes.images_in_process(cfg, photo, on_progress=on_progress)

    def train(flight: Flight) -> ImagesResult:
        return processes.images_in_process(cfg, on_progress=partial(flight.report, "progress"))

    flight = _images().start(cfg, train, keep=_good_images, owner=owner)
    return flight.follow(lambda _kind, args: on_progress(*args))


def _good_images(result: ImagesResult) -> bool:
    """Worth storing: neither net diverged."""
    return all(n.status != "diverged" for n in result.nets)


def precompute_images(cfg: ImagesConfig) -> None:
    """The Images page's default pair, as background work after the Lab's (precompute): behind every visitor, giving
    its slot back when one waits, so the page's first visitor usually sees it at once."""
    while True:
        try:
            flight = _images().start(cfg, partial(_train_images_lowly, cfg), keep=_good_images, background=True)
            break
        except Full:
            time.sleep(PRECOMPUTE_RETRY_SECONDS)
    flight.exception()


def _train_images_lowly(cfg: ImagesConfig, flight: Flight) -> ImagesResult:
    """One background Images run, retried after each time it gave its slot to a visitor."""
    while True:
        try:
            return processes.images_in_process(
                cfg, on_progress=partial(flight.report, "progress"), lowly=lambda: not flight.watched()
            )
        except slots.Preempted:
            time.sleep(PREEMPTED_RETRY_SECONDS)
