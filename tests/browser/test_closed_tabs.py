"""A closed tab frees its kernel, whether the app came from the landing page or a direct link.

Voilà 0.5.13 has no /api/kernels listing, so the kernels are counted as the server's
ipykernel child processes (each names its kernel's connection file).
"""

import time

import psutil
import pytest
from serving import start_serve

APPS = ["protocols/critical_friends.ipynb?school=S0001", "protocols/examining_data.ipynb?school=S0002"]  # two apps, light to start: the test is of kernels freed, not of drawing
OPENS = 20
AT_ONCE = 5


def kernels(server):
    """The server's kernel processes that are still running (an exited one may linger as a zombie)."""
    running = []
    for child in psutil.Process(server.pid).children(recursive=True):
        try:
            if child.status() != psutil.STATUS_ZOMBIE and "ipykernel" in " ".join(child.cmdline()):
                running.append(child)
        except psutil.Error:  # exited while we looked
            pass
    return running


def megabytes(server):
    processes = [psutil.Process(server.pid), *psutil.Process(server.pid).children(recursive=True)]
    return sum(process.memory_info().rss for process in processes) / 2**20


@pytest.fixture
def served(artifacts):
    log_path = artifacts / "voila-closed-tabs.log"
    with open(log_path, "w") as log:
        server, port = start_serve(artifacts / "closed-tabs-drafts.db", output=log)
        yield server, f"http://127.0.0.1:{port}", log_path
        server.terminate()
        server.wait(timeout=30)


def open_tab(context, base, n):
    """The n-th participant's tab: in every other batch each enters from the landing page, else by a direct link."""
    page = context.new_page()
    if (n // AT_ONCE) % 2:
        page.goto(base + "/", wait_until="load", timeout=90_000)  # the landing app, then on to the room's app
        page.get_by_role("link", name="Start here: Schools on the Move").wait_for(timeout=90_000)
    page.goto(f"{base}/voila/render/{APPS[n % len(APPS)]}", wait_until="commit", timeout=90_000)
    return page


def wait_until_connected(page):
    """The app ran (its school's line is there) and its widgets connected, reloading once as a participant would.

    On this stack a page now and then never arrives (STACK_NOTES; serving.open_app).
    """
    from playwright.sync_api import TimeoutError as PageTimeout

    try:
        page.locator(".otm-opened").wait_for(timeout=60_000)
    except PageTimeout:
        page.reload(wait_until="commit")
        page.locator(".otm-opened").wait_for(timeout=60_000)
    page.locator(".jupyter-widgets").first.wait_for(state="attached", timeout=60_000)


def test_twenty_closed_tabs_leave_no_kernel_running(served, browser, capsys):
    server, base, log_path = served
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:")) else route.abort())
    started = time.monotonic()
    for first in range(0, OPENS, AT_ONCE):
        context.clear_cookies()  # links handed out: no page of this server was opened before (the browser's cache stays)
        tabs = [open_tab(context, base, n) for n in range(first, first + AT_ONCE)]
        for page in tabs:
            wait_until_connected(page)
        for page in tabs:
            page.close(run_before_unload=True)  # as a closed tab: Voilà's beforeunload beacon shuts the kernel down
        for page in tabs:  # gone before the next batch clears the cookies their beacons read
            if not page.is_closed():
                page.wait_for_event("close", timeout=10_000)
        print(f"tabs {first + 1}-{first + AT_ONCE} done at {time.monotonic() - started:.0f} s")
    context.close()
    opened = time.monotonic() - started
    deadline = time.monotonic() + 60
    while kernels(server) and time.monotonic() < deadline:
        time.sleep(1)
    left = kernels(server)
    freed = time.monotonic() - started - opened
    log = log_path.read_text()
    culled = log.count("Culling 'idle' kernel")
    with capsys.disabled():
        print(f"\n{OPENS} tabs opened and closed in {opened:.0f} s; kernels gone {freed:.0f} s later ({culled} by the culler); server and children {megabytes(server):.0f} MB")
    assert left == [], f"{len(left)} kernel(s) still running a minute after their tabs closed"
    assert "403 POST /voila/api/shutdown" not in log  # no shutdown refused for want of the _xsrf cookie
    assert log.count("Kernel shutdown:") - culled >= OPENS  # most by their own page's beacon; the culler is the safety net
