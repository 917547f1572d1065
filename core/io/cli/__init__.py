"""`python -m core …` and the `scalelab` console script."""
