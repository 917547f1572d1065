"""ScaleLab home: what scale invariance is, the finding, and the three steps of a pilot."""

import math

import streamlit as st

from core.config import Config
from core.experiments.results import RunResult
from core.present.format import percent
from ui.frame import page_frame, set_url, tr
from ui.store import cached_result

LAB = "pages/1_Lab.py"


def measured_line(result: RunResult | None) -> str:
    """The finding's measured part, from the default comparison if this server has run it (never typed)."""
    one, two = (result.bias_free(1), result.bias_free(2)) if result else (None, None)
    if one is None or two is None or one.rms_rel_error is None or two.rms_rel_error is None:
        return tr("home.finding.measure_it")
    cfg = result.config
    return tr("home.finding.measured", n=cfg.n, m=cfg.m, s=cfg.s, seed=cfg.seed, one=percent(one.rms_rel_error),
              two=percent(two.rms_rel_error))  # fmt: skip


page_frame("nav.home")
set_url(None)
st.title(tr("home.title"))
st.subheader(tr("home.subtitle"))

left, right = st.columns(2, gap="large")
left.markdown(tr("home.invariance"))
with right:
    st.markdown(tr("home.finding"))
    # the proven floor at m = n/2, computed: √(1 − rank(A)/n) with rank(A) = m for a random A
    parts = [tr("home.finding.paper"), tr("home.finding.proven", floor=percent(math.sqrt(1 - 1 / 2)))]
    parts.append(measured_line(cached_result(Config())))
    st.markdown("\n".join(f"- {part}" for part in parts))
    st.caption(tr("home.finding.class"))
    st.page_link(LAB, label=tr("home.to_lab"), icon=":material/play_circle:")
    st.page_link("pages/2_Theory.py", label=tr("home.to_theory"), icon=":material/school:")

st.divider()
st.subheader(tr("home.pilot"))
steps = [("home.step1", "pages/4_Pilot.py", ":material/factory:"), ("home.step2", LAB, ":material/layers:")]
steps.append(("home.step3", "pages/3_Cost.py", ":material/payments:"))
for col, (key, page, icon) in zip(st.columns(3), steps):
    with col, st.container(border=True):
        st.markdown(tr(key))
        st.page_link(page, label=tr(f"{key}_link"), icon=icon)
