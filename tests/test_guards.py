"""What a browser sends is checked again in the kernel: the front end is played here by
the same messages ipywidgets receives from it (`_handle_msg`), with no kernel."""

import ipywidgets as widgets
import pytest

from onthemove_widgets.store import Store
from onthemove_widgets.widgets.chooser import open_app
from onthemove_widgets.widgets.draft_box import DraftBox
from onthemove_widgets.widgets.evidence_log import EvidenceLog
from onthemove_widgets.widgets.guards import TEXT_LIMIT, guard
from onthemove_widgets.widgets.protocol_runner import SESSION_KIND, ProtocolRunner
from onthemove_widgets.widgets.theory_of_action import TheoryOfActionDrafter

HUGE = "x" * 10_000_000


def browser_sets(widget, **state):
    """What ipywidgets does when the page sends an update of `state`."""
    widget._handle_msg({"content": {"data": {"method": "update", "state": state}}, "buffers": []})


def browser_sends(widget, content):
    """What ipywidgets does when the page sends a custom message (a click, a clock command)."""
    widget._handle_msg({"content": {"data": {"method": "custom", "content": content}}, "buffers": []})


@pytest.fixture(scope="module")
def app():
    return open_app(None, None, "Grade 4 team", announce=False)


def test_a_ten_megabyte_paste_is_refused_with_a_message_and_nothing_is_saved(tmp_path):
    store = Store(tmp_path / "d.db")
    box = DraftBox(store, "notes", "S1", "Team")
    browser_sets(box.text, value=HUGE)
    assert box.text.value == ""
    assert "10,000,000 characters" in box.status.value and "Nothing was saved" in box.status.value
    browser_sends(box.save_button, {"event": "click"})
    assert store.latest("notes", "S1", "Team", "main").body == {"text": ""}


def test_text_up_to_the_limit_is_taken(tmp_path):
    box = DraftBox(Store(tmp_path / "d.db"), "notes", "S1", "Team")
    browser_sets(box.text, value="y" * TEXT_LIMIT)
    assert len(box.text.value) == TEXT_LIMIT
    browser_sets(box.author, value="y" * (TEXT_LIMIT + 1))
    assert box.author.value == ""


def test_a_runner_refuses_huge_presenter_lists_and_records(app, tmp_path):
    store = Store(tmp_path / "d.db")
    runner = ProtocolRunner("critical_friends", app, store, presenters=("Ana",))
    browser_sets(runner.units_box, value="Ben\n" * 50_000)
    assert runner.units == ("Ana",) and "characters long" in runner.notice.value
    assert store.latest(SESSION_KIND, app.school_id, app.team, "critical_friends") is None
    runner.clock.press("start")
    runner.clock.press("next")
    note = runner.editors[0]
    browser_sets(note._text, value=HUGE)
    assert note.value == "" and "characters long" in note.status.value
    assert store.latest(*runner.address(next(at for at in runner.records if at.record.key == note.record.key))) is None


def test_a_choice_that_is_not_offered_is_put_back(app, tmp_path):
    runner = ProtocolRunner("critical_friends", app, Store(tmp_path / "d.db"), presenters=("Ana",))
    browser_sets(runner.pace, index=7)
    assert runner.pace.value == "longest" and "not one this control offers" in runner.notice.value
    browser_sets(runner.pace, index=None)
    assert runner.pace.value == "longest"
    browser_sets(runner.pace, index=0)
    assert runner.pace.value == "shortest" and runner.session["pace"] == "shortest"


def test_the_browser_cannot_add_options_and_then_choose_them():
    plain = widgets.Dropdown(options=[("a", 1), ("b", 2)])
    browser_sets(plain, _options_labels=["a", "b", "c"])
    assert plain._options_labels == ("a", "b", "c")  # ipywidgets alone takes new labels from the page
    guarded = guard(widgets.Dropdown(options=[("a", 1), ("b", 2)]))
    browser_sets(guarded, _options_labels=["a", "b", "c"], index=2)
    assert guarded._options_labels == ("a", "b") and guarded.value == 1


def test_select_multiple_refuses_repeats_and_indices_beyond_its_options(tmp_path):
    log = EvidenceLog(Store(tmp_path / "d.db"), "S1", "Team")
    browser_sets(log.indicators, index=[0, 0, 0])
    assert log.indicators.value == () and "once" in log.status.value
    browser_sets(log.indicators, index=[99])
    assert log.indicators.value == ()
    browser_sets(log.indicators, index=[0, 2])
    assert len(log.indicators.value) == 2


def test_a_click_on_a_disabled_button_does_nothing_even_if_the_page_enables_it_first(tmp_path):
    store = Store(tmp_path / "d.db")
    box = DraftBox(store, "notes", "S1", "Team")
    box.text.value = "typed"
    box.save_button.disabled = True
    browser_sends(box.save_button, {"event": "click"})
    browser_sets(box.save_button, disabled=False)
    browser_sends(box.save_button, {"event": "click"})
    assert box.save_button.disabled and store.latest("notes", "S1", "Team", "main") is None
    box.save_button.disabled = False
    browser_sends(box.save_button, {"event": "click"})
    assert store.latest("notes", "S1", "Team", "main").body == {"text": "typed"}


def test_numbers_stay_within_the_bounds_the_kernel_set(tmp_path):
    drafter = TheoryOfActionDrafter(Store(tmp_path / "d.db"), "S1", "Alder", "Team")
    browser_sets(drafter.cycle_weeks, max=10_000, value=9_999)
    assert drafter.cycle_weeks.max == 52 and drafter.cycle_weeks.value == 52
    browser_sets(drafter.cycle_weeks, value="six")
    assert drafter.cycle_weeks.value == 52
    slider = guard(widgets.IntSlider(value=5, min=0, max=10))
    browser_sets(slider, min=-1_000, max=1_000, value=-500)
    assert (slider.min, slider.max, slider.value) == (0, 10, 0)


def test_the_clock_ignores_unknown_commands_and_cannot_be_set_from_the_page(app, tmp_path):
    store = Store(tmp_path / "d.db")
    runner = ProtocolRunner("critical_friends", app, store, presenters=("Ana",))
    before = runner.clock.state
    for content in ({"command": "explode"}, {"command": ["next"]}, {"command": {"a": 1}}, "next", [1, 2], {"nothing": 1}):
        browser_sends(runner.clock, content)
    browser_sets(runner.clock, state={"position": 5, "started_at": 1.0})
    assert runner.clock.state == before and runner.clock_state.position == 0
    assert store.latest(SESSION_KIND, app.school_id, app.team, "critical_friends") is None
    browser_sends(runner.clock, {"command": "start"})
    assert runner.clock_state.started_at is not None


def test_widgets_added_later_are_guarded_too(app, tmp_path):
    runner = ProtocolRunner("critical_friends", app, Store(tmp_path / "d.db"), presenters=("Ana",))
    runner.clock.press("start")
    runner.clock.press("next")  # a new step: new record editors in the panel
    browser_sets(runner.editors[0]._text, value=HUGE)
    assert runner.editors[0].value == ""
    added = widgets.Text()
    runner.step_panel.children = (*runner.step_panel.children, added)
    browser_sets(added, value=HUGE)
    assert added.value == ""
