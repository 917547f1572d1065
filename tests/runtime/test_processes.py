"""Lab trainings in a training process: the same numbers as in-process, progress relayed, stops and errors handled."""

import subprocess
import sys
import threading

import pytest
import torch

from core.config import Config
from core.experiments import theory
from core.experiments.run import run
from core.runtime import budget, processes, slots
from tests import ROOT

pytestmark = pytest.mark.slow
SMALL = Config(steps=60, width=32, baselines=("omp",))


def _numbers(result) -> list:
    return [(m.depth, m.rms_rel_error, m.rms_rel_error_by_scale, m.loss_curve) for m in result.models]


def test_a_training_process_gives_the_in_process_numbers_and_relays_every_step() -> None:
    steps, cards, held = [], [], []

    def on_model(part, model, so_far) -> None:
        cards.append((part, [m.depth for m in so_far.models]))

    def on_progress(k: int, step: int, loss: float, seconds: float) -> None:
        steps.append((k, step))
        held.append(slots.running())

    result = processes.run_in_process(SMALL, on_progress=on_progress, on_model=on_model)
    alone = run(SMALL)
    assert _numbers(result) == _numbers(alone)
    assert [b.rms_rel_error for b in result.baselines] == [b.rms_rel_error for b in alone.baselines]
    # two training processes, one model each: every step of each, in order, the two interleaved
    assert sorted(steps) == [(k, s) for k in range(2) for s in range(1, 61)]
    assert [s for k, s in steps if k == 0] == list(range(1, 61)) == [s for k, s in steps if k == 1]
    assert max(held) == 2 and slots.running() == 0  # the run took the free second slot, and gave both back
    # each card as soon as its model was judged, the cards so far in the Lab's order whichever finished first
    assert sorted(part for part, _ in cards) == ["train:0", "train:1"] and cards[-1][1] == [1, 2]


def test_a_busy_server_runs_the_models_one_after_another_and_says_so() -> None:
    release, holding = threading.Event(), threading.Event()

    def other_visitor() -> None:
        with slots.job_slot():
            holding.set()
            release.wait(60)

    guest = threading.Thread(target=other_visitor)
    guest.start()
    assert holding.wait(10)
    stages, steps, held = [], [], []
    try:
        result = processes.run_in_process(SMALL, on_stage=lambda n: stages.append(n.key),
                                          on_progress=lambda k, step, *_: (steps.append((k, step)),
                                                                           held.append(slots.running())))  # fmt: skip
    finally:
        release.set()
        guest.join()
    assert stages[0] == "note.stage.one_core" and max(held) == 2  # its one slot and the other visitor's
    assert steps == [(k, s) for k in range(2) for s in range(1, 61)]  # one process: one model after the other
    assert _numbers(result) == _numbers(run(SMALL))


def test_a_stopped_run_frees_its_slot_and_the_next_run_still_works() -> None:
    class PageStopped(Exception):
        pass

    def stop_at_step_5(k: int, step: int, loss: float, seconds: float) -> None:
        if step == 5:
            raise PageStopped

    with pytest.raises(PageStopped):
        processes.run_in_process(Config(steps=5000, width=256), on_progress=stop_at_step_5)
    assert slots.running() == 0
    assert _numbers(processes.run_in_process(SMALL)) == _numbers(run(SMALL))


def test_an_error_in_the_training_process_reaches_the_caller_as_itself() -> None:
    with pytest.raises(ValueError, match=r"A has shape \(3, 3\), the config asks for \(16, 32\)"):
        processes.run_in_process(SMALL, A=torch.zeros(3, 3))
    assert slots.running() == 0


def test_a_theory_study_in_a_training_process_gives_the_in_process_answer() -> None:
    assert processes.study_in_process("odd_part", 3) == theory.odd_part_study(3)
    assert slots.running() == 0


def test_the_scale_study_splits_over_both_training_processes_with_the_numbers_of_one(monkeypatch) -> None:
    whole = theory.scale_study(2)
    assert list(whole.error_by_scale) == ["bias-free", "with bias", "bp", "lasso"]
    parts = [theory.scale_study(2, (part,)) for part in reversed(theory.SCALE_PARTS)]
    assert theory.merge_scale(parts) == whole  # in any order
    sent, jobs = [], processes._jobs
    monkeypatch.setattr(
        processes, "_jobs", lambda messages, *a, **k: sent.append(len(messages)) or jobs(messages, *a, **k)
    )
    assert processes.study_in_process("scale", 2) == whole  # both slots free: its two nets train at once
    assert slots.running() == 0
    with slots.job_slot():  # one slot busy: the study runs whole on the other
        assert processes.study_in_process("scale", 2) == whole
    assert sent == [2, 1]


def test_only_the_theory_page_s_studies_can_be_asked_for() -> None:
    with pytest.raises(ValueError, match=r"unknown study 'os\.system'"):
        processes.study_in_process("os.system", 0)


def test_a_background_run_gives_its_slot_back_when_a_visitor_asks_for_one() -> None:
    release, training = threading.Event(), threading.Event()
    outcome: list[BaseException] = []

    def visitor() -> None:
        with slots.job_slot():
            release.wait(60)

    def background() -> None:
        try:
            processes.run_in_process(Config(steps=20_000, width=64, baselines=()), lowly=lambda: True,
                                     on_progress=lambda *_: training.set())  # fmt: skip
        except BaseException as exc:
            outcome.append(exc)

    processes.prestart()
    with processes._idle_lock:
        before = {id(w) for w in processes._idle}
    lowly = threading.Thread(target=background)
    lowly.start()
    assert training.wait(60)  # an idle server: it trains
    guest = threading.Thread(target=visitor)
    guest.start()  # a visitor asks for a slot (one is free): the background run stops all the same
    lowly.join(30)
    assert not lowly.is_alive() and isinstance(outcome[0], slots.Preempted)
    # its training process stopped at its next step and stays, warm, for the visitor: not killed and replaced
    with processes._idle_lock:
        kept = [w for w in processes._idle if w.proc.is_alive()]
    assert before & {id(w) for w in kept}
    release.set()
    guest.join()
    assert slots.running() == 0


def test_a_background_study_stops_at_its_next_step_when_a_visitor_asks_for_a_slot() -> None:
    """Theory's first answer is computed at a server's start as background work (ui.store.precompute_answer)."""
    outcome: list[BaseException] = []

    def background() -> None:
        try:
            processes.study_in_process("activations", 0, lowly=lambda: True)  # eight trainings: seconds
        except BaseException as exc:
            outcome.append(exc)

    processes.prestart()
    with processes._idle_lock:
        before = {id(w) for w in processes._idle}
    lowly = threading.Thread(target=background)
    lowly.start()
    while slots.running() == 0:  # an idle server: it takes a slot
        threading.Event().wait(0.05)
    with slots.job_slot():  # a visitor asks for a slot (one is free): the background study stops all the same
        lowly.join(30)
        assert not lowly.is_alive() and isinstance(outcome[0], slots.Preempted)
    # its training process stopped at its next training step and stays, warm: not killed and replaced
    with processes._idle_lock:
        kept = [w for w in processes._idle if w.proc.is_alive()]
    assert before & {id(w) for w in kept}
    assert slots.running() == 0
    assert processes.study_in_process("odd_part", 3) == theory.odd_part_study(3)  # the kept process answers


def test_a_candidate_ranking_in_a_training_process_gives_the_in_process_ranking_and_relays_progress() -> None:
    import numpy as np

    from core.experiments import placement

    rng = np.random.default_rng(0)
    A, rows = rng.standard_normal((5, 10)), rng.standard_normal((4, 10))
    cfg = Config(n=10, m=5, s=1, baselines=("bp", "omp"))
    seen: list[tuple[int, int]] = []
    ranking = processes.rank_in_process(A, rows, cfg, lead="omp", on_progress=lambda *done: seen.append(done))
    assert ranking == placement.rank_candidates(A, rows, cfg, lead="omp")
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_the_calibration_runs_in_a_training_process_and_this_process_then_estimates_with_its_rates() -> None:
    before = len(budget._measured)
    rates = processes.calibrate_in_process()
    assert 0 < rates.step_overhead < 1 and 1e6 < rates.flops_per_second < float("inf")
    assert len(budget._measured) == before + 1 and budget.current_rates() == rates
    assert slots.running() == 0  # its slot is free again


def test_a_training_process_starts_without_the_decoders_libraries() -> None:
    # sklearn (~1.7 s of CPU to import), scipy.optimize and pandas are imported where they are used: a fresh server's
    # first training does not wait for them (its decoders part imports them while the other process trains)
    code = (
        "import sys; from core.runtime import processes; "
        "print(sorted(m for m in ('sklearn', 'pandas', 'scipy.optimize') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_training_process_does_not_run_the_page_script_streamlit_made_main(tmp_path, monkeypatch) -> None:
    import types

    ran = tmp_path / "ran"
    script = tmp_path / "page.py"
    script.write_text(f"open({str(ran)!r}, 'w').close()\n")
    page = types.ModuleType("__main__")  # as Streamlit leaves sys.modules["__main__"] after a page's run
    page.__file__, page.__spec__ = str(script), None
    monkeypatch.setitem(sys.modules, "__main__", page)
    worker = processes._Worker()
    try:
        worker.conn.send(("run", processes.WARM_UP, None, None))
        while (answer := worker.conn.recv())[0] not in ("done", "error"):
            pass
        assert answer[0] == "done"
    finally:
        worker.close()
    assert not ran.exists()


def test_a_training_process_stops_training_when_its_server_is_gone() -> None:
    # a killed server's training would otherwise keep a new server's cores busy until its job ends
    import time

    code = (
        "import os\nfrom core.config import Config\nfrom core.runtime import launch\n"
        "w = launch.start_worker()\n"
        "w.conn.send(('run', Config(steps=20000, max_seconds=120, width=256, baselines=()), None, None))\n"
        "while w.conn.recv()[0] != 'progress':\n    pass\n"
        "print(w.proc.pid, flush=True)\nos._exit(0)  # as a killed server: no clean-up\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    pid = int(done.stdout.split()[0])
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.2)
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped has ended)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
