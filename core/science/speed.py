"""How fast a reconstructor runs on this machine: signals per second, measured (never estimated)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np
import torch

# Signals per timed call, as a service would batch them. Measured here (1 thread, m=16, n=32, width 256): 1000 is the
# fastest of 1, 100, 1000 and 10000 per call; one signal per call is ~80× slower (~40 µs of overhead per call).
THROUGHPUT_BATCH = 1000


def best_seconds(call: Callable[[], object], repeats: int) -> float:
    """The fastest of `repeats` timed calls: other load only ever slows a call, so the minimum is the cleanest."""
    if repeats < 1:
        raise ValueError(f"repeats={repeats} is not allowed: repeats must be at least 1")
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return max(best, 1e-9)  # a clock tick of 0 would divide by zero


def measure_throughput(
    f: Callable[[torch.Tensor], torch.Tensor], y: torch.Tensor, *, repeats: int = 5, threads: int = 1
) -> float:
    """Signals per second of the reconstructor f on y (batch, m), measured: best of `repeats` after one warm-up.

    Runs under torch.no_grad with `threads` intra-op threads (one per job, as the app trains), restored afterwards.
    """
    previous = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        with torch.no_grad():
            f(y)  # warm-up: the first call allocates buffers and picks kernels
            return y.shape[0] / best_seconds(lambda: f(y), repeats)
    finally:
        torch.set_num_threads(previous)


def measure_decoder_throughput(
    decode_fn: Callable[[np.ndarray, np.ndarray], np.ndarray], A: np.ndarray, Y: np.ndarray, *, repeats: int = 3
) -> float:
    """Signals per second of decode_fn(A, Y) → X̂ (batch, n), A (m, n), Y (batch, m); best of `repeats`, measured.

    No warm-up: the decoders are numpy/scipy calls with no kernel selection or buffer set-up to amortise.
    """
    return np.shape(Y)[0] / best_seconds(lambda: decode_fn(A, Y), repeats)
