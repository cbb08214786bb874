"""The front-end files a real browser loads for one calm open of a page (Playwright + Chromium).

The page's HTML names only a few files; Voilà's webpack runtime and the federated
extensions then load ~90 chunks chosen at run time, which a protocol-level client cannot
derive from the HTML. Recording them once, calmly, before the burst lets every simulated
participant fetch what a browser would (STACK_NOTES: ~97 files, 5 MB).
"""

from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
LOADED = {"script", "stylesheet", "font", "image"}
RENDERED = ".jupyter-widgets"  # a widget view drawn: the widget manager's chunks have loaded


def record(url, seconds=120, executable=CHROMIUM):
    """URLs on the page's server that Chromium loads as scripts, styles, fonts or images until a widget
    is drawn and the network is idle again (under load the network idles before the lazy chunks load)."""
    from playwright.sync_api import sync_playwright

    server = urlsplit(url)._replace(path="/", query="", fragment="").geturl()
    loaded = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        page = browser.new_page()
        page.on("response", lambda r: loaded.append(r.url) if r.request.resource_type in LOADED else None)
        page.goto(url, wait_until="networkidle", timeout=seconds * 1000)
        page.wait_for_selector(RENDERED, timeout=seconds * 1000)
        page.wait_for_load_state("networkidle", timeout=seconds * 1000)
        browser.close()
    return [u for u in dict.fromkeys(loaded) if u.startswith(server)]
