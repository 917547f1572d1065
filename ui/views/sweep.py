"""The Sweep page's parts: controls that make a SweepSpec, a run whose map fills in live, and the results."""

from __future__ import annotations

import ipaddress
import os
import time
from dataclasses import asdict, dataclass, fields
from urllib.parse import urlparse

import numpy as np
import pandas as pd
import streamlit as st

from core.config import INITS, OPTIMIZERS, ConfigError
from core.experiments.sweep.grid import SweepResult, TaskResult, cells, check_matrix, eta_seconds, tasks
from core.experiments.sweep.spec import SWEEP_CAPS, SWEEP_DECODERS, SweepSpec
from core.i18n.claims import RECOVERS
from core.present.charts import sweep as sweep_charts
from core.present.csvfile import frame_csv
from core.runtime import slots
from core.runtime.sweeps import ADDRESS_ENV, ClusterError, run_sweep
from ui.frame import chart, labeller, lang, set_url, tr
from ui.store import shared
from ui.views import pilot as pilot_view

AXIS_OPTIONS = tuple(round(0.05 * k, 2) for k in range(1, 21))  # 0.05 … 1.0: keyboard-free grid choice
REMOTE_ENV = "SCALELAB_ALLOW_REMOTE_CLUSTER"
REDRAW_SECONDS = 0.5  # the live map redraws at most this often
_SHADOW = "_sweep_spec"  # the last valid spec, kept across page switches
_RESULT, _PARTIAL = "_sweep_result", "_sweep_partial"


def _initial_spec() -> SweepSpec:
    """The link's sweep if it has one, else this session's last, else the defaults."""
    params = st.query_params.to_dict()
    if any(f.name in params for f in fields(SweepSpec)) and "deltas" in params:
        return SweepSpec.from_query(params)
    return st.session_state.get(_SHADOW, SweepSpec())


def _seed_widgets(spec: SweepSpec) -> None:
    """Put a spec into the widgets' keys (sw_<field>) once per session and page visit."""
    for f in fields(SweepSpec):
        key = f"sw_{f.name}"
        if key not in st.session_state:
            value = getattr(spec, f.name)
            st.session_state[key] = list(value) if isinstance(value, tuple) else value
    _seed_metric()


def _seed_metric() -> None:
    """The map's metric from the link, unless chosen already: Streamlit drops a widget's key after a run that did not
    draw it (no map on screen, e.g. after switching to the engineer's own matrix), and the next run needs one."""
    if "sw_metric" not in st.session_state:
        metric = st.query_params.get("metric")
        st.session_state["sw_metric"] = metric if metric in sweep_charts.METRICS else "success"


def controls() -> tuple[SweepSpec | None, str | None]:
    """Draw the settings; return (spec, None), or (None, why) for a combination that cannot run."""
    if "sw_n" not in st.session_state:
        _seed_widgets(_initial_spec())
    _seed_metric()
    for key in ("sw_deltas", "sw_rhos"):  # a link may carry values that are not on the preset list
        extra = [v for v in st.session_state[key] if v not in AXIS_OPTIONS]
        st.session_state[f"{key}_options"] = sorted({*AXIS_OPTIONS, *extra})
    c1, c2, c3 = st.columns([1, 2, 2])
    cap = SWEEP_CAPS
    c1.number_input(tr("sweep.n"), int(cap["n"].lo), int(cap["n"].hi), key="sw_n")
    c1.number_input(tr("sweep.seeds"), int(cap["seeds"].lo), int(cap["seeds"].hi), key="sw_seeds")
    c2.multiselect(tr("sweep.deltas"), st.session_state["sw_deltas_options"], key="sw_deltas",
                   help=tr("sweep.deltas_help"))  # fmt: skip
    c3.multiselect(tr("sweep.rhos"), st.session_state["sw_rhos_options"], key="sw_rhos", help=tr("sweep.rhos_help"))
    c2.multiselect(tr("sweep.decoders"), SWEEP_DECODERS, key="sw_decoders", format_func=labeller("sweep.dec.{}"))
    c3.number_input(tr("sweep.threshold"), cap["threshold"].lo, cap["threshold"].hi, step=0.05, key="sw_threshold",
                    format="%.3f")  # fmt: skip
    with st.expander(tr("sweep.training")):
        t1, t2, t3, t4 = st.columns(4)
        t1.number_input(tr("sweep.width"), int(cap["width"].lo), int(cap["width"].hi), step=32, key="sw_width")
        t2.number_input(tr("sweep.steps"), int(cap["steps"].lo), int(cap["steps"].hi), step=100, key="sw_steps")
        t3.number_input(tr("sweep.noise"), 0.0, cap["noise"].hi, step=0.01, key="sw_noise")
        t4.number_input(tr("sweep.seed"), int(cap["seed"].lo), int(cap["seed"].hi), key="sw_seed")
        st.radio(tr("ctl.init"), INITS, key="sw_init", horizontal=True, format_func=labeller("init.{}"),
                 help=tr("ctl.init_help"))  # fmt: skip
        st.radio(tr("sweep.optimizer"), OPTIMIZERS[::-1], key="sw_optimizer", horizontal=True,
                 format_func=labeller("sweep.optimizer.{}"), help=tr("sweep.optimizer_help"))  # fmt: skip
    values = {f.name: st.session_state.get(f"sw_{f.name}", getattr(SweepSpec(), f.name)) for f in fields(SweepSpec)}
    for key in ("deltas", "rhos"):
        values[key] = tuple(sorted(float(v) for v in values[key]))
    values["decoders"] = tuple(d for d in SWEEP_DECODERS if d in values["decoders"])
    for key in ("threshold", "noise", "max_seconds"):
        values[key] = float(values[key])
    try:
        spec = SweepSpec(**values)
    except ConfigError as exc:
        return None, tr(f"config.{exc.code}", **exc.params) if exc.code != "other" else str(exc)
    st.session_state[_SHADOW] = spec
    set_url(spec.to_query() | {"metric": st.session_state["sw_metric"]})
    return spec, None


@dataclass(frozen=True)
class Where:
    """The matrix and the engine a sweep will use; ready False while a chosen own matrix is missing or refused."""

    A: np.ndarray | None
    address: str | None
    ready: bool
    refused: str | None = None


def matrix_and_address(spec: SweepSpec) -> Where:
    """The sensing matrix choice and the cluster address (the loaders say on the page what is wrong)."""
    left, right = st.columns(2)
    A = None
    with left:
        own = st.radio(tr("sweep.matrix"), ("random", "own"), format_func=labeller("sweep.matrix.{}"),
                       key="sw_matrix", horizontal=True) == "own"  # fmt: skip
        if own:
            loaded = pilot_view.load_matrix()
            if loaded is None:
                return Where(None, None, ready=False)
            A = loaded[0].A
            m, n = A.shape
            st.caption(tr("sweep.matrix_shape", m=m, n=n, most=m / n))
            try:
                check_matrix(spec, A)
            except ConfigError as exc:
                return Where(A, None, ready=False, refused=tr(f"config.{exc.code}", **exc.params))
    with right:
        address = st.text_input(tr("sweep.address"), os.environ.get(ADDRESS_ENV, ""), key="sw_address",
                                help=tr("sweep.address_help")).strip()  # fmt: skip
    if address and not _address_allowed(address):
        return Where(A, None, ready=False, refused=tr("sweep.remote_refused"))
    return Where(A, address or None, ready=True)


def _address_allowed(address: str) -> bool:
    """Loopback only, unless the operator allows any: a public link must not make the server connect anywhere."""
    if os.environ.get(REMOTE_ENV) == "1" or address == os.environ.get(ADDRESS_ENV):
        return True
    host = urlparse(address if "://" in address else f"tcp://{address}").hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def result_for(spec: SweepSpec, where: Where, *, run: bool) -> tuple[SweepResult | None, bool]:
    """(result to show, whether it was replayed from the shared cache): a new run if asked, else this session's
    last sweep with these settings, else a cached one, else what a stopped sweep had finished."""
    cached = shared().get("sweep", spec) if where.A is None else None  # a session's own matrix is never in the cache
    if run:
        if cached is not None:
            st.session_state[_RESULT] = (cached, False)
            return cached, True
        return run_with_progress(spec, where.A, where.address), False
    last, own = st.session_state.get(_RESULT, (None, False))
    if last is not None and last.spec == spec and own == (where.A is not None):
        return last, False
    if cached is not None:
        return cached, True
    return stopped_result(spec), False


def run_with_progress(spec: SweepSpec, A: np.ndarray | None, address: str | None) -> SweepResult | None:
    """Run for real; the map fills in as tasks finish, the bar says the time left. None if it could not run."""
    stop_button = st.empty()
    stop_button.button(tr("sweep.stop"), icon=":material/stop_circle:", key="sw_stop")  # a click reruns: that stops
    bar = st.progress(0.0, text=tr("sweep.starting"))
    live = st.empty()
    partial: list[TaskResult] = []
    state = {"drawn": 0.0, "told": 0.0, "done": 0, "elapsed": 0.0}
    st.session_state[_PARTIAL] = (spec, partial, state)  # what a stopped sweep had finished, for the next run
    st.session_state.pop(_RESULT, None)
    start = time.perf_counter()

    def on_task(done: int, total: int, result: TaskResult | None, elapsed: float) -> None:
        if result is not None:
            partial.append(result)
        state["done"], state["elapsed"] = done, elapsed
        _tell(bar, done, total, elapsed)
        now = time.perf_counter()
        if now - state["drawn"] >= REDRAW_SECONDS or done == total:
            state["drawn"] = now
            with live.container():
                figure = sweep_charts.heatmaps(spec, cells(spec, partial), st.session_state["sw_metric"], lang(),
                                               gaussian_a=A is None)  # fmt: skip
                chart(figure, key=f"sweep_live_{done}")

    def tick() -> bool:
        # Once a second: the time shown moves on, and Streamlit gets a chance to stop this run (Stop, tab closed).
        now = time.perf_counter()
        if now - state["told"] >= 1.0:
            state["told"] = now
            elapsed = now - start
            if state["done"]:
                _tell(bar, state["done"], spec.task_count, elapsed)
            else:
                bar.progress(0.0, text=f"{tr('sweep.starting')} {elapsed:.0f} s")
        return False

    try:
        result = run_sweep(spec, A=A, address=address, on_task=on_task, should_cancel=tick)
    except slots.BusyError:
        st.warning(tr("sweep.busy"), icon=":material/hourglass_top:")
        return _nothing(stop_button, bar)
    except ClusterError as exc:
        st.error(tr("sweep.cluster_error", detail=str(exc)), icon=":material/cloud_off:")
        return _nothing(stop_button, bar)
    for element in (stop_button, bar, live):
        element.empty()
    st.session_state.pop(_PARTIAL, None)
    st.session_state[_RESULT] = (result, A is not None)
    if A is None and not result.missing and not result.cancelled:
        shared().put("sweep", spec, result)
    return result


def _nothing(*elements: st.delta_generator.DeltaGenerator) -> None:
    """The sweep did not start: no button, no bar, no partial map."""
    for element in elements:
        element.empty()
    st.session_state.pop(_PARTIAL, None)


def _tell(bar: st.delta_generator.DeltaGenerator, done: int, total: int, elapsed: float) -> None:
    """Progress bar with the time left."""
    left = eta_seconds(done, total, elapsed)
    bar.progress(done / total, text=tr("sweep.progress", done=done, total=total, elapsed=elapsed, left=left))


def stopped_result(spec: SweepSpec) -> SweepResult | None:
    """What this session's stopped sweep with these settings had finished, as a cancelled result."""
    stopped = st.session_state.get(_PARTIAL)
    if stopped is None or stopped[0] != spec:
        return None
    _, partial, state = stopped
    done = {(r.delta, r.rho, r.seed_index) for r in partial}
    missing = tuple((t.key, "stopped") for t in tasks(spec) if (t.delta, t.rho, t.seed_index) not in done)
    return SweepResult(spec, tuple(partial), missing, state["elapsed"], 0, "local", cancelled=True)


def show(result: SweepResult, *, replayed: bool = False) -> None:
    """The finished (or stopped) sweep: summary, map, where it ran, missing tasks, download."""
    spec = result.spec
    if replayed:
        st.caption(tr("sweep.replayed"))
    if result.cancelled:
        done = len(result.results)
        st.info(tr("sweep.stopped", done=done, total=done + len(result.missing)), icon=":material/stop_circle:")
    all_cells = result.cells
    for line in summary(spec, all_cells):
        st.markdown(f"- {line}")
    metric_picker()
    own = st.session_state.get(_RESULT, (None, False))[1]  # made on the session's own matrix: no Gaussian curve
    figure = sweep_charts.heatmaps(spec, all_cells, st.session_state["sw_metric"], lang(), gaussian_a=not own)
    chart(figure, key="sweep_map")
    if not result.cancelled:
        backend = tr("sweep.backend_local") if result.backend == "local" else result.backend
        st.caption(tr("sweep.ran_on", tasks=len(result.results), seconds=result.elapsed_seconds,
                      workers=result.workers, backend=backend))  # fmt: skip
    if result.missing and not result.cancelled:
        st.warning(tr("sweep.missing", count=len(result.missing)), icon=":material/report:")
        missing = pd.DataFrame(result.missing, columns=[tr("sweep.col.task"), tr("sweep.col.reason")])
        st.dataframe(missing, hide_index=True)
    table = results_table(result)
    with st.expander(tr("sweep.table")):
        st.dataframe(table, hide_index=True)
    st.download_button(tr("sweep.download"), frame_csv(table), "scalelab_sweep.csv", "text/csv",
                       icon=":material/download:")  # fmt: skip


def metric_picker() -> None:
    """Success rate or mean error (kept in the link)."""
    st.segmented_control(tr("sweep.metric"), sweep_charts.METRICS, key="sw_metric",
                         format_func=labeller("sweep.metric.{}"))  # fmt: skip
    if st.session_state.get("sw_metric") is None:  # segmented controls can be unselected: keep one
        st.session_state["sw_metric"] = "success"


def summary(spec: SweepSpec, all_cells: list) -> list[str]:
    """One generated sentence per decoder, from the measured cells."""
    lines = []
    for name in spec.decoders:
        mine = [c for c in all_cells if c.decoder == name]
        if not mine:
            continue
        ok = sum(c.success_rate >= RECOVERS for c in mine)
        lines.append(tr("sweep.summary", decoder=tr(f"sweep.dec.{name}"), rate=RECOVERS, ok=ok, cells=len(mine)))
        if name == "one":
            proven = sum(c.one_layer_floor is not None and c.one_layer_floor >= spec.threshold for c in mine)
            lines.append(tr("sweep.summary_floor", proven=proven, cells=len(mine)))
    nets_fail = any(c.decoder in ("one", "two") and c.success_rate < RECOVERS for c in all_cells)
    if "two" in spec.decoders and nets_fail:
        lines.append(tr("sweep.why_nets_recipe" if spec.optimizer == "muon" else "sweep.why_nets", steps=spec.steps))
    return lines


def results_table(result: SweepResult) -> pd.DataFrame:
    """Every cell as one row (the CSV download), plus the sweep's settings in each row."""
    rows = [asdict(c) for c in result.cells]
    frame = pd.DataFrame(rows)
    for key in ("n", "threshold", "width", "steps", "noise", "seed"):
        frame[key] = getattr(result.spec, key)
    return frame
