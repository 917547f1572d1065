"""The browser tests' Chromium, shared here (the same fixture, so the same never-skip-in-CI rule)."""

from tests.browser.conftest import browser  # noqa: F401 - a fixture, used by name
