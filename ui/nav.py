"""Shared page frame: page config, sidebar navigation with plain labels."""

from __future__ import annotations

import streamlit as st

PAGES = (
    ("app.py", "Home", ":material/home:"),
    ("pages/1_Lab.py", "Lab: one vs two layers", ":material/science:"),
    ("pages/2_Theory.py", "Theory: why depth matters", ":material/school:"),
)


def page_frame(title: str) -> None:
    """Call first on every page: same layout everywhere and the same sidebar navigation."""
    st.set_page_config(page_title=f"ScaleLab · {title}", page_icon=":material/straighten:", layout="wide")
    with st.sidebar:
        for path, label, icon in PAGES:
            st.page_link(path, label=label, icon=icon)
        st.divider()
