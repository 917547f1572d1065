"""Streamlit-side helpers shared by the pages: controls, navigation, charts, the run adaptor."""
