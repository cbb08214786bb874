"""The leadership map: teams, leads, protocols and rhythm, checked and kept as revisions."""

from onthemove_widgets.export.documents import to_html
from onthemove_widgets.focus.leadership_map import LeadershipMap, LeadingTeam, map_checks, map_sections
from onthemove_widgets.store import Store
from onthemove_widgets.widgets.leadership_map import LeadershipMapEditor

SLT = LeadingTeam("Site leadership team", "Principal Ruiz", "Ruiz, Lee, Ode", ("school_implementation_plan", "examining_data"), "every 9–12 weeks")


def test_checks_name_what_the_map_leaves_without_an_owner():
    checks = map_checks(LeadershipMap((SLT, LeadingTeam("Grade 4 team", "", "", ("determining_student_learning_needs",), ""))))
    passed = [ok for ok, _ in checks]
    assert passed == [True, False, False, False]
    advice = " ".join(text for _, text in checks)
    assert "not yet: Grade 4 team." in advice and "Learning Rounds" in advice and "Examining Data" not in advice.split("not yet:")[2]


def test_a_blank_row_is_not_a_team_and_bodies_round_trip():
    mapped = LeadershipMap((SLT, LeadingTeam()))
    assert mapped.named_teams() == [SLT]
    assert LeadershipMap.from_body(mapped.to_body()) == mapped
    assert LeadershipMap.from_body({"teams": [{"name": "X", "unknown": 1}]}).teams == (LeadingTeam("X"),)
    assert map_sections(LeadershipMap())[0] == ("Teams", "No team on the map yet.")


def test_the_editor_saves_a_revision_and_reopens_it(tmp_path):
    store = Store(tmp_path / "drafts.db")
    editor = LeadershipMapEditor(store, "S1", "Alder <b>Elementary</b>")
    first = editor.rows.children[0]
    first.led_by.value, first.protocols.value, first.how_often.value = "Principal Ruiz", ("examining_data",), "every 3-week cycle"
    row = editor.add_team("Grade 3 team")
    row.led_by.value = "<script>alert(1)</script>"
    assert "<script>" not in editor.checks.value
    editor.save()
    again = LeadershipMapEditor(store, "S1", "Alder <b>Elementary</b>")
    assert len(again.rows.children) == 3 and again.rows.children[2].led_by.value == "<script>alert(1)</script>"
    assert again.value().named_teams()[0].protocols == ("examining_data",)
    latest = again.draft.latest
    page = to_html(again.title, again.school_name, latest.number, latest.saved_at, again.sections())
    assert "&lt;script&gt;" in page and "<script>alert" not in page and "Examining Data" in page
