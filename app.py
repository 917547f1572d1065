"""ScaleLab home: what scale invariance is, the finding, and the three steps of a pilot."""

import streamlit as st

from ui import theory_store
from ui.nav import page_frame

LAB = "pages/1_Lab.py"

page_frame("Home")
theory_store.prefetch()  # the Theory page's default answers compute in the background while you read
st.title("ScaleLab")
st.subheader("Does a network keep working when the signal is 1000 times weaker, or stronger?")

left, right = st.columns(2, gap="large")
with left:
    st.markdown(
        """
**Scale invariance, like a drawing's scale bar.** Enlarge a drawing and every distance on it grows by the same
factor. A *positively homogeneous* reconstruction behaves the same way: multiply the measurements by λ ≥ 0 and
the answer is multiplied by λ, **f(λy) = λ·f(y)**.

**Why no biases.** A ReLU network without bias terms has this property by construction:
ReLU(λt) = λ·ReLU(t), layer after layer. A bias is a fixed offset that does not scale with the signal, so a
network with biases can fail on signals far weaker or stronger than those it was trained on.
"""
    )
with right:
    st.markdown(
        """
**The finding** (Bamberger, Heckel, Krahmer, arXiv:2308.02836). To reconstruct sparse signals x from few
measurements y = A·x:

- **one hidden layer is not enough, whatever its width**: on signed signals its error can never go below
  √(1 − m/n), 71 % when there are half as many measurements as unknowns (proven: its odd part is linear);
- **two hidden layers are enough**: they can reconstruct to any precision, at every scale.
"""
    )
    st.page_link(LAB, label="See it in the Lab: one click, a few seconds", icon=":material/play_circle:")
    st.page_link("pages/2_Theory.py", label="Why? Six questions, answered live", icon=":material/school:")

st.divider()
st.subheader("A pilot in three steps")
c1, c2, c3 = st.columns(3)
with c1, st.container(border=True):
    st.markdown(
        "**1. Is the data scale-dependent?**  \nIn the Lab, switch *Bias terms* on and off and read the error "
        "at each test scale: a design with biases degrades away from its training scales, a bias-free one does not."
    )
    st.page_link(LAB, label="Compare bias on/off", icon=":material/straighten:")
with c2, st.container(border=True):
    st.markdown(
        "**2. One or two layers?**  \nTrain both side by side on small simulated data of your size (n unknowns, "
        "m measurements, s active sources) and see which one reconstructs."
    )
    st.page_link(LAB, label="Prototype one vs two layers", icon=":material/layers:")
with c3, st.container(border=True):
    st.markdown(
        "**3. What does it cost?**  \nEach model's card shows its parameter count and measured training time on "
        "this machine, next to its error."
    )
    st.page_link(LAB, label="Read size and training time", icon=":material/payments:")
