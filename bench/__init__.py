"""ScaleLab benchmark: `python -m bench` prints and writes a markdown table (bench/results.md)."""
