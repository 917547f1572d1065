"""What every AppTest shares: a page reached like a person reaches it (home first, with the link's query)."""

from __future__ import annotations

from collections.abc import Mapping

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
