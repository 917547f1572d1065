"""Images: does a denoiser still work at noise levels it never saw? With biases and bias-free, on a photograph."""

import streamlit as st

from ui.frame import page_frame, tr
from ui.views import images as images_view

page_frame("nav.images")
st.title(tr("images.title"))
st.write(tr("images.intro"))
cfg, photo = images_view.controls()
if cfg is None:
    st.stop()
clicked = st.button(tr("images.run"), icon=":material/photo_filter:", type="primary")
result, replayed = images_view.result_for(cfg, photo, run=clicked)
if result is None:
    st.info(tr("images.none_yet"))
else:
    images_view.show(result, replayed=replayed)
