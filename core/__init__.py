"""ScaleLab core: problems, bias-free networks, training and evaluation. Never imports Streamlit."""
