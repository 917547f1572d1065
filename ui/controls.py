"""The Lab's controls: widgets keyed by Config field names, seeded from the URL, returning a Config."""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from dataclasses import fields

import streamlit as st

from core.config import (
    ACTIVATION_NAMES,
    BASELINES,
    CAPS,
    INITS,
    MAX_DEPTHS,
    OPTIMIZERS,
    PROBLEMS,
    RECIPES,
    SIGNALS,
    Config,
    ConfigError,
    default_optimizer,
)
from ui.frame import depth_labeller, labeller, set_url, tr

# Log-spaced 1-2-5 steps for the scale range slider: 0.001 … 1000.
SCALE_OPTIONS = (*tuple(float(f"{m}e{e}") for e in range(-3, 3) for m in (1, 2, 5)), 1000.0)
_SHADOW = "_lab_config"  # the last valid Config, kept when the page's widgets are cleaned up
_SCALES_SEED = "_train_scales_seed"
_DEFAULT_OPTIMIZER = "_lab_default_optimizer"  # default_optimizer of the problem and s the page last drew


def _snap(value: float) -> float:
    """Nearest slider option in log space, so any URL value shows on the slider."""
    logs = [math.log(v) for v in SCALE_OPTIONS]
    i = bisect.bisect_left(logs, math.log(value))
    candidates = [j for j in (i - 1, i) if 0 <= j < len(SCALE_OPTIONS)]
    return SCALE_OPTIONS[min(candidates, key=lambda j: abs(logs[j] - math.log(value)))]


def _initial_config() -> Config:
    """Settings for a fresh page: the URL if it has any, else this session's last, else defaults."""
    params = st.query_params.to_dict()
    if any(f.name in params for f in fields(Config)):
        return Config.from_query(params)
    return st.session_state.get(_SHADOW, Config())


def seed_widgets(cfg: Config) -> None:
    """Put cfg into the widgets' session-state keys (field name = widget key)."""
    for f in fields(Config):
        if f.name in st.session_state:
            continue
        value = getattr(cfg, f.name)
        if f.name in ("depths", "biased", "baselines"):
            value = list(value)
        elif f.name == "train_scales":
            # A range select_slider is a range only if created with a tuple `value=`, and a widget must not
            # get both `value=` and a Session-State seed: keep its seed under another key.
            st.session_state[_SCALES_SEED] = (_snap(value[0]), _snap(value[1]))
            continue
        st.session_state[f.name] = value


def _int_input(
    label: str,
    key: str,
    *,
    help: str | None = None,
    step: int = 1,
    disabled: bool = False,
    on_change: Callable[[], None] | None = None,
) -> None:
    """A number input bounded by the field's cap (the same caps the URL and CLI obey)."""
    cap = CAPS[key]
    st.number_input(label, min_value=int(cap.lo), max_value=int(cap.hi), step=step, key=key, help=help,
                    disabled=disabled, on_change=on_change)  # fmt: skip


def _use_recipe(new: str) -> None:
    """The recipe settings (width, steps, batch, lr, init, time budget) to optimizer `new`'s where they still hold
    another optimizer's defaults: a value the reader set stays."""
    for old in (o for o in OPTIMIZERS if o != new):
        for key, value in RECIPES[new].items():
            if st.session_state.get(key) == RECIPES[old][key]:
                st.session_state[key] = value


def _sparsity_changed() -> None:
    """Problem or s changed: where that moves the default optimizer (Muon's recipe at sparse s ≥ 2), follow it."""
    want = default_optimizer(st.session_state["problem"], st.session_state["s"])
    if want != st.session_state.get(_DEFAULT_OPTIMIZER) and st.session_state.get("optimizer") != want:
        st.session_state["optimizer"] = want
        _use_recipe(want)
    st.session_state[_DEFAULT_OPTIMIZER] = want


def _optimizer_changed() -> None:
    _use_recipe(st.session_state["optimizer"])


def _problem_controls() -> None:
    st.subheader(tr("ctl.problem"))
    st.selectbox(tr("ctl.what"), PROBLEMS, key="problem", format_func=labeller("problem.{}"),
                 on_change=_sparsity_changed)  # fmt: skip
    lowrank = st.session_state["problem"] == "lowrank"
    c1, c2, c3 = st.columns(3)
    with c1:
        _int_input("n", "n", help=tr("ctl.n_help"), disabled=lowrank)
    with c2:
        _int_input("m", "m", help=tr("ctl.m_help"))
    with c3:
        _int_input("s", "s", help=tr("ctl.s_help"), disabled=lowrank, on_change=_sparsity_changed)
    c1, c2 = st.columns(2)
    with c1:
        _int_input(tr("ctl.d"), "d", help=tr("ctl.d_help"), disabled=not lowrank)
    with c2:
        _int_input(tr("ctl.rank"), "rank", help=tr("ctl.rank_help"), disabled=not lowrank)
    st.select_slider(
        tr("ctl.scales"),
        options=SCALE_OPTIONS,
        value=st.session_state[_SCALES_SEED],
        key="train_scales",
        format_func=lambda v: f"{v:g}",
        help=tr("ctl.scales_help"),
    )


def _depths_input(key: str, **options: object) -> None:
    """A choice of hidden-layer counts within the depth cap (the depths, or those also trained with bias)."""
    st.multiselect(tr(f"ctl.{key}"), options=list(range(1, int(CAPS["depth"].hi) + 1)), key=key,
                   placeholder=tr("common.choose"), format_func=depth_labeller(), max_selections=MAX_DEPTHS,
                   **options)  # fmt: skip


def _network_controls() -> None:
    st.subheader(tr("ctl.networks"))
    _depths_input("depths")
    st.toggle(
        tr("ctl.hand_built"),
        key="hand_built",
        help=tr("ctl.hand_built_help"),
    )
    st.checkbox(tr("ctl.normalised"), key="normalised", help=tr("ctl.normalised_help"))
    _int_input(tr("ctl.unrolled"), "unrolled", help=tr("ctl.unrolled_help"))
    _int_input(tr("ctl.width"), "width")
    _int_input(tr("ctl.steps"), "steps", step=100)
    st.toggle(tr("ctl.bias"), key="bias", help=tr("ctl.bias_help"))
    _depths_input("biased", help=tr("ctl.biased_help"), disabled=bool(st.session_state.get("bias")))
    _int_input(tr("ctl.seed"), "seed")
    st.multiselect(
        tr("ctl.baselines"),
        BASELINES,
        key="baselines",
        placeholder=tr("common.choose"),
        format_func=labeller("decoder.{}"),
        help=tr("ctl.baselines_help"),
    )


def _advanced_controls() -> None:
    with st.expander(tr("ctl.advanced")):
        st.selectbox(tr("ctl.activation"), ACTIVATION_NAMES, key="activation", format_func=labeller("ctl.act.{}"),
                     help=tr("ctl.activation_help"))  # fmt: skip
        st.radio(tr("ctl.optimizer"), OPTIMIZERS, key="optimizer", format_func=labeller("optimizer.{}"),
                 help=tr("ctl.optimizer_help"), on_change=_optimizer_changed)  # fmt: skip
        st.radio(tr("ctl.init"), INITS, key="init", horizontal=True, format_func=labeller("init.{}"),
                 help=tr("ctl.init_help"))  # fmt: skip
        st.radio(tr("ctl.signal"), SIGNALS, key="signal", horizontal=True, format_func=labeller("signal.{}"))
        st.slider(tr("ctl.noise"), 0.0, 1.0, step=0.01, key="noise")
        _int_input(tr("ctl.batch"), "batch")
        lr_cap = CAPS["lr"]
        st.number_input(
            tr("ctl.lr"), min_value=lr_cap.lo, max_value=float(lr_cap.hi), step=1e-4, format="%.5f", key="lr"
        )
        budget_cap = CAPS["max_seconds"]
        st.number_input(
            tr("ctl.budget"),
            min_value=float(budget_cap.lo),
            max_value=float(budget_cap.hi),
            key="max_seconds",
        )


def lab_controls() -> tuple[Config | None, str | None]:
    """Draw the sidebar controls; return (config, None) or (None, message) for an invalid combination."""
    if "n" not in st.session_state:
        seed_widgets(_initial_config())
        # what the settings opened with counts as chosen: an old link's Adam at s = 2 stays Adam until s crosses 1 | 2
        st.session_state[_DEFAULT_OPTIMIZER] = default_optimizer(st.session_state["problem"], st.session_state["s"])
    with st.sidebar:
        _problem_controls()
        _network_controls()
        _advanced_controls()
    values = {f.name: st.session_state[f.name] for f in fields(Config)}
    values["depths"] = tuple(sorted(values["depths"]))
    values["biased"] = () if values["bias"] else tuple(sorted(values["biased"]))  # bias on: every depth has it
    values["baselines"] = tuple(b for b in BASELINES if b in values["baselines"])  # canonical order
    values["train_scales"] = tuple(values["train_scales"])
    values["max_seconds"] = float(values["max_seconds"])
    try:
        cfg = Config(**values)
    except ConfigError as exc:
        return None, tr(f"config.{exc.code}", **exc.params) if exc.code != "other" else str(exc)
    st.session_state[_SHADOW] = cfg
    set_url(cfg.to_query())  # the address bar is always a share link
    return cfg, None
