"""One replica behind Debian's nginx under /scalelab/, as a company hosts it: every page, the health check, and the
Lab's "Share this view" link at the public address, opened through the proxy in a real Chromium."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from core.i18n import t
from tests.browser.util import free_port, served, wait_idle
from tests.hosting.proxy import BASE, nginx

pytestmark = pytest.mark.browser
PAGES = [("", "nav.home"), ("Lab", "nav.lab"), ("Theory", "nav.theory"), ("Cost", "nav.cost"), ("Pilot", "nav.pilot"),
         ("Sweep", "nav.sweep")]  # fmt: skip
SMALL = "n=16&m=8&s=1&depths=1,2&width=32&steps=60&batch=64&seed=7&lang=en"  # trains in about a second


@pytest.fixture(scope="module")
def proxied() -> Iterator[tuple[str, str]]:
    """(the address the browser uses, the public URL share links must use): the same nginx, named two ways
    (127.0.0.1 and localhost), so a link that merely copied the browser's address would not pass."""
    port = free_port()
    public = f"http://localhost:{port}/{BASE}"
    env = {"SCALELAB_BASE_PATH": f"/{BASE}/", "SCALELAB_PUBLIC_URL": public}
    with served(env) as (replica, _proc), nginx([replica.split("/")[2]], port=port) as url:
        yield url, public


def test_the_health_check_answers_through_the_proxy(proxied) -> None:
    url, _ = proxied
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as r:
        assert (r.status, r.read()) == (200, b"ok")


@pytest.mark.slow  # the first training on a fresh server starts its training processes (~20 s on a busy machine)
def test_share_this_view_gives_the_public_link_and_it_opens_the_same_view(browser, proxied) -> None:
    url, public = proxied
    page = browser.new_page(viewport={"width": 1400, "height": 2200})
    page.goto(f"{url}/Lab?{SMALL}")
    wait_idle(page)
    page.get_by_role("button", name=t("lab.share", "en")).click()
    link = page.get_by_test_id("stCode").inner_text().strip()
    assert link.startswith(f"{public}/Lab?")
    assert "seed=7" in link and "width=32" in link and "run=1" in link
    page.close()

    other = browser.new_context().new_page()  # a colleague: no cookie, no session of their own yet
    other.set_viewport_size({"width": 1400, "height": 2200})
    other.goto(link)
    wait_idle(other, timeout_ms=120_000)
    expect(other.get_by_text("Error at every signal scale")).to_be_visible(timeout=120_000)  # trained through nginx
    expect(other.locator("input[aria-label='Seed']")).to_have_value("7")
    expect(other.locator("input[aria-label='n']")).to_have_value("16")
    assert other.url.startswith(f"{public}/Lab?")
    other.context.close()


@pytest.mark.parametrize(("path", "title"), PAGES, ids=[p or "home" for p, _ in PAGES])
def test_every_page_works_under_the_base_path(browser, proxied, path: str, title: str) -> None:
    url, _ = proxied
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    page.goto(f"{url}/{path}?lang=en")
    expect(page).to_have_title(f"ScaleLab · {t(title, 'en')}", timeout=30_000)
    expect(page.locator("h1").first).to_be_visible()  # drawn through the websocket (Theory keeps computing: no wait)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    link = page.get_by_role("link", name=t("nav.lab", "en"))  # the sidebar's links stay under the base path
    assert link.evaluate("a => a.href") == f"{url}/Lab"
    page.close()
