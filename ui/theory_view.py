"""The Theory page's sections: one question each, a live answer, and how sure we are (proven / measured / paper)."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

import pandas as pd
import streamlit as st

from . import theory_charts as charts
from .lab_view import pct
from .theory_store import answer

PROVEN = ":green-badge[proven]"
MEASURED = ":blue-badge[measured here]"
PAPER = ":violet-badge[stated in the paper]"


def _wait(future: Future, what: str) -> Any:
    """The study's result, with a spinner while it is still computing; None (with a message) on failure."""
    if not future.done():
        with st.spinner(f"{what} (a few seconds, once: then every visitor gets it instantly)…"):
            future.result()
    try:
        return future.result()
    except Exception as exc:  # a failed study must not take the page down; the others still answer
        st.error(f"This answer could not be computed: {exc}", icon=":material/error:")
        return None


def scale(seed: int) -> None:
    st.markdown(f"{PROVEN} A bias-free ReLU net satisfies f(λy) = λ·f(y) for every λ ≥ 0, because ReLU(λt) = "
                "λ·ReLU(t) layer after layer; a bias adds an offset that does not scale.")  # fmt: skip
    study = _wait(answer("scale", seed), "Training a bias-free and a biased two-layer net")
    if study is None:
        return
    index = st.select_slider("λ (scale of the input)", options=list(range(len(study.lambdas))), value=0,
                             format_func=lambda i: f"{study.lambdas[i]:g}", key="theory_lambda")  # fmt: skip
    c1, c2 = st.columns(2)
    c1.metric("Bias-free: gap at this λ", f"{study.gap['bias-free'][index]:.1e}")
    c2.metric("With bias: gap at this λ", f"{study.gap['with bias'][index]:.1e}")
    st.plotly_chart(charts.scaled_outputs(study, index), key="theory_scaled")
    st.markdown(f"{MEASURED} The gap stays at float precision for the bias-free net at every λ:")
    st.plotly_chart(charts.homogeneity_gap(study), key="theory_gap")


def odd_part(seed: int) -> None:
    st.markdown(
        f"{PROVEN} For one hidden layer g(y) = W₂·ReLU(W₁y), and ReLU(t) − ReLU(−t) = t, so "
        "**g(y) − g(−y) = W₂W₁y: the odd part is linear**, at any width.\n\n"
        "1. Signed signals come in pairs x and −x; the net must send Ax to x and −Ax to −x.\n"
        "2. The difference of those two answers is the linear map W₂W₁ applied to Ax, and a linear map of rank "
        "≤ m cannot recover n > m unknowns.\n"
        "3. So the error can never go below √(1 − m/n), whatever the width: the floor."
    )
    study = _wait(answer("odd_part", seed), "Training a one-hidden-layer net")
    if study is None:
        return
    c1, c2, c3 = st.columns(3)
    c1.metric("max |f(y) − f(−y) − W₂W₁y|", f"{study.max_abs_difference:.1e}")
    c2.metric("Trained one-layer error", pct(study.trained_error))
    c3.metric("Floor √(1 − m/n)", pct(study.floor))
    st.plotly_chart(charts.odd_part(study), key="theory_odd")
    st.markdown(f"{MEASURED} The trained net's odd part equals W₂W₁y to float precision, and its error sits on "
                f"the floor. {PAPER} Two hidden layers escape it: see the Lab.")  # fmt: skip


def activations(seed: int) -> None:
    st.markdown(f"{PROVEN} σ(λt) = λσ(t) holds exactly for σ(t) = a·max(t,0) − b·max(−t,0) (ReLU, leaky ReLU, |t|) "
                "and for no other shape; only for those does the one-layer floor argument go through.")  # fmt: skip
    result = _wait(answer("activations", seed), "Measuring eight activations")
    if result is None:
        return
    rows, floor = result
    table = pd.DataFrame(
        {
            "activation": [r.name for r in rows],
            "positively homogeneous": ["yes" if r.homogeneous else "no" for r in rows],
            "measured homogeneity error": [f"{r.homogeneity_error:.1e}" for r in rows],
            "one-layer floor applies": ["yes" if r.floor_applies else "no (not proven)" for r in rows],
            "trained one-layer error": [f"{r.one_layer_error:.3f}" for r in rows],
        }
    )
    st.dataframe(table, hide_index=True)
    st.markdown(f"{MEASURED} Homogeneity error of a random bias-free two-layer net (float64, λ from 1e-4 to 1e4); "
                f"one-layer error after 400 steps, against the floor {floor:.3f}. |t| is even, so its one-layer "
                "net cannot tell x from −x at all (error ≈ 1). Non-homogeneous activations may dip below the floor "
                "at the training scale, but then they are not scale-invariant.")  # fmt: skip


def sign(seed: int) -> None:
    st.markdown(f"{PROVEN} The floor needs sign-symmetric signals: with nonnegative amplitudes −Ax never occurs, "
                "so nothing forces the odd part to do any work.")  # fmt: skip
    study = _wait(answer("sign", seed), "Training four nets")
    if study is None:
        return
    st.plotly_chart(charts.sign_bars(study), key="theory_sign")
    st.markdown(f"{MEASURED} With nonnegative 1-sparse signals one hidden layer reconstructs "
                f"({pct(study.errors['nonnegative'][1])} error), far below the signed floor "
                f"{pct(study.signed_floor)}.")  # fmt: skip


def noise(seed: int) -> None:
    st.markdown(f"{PAPER} With two hidden layers the error is bounded by a small constant plus a term linear in the "
                "noise level.")  # fmt: skip
    study = _wait(answer("noise", seed), "Training two nets with noise and running basis pursuit")
    if study is None:
        return
    st.plotly_chart(charts.noise_curves(study), key="theory_noise")
    two = study.errors["2 hidden layers"]
    slope = (two[-1] - two[1]) / (study.levels[-1] - study.levels[1])
    one_above = all(e >= study.floor - 0.01 for e in study.errors["1 hidden layer"])
    one_layer = (
        "One layer stays on or above its floor at every level."
        if one_above
        else "One layer dips below the noise-free floor at some level (sampling noise of the estimate)."
    )
    st.markdown(
        f"{MEASURED} Nets trained at noise {study.train_noise:g}, tested at each level. Two layers: "
        f"{pct(two[0])} without noise, then growing by about {slope:.2f} per unit of noise level. {one_layer}"
    )


def bias_vs_scale(seed: int) -> None:
    st.markdown(f"{PROVEN} Basis pursuit is scale-invariant (even odd); LASSO with a fixed λ is not: "
                "x̂_λ(cy) = c·x̂_(λ/c)(y), so at small scales the fixed penalty wins and it returns 0.")  # fmt: skip
    study = _wait(answer("scale", seed), "Training a bias-free and a biased two-layer net")
    if study is None:
        return
    st.plotly_chart(charts.error_vs_scale(study.error_by_scale), key="theory_bias_scale")
    st.markdown(f"{MEASURED} Trained on scales 0.5–2 only. At scale 1000 the fixed-λ LASSO's penalty is "
                "effectively 1e-6, where scikit-learn's coordinate descent does not converge in 10⁴ sweeps: its "
                "error there is the solver's, as a user of that method would get it.")  # fmt: skip


SECTIONS = {
    "scale": ("Does the answer scale with the signal?", scale),
    "one_layer": ("Why can't one hidden layer do it?", odd_part),
    "activations": ("Which activations keep scale invariance?", activations),
    "sign": ("Does the sign of the signal matter?", sign),
    "noise": ("What does noise do?", noise),
    "bias": ("Bias vs scale: networks and classical methods", bias_vs_scale),
}
