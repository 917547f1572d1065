"""The science: problems, networks, decoders, training and evaluation (no product, no I/O)."""
