"""A protocol run through the runner in Voilà, offline: the countdown moves in the
browser, a step and a typed note survive a reload, and so does the time left."""

import re

from protocol_steps import go_to_step, step_number
from serving import open_app

APP = "/voila/render/protocols/critical_friends.ipynb?school=S0003&team=Runner+test+team"


def seconds_shown(page):
    """The countdown as seconds ('4:58' → 298)."""
    text = page.locator(".otm-clock-count").inner_text()
    minutes, seconds = re.search(r"(\d+):(\d\d)$", text).groups()
    return int(minutes) * 60 + int(seconds)


def test_a_protocol_runs_against_the_clock_and_survives_a_reload(voila_url, offline_page, artifacts):
    page = offline_page
    open_app(page, voila_url + APP)
    go_to_step(page, 1)
    start = page.locator(".otm-clock-start")
    if start.inner_text() != "Pause":
        start.click()
    page.get_by_role("button", name="Pause").wait_for(timeout=30_000)
    go_to_step(page, 2)  # the first presenter's presentation
    first = seconds_shown(page)
    page.wait_for_timeout(2500)
    assert 1 <= first - seconds_shown(page) <= 4  # counting down in the browser, network blocked
    note = page.locator(".otm-record textarea").first
    note.fill("What would help <b>quiet</b> students talk?")
    page.locator(".otm-record").get_by_role("button", name="Save").click()
    page.get_by_text("Saved revision").first.wait_for(timeout=30_000)
    left_before = seconds_shown(page)
    page.screenshot(path=artifacts / "protocol_runner.png", full_page=True)

    open_app(page, voila_url + APP)  # reload: a new kernel, the same session
    page.locator(".otm-clock-title").wait_for(timeout=120_000)
    assert step_number(page) == 2
    page.locator(".otm-record textarea").first.wait_for(timeout=60_000)
    assert page.locator(".otm-record textarea").first.input_value() == "What would help <b>quiet</b> students talk?"
    assert page.locator("b", has_text="quiet").count() == 0  # typed markup stays text
    assert 0 <= left_before - seconds_shown(page) <= 60  # the clock carried on while the page reloaded
    assert page.get_by_role("button", name="Pause").count() == 1
    assert page.blocked == []


def test_a_step_that_runs_over_says_so_and_is_never_blocked(voila_url, offline_page):
    page = offline_page
    page.clock.install()  # the browser's own clock, moved by the test
    open_app(page, voila_url + "/voila/render/protocols/collaborative_instructional_design.ipynb?school=S0002&team=Overrun+team")
    go_to_step(page, 1)
    page.locator(".otm-clock-start").click()
    page.get_by_role("button", name="Pause").wait_for(timeout=30_000)
    page.clock.fast_forward("06:30")  # the 5-minute opening, 1½ minutes over
    page.wait_for_function("() => document.querySelector('.otm-clock-count').innerText.startsWith('over by 1:')", timeout=10_000)
    assert "otm-red" in page.locator(".otm-clock-face").get_attribute("class")
    assert page.locator(".otm-clock-next").is_enabled()
    go_to_step(page, 2)  # moving on is still one click
    assert page.locator(".otm-clock-count").inner_text() == "10:00"
