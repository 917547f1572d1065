"""Cost: what does it cost? Measured times turned into money for the user's volumes."""

import streamlit as st

from core.cost.verdict import verdict
from core.experiments.scenarios import SCENARIOS
from core.present.charts.cost import error_vs_cost
from ui.frame import chart, lang, page_frame, set_url, show_table, tr
from ui.views import cost as cost_view
from ui.views import lab as lab_view

page_frame("nav.cost")
st.title(tr("costpage.title"))
st.write(tr("costpage.intro"))
inputs = cost_view.inputs_controls()
set_url(cost_view.url_params(inputs))

result = st.session_state.get("lab_result")
if st.button(tr("costpage.measure"), icon=":material/speed:", type="primary" if result is None else "secondary"):
    result = st.session_state["lab_result"] = lab_view.train_with_progress(SCENARIOS["cost"])
if result is None:
    st.info(tr("costpage.no_run"))
    st.stop()

cfg = result.config
st.caption(tr("costpage.from_run", n=cfg.n, m=cfg.m, s=cfg.s, seed=cfg.seed))
rows = cost_view.rows_for(result, inputs)
st.success(verdict(rows, lang()))
chart(error_vs_cost(rows, lang()), key="error_vs_cost")
st.subheader(tr("costpage.table"))
breakdown = cost_view.table(rows)
show_table(breakdown)
st.caption(tr("costpage.note"))
c1, c2 = st.columns(2)
c1.download_button(tr("costpage.download"), cost_view.csv(rows), "scalelab_cost.csv", "text/csv")
with c2:
    cost_view.report_button(result, key="report_cost")
