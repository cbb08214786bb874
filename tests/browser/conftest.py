"""Serve the apps with the real `onthemove serve` and drive Debian's chromium.

Every request that does not go to 127.0.0.1 is blocked, as on a school network with
no internet, and recorded so a test can show nothing tried to leave the machine.
"""

import shutil
from pathlib import Path

import pytest
from serving import start_serve

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def artifacts():
    """Screenshots and server logs land here, for CI to keep and people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def voila_url(artifacts):
    log = open(artifacts / "voila.log", "w")  # read it when Voilà does not start
    for stale in artifacts.glob("browser-drafts.db*"):
        stale.unlink()
    server, port = start_serve(artifacts / "browser-drafts.db", output=log)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=20)
    log.close()


@pytest.fixture(scope="session")
def browser():
    playwright_sync = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `make test-services`")
    with playwright_sync.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def offline_page(browser):
    """A page that can reach 127.0.0.1 and nothing else; `page.blocked` lists the rest."""
    context = browser.new_context(viewport={"width": 1280, "height": 1600})
    page = context.new_page()
    page.blocked = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            request_route.continue_()
        else:
            page.blocked.append(url)
            request_route.abort()

    page.route("**/*", route)
    yield page
    context.close()
