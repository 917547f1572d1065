"""The server's entry point (`python -m ui.server run app.py …`, what scripts/serve starts): Streamlit's own command
line, with the training processes started at once beside it.

Streamlit has no start-up hook: without this, the processes start when the Lab is first opened, and a fresh server's
first Train waits for them (each imports torch and warms up: ~2.5 s of CPU, measured). Started here they are warm by
the time the first visitor has read the Lab: they are started before torch is imported here (core/runtime/launch.py),
which is why the imports stay inside the functions.
"""

import threading


def _prestart() -> None:
    """Start the idle training processes, then hand them to the module the pages import (one interpreter): started
    before that module's import (torch, ~2 s), so the children start up meanwhile."""
    from core.runtime import launch, slots

    started = [launch.start_worker() for _ in range(slots.MAX_CONCURRENT_JOBS)]
    from core.runtime import processes

    processes.prestart(started=started)


def main() -> None:
    """Start the training processes in the background, then run Streamlit's command line with our arguments."""
    from streamlit.web import cli

    threading.Thread(target=_prestart, name="scalelab-prestart", daemon=True).start()
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
