"""Sweeps over δ = m/n and ρ = s/m: the grid, its tasks and cells, and where they run."""
