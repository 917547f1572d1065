"""The benchmark's measurements, one function per section, each returning (what, result, how) rows."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import torch

from core.config import Config
from core.experiments.run import make_problem, rng_for, run
from core.present.labels import model_label
from core.runtime.budget import FLOPS_PER_MAC_TRAINING, trained_macs
from core.runtime.store import ResultStore
from core.science import decoders, speed
from core.science.evaluate import rms_relative_error
from core.science.handbuilt import start_from_hand_built
from core.science.models import MLP, init_weights
from core.science.problems import SparseProblem, sensing_matrix
from core.science.train import TrainLog, train
from core.science.unrolled import UnrolledISTA
from tests import ROOT

from .memory import tree_pss_mb

Row = tuple[str, str, str]


def machine() -> str:
    """CPU model and core count, as /proc/cpuinfo and os say."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, {platform_memory()}"


def platform_memory() -> str:
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        return f"{kb / 1024**2:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        return "RAM unknown"


def versions() -> str:
    return ", ".join(f"{p} {importlib.metadata.version(p)}" for p in ("torch", "streamlit", "numpy", "scipy"))


def lab_comparison(*, quick: bool) -> list[Row]:
    """(a) the default Lab comparison: cold (first run in a fresh process) and cached (replayed)."""
    code = (
        "import time; t=time.perf_counter(); from core.experiments.run import run; from core.config import Config; "
        "run(Config()); print(time.perf_counter()-t)"
    )
    cold = float(
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    )
    warm_start = time.perf_counter()
    result = run(Config())
    warm = time.perf_counter() - warm_start
    cache = ResultStore(Path(tempfile.mkdtemp()) / "results.sqlite3")  # what ui.store keeps, on disk
    cache.put("run", Config(), result)
    t = time.perf_counter()
    for _ in range(100):
        cache.get("run", Config())
    cached = (time.perf_counter() - t) / 100
    trained = " + ".join(f"{m.train_seconds:.1f}" for m in result.models)
    served, first_card, served_trained = _the_app_s_path()
    peak = matmul_peak()
    limit = (
        max(FLOPS_PER_MAC_TRAINING * c.batch * c.steps * macs for c in [Config()] for macs in trained_macs(c)) / peak
    )
    return [
        (
            "(a) default Lab comparison, cold",
            f"{cold:.1f} s",
            "fresh process: torch import, first-call start-up, training, decoders",
        ),
        (
            "(a) default Lab comparison, warm",
            f"{warm:.1f} s",
            f"same process again, the models one after another; training {trained} s, rest evaluation and decoders",
        ),
        (
            "(a) default Lab comparison, the app's path",
            f"{served:.1f} s, {served / limit:.1f}× the FLOP limit ({limit:.2f} s); first card {first_card:.1f} s",
            f"two warm training processes, one model each (training {served_trained} s), as the Lab runs it with both"
            f" slots free; the limit: the two-layer net's 6 × batch × MACs × steps at this machine's one-thread"
            f" matmul peak ({peak / 1e9:.0f} GFLOP/s, 512×512 products); first card: the one-layer net's, shown while"
            " the other trains",
        ),
        (
            "(a) default Lab comparison, cached",
            f"{cached * 1e3:.2f} ms",
            "same settings and seed: replayed from the result store (SQLite, a few kB unpickled)",
        ),
    ]


def _the_app_s_path() -> tuple[float, float, str]:
    """The default comparison through the Lab's training processes (warm, both slots free): total seconds, seconds
    to the first finished model, and the models' training seconds."""
    from core.runtime import processes

    processes.run_in_process(Config(seed=1))  # starts and warms the two processes
    first: list[float] = []
    start = time.perf_counter()
    result = processes.run_in_process(Config(), on_model=lambda *_: first.append(time.perf_counter() - start))
    total = time.perf_counter() - start
    return total, first[0], " and ".join(f"{m.train_seconds:.1f}" for m in result.models)


def matmul_peak(size: int = 512, repeats: int = 20) -> float:
    """FLOP/s of one thread multiplying float32 size × size matrices (the best of `repeats`)."""
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        a, b = torch.randn(size, size), torch.randn(size, size)
        a @ b
        best = min(_timed(lambda: a @ b) for _ in range(repeats))
    finally:
        torch.set_num_threads(previous)
    return 2 * size**3 / best


def _timed(work: Callable[[], object]) -> float:
    """Seconds of one call."""
    t = time.perf_counter()
    work()
    return time.perf_counter() - t


def _time_to(
    target: float, model: torch.nn.Module, problem: SparseProblem, *, lr: float, steps: int, budget: float
) -> tuple[float | None, float, float]:
    """Training seconds until the RMS relative error on 1000 held-out signals first reaches target (evaluation
    time excluded from the clock), the error at the end, and the training seconds the run took."""
    x = problem.unit_signals(1000, rng=torch.Generator().manual_seed(99))
    y = problem.clean(x)
    reached: list[float] = []
    paused = [0.0]
    last = [0.0]

    def on_step(step: int, loss: float, elapsed: float) -> None:
        train_clock = elapsed - paused[0]
        if reached or train_clock - last[0] < 0.25:
            return
        last[0] = train_clock
        t = time.perf_counter()
        model.eval()
        err = rms_relative_error(model, problem, x, y)
        model.train()
        paused[0] += time.perf_counter() - t
        if err <= target:
            reached.append(train_clock)

    log = _train_b(model, problem, lr=lr, steps=steps, seconds=budget, seed=1, on_step=on_step)
    model.eval()
    return (reached[0] if reached else None), rms_relative_error(model, problem, x, y), log.seconds - paused[0]


def _steps_per_second(make: Callable[[], torch.nn.Module], problem: SparseProblem, lr: float) -> float:
    """This machine's sustained training speed for a model (a 4 s run), to fit the schedule to the budget."""
    log = _train_b(make(), problem, lr=lr, steps=10**6, seconds=4.0, seed=2)
    return log.steps_done / log.seconds


def _train_b(model: torch.nn.Module, problem: SparseProblem, *, lr: float, steps: int, seconds: float, seed: int,
             on_step: Callable[[int, float, float], None] | None = None) -> TrainLog:  # fmt: skip
    """Row (b)'s training: batch 256 on scales 0.5–2, as the Lab trains."""
    return train(model, problem, steps=steps, batch=256, lr=lr, train_scales=(0.5, 2.0), max_seconds=seconds,
                 rng=torch.Generator().manual_seed(seed), on_step=on_step)  # fmt: skip


def time_to_accuracy(*, quick: bool) -> list[Row]:
    """(b) seconds of training until RMS relative error 0.10 at n=64, m=32, s=2 (one thread)."""
    budget = 5.0 if quick else 20.0
    torch.set_num_threads(1)
    problem = SparseProblem(A=sensing_matrix(32, 64, rng=torch.Generator().manual_seed(0)), s=2)
    rows = []
    candidates: list[tuple[str, Callable[[], torch.nn.Module], float]] = [
        ("2 hidden layers, width 512, Adam 3e-3", lambda: _mlp(32, 64, 2, 512), 3e-3),
        ("2 hidden layers, width 1024, Adam 2e-3", lambda: _mlp(32, 64, 2, 1024), 2e-3),
        ("2 hidden layers, width 256, started from A, Adam 5e-3", lambda: _from_a(problem, 256), 5e-3),
        ("unrolled ISTA, 4 steps, Adam 3e-3", lambda: UnrolledISTA(problem.A, steps=4), 3e-3),
        ("unrolled ISTA, 8 steps, Adam 3e-3", lambda: UnrolledISTA(problem.A, steps=8), 3e-3),
    ]
    for name, make, lr in candidates:
        # the cosine schedule decays over the steps that fit in the budget, as a user sets the Lab's step count
        steps = max(1, int(_steps_per_second(make, problem, lr) * budget))
        reached, final, seconds = _time_to(0.10, make(), problem, lr=lr, steps=steps, budget=1.5 * budget)
        result = f"{reached:.1f} s" if reached is not None else f"not within {seconds:.0f} s"
        how = f"error after {steps:,} steps ({seconds:.1f} s; cosine schedule over those steps): {final:.3f}"
        rows.append((f"(b) time to 0.10, {name}", result, how))
    return rows


def _from_a(problem: SparseProblem, width: int) -> MLP:
    """A two-layer net that starts as the hand-built one (Lab: "Two-layer net starts: from A")."""
    model = _mlp(problem.m, problem.n, 2, width)
    start_from_hand_built(model, problem.A)
    return model


def _mlp(m: int, n: int, depth: int, width: int) -> MLP:
    net = MLP(m, n, depth=depth, width=width)
    init_weights(net, rng=torch.Generator().manual_seed(0))
    return net


def training_efficiency(*, quick: bool) -> list[Row]:
    """(c) training throughput against this machine's measured float32 matmul peak."""
    rows = []
    for threads in (1, 2):
        torch.set_num_threads(threads)
        peak = max(_matmul_gflops(size) for size in (1024, 2048))
        rows.append((f"(c) float32 matmul peak, {threads} thread(s)", f"{peak:.0f} GFLOP/s",
                     "best of 10 products each of 1024×1024 and 2048×2048 matrices"))  # fmt: skip
        for width in (512, 1024):
            problem = SparseProblem(A=sensing_matrix(32, 64, rng=torch.Generator().manual_seed(0)), s=2)
            net = _mlp(32, 64, 2, width)
            params = sum(p.numel() for p in net.parameters())
            steps = 50 if quick else 200
            log = train(net, problem, steps=steps, batch=1024, lr=1e-3, train_scales=(0.5, 2.0), max_seconds=60,
                        rng=torch.Generator().manual_seed(1))  # fmt: skip
            achieved = 6 * 1024 * params * log.steps_done / log.seconds / 1e9  # forward 2, backward 4 FLOPs per MAC
            rows.append((f"(c) training, 2 layers width {width}, batch 1024, {threads} thread(s)",
                         f"{achieved:.0f} GFLOP/s = {100 * achieved / peak:.0f} % of peak",
                         "6 × batch × parameters FLOPs per step, signal sampling and Adam included"))  # fmt: skip
    torch.set_num_threads(1)
    return rows


def _matmul_gflops(size: int) -> float:
    """Best of 10 products of two size×size float32 matrices, in GFLOP/s."""
    a, b = torch.randn(size, size), torch.randn(size, size)
    a @ b
    return 2 * size**3 / min(_timed(lambda: a @ b) for _ in range(10)) / 1e9


def _timed(call: Callable[[], object]) -> float:
    t = time.perf_counter()
    call()
    return time.perf_counter() - t


def reconstruction(*, quick: bool) -> list[Row]:
    """(d) reconstruction throughput of trained nets against basis pursuit and OMP on the same signals."""
    cfg = Config(n=64, m=32, s=2, depths=(2,), unrolled=4, lr=3e-3, steps=1500 if not quick else 200, baselines=())
    result = run(cfg)
    problem = make_problem(cfg)
    x = problem.unit_signals(200, rng=rng_for(cfg.seed, 7))
    y = problem.clean(x).double().numpy()
    A = problem.A.double().numpy()
    rows = []
    for model in result.models:
        rows.append((f"(d) {model_label(model, 'en')}", f"{model.signals_per_second:,.0f} signals/s",
                     f"error {model.rms_rel_error:.3f}; batches of 1000, one thread"))  # fmt: skip
    best = max(m.signals_per_second for m in result.models)
    for label, solve in _decoder_rows():
        rate = speed.measure_decoder_throughput(solve, A, y)
        err = float(np.sqrt(np.mean(np.sum((solve(A, y) - x.double().numpy()) ** 2, axis=1))))
        slower = f"{rate:,.0f} signals/s ({best / rate:,.0f}× slower than the fastest net)"
        rows.append((f"(d) {label}", slower, f"error {err:.1e}; 200 signals in one call"))
    return rows


def _decoder_rows() -> list[tuple[str, Callable[[np.ndarray, np.ndarray], np.ndarray]]]:
    """(label, decode(A, Y)) of the decoders row (d) times: basis pursuit by ADMM and by LP, and OMP."""
    return [
        ("basis pursuit, batched ADMM (the Lab's)", decoders.basis_pursuit),
        ("basis pursuit, one LP per signal (the exactness reference)", decoders.basis_pursuit_lp),
        ("OMP, s steps", lambda a, yy: decoders.omp(a, yy, s=2)),
    ]


def browser_timings(*, quick: bool) -> list[Row]:
    """(e) in a real browser: page open → first complete render, and Train → results at the defaults."""
    from playwright.sync_api import sync_playwright

    from tests.browser.util import CHROMIUM, CHROMIUM_ARGS, streamlit_server, wait_idle

    (ROOT / "artifacts").mkdir(exist_ok=True)
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with streamlit_server() as url:
            page = browser.new_page()
            for path, name in (
                ("", "Home"),
                ("/Lab", "Lab"),
                ("/Theory", "Theory (default answers cold)"),
                ("/Cost", "Cost"),
            ):
                t = time.perf_counter()
                page.goto(f"{url}{path}?lang=en")
                wait_idle(page, timeout_ms=180_000)
                rows.append((f"(e) open {name}", f"{time.perf_counter() - t:.1f} s",
                             "navigation until the script is idle"))  # fmt: skip
            page.goto(f"{url}/Lab?lang=en&seed=7")  # a seed the background precompute does not train
            wait_idle(page)
            first, full = _train_in_browser(page)
            rows.append(("(e) press Train → results, defaults", f"{full:.1f} s; first card {first:.1f} s",
                         "seed 7 (nothing stored), after the visits above; from the click until the results are"
                         " drawn, and until the first model's card is, while the other trains (timed in the page:"
                         " its mousedown to the frame after each is put in the page); browser and server share the"
                         " 2 cores"))  # fmt: skip
            # a page left open on a stopped server keeps reconnecting, and this server's background precompute
            # would train beside the next rows: each fresh server below has the machine to itself
            page.close()
        with streamlit_server() as fresh:  # empty data directory, background precompute on (the default)
            page = browser.new_page()
            start = time.perf_counter()
            page.goto(f"{fresh}/Lab?lang=en")
            page.get_by_role("button", name="Train and compare").wait_for(timeout=180_000)
            opened = time.perf_counter() - start
            first, full = _train_in_browser(page)
            said = f"{full:.1f} s; first card {first:.1f} s"
            rows.append(("(e) a fresh server: press Train → results, defaults", said,
                         "a new server on an empty data directory (started by scripts/serve, as a host starts it),"
                         f" Train pressed as soon as it shows ({opened:.1f} s after asking for the Lab); timed in the"
                         " page as above"))  # fmt: skip
            page.close()
        with streamlit_server() as fresh:  # another fresh server: Theory is its first page
            page = browser.new_page()
            start = time.perf_counter()
            page.goto(f"{fresh}/Theory?lang=en")
            page.get_by_role("heading", name="Why does depth matter?").wait_for(timeout=180_000)
            shown = time.perf_counter()
            page.locator('[data-testid="stMetric"]').first.wait_for(timeout=180_000)  # the answer's numbers
            answered = time.perf_counter() - shown
            wait_idle(page, timeout_ms=180_000)  # then its charts drawn, and the script idle
            said = (f"{answered:.1f} s after the page shows ({shown - start:.1f} s), its charts"
                    f" {time.perf_counter() - shown:.1f} s")  # fmt: skip
            rows.append(("(e) a fresh server: Theory's first answer", said,
                         "a new server on an empty data directory, Theory its first page: the scale study's two"
                         " nets trained and the classical decoders run; until its numbers show, and until the page"
                         " is idle"))  # fmt: skip
            page.close()
        browser.close()
    rows.append(_fresh_link())
    rows.append(_fresh_theory())
    return rows


def _fresh_theory() -> Row:
    """A fresh server's Theory page as its first page, from a visitor whose browser is elsewhere (a websocket
    session, as _fresh_link): its first answer, from the page's first delta."""
    from bench.headless import open_pages
    from core.i18n import t
    from tests.browser.util import streamlit_server

    with streamlit_server() as fresh:
        (theory,) = open_pages(fresh, [("Theory", "lang=en", t("theory.scale.gap_free", "en"))])
    said = f"{theory.seconds - theory.first:.1f} s after the page shows ({theory.first:.1f} s)"
    said += "" if theory.found else " (answer NOT shown)"
    return ("(e) a fresh server: Theory's first answer, remote visitor", said,
            "a new server on an empty data directory, Theory asked for as soon as it answers its health check;"
            " until the script has sent the answer (the scale study); a websocket session stands for a remote"
            " visitor's browser")  # fmt: skip


def _fresh_link() -> Row:
    """A fresh server's first share link (run=1) from a visitor whose browser is elsewhere: a websocket session
    (bench/headless.py), so no local Chromium shares the 2 cores with the training."""
    from bench.headless import open_pages
    from bench.links import RESULTS, share_link
    from tests.browser.util import streamlit_server

    with streamlit_server() as fresh:
        lab = open_pages(fresh, [("Lab", "lang=en", "Train and compare")])[0]
        link = open_pages(fresh, [("Lab", share_link("seed=0"), RESULTS)])[0]
    said = f"{link.seconds:.1f} s" + ("" if link.found else " (results NOT shown)")
    return ("(e) a fresh server: a share link (run=1) → results, defaults", said,
            f"a new server on an empty data directory; its Lab opened once first ({lab.seconds:.1f} s), then the link"
            " of the default view, which trains on opening; a websocket session stands for a remote visitor's"
            " browser (no Chromium on this machine)")  # fmt: skip


_CARD, _RESULTS = '[data-testid="stMetric"]', "Error at every signal scale"

# In the page itself, on one clock: when the click's mousedown came, when the first card's element and the results'
# heading were put in the page, and the next frame after each (drawn by then). Measured from outside instead, the
# click and the waits added 0.3–0.8 s (Playwright's click checks before it clicks ~0.3 s, and its polling under load).
_WATCH = """([card, results]) => {
  const w = (window.__scalelabTimes = {});
  document.addEventListener("mousedown", () => { w.down ??= performance.now(); }, { capture: true, once: true });
  const seen = (key, found) => {
    if (w[key] === undefined && found()) {
      w[key] = performance.now();
      requestAnimationFrame(() => { w[key + "Frame"] = performance.now(); });
    }
  };
  new MutationObserver((_, observer) => {
    seen("card", () => document.querySelector(card));
    seen("results", () => document.body.textContent.includes(results));
    if (w.card !== undefined && w.results !== undefined) observer.disconnect();
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
}"""


def _train_in_browser(page: Any) -> tuple[float, float]:
    """Press Train on a Lab page showing no results yet: seconds from the click (its mousedown in the page) until the
    first model's card is drawn, and until the results are (the frame after each is put in the page)."""
    page.evaluate(_WATCH, [_CARD, _RESULTS])
    page.get_by_role("button", name="Train and compare").click()
    page.locator(_CARD).first.wait_for(timeout=180_000)
    page.get_by_text(_RESULTS).wait_for(timeout=180_000)
    page.wait_for_function("() => window.__scalelabTimes.resultsFrame !== undefined", timeout=10_000)
    times = page.evaluate("window.__scalelabTimes")
    return (times["cardFrame"] - times["down"]) / 1000, (times["resultsFrame"] - times["down"]) / 1000


def server_memory(*, quick: bool) -> list[Row]:
    """(f) the app server's memory, idle and with 8 sessions each training at once, and a new visitor's wait."""
    import json

    from playwright.sync_api import sync_playwright

    from tests.browser.util import CHROMIUM, CHROMIUM_ARGS, streamlit_server

    from .headless import Session, open_pages

    rows = []
    sessions = 3 if quick else 8
    waits: dict[tuple[str, str], list[float]] = {}
    with streamlit_server() as url, sync_playwright() as p:
        pid = _server_pid(url)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        own_machine = p.chromium.launch(executable_path=_niced(CHROMIUM, -10), args=CHROMIUM_ARGS)
        open_pages(url, [("Lab", "lang=en", "Train and compare")])  # starts the training processes
        time.sleep(15)  # ... which warm up in the background
        rows.append(("(f) server memory, idle (Lab opened)", f"{tree_pss_mb(pid):.0f} MB",
                     "PSS of the streamlit process plus its training processes"))  # fmt: skip
        for _ in range(3):
            _visit(browser, url, waits, "idle server")
        peak = [0.0]
        # The load stands for visitors on other machines: its own process at the lowest priority, so parsing 8
        # sessions' messages takes neither this machine's CPU from the server nor the GIL from this process.
        load = subprocess.Popen(["nice", "-n", "19", sys.executable, "-m", "bench.headless", url, str(sessions)],
                                cwd=ROOT, stdout=subprocess.PIPE, text=True)  # fmt: skip
        sampler = threading.Thread(target=_sample_peak, args=(pid, load, peak))
        t = time.perf_counter()
        sampler.start()
        time.sleep(8)  # all sessions have opened the Lab; 2 train, the others wait for a slot
        busy = f"{sessions} sessions training"
        first = f"{busy}, the browser first in line (nice −10)"
        while load.poll() is None and len(waits.get(("home", busy), [])) < 5:
            _visit(browser, url, waits, busy)
            if len(waits.get(("home", first), [])) < 3 and load.poll() is None:
                _visit(own_machine, url, waits, first, brief=True)
        results = [Session(**json.loads(line)) for line in load.communicate()[0].splitlines()]
        total = time.perf_counter() - t
        sampler.join()
        browser.close()
        own_machine.close()
    ok = sum(r.found for r in results)
    rows.append((f"(f) server memory, {sessions} sessions training at once", f"{peak[0]:.0f} MB peak",
                 f"streamlit process plus training processes; {ok} of {sessions} sessions showed their results, "
                 f"all within {total:.0f} s (2 training processes; the others waited); sessions are real "
                 "websocket sessions without a browser (bench/headless.py), in a process at nice 19"))  # fmt: skip
    for (name, label), values in sorted(waits.items(), key=lambda item: (item[0][0], item[0][1] != "idle server")):
        values.sort()
        how = SERVER_VISIT if "server only" in name else BROWSER_VISIT
        rows.append((f"(f) a new visitor opens {name}, {label}",
                     f"median {values[len(values) // 2]:.2f} s, worst {values[-1]:.2f} s",
                     f"{len(values)} visits: {how}"))  # fmt: skip
    return rows


BROWSER_VISIT = "Chromium, until the page's heading shows; the browser shares the 2 cores"
SERVER_VISIT = "a new websocket session (no browser) until the server has sent the whole page"


def _niced(executable: str, nice: int) -> str:
    """A wrapper that starts executable at this nice value (below 0 needs root; otherwise it starts unchanged)."""
    (ROOT / "artifacts").mkdir(exist_ok=True)
    wrapper = ROOT / "artifacts" / "chromium-nice"  # rewritten each run, not a new temporary directory each time
    wrapper.write_text(f'#!/bin/sh\nexec nice -n {nice} "{executable}" "$@" 2>/dev/null\n')
    wrapper.chmod(0o755)
    return str(wrapper)


def _visit(
    browser: object, url: str, waits: dict[tuple[str, str], list[float]], label: str, *, brief: bool = False
) -> None:
    """A new visitor (fresh browser context: nothing cached) opens the home page, then the Lab, each followed by a
    second tab on the same page (a new session, the app's code now in the browser's cache); then the same two pages
    as bare server sessions, which shows how much of the wait is the server's and how much the browser's.
    brief: the first visits only."""
    from tests.browser.util import wait_idle

    from .headless import open_pages

    pages = (("home", "", "/", "ScaleLab"), ("Lab", "Lab", "/Lab", "One hidden layer or two?"))
    for name, _, path, heading in pages:
        visitor = browser.new_context()
        for tab in (name,) if brief else (name, f"{name} (second tab)"):
            page = visitor.new_page()
            t = time.perf_counter()
            page.goto(f"{url}{path}?lang=en")
            page.get_by_role("heading", name=heading).wait_for(timeout=120_000)
            waits.setdefault((tab, label), []).append(time.perf_counter() - t)
            wait_idle(page, timeout_ms=120_000)
        visitor.close()
    for name, page_name, _, heading in () if brief else pages:
        (session,) = open_pages(url, [(page_name, "lang=en", heading)])
        waits.setdefault((f"{name} (server only)", label), []).append(session.seconds)


def _sample_peak(pid: int, load: subprocess.Popen, peak: list[float]) -> None:
    """Track the server's peak memory until the load process ends."""
    while load.poll() is None:
        peak[0] = max(peak[0], tree_pss_mb(pid))
        time.sleep(0.2)


def _server_pid(url: str) -> int:
    """The streamlit process listening on url's port."""
    port = url.rsplit(":", 1)[1]
    out = subprocess.run(["pgrep", "-f", f"server.port {port}"], capture_output=True, text=True).stdout
    return int(out.split()[0])


def _links(*, quick: bool) -> list[Row]:
    """(h) share links: N visitors of one link at once, a link after a restart, the capped-out link"""
    from .links import share_links

    return share_links(quick=quick)


def _sweeps(*, quick: bool) -> list[Row]:
    """(g) sweeps: local pool with 1 and 2 workers, and a local Dask cluster against the plain pool"""
    from .sweeps import sweeps

    return sweeps(quick=quick)


def _images(*, quick: bool) -> list[Row]:
    """(i) images: a denoiser with biases vs bias-free at σ = 100 after training on σ ≤ 25"""
    from .images import images

    return images(quick=quick)


def _hosting(*, quick: bool) -> list[Row]:
    """(j) hosting: a replica's memory, and what one and two replicas behind nginx serve"""
    from .hosting import hosting

    return hosting(quick=quick)


def _curves(*, quick: bool) -> list[Row]:
    """(k) error vs training seconds at n=64, m=32, s=2: best plain two-layer recipe, unrolled net, normalised net"""
    from .curves import curves

    return curves(quick=quick)


SECTIONS = [
    lab_comparison,
    time_to_accuracy,
    training_efficiency,
    reconstruction,
    browser_timings,
    server_memory,
    _sweeps,
    _links,
    _images,
    _hosting,
    _curves,
]
BROWSER_SECTIONS = {"browser_timings", "server_memory", "_links", "_hosting"}  # _links, _hosting: servers, no browser
