"""Lab: does one hidden layer suffice, or do we need two?"""

import streamlit as st

from ui import lab_view, runner
from ui.controls import lab_controls
from ui.nav import page_frame

page_frame("Lab")
runner.warm_up()
st.title("One hidden layer or two?")
st.write(
    "Train bias-free networks live on sparse signals measured by a random matrix, then test them at signal "
    "scales from 1/1000 to 1000 times the training scale."
)
cfg, problem = lab_controls()
if problem is not None:
    st.error(f"These settings cannot run: {problem}. Change them in the sidebar.", icon=":material/block:")
    st.stop()

if st.button("Train and compare", type="primary", icon=":material/play_arrow:"):
    st.session_state["lab_result"] = lab_view.train_with_progress(cfg)

result = st.session_state.get("lab_result")
if result is None:
    st.info("Press **Train and compare**: at the defaults both networks train in a few seconds.")
else:
    if result.config != cfg:
        st.info("The settings changed since these results were computed: press **Train and compare** to update.")
    lab_view.show(result)
