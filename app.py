"""ScaleLab home: what scale invariance is, the finding, and the three steps of a pilot."""

import streamlit as st

from ui.frame import page_frame, set_url, tr

LAB = "pages/1_Lab.py"

page_frame("nav.home")
set_url(None)
st.title(tr("home.title"))
st.subheader(tr("home.subtitle"))

left, right = st.columns(2, gap="large")
left.markdown(tr("home.invariance"))
with right:
    st.markdown(tr("home.finding"))
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
