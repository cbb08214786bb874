"""The protocol runner, mostly without a kernel: the clock moves and is saved, a reload opens
on the same step with the same time left, records are saved per presenter, every protocol's
steps show their app pieces and records, and (in a real kernel) a step's tool is built
while the step before it is read."""

import os
import subprocess
import sys
import time
from html import escape

import pytest

from onthemove_widgets.framework import load_framework
from onthemove_widgets.protocols import clock
from onthemove_widgets.store import Store
from onthemove_widgets.widgets.chooser import App, open_app
from onthemove_widgets.widgets.protocol_runner import ProtocolRunner, names
from onthemove_widgets.widgets.student_sorter import StudentSorter

FW = load_framework()


class Now:
    """A made-up time the test moves by hand."""

    def __init__(self, t=1_000_000.0):
        self.t = t

    def __call__(self):
        return self.t


@pytest.fixture(scope="module")
def app():
    return open_app(None, None, "Team <i>4</i>", announce=False)


def test_a_reload_opens_on_the_same_step_with_the_same_time_left_and_the_note(app, tmp_path):
    store, now = Store(tmp_path / "d.db"), Now()
    runner = ProtocolRunner("critical_friends", app, store, presenters=("Ana", "Ben <b>"), now=now)
    runner.clock.press("start")
    now.t += 300
    runner.clock.press("next")  # Ana's presentation
    now.t += 90
    note = runner.editors[0]
    assert note.record.key == "request" and "Presentation" in runner.step_panel.children[0].value
    note._text.value = "How do I get <script>quiet</script> students talking?"
    note.author.value = "Ana"
    note.save()
    now.t += 30
    again = ProtocolRunner("critical_friends", app, store, now=now)
    assert again.units == ("Ana", "Ben <b>")
    assert again.clock_state.position == 1
    assert clock.step_remaining(again.clock_state, again.agenda[1].minutes, now()) == 5 * 60 - 120
    assert again.editors[0].value == "How do I get <script>quiet</script> students talking?"
    for _ in range(4):
        again.clock.press("next")
    assert again.agenda[5].title.endswith("(Ben <b>)") and "(Ben &lt;b&gt;)" in again.step_panel.children[0].value


def test_each_presenter_gets_their_own_records_and_a_new_session_starts_empty(app, tmp_path):
    store, now = Store(tmp_path / "d.db"), Now()
    runner = ProtocolRunner("critical_friends", app, store, presenters=("Ana", "Ben"), now=now)
    for _ in range(3):
        runner.clock.press("next")  # Ana's Critical Friends rounds
    table = runner.editors[0]
    assert table.record.key == "feedback" and runner.agenda[3].unit_name == "Ana"
    row = table.body.children[0].controls
    row["participant"].value, row["round"].value, row["comment"].value = "Lee", "plus", "I noticed every student wrote."
    table.save()
    for _ in range(4):
        runner.clock.press("next")  # the same step for Ben
    assert runner.agenda[runner.clock_state.position].unit_name == "Ben"
    assert runner.editors[0].value == [{"participant": "", "round": "", "comment": ""}]
    values = runner.values()
    assert values[("critical_friends", "feedback", 0)] == [{"participant": "Lee", "round": "plus", "comment": "I noticed every student wrote."}]
    runner.new_session()
    assert runner.session["session"] == 2 and runner.clock_state == clock.ClockState()
    assert runner.values()[("critical_friends", "feedback", 0)] == []
    assert store.latest("protocol_note", app.school_id, app.team, "critical_friends/1/critical_friends/feedback/1") is not None


def test_the_pace_and_the_presenters_replan_the_session_and_roles_are_kept(app, tmp_path):
    store = Store(tmp_path / "d.db")
    runner = ProtocolRunner("examining_data", app, store, now=Now())
    assert not hasattr(runner, "units_box") and set(runner.roles) == {"facilitator", "recorder", "timekeeper"}
    runner.roles["recorder"].value = "Sam"
    assert ProtocolRunner("examining_data", app, store).session["roles"] == {"recorder": "Sam"}
    friends = ProtocolRunner("critical_friends", app, store, now=Now())
    assert friends.units == ("Presenter 1",) and len(friends.agenda) == 6
    friends.units_box.value = "Ana\nBen\nCy"
    assert len(friends.agenda) == 14 and "planned 100 minutes" in friends.session_line.value
    friends.pace.value = "shortest"
    assert "planned 85 minutes" in friends.session_line.value
    assert [i["budget"] for i in friends.clock.items][:2] == [5, 5]


@pytest.mark.parametrize("protocol", [p.key for p in FW.protocols])
def test_every_step_of_every_protocol_shows_its_words_app_piece_and_records(app, tmp_path, protocol):
    runner = ProtocolRunner(protocol, app, Store(tmp_path / "d.db"), presenters=("A", "B"), rooms=2, now=Now())
    for position, item in enumerate(runner.agenda):
        assert runner.clock_state.position == position
        shown = runner.step_panel.children
        assert item.step.name.replace("&", "&amp;") in shown[0].value.replace("’", "'") or item.step.name in shown[0].value
        assert [e.record.key for e in runner.editors] == [r.key for r in item.step.records]
        assert any(isinstance(w, StudentSorter) for w in shown) == (item.step.tool == "student_wall")
        runner.clock.press("next")
    assert runner.clock_state.position == len(runner.agenda) - 1


def test_names_come_from_lists_or_text():
    assert names("Ana, Ben\nCy") == ("Ana", " Ben", "Cy") and names(None) == () and names([1, "B"]) == ("1", "B")


def test_the_cycle_map_marks_this_protocol_and_counts_what_the_team_saved(app, tmp_path):
    store = Store(tmp_path / "d.db")
    runner = ProtocolRunner("examining_data", app, store, now=Now())
    assert runner.cycle_map.value.count('aria-current="') == 1 and 'href="../protocols/examining_data.ipynb"' in runner.cycle_map.value
    runner.clock.press("next")
    runner.editors[0]._text.value = "Half the grade met its target."
    runner.editors[0].save()
    runner.clock.press("next")
    assert "1 note saved" in runner.cycle_map.value


def test_analyzing_student_work_starts_its_stacks_from_the_wall(app, tmp_path):
    teachers = sorted(app.school.students["teacher"].dropna().unique())
    runner = ProtocolRunner("analyzing_student_work", app, Store(tmp_path / "d.db"), presenters=teachers[:1], now=Now())
    while runner.agenda[runner.clock_state.position].step.key != "review_student_work":
        runner.clock.press("next")
    stacks = runner.editors[0]
    start = next(w for w in stacks.children if getattr(w, "description", "") == "Start the stacks from the wall")
    start.click()
    rows = stacks.value
    assert len(rows) > 4 and {r["band"] for r in rows} <= {"above", "at", "near", "below"}
    stacks_of = {r["presenter"] for r in rows}
    assert teachers[0] in stacks_of and len(stacks_of) == len(teachers)  # one stack per teacher; the presenter's under their name
    full_names = set(app.school.students["first_name"] + " " + app.school.students["last_name"])
    assert not {r["sample"] for r in rows} & full_names


def test_learning_rounds_downloads_carry_no_teacher_student_or_room_name(app, tmp_path):
    student = app.school.students.iloc[0]
    teacher, pupil = student["teacher"], f"{student['first_name']} {student['last_name']}"
    runner = ProtocolRunner("learning_rounds", app, Store(tmp_path / "d.db"), rooms=None, now=Now())
    runner.units_box.value = f"{teacher}'s room\nLab B"
    runner.clock.press("next")
    tally = runner.editors[0]
    row = tally.body.children[0].controls
    row["indicator"].value = runner.framework.indicators[0].key
    row["seen"].value, row["count"].value = f"{pupil} explained her reasoning to {teacher}", "3"
    tally.save()
    while runner.agenda[runner.clock_state.position].step.key != "debrief":
        runner.clock.press("next")
    statements = runner.editors[0]
    statements.body.children[0].controls["statement"].value = f"Students in {teacher}'s room, like {pupil}, explained their reasoning."
    statements.save()
    files = runner.prepare_downloads()
    assert {name.rsplit(".", 1)[1] for name, _, _ in files} == {"docx", "html"}
    page = next(data for name, data, _ in files if name.endswith(".html")).decode()
    assert "explained their reasoning" in page and "3" in page
    for name in (teacher, pupil, "Lab B", student["last_name"]):
        assert name not in page
    assert "download=" in runner.downloads.value


@pytest.mark.parametrize("protocol", [p.key for p in FW.protocols])
def test_every_protocol_prepares_word_and_html_of_what_was_saved(app, tmp_path, protocol):
    runner = ProtocolRunner(protocol, app, Store(tmp_path / "d.db"), presenters=("Ana",), now=Now())
    files = runner.prepare_downloads()
    assert files and all(data for _, data, _ in files)
    assert all(f"{escape(app.team)} · session 1" in data.decode() for name, data, _ in files if name.endswith(".html"))


def test_tables_follow_the_facilitators_step_and_the_facilitator_sees_each_table(app, tmp_path):
    from onthemove_widgets.widgets.room_lead import RoomLead

    store, now = Store(tmp_path / "d.db"), Now()
    lead = RoomLead("critical_friends", store, "ws-1", presenters=("P1", "P2"), now=now)
    assert "No table has joined yet." in lead.tables.value
    ana = ProtocolRunner("critical_friends", app, store, presenters=("Ana",), now=now, room_code="ws-1")
    other = App(app.school, app.school_id, "Second <school>", "Table 2", app.choice)
    two = ProtocolRunner("critical_friends", other, store, presenters=("Ben", "Cy"), now=now, room_code="ws-1")
    lead.clock.press("start")
    for _ in range(5):
        lead.clock.press("next")  # P2's presentation
    now.t += 40
    assert ana.follow_room() and two.follow_room() and not two.follow_room()  # nothing new the second time
    assert two.agenda[two.clock_state.position].title.endswith("(Cy)") and two.agenda[two.clock_state.position].step.key == "presentation"
    assert ana.agenda[ana.clock_state.position].step.key == "presentation"  # one presenter: theirs
    assert clock.step_elapsed(two.clock_state, now()) == 40 == clock.step_elapsed(ana.clock_state, now())
    two.clock.press("next")  # a follower's own buttons do nothing
    assert two.agenda[two.clock_state.position].title.endswith("(Cy)")
    two.editors[0]._text.value = "Cy wants help with exit tickets."
    two.editors[0].save()
    lead.refresh()
    assert "Second &lt;school&gt;" in lead.tables.value and "Table 2" in lead.tables.value
    assert "(Cy)</td><td>1</td>" in lead.tables.value and lead.tables.value.count("<tr>") == 3
    reopened = ProtocolRunner("critical_friends", other, store, now=now, room_code="ws-1")
    assert reopened.clock_state.position == two.clock_state.position  # a reload keeps the room's step


def test_a_page_kernel_defers_the_charts_and_a_pooled_kernel_loads_them_before_its_page():
    script = (
        "import sys\n"
        "from onthemove_widgets.widgets import protocol_runner, protocol_tools\n"
        "lean = 'altair' not in sys.modules and 'onthemove_widgets.widgets.student_sorter' not in sys.modules\n"
        "protocol_tools.preload()\n"
        "print(lean, 'onthemove_widgets.widgets.student_sorter' in sys.modules, 'vl_convert' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "True", "True"]


def test_a_pooled_kernel_preloads_before_it_asks_for_its_page(monkeypatch, tmp_path):
    from onthemove_widgets.widgets import protocol_runner

    calls = []
    monkeypatch.setattr(protocol_runner, "preheating", lambda: True)
    monkeypatch.setattr(protocol_runner, "preload", lambda: calls.append("preload"))
    monkeypatch.setattr(protocol_runner, "open_app", lambda *args, **kwargs: calls.append("page") or open_app(None, None, None, "4", needs_grade=True, announce=False))
    monkeypatch.setenv("ONTHEMOVE_DB", f"sqlite:///{tmp_path / 'drafts.db'}")
    runner = protocol_runner.open_protocol("examining_data")
    assert calls == ["preload", "page"] and isinstance(runner, ProtocolRunner)


def test_the_next_steps_tool_comes_with_the_page_and_later_ones_while_the_team_reads(app, tmp_path, monkeypatch):
    from onthemove_widgets.widgets import protocol_runner

    scheduled = []
    monkeypatch.setattr(protocol_runner, "soon", lambda seconds, action: scheduled.append((seconds, action)))
    runner = ProtocolRunner("school_implementation_plan", app, Store(tmp_path / "d.db"), now=Now())
    tools = [item.step.tool for item in runner.agenda]
    plan_at = tools.index("plan_editor")
    assert plan_at >= 2 and tools[:2] == [None, None]
    assert runner._tools == {} and scheduled == []  # nothing the first two steps need
    for _ in range(plan_at - 1):  # on to the step before the plan's: the plan is built while it is read
        runner.clock.press("next")
    [(seconds, action)] = scheduled
    assert seconds == protocol_runner.PREPARE_AFTER_SECONDS and runner._tools == {}
    action()
    built = runner._tools["plan_editor"]
    runner.clock.press("next")
    assert built in runner.step_panel.children  # the one built ahead, not a second one

    opened = ProtocolRunner("determining_student_learning_needs", app, Store(tmp_path / "e.db"), now=Now())
    wall = opened._tools[opened.agenda[1].step.tool]  # built with the page, for the first Next
    opened.clock.press("next")
    assert wall in opened.step_panel.children and len(scheduled) == 1


def test_a_next_tool_that_fails_to_build_with_the_page_leaves_the_first_step_open(app, tmp_path, monkeypatch):
    from onthemove_widgets.widgets import protocol_runner

    def broken(name, *args):
        raise ValueError(f"no {name} today")

    monkeypatch.setattr(protocol_runner, "make_tool", broken)
    runner = ProtocolRunner("determining_student_learning_needs", app, Store(tmp_path / "d.db"), now=Now())
    assert runner.clock_state.position == 0 and runner._tools == {} and "Step 1" in runner.step_panel.children[0].value
    with pytest.raises(ValueError, match="no student_wall today"):  # the Next that needs it says why (the guard shows it)
        runner.clock.press("next")


def test_outside_a_kernel_nothing_is_scheduled_ahead():
    from onthemove_widgets.widgets.polling import soon

    assert soon(0, lambda: 1 / 0) is False


def test_in_a_kernel_a_later_steps_tool_is_built_while_the_step_before_it_is_read(tmp_path):
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3", env={**os.environ, "ONTHEMOVE_DB": f"sqlite:///{tmp_path / 'd.db'}"})
    try:
        def run(code):
            seen = []
            reply = kc.execute_interactive(code, timeout=120, output_hook=lambda m: seen.append(m["content"].get("text", "")))
            assert reply["content"]["status"] == "ok", reply["content"]
            return "".join(seen).strip()

        pressed = run("from onthemove_widgets.widgets.chooser import open_app\nfrom onthemove_widgets.store import Store\n"
                      "from onthemove_widgets.widgets.protocol_runner import ProtocolRunner\n"
                      "r = ProtocolRunner('school_implementation_plan', open_app(None, None, 'Team', announce=False), Store())\n"
                      "before = [item.step.tool for item in r.agenda].index('plan_editor') - 1\n"
                      "while r.clock_state.position < before: r.clock.press('next')\n"
                      "print(sorted(r._tools))")
        assert pressed == "[]"  # the press did not build it: it is left for the kernel's idle time
        deadline = time.monotonic() + 20
        while run("print(sorted(r._tools))") != "['plan_editor']" and time.monotonic() < deadline:
            time.sleep(0.2)  # the kernel is idle between these messages, as while a team reads
        assert run("print(sorted(r._tools))") == "['plan_editor']"
        assert run("built = r._tools['plan_editor']; r.clock.press('next'); print(built in r.step_panel.children)") == "True"
    finally:
        km.shutdown_kernel(now=True)
