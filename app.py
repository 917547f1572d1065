"""ScaleLab home: what scale invariance is, the finding, and the three steps of a pilot."""

import math

import streamlit as st

from core.config import SCALE_KEYS, Config
from core.experiments.recorded import TWO_LAYERS_S2, recorded
from core.experiments.results import RunResult
from core.experiments.scenarios import SCENARIOS
from core.present.charts import lab as lab_charts
from core.present.format import percent
from ui.frame import chart, lang, page_frame, set_url, tr
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


def recorded_line() -> str | None:
    """The finding's s ≥ 2 part, from the recorded run (data/recorded/) with its command, never typed."""
    rec = recorded(TWO_LAYERS_S2)
    if rec is None:
        return None
    cfg, two, bp = rec.result["config"], percent(rec.model_error()), percent(rec.decoder_error("bp"))
    sizes = {k: cfg[k] for k in ("n", "m", "s", "steps")}
    return tr("home.finding.recorded", date=rec.date, command=rec.command, two=two, bp=bp, **sizes)


def business(result: RunResult | None) -> None:
    """What it means for a business, first: one sentence, then the bias scenario's measured numbers and chart."""
    st.info(tr("home.business"), icon=":material/lightbulb:")
    name = tr("scenario.bias.name").replace("\u200b", "")
    free = result.bias_free(2) if result else None
    biased = next((m for m in result.models if m.bias and m.rms_rel_error_by_scale), None) if result else None
    if free is None or biased is None or not free.rms_rel_error_by_scale:
        st.caption(tr("home.business.measure_it", scenario=name))
        return
    scale = SCALE_KEYS[0]  # 1000 times weaker than the middle of training
    errors = {"biased": biased.rms_rel_error_by_scale[scale], "free": free.rms_rel_error_by_scale[scale]}
    errors = {k: percent(v) for k, v in errors.items()}
    st.caption(tr("home.business.measured", scenario=name, scale=scale, **errors))
    figure = lab_charts.error_vs_scale(result, lang())
    figure.update_layout(height=440)  # a picture beside the sentence, not the Lab's full chart
    chart(figure, key="home_bias")


page_frame("nav.home")
set_url(None)
st.title(tr("home.title"))
st.subheader(tr("home.subtitle"))
business(cached_result(SCENARIOS["bias"]))

left, right = st.columns(2, gap="large")
left.markdown(tr("home.invariance"))
with right:
    st.markdown(tr("home.finding"))
    # the proven floor at m = n/2, computed: √(1 − rank(A)/n) with rank(A) = m for a random A
    parts = [tr("home.finding.paper"), tr("home.finding.proven", floor=percent(math.sqrt(1 - 1 / 2)))]
    parts.append(measured_line(cached_result(Config())))
    parts += [line for line in (recorded_line(),) if line]
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
