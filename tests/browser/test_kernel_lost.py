"""A participant whose app's kernel dies, or whose server stops, is told so on the page and what to do."""

import json
import signal

import psutil
from serving import open_app, start_serve

APP = "/voila/render/drivers/01_clarity_of_focus.ipynb?school=S0003"
SAVED = "Saved before the kernel was lost: students rarely revise their drafts"


def page_kernel(page):
    """The id of the kernel Voilà started for this page (its page config names it)."""
    return json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]


def kernel_process(kernel_id):
    """The ipykernel process that serves `kernel_id` (its command line names the kernel's connection file)."""
    for process in psutil.process_iter(["cmdline"]):
        if any(f"kernel-{kernel_id}.json" in part for part in process.info["cmdline"] or []):
            return process
    raise AssertionError(f"no process for kernel {kernel_id}")


def problem_of_practice(page):
    return page.locator(".widget-textarea").filter(has_text="Problem of practice").locator("textarea")


def test_a_page_whose_kernel_dies_says_so_and_a_reload_brings_back_what_was_saved(voila_url, browser, artifacts):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        open_app(page, voila_url + APP)
        problem_of_practice(page).fill(SAVED, timeout=120_000)
        page.get_by_role("button", name="Save revision").click()
        page.get_by_text("Saved revision").first.wait_for(timeout=30_000)
        problem_of_practice(page).fill("typed after the save, never saved")
        assert page.locator(".otm-kernel-lost").count() == 0  # nothing is said while all is well
        kernel_process(page_kernel(page)).send_signal(signal.SIGKILL)
        banner = page.locator(".otm-kernel-lost")
        banner.wait_for(timeout=30_000)
        words = banner.inner_text()
        assert "kernel was lost" in words and "Reload the page" in words and "everything saved is kept" in words
        assert banner.get_attribute("role") == "alert"
        assert float(banner.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")) >= 16
        page.screenshot(path=artifacts / "kernel_lost.png")
        before = page_kernel(page)
        open_app(page, voila_url + APP)
        problem_of_practice(page).wait_for(timeout=120_000)
        page.wait_for_function("text => [...document.querySelectorAll('textarea')].some(t => t.value === text)", arg=SAVED, timeout=30_000)
        assert problem_of_practice(page).input_value() == SAVED  # the saved revision is back; only the unsaved edit is gone
        assert page_kernel(page) != before and page.locator(".otm-kernel-lost").count() == 0
    finally:
        context.close()


def test_a_page_whose_server_stops_says_so(browser, artifacts, tmp_path):
    with open(artifacts / "voila-server-stops.log", "w") as log:
        server, port = start_serve(tmp_path / "drafts.db", output=log)
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        try:
            page = context.new_page()
            open_app(page, f"http://127.0.0.1:{port}{APP}")
            page.locator(".jupyter-widgets").first.wait_for(timeout=120_000)
            server.kill()
            banner = page.locator(".otm-kernel-lost")
            banner.wait_for(timeout=30_000)
            assert "lost its connection to the server" in banner.inner_text() and "Reload the page" in banner.inner_text()
        finally:
            context.close()
            server.kill()
            server.wait(timeout=30)
