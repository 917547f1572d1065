"""The Theory page's sections: one question each, a live answer, and how sure we are (proven / measured / paper)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from core.i18n.claims import FAR_BELOW
from core.present.charts import theory as charts
from core.present.format import magnitude, percent
from core.runtime.flights import Flight
from ui.frame import chart, lang, tr
from ui.store import answer


def _badge(kind: str) -> str:
    colour = {"proven": "green", "measured": "blue", "paper": "violet"}[kind]
    return f":{colour}-badge[{tr(f'theory.badge.{kind}')}]"


def _say(kind: str, key: str, **values: object) -> None:
    """One claim with its label: proven, measured here, or stated in the paper."""
    st.markdown(f"{_badge(kind)} {tr(key, **values)}")


def _wait(future: Flight, what_key: str) -> Any:
    """The study's result, with a spinner while it is still computing; None (with a message) on failure."""
    if not future.done():
        with st.spinner(tr("theory.computing", what=tr(what_key))):
            future.exception()  # waits without raising; errors are shown below
    try:
        return future.result()
    except Exception as exc:  # a failed study must not take the page down; the others still answer
        st.error(tr("theory.failed", detail=str(exc)), icon=":material/error:")
        return None


def scale(seed: int) -> None:
    _say("proven", "theory.scale.proven")
    study = _wait(answer("scale", seed), "theory.scale.what")
    if study is None:
        return
    index = st.select_slider(tr("theory.scale.lambda"), options=list(range(len(study.lambdas))), value=0,
                             format_func=lambda i: f"{study.lambdas[i]:g}", key="theory_lambda")  # fmt: skip
    c1, c2 = st.columns(2)
    c1.metric(tr("theory.scale.gap_free"), magnitude(study.gap["bias-free"][index]))
    c2.metric(tr("theory.scale.gap_bias"), magnitude(study.gap["with bias"][index]))
    chart(charts.scaled_outputs(study, index, lang()), key="theory_scaled")
    _say("measured", "theory.scale.measured")
    chart(charts.homogeneity_gap(study, lang()), key="theory_gap")


def odd_part(seed: int) -> None:
    _say("proven", "theory.odd.proven")
    study = _wait(answer("odd_part", seed), "theory.odd.what")
    if study is None:
        return
    c1, c2, c3 = st.columns(3)
    c1.metric("max |f(y) − f(−y) − W₂W₁y|", magnitude(study.max_abs_difference))
    c2.metric(tr("theory.odd.trained"), percent(study.trained_error))
    c3.metric(tr("theory.odd.floor"), percent(study.floor))
    chart(charts.odd_part(study, lang()), key="theory_odd")
    measured = tr("theory.odd.measured", diff=magnitude(study.max_abs_difference), error=percent(study.trained_error),
                  floor=percent(study.floor))  # fmt: skip
    st.markdown(f"{_badge('measured')} {measured} {_badge('paper')} {tr('theory.odd.paper')}")


def activations(seed: int) -> None:
    _say("proven", "theory.act.proven")
    result = _wait(answer("activations", seed), "theory.act.what")
    if result is None:
        return
    rows, floor = result
    yes, no = tr("theory.yes"), tr("theory.no")
    proven, measured = f" ({tr('theory.badge.proven')})", f" ({tr('theory.badge.measured')})"
    table = pd.DataFrame(
        {
            tr("theory.act.col_name"): [r.name for r in rows],
            tr("theory.act.col_homog") + proven: [yes if r.homogeneous else no for r in rows],
            tr("theory.act.col_homog_why"): [tr(f"theory.act.why_homog.{r.name}") for r in rows],
            tr("theory.act.col_error") + measured: [magnitude(r.homogeneity_error) for r in rows],
            tr("theory.act.col_floor") + proven: [
                tr("theory.act.odd_yes", c=f"{r.odd_slope:g}") if r.odd_slope is not None else no for r in rows
            ],
            tr("theory.act.col_floor_why"): [tr(f"theory.act.why_odd.{r.name}") for r in rows],
            tr("theory.act.col_floor_value") + proven: [f"{r.floor:.3f}" if r.floor_applies else "—" for r in rows],
            tr("theory.act.col_one_layer") + measured: [f"{r.one_layer_error:.3f}" for r in rows],
        }
    )
    st.dataframe(table, hide_index=True)
    _say("measured", "theory.act.measured", floor=f"{floor:.3f}")


def sign(seed: int) -> None:
    _say("proven", "theory.sign.proven")
    study = _wait(answer("sign", seed), "theory.sign.what")
    if study is None:
        return
    chart(charts.sign_bars(study, lang()), key="theory_sign")
    error = study.errors["nonnegative"][1]
    _say("measured", sign_key(error, study.signed_floor), error=percent(error), floor=percent(study.signed_floor))


def sign_key(error: float, signed_floor: float) -> str:
    """The sign answer's measured sentence: "far below" the signed floor only when the nonnegative one-layer error is
    under FAR_BELOW (half) of it; otherwise the sentence just states the two numbers."""
    return "theory.sign.measured" if error < FAR_BELOW * signed_floor else "theory.sign.measured_close"


def noise(seed: int) -> None:
    _say("paper", "theory.noise.paper")
    study = _wait(answer("noise", seed), "theory.noise.what")
    if study is None:
        return
    chart(charts.noise_curves(study, lang()), key="theory_noise")
    two = study.errors["depth2"]
    slope = (two[-1] - two[1]) / (study.levels[-1] - study.levels[1])
    one_above = all(e >= study.floor - 0.01 for e in study.errors["depth1"])
    one_layer = tr("theory.noise.one_above") if one_above else tr("theory.noise.one_below")
    _say("measured", "theory.noise.measured", train_noise=f"{study.train_noise:g}", clean=percent(two[0]),
         slope=f"{slope:.2f}", one_layer=one_layer)  # fmt: skip


def bias_vs_scale(seed: int) -> None:
    _say("proven", "theory.bias.proven")
    study = _wait(answer("scale", seed), "theory.scale.what")
    if study is None:
        return
    chart(charts.error_vs_scale(study.error_by_scale, lang()), key="theory_bias_scale")
    _say("measured", "theory.bias.measured")


SECTIONS = {
    "scale": scale,
    "one_layer": odd_part,
    "activations": activations,
    "sign": sign,
    "noise": noise,
    "bias": bias_vs_scale,
}
