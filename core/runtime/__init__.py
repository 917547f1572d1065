"""Where work runs: training processes, job slots, the result store."""
