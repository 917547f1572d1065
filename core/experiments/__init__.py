"""Experiments built on the science: one run, the Theory studies, scenarios, the scale check, sweeps."""
