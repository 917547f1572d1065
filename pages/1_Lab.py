"""Lab: does one hidden layer suffice, or do we need two?"""

import streamlit as st

from ui import store
from ui.controls import lab_controls
from ui.frame import page_frame, presenting, tr
from ui.views import cost as cost_view
from ui.views import lab as lab_view
from ui.views import scenarios

page_frame("nav.lab")
store.warm_up()
st.title(tr("lab.title"))
if not presenting():
    st.write(tr("lab.intro"))
scenarios.picker()
autorun = st.query_params.get("run") == "1" and "lab_result" not in st.session_state  # a share link: show its numbers
cfg, problem = lab_controls()
if problem is not None:
    st.error(tr("lab.cannot_run", detail=problem), icon=":material/block:")
    st.stop()
autorun = autorun and lab_view.link_may_train(cfg)  # within the auto-run budget, or stored

left, middle, right = st.columns([2, 3, 2])
if (
    left.button(tr("lab.train"), type="primary", icon=":material/play_arrow:", key="train")
    or scenarios.pending(cfg)
    or autorun
):
    st.session_state["lab_result"] = lab_view.train_with_progress(cfg, older=autorun)
with right:
    lab_view.share_box({**st.query_params.to_dict(), "run": "1"})

result = st.session_state.get("lab_result")
if result is not None:
    with middle:
        cost_view.report_button(result, key="report_lab")
if result is None:
    if cfg.optimizer == "muon":  # not "a few seconds": up to a minute per network
        st.info(tr("lab.press_train_recipe", steps=cfg.steps, seconds=cfg.max_seconds))
    else:
        st.info(tr("lab.press_train"))
    lab_view.problem_preview(cfg)
else:
    if result.config != cfg:
        st.info(tr("lab.stale"))
    scenarios.caption(result)
    lab_view.show(result)
