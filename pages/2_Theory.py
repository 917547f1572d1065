"""Theory: why does depth matter? Each question gets a live, measured answer."""

import streamlit as st

from core.config import CAPS
from ui import theory_store
from ui.nav import page_frame
from ui.theory_view import SECTIONS

page_frame("Theory")
st.title("Why does depth matter?")
st.write(
    "Each question below is answered live by networks trained on this server (n = 32 unknowns, m = 16 "
    "measurements, 1 nonzero), next to the reason. Every claim says how sure it is: proven, measured here, "
    "or stated in the paper (Bamberger, Heckel, Krahmer, arXiv:2308.02836)."
)
theory_store.prefetch()

params = st.query_params
if "question" not in st.session_state:
    st.session_state["question"] = params.get("q") if params.get("q") in SECTIONS else "scale"
    try:
        st.session_state["theory_seed"] = min(max(int(params.get("seed", 0)), 0), int(CAPS["seed"].hi))
    except ValueError:
        st.session_state["theory_seed"] = 0
with st.sidebar:
    seed = st.number_input("Seed", min_value=0, max_value=int(CAPS["seed"].hi), key="theory_seed")
question = st.segmented_control(
    "Question", list(SECTIONS), key="question", format_func=lambda k: SECTIONS[k][0], label_visibility="collapsed"
)
question = question or "scale"  # a second click on the selected option clears it: keep showing it
st.query_params.from_dict({"q": question, "seed": str(seed)})
title, render = SECTIONS[question]
st.header(title)
render(int(seed))
