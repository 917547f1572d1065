"""Starting a training process (core/runtime/processes.py), with nothing heavier than multiprocessing imported.

A new server starts its training processes before it imports torch (ui/server.py): importing it takes the parent ~2 s
that the children can spend on their own start-up meanwhile.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass
from multiprocessing import spawn
from multiprocessing.connection import Connection
from typing import Any

WORKER_NAME = "scalelab-training"
CHILD_NICE = 10  # a training process runs below the server's page work
_preparation_data = spawn.get_preparation_data


def _without_main(name: str) -> dict[str, Any]:
    """multiprocessing's preparation data for a spawned child, without the parent's __main__ for a training process.

    A spawned child first imports the parent's __main__. In a Streamlit server that is the page script last run
    (Streamlit puts it in sys.modules["__main__"]), so each training process ran a whole page at its start —
    Streamlit's import and the page's work, seconds of CPU (seen in the server log as "missing ScriptRunContext"
    warnings from the children). A training process needs nothing from __main__: its target is _child."""
    data = _preparation_data(name)
    if name == WORKER_NAME:
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
    return data


spawn.get_preparation_data = _without_main  # multiprocessing looks it up here at each spawn


@dataclass
class Started:
    """A training process just started, and the parent's ends: its pipe and its stop flag."""

    proc: multiprocessing.process.BaseProcess
    conn: Connection
    stop: Any  # a multiprocessing Event


def start_worker() -> Started:
    """Spawn one training process (it imports torch and warms up by itself, core.runtime.processes.serve).

    spawn, not the forkserver: a worker lives for many jobs, so its start is paid once, in the background, and no
    extra forkserver process keeps a third copy of torch in memory."""
    ctx = multiprocessing.get_context("spawn")
    conn, child_end = ctx.Pipe()
    stop = ctx.Event()
    proc = ctx.Process(target=_child, args=(child_end, stop), name=WORKER_NAME, daemon=True)
    proc.start()
    child_end.close()
    return Started(proc, conn, stop)


def _child(conn: Connection, stop: Any) -> None:
    """The training process's entry: its work lives in core.runtime.processes. Below the server's priority from the
    start: importing torch here must not slow the server's first pages (it did, by ~2 s, measured)."""
    os.nice(CHILD_NICE)
    from core.runtime.processes import serve

    serve(conn, stop)
