"""A room in Voilà: the facilitator's view leads, a table's page follows its step by itself."""

from protocol_steps import go_to_step, step_number
from serving import open_app

APP = "/voila/render/protocols/examining_data.ipynb"


def test_a_table_follows_the_facilitators_step_and_the_facilitator_sees_it(voila_url, browser, artifacts):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        lead, table = context.new_page(), context.new_page()
        open_app(lead, voila_url + APP + "?room=room-test&view=facilitator")
        lead.get_by_text("Leading room room-test").wait_for(timeout=120_000)
        open_app(table, voila_url + APP + "?room=room-test&school=S0005&team=Table+5")
        assert step_number(table) >= 1
        assert table.locator(".otm-clock-next").is_hidden()  # a table's clock follows; it has no buttons
        lead.locator(".otm-clock-start").click()
        go_to_step(lead, 3)
        table.wait_for_function("() => document.querySelector('.otm-clock-title').innerText.startsWith('Step 3 of')", timeout=15_000)
        lead.get_by_text("Table 5").wait_for(timeout=15_000)  # the facilitator's table list refreshes by itself
        assert "following the room's facilitator" in table.locator(".otm-clock-status").inner_text()
        lead.screenshot(path=artifacts / "room_facilitator.png", full_page=True)
        table.screenshot(path=artifacts / "room_table.png", full_page=True)
    finally:
        context.close()
