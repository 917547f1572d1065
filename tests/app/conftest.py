"""What every AppTest shares: a page reached like a person reaches it (home first, with the link's query)."""

from __future__ import annotations

import sys
from collections.abc import Mapping

import pytest
from streamlit.runtime import Runtime
from streamlit.testing.v1 import AppTest

from tests import ROOT

TIMEOUT = 180  # training runs inside the script; AppTest's default of 3 s is for plain pages


def app(query: Mapping[str, str] | None = None) -> AppTest:
    """Home, with the link's query parameters, not yet run."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at


def open_page(page: str, query: Mapping[str, str] | None = None) -> AppTest:
    """`page` (e.g. "pages/1_Lab.py") reached from home with the link's query, run once."""
    return app(query).run().switch_page(page).run()


@pytest.fixture
def concurrent_apptests(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lets AppTests run in several threads at once.

    Each AppTest run puts a mock Runtime in `Runtime._instance` and sets it back to None when it ends, so a session
    still running in another thread then fails at its next `st.context` read with "Runtime hasn't been created!"
    (failed once in CI). Here the last mock a run put there stands in until the next run puts its own.
    """
    last: list[Runtime] = []

    def instance(cls: type[Runtime]) -> Runtime:
        if cls._instance is not None:
            last[:] = [cls._instance]
        if not last:
            raise RuntimeError("Runtime hasn't been created!")
        return last[0]

    monkeypatch.setattr(Runtime, "instance", classmethod(instance))
    # two scripts running at once each swap sys.modules["__main__"] and put back what they found, which can leave a
    # page there; a later test's spawned process would then run that page at its start
    monkeypatch.setitem(sys.modules, "__main__", sys.modules["__main__"])
