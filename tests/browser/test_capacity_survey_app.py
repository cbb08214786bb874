"""The staff survey in the Shared leadership app: two people answer from their own pages, a third sees the profile change.

Four answers are already in the store (so no result shows yet: fewer than five); the
first person's answer makes five and the profile appears; the second's changes it.
"""

import re
import uuid

from serving import open_app

from onthemove_widgets.capacity_answers import KIND, answer_body
from onthemove_widgets.store import Store

APP = "/voila/render/drivers/02_shared_leadership.ipynb?school=S0006"
ROUND = "Round 1"  # the notebook's default round
COHERENT = {"capacity_building": "coherent", "instructional_coherence": "coherent", "impact": "coherent"}


def answer(page, url, choice):
    """Open the app as one participant and choose the `choice`-th option of every question."""
    open_app(page, url)
    page.get_by_role("button", name="Submit").wait_for(timeout=120_000)
    for group in page.locator(".widget-radio-box").all():
        group.locator("input[type=radio]").nth(choice).check()
    page.get_by_role("button", name="Submit").click()
    page.get_by_text("Thank you: your answers are saved").wait_for(timeout=30_000)


def profile_text(page):
    page.get_by_role("button", name="Refresh").click()
    page.wait_for_timeout(1500)
    return page.inner_text("body")


def test_two_answers_from_two_pages_reach_a_third(voila_url, browser, artifacts):
    store = Store(artifacts / "browser-drafts.db")
    for _ in range(4):
        store.save(KIND, "S0006", ROUND, uuid.uuid4().hex, answer_body("staff", COHERENT))
    pages = [browser.new_context().new_page() for _ in range(3)]
    try:
        viewer = pages[2]
        open_app(viewer, voila_url + APP)
        viewer.get_by_role("button", name="Refresh").wait_for(timeout=120_000)
        assert "fewer than 5" in profile_text(viewer)

        answer(pages[0], voila_url + APP, 0)  # compliant on every indicator
        five = profile_text(viewer)
        assert re.search(r"Round 1: 5 staff respondents place the school as Coherent \(chosen 12 times of 15\)", five), five[-3000:]

        answer(pages[1], voila_url + APP, 0)
        six = profile_text(viewer)
        assert "Round 1: 6 staff respondents place the school as Coherent (chosen 12 times of 18)" in six
        viewer.screenshot(path=artifacts / "capacity_profile.png", full_page=True)
    finally:
        for page in pages:
            page.context.close()
