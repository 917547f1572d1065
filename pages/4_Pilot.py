"""Pilot: the engineer's own data in three steps — scale dependence, one vs two layers on their A, cost."""

import streamlit as st

from ui.frame import page_frame, set_url, tr
from ui.views import pilot as pilot_view
from ui.views import takeaway

page_frame("nav.pilot")
set_url({})  # uploaded data never goes into a link
st.title(tr("pilot.title"))
st.write(tr("pilot.intro"))
st.info(tr("pilot.privacy"), icon=":material/lock:")
pilot_view.step1()
st.divider()
pilot_view.step2()
st.divider()
pilot_view.step3()
st.divider()
takeaway.step4()
