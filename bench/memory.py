"""A process tree's memory, as the benchmark counts it."""

from __future__ import annotations

import contextlib


def tree_pss_mb(pid: int) -> float:
    """Memory of a process and all its descendants (training processes, a forkserver) as PSS: each shared page
    (torch's code, mapped by every process) counted once in all, not once per process as RSS would."""
    import psutil

    root = psutil.Process(pid)
    total = 0
    for proc in [root, *root.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess):  # a process that just ended
            total += proc.memory_full_info().pss
    return total / 2**20
