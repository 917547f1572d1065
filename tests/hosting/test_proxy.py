"""ScaleLab as a company hosts it, in a real Chromium: Debian's nginx on loopback in front of two replicas under
/scalelab/, both started by scripts/serve with one data directory (the result store) and one cookie secret.

The health check answers through the proxy; "Share this view" gives the public address (SCALELAB_PUBLIC_URL), which
opens the same view through the proxy; a visitor stays on one replica, and when that replica is killed the page
reconnects to the other, says so at the next action, and the stored numbers come back from the shared store; every
page works under the base path. The tests run in this order and share the servers (one cold start, one training).
"""

from __future__ import annotations

import secrets
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from typing import NamedTuple

import pytest
from playwright.sync_api import expect

from core.i18n import t
from tests.browser.util import free_port, served, wait_idle
from tests.hosting.proxy import BASE, holding_session, nginx

pytestmark = pytest.mark.browser
PAGES = [("", "nav.home"), ("Lab", "nav.lab"), ("Theory", "nav.theory"), ("Cost", "nav.cost"), ("Pilot", "nav.pilot"),
         ("Sweep", "nav.sweep")]  # fmt: skip
SMALL = "n=16&m=8&s=1&depths=1,2&width=32&steps=60&batch=64&seed=7&lang=en"  # trains in about a second
HEADLINE = '[data-testid="stMetricValue"]'  # each model's error, parameters and time, as the page prints them
VIEW = {"width": 1400, "height": 2200}


class Site(NamedTuple):
    url: str  # the proxy, as the browser reaches it
    public: str  # the same proxy by another name: what share links must use
    replicas: dict  # host:port → its server process


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    """nginx named two ways (127.0.0.1 for the browser, localhost as the public URL), so a share link that merely
    copied the browser's address would not pass."""
    port = free_port()
    public = f"http://localhost:{port}/{BASE}"
    env = {"SCALELAB_BASE_PATH": f"/{BASE}/", "SCALELAB_PUBLIC_URL": public,
           "SCALELAB_DATA_DIR": tempfile.mkdtemp(prefix="scalelab-shared-"),
           "SCALELAB_COOKIE_SECRET": secrets.token_hex(32)}  # fmt: skip
    with served(env) as (first, p1), served(env) as (second, p2):
        replicas = {first.split("/")[2]: p1, second.split("/")[2]: p2}
        with nginx(list(replicas), port=port) as url:
            yield Site(url, public, replicas)


def _numbers(page, timeout_ms: int = 120_000) -> list[str]:
    """The Lab's printed results, once they are on the page."""
    expect(page.locator(HEADLINE).first).to_be_visible(timeout=timeout_ms)
    wait_idle(page, timeout_ms=timeout_ms)
    return page.locator(HEADLINE).all_inner_texts()


def _wait_for(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_the_health_check_answers_through_the_proxy(site: Site) -> None:
    with urllib.request.urlopen(f"{site.url}/_stcore/health", timeout=10) as r:
        assert (r.status, r.read()) == (200, b"ok")


@pytest.mark.slow  # the first training on fresh servers starts their training processes (~20 s on a busy machine)
def test_share_this_view_gives_the_public_link_and_it_opens_the_same_view(browser, site: Site) -> None:
    page = browser.new_page(viewport=VIEW)
    page.goto(f"{site.url}/Lab?{SMALL}")
    wait_idle(page)
    page.get_by_role("button", name=t("lab.share", "en")).click()
    link = page.get_by_test_id("stCode").inner_text().strip()
    assert link.startswith(f"{site.public}/Lab?")
    assert "seed=7" in link and "width=32" in link and "run=1" in link
    page.close()

    colleague = browser.new_context(viewport=VIEW).new_page()  # no cookie, no session yet
    colleague.goto(link)
    _numbers(colleague)  # trained through nginx, progress over the proxied websocket
    expect(colleague.locator("input[aria-label='Seed']")).to_have_value("7")
    expect(colleague.locator("input[aria-label='n']")).to_have_value("16")
    assert colleague.url.startswith(f"{site.public}/Lab?")
    colleague.context.close()


@pytest.mark.slow
def test_a_visitor_stays_on_one_replica_and_survives_its_loss(browser, site: Site) -> None:
    visitor = browser.new_context(viewport=VIEW)
    page = visitor.new_page()
    page.goto(f"{site.url}/Lab?{SMALL}&run=1")  # the link shared above: its numbers are stored
    numbers = _numbers(page)
    tab = visitor.new_page()  # the same visitor's second tab goes to the same replica (the cookie)
    tab.goto(f"{site.url}/?lang=en")
    wait_idle(tab)
    _wait_for(lambda: len(holding_session(site.replicas)) == 1)
    (home,) = holding_session(site.replicas)
    tab.close()

    site.replicas[home].kill()  # the replica dies without a word to anyone
    (survivor,) = set(site.replicas) - {home}
    _wait_for(lambda: holding_session(site.replicas) == [survivor])  # the page reconnected through nginx
    expect(page.locator(HEADLINE).first).to_be_visible()  # and kept its drawing meanwhile

    page.get_by_role("button", name=t("lab.train", "en")).click()  # the next action runs on the survivor
    expect(page.get_by_text(t("nav.reconnected", "en"))).to_be_visible(timeout=30_000)
    expect(page.get_by_text(t("lab.replayed", "en"))).to_be_visible()  # from the shared store: no new training
    assert _numbers(page, 30_000) == numbers

    colleague = browser.new_context(viewport=VIEW).new_page()
    colleague.goto(f"{site.url}/Lab?{SMALL}&run=1")  # the share link, served by the survivor alone
    assert _numbers(colleague, 30_000) == numbers
    expect(colleague.get_by_text(t("nav.reconnected", "en"))).to_have_count(0)  # a fresh visit is no reconnect
    colleague.context.close()
    visitor.close()


@pytest.mark.parametrize(("path", "title"), PAGES, ids=[p or "home" for p, _ in PAGES])
def test_every_page_works_under_the_base_path(browser, site: Site, path: str, title: str) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    page.goto(f"{site.url}/{path}?lang=en")
    expect(page).to_have_title(f"ScaleLab · {t(title, 'en')}", timeout=30_000)
    expect(page.locator("h1").first).to_be_visible()  # drawn through the websocket (Theory keeps computing: no wait)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    link = page.get_by_role("link", name=t("nav.lab", "en"))  # the sidebar's links stay under the base path
    assert link.evaluate("a => a.href") == f"{site.url}/Lab"
    page.close()
