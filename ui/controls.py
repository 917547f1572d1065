"""The Lab's controls: widgets keyed by Config field names, seeded from the URL, returning a Config."""

from __future__ import annotations

import bisect
import math
from dataclasses import fields

import streamlit as st

from core.config import ACTIVATION_NAMES, CAPS, SIGNALS, Config, ConfigError

# Log-spaced 1-2-5 steps for the scale range slider: 0.001 … 1000.
SCALE_OPTIONS = (*tuple(float(f"{m}e{e}") for e in range(-3, 3) for m in (1, 2, 5)), 1000.0)
_SHADOW = "_lab_config"  # the last valid Config, kept when the page's widgets are cleaned up
_SCALES_SEED = "_train_scales_seed"


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


def _seed_widgets(cfg: Config) -> None:
    """Put cfg into the widgets' session-state keys (field name = widget key)."""
    for f in fields(Config):
        if f.name in st.session_state:
            continue
        value = getattr(cfg, f.name)
        if f.name == "depths":
            value = list(value)
        elif f.name == "train_scales":
            # A range select_slider is a range only if created with a tuple `value=`, and a widget must not
            # get both `value=` and a Session-State seed: keep its seed under another key.
            st.session_state[_SCALES_SEED] = (_snap(value[0]), _snap(value[1]))
            continue
        st.session_state[f.name] = value


def lab_controls() -> tuple[Config | None, str | None]:
    """Draw the sidebar controls; return (config, None) or (None, message) for an invalid combination."""
    if "n" not in st.session_state:
        _seed_widgets(_initial_config())
    cap = CAPS
    with st.sidebar:
        st.subheader("Problem")
        c1, c2, c3 = st.columns(3)
        c1.number_input("n", min_value=int(cap["n"].lo), max_value=int(cap["n"].hi), key="n", help="signal length")
        c2.number_input("m", min_value=int(cap["m"].lo), max_value=int(cap["m"].hi), key="m", help="measurements (≤ n)")
        c3.number_input(
            "s", min_value=int(cap["s"].lo), max_value=int(cap["s"].hi), key="s", help="nonzeros per signal"
        )
        st.select_slider(
            "Training scale range",
            options=SCALE_OPTIONS,
            value=st.session_state[_SCALES_SEED],
            key="train_scales",
            format_func=lambda v: f"{v:g}",
            help="Training signals get a random scale in this range; tests go from 0.001 to 1000.",
        )
        st.subheader("Networks")
        st.multiselect(
            "Depths to compare",
            options=list(range(1, int(cap["depth"].hi) + 1)),
            key="depths",
            format_func=lambda d: f"{d} hidden layer" + ("s" if d > 1 else ""),
            max_selections=4,
        )
        st.number_input("Width (units per hidden layer)", min_value=2, max_value=int(cap["width"].hi), key="width")
        st.number_input("Training steps", min_value=1, max_value=int(cap["steps"].hi), step=100, key="steps")
        st.toggle("Bias terms", key="bias", help="Off: scale-invariant networks. On: the usual design, for contrast.")
        st.number_input("Seed", min_value=0, max_value=int(cap["seed"].hi), key="seed")
        with st.expander("Advanced"):
            st.selectbox("Activation", ACTIVATION_NAMES, key="activation")
            st.radio("Signal amplitudes", SIGNALS, key="signal", horizontal=True)
            st.slider("Measurement noise (relative)", 0.0, 1.0, step=0.01, key="noise")
            st.number_input("Batch (signals per step)", min_value=8, max_value=int(cap["batch"].hi), key="batch")
            st.number_input(
                "Learning rate",
                min_value=cap["lr"].lo,
                max_value=float(cap["lr"].hi),
                step=1e-4,
                format="%.5f",
                key="lr",
            )
            st.number_input(
                "Time budget per model (s)", min_value=1.0, max_value=float(cap["max_seconds"].hi), key="max_seconds"
            )
    values = {f.name: st.session_state[f.name] for f in fields(Config)}
    values["depths"] = tuple(sorted(values["depths"]))
    values["train_scales"] = tuple(values["train_scales"])
    values["max_seconds"] = float(values["max_seconds"])
    try:
        cfg = Config(**values)
    except ConfigError as exc:
        return None, str(exc)
    st.session_state[_SHADOW] = cfg
    if st.query_params.to_dict() != cfg.to_query():
        st.query_params.from_dict(cfg.to_query())  # the address bar is always a share link
    return cfg, None
