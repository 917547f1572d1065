"""Theory: why does depth matter? Each question gets a live, measured answer."""

import streamlit as st

from core.config import CAPS
from core.fields import forgiving_number
from ui import store
from ui.frame import labeller, page_frame, set_url, tr
from ui.views.theory import SECTIONS

page_frame("nav.theory")
st.title(tr("theory.title"))
st.write(tr("theory.intro"))

params = st.query_params
if "question" not in st.session_state:
    st.session_state["question"] = params.get("q") if params.get("q") in SECTIONS else "scale"
    st.session_state["theory_seed"] = forgiving_number(params.get("seed"), CAPS["seed"], 0)  # clamped, or 0
with st.sidebar:
    seed = st.number_input(tr("ctl.seed"), min_value=0, max_value=int(CAPS["seed"].hi), key="theory_seed")
question = st.segmented_control(
    "Question", list(SECTIONS), key="question", format_func=labeller("theory.q.{}"), label_visibility="collapsed"
)
question = question or "scale"  # a second click on the selected option clears it: keep showing it
set_url({"q": question, "seed": str(seed)})
st.header(tr(f"theory.q.{question}"))
SECTIONS[question](int(seed))  # its answer is the visitor's work, first in line
store.prefetch()
