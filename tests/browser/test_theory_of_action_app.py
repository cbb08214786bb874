"""A theory of action typed in the Voilà app survives a reload: it is in the store."""

from serving import open_app

APP = "/voila/render/drivers/01_clarity_of_focus.ipynb?school=S0001"  # a link a coach hands out
PROBLEM = "Students rarely cite evidence <b>when</b> they argue"


def textarea(page, label):
    return page.locator(".widget-textarea").filter(has_text=label).locator("textarea")


def test_draft_survives_a_reload(voila_url, offline_page, artifacts):
    page = offline_page
    open_app(page, voila_url + APP)
    textarea(page, "Problem of practice").fill(PROBLEM, timeout=120_000)
    textarea(page, "Staff practices").fill("Plan lessons around text-dependent questions")  # the label reads "If we …"
    page.get_by_role("button", name="Save revision").click()
    page.get_by_text("Saved revision 1").wait_for(timeout=30_000)
    body = page.inner_text("body")
    assert "If we plan lessons around text-dependent questions, then" in body  # the live statement, one sentence
    assert "Our problem of practice: Students rarely cite evidence <b>when</b> they argue." in body

    page.reload(wait_until="domcontentloaded")
    field = textarea(page, "Problem of practice")
    field.wait_for(timeout=120_000)
    page.wait_for_function("text => [...document.querySelectorAll('textarea')].some(t => t.value === text)", arg=PROBLEM, timeout=30_000)
    assert field.input_value() == PROBLEM  # shown as typed: the <b> is text, not markup
    assert page.locator("b", has_text="when").count() == 0
    page.screenshot(path=artifacts / "theory_of_action.png", full_page=True)
    assert page.blocked == []
