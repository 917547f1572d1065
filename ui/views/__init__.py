"""One view per page: how that page draws its results (Streamlit), fed by core's plain results."""
