"""The 3-week learning progression: model, checks, exports, planner widget, link."""

import io
import json
from urllib.parse import parse_qs

import docx
import pytest

from onthemove_widgets.export.documents import progression_sections, to_docx, to_html, to_markdown
from onthemove_widgets.focus import LearningProgression, Task, progression_checks, progression_link, span_line
from onthemove_widgets.store import Store
from onthemove_widgets.widgets.progression_planner import ProgressionPlanner

HOSTILE = "<script>alert(1)</script>"


def progression(*days, checks=True, indicators=("evidence_based_arguments",)):
    tasks = tuple(Task(name=f"Task {n}", days=d, description=f"Do part {n}", formative_check=f"Exit ticket {n}" if checks else "") for n, d in enumerate(days, 1))
    return LearningProgression(
        title="Arguing from evidence", subject_grade="Grade 7 science", learning_target="Write a claim backed by data",
        performance_outcome="A lab report with claim, evidence, reasoning", indicators=indicators, tasks=tasks, school_name="Somewhere School",
    )


def check(p, key):
    return next(c for c in progression_checks(p) if c.key == key)


def test_body_round_trips_through_json():
    p = progression(2, 3, 1)
    body = json.loads(json.dumps(p.to_body()))
    assert body["tasks"][1] == {"name": "Task 2", "days": 3, "description": "Do part 2", "formative_check": "Exit ticket 2"}
    assert LearningProgression.from_body(body) == p


def test_an_old_body_with_missing_fields_still_opens():
    p = LearningProgression.from_body({"title": "Old", "tasks": [{"name": "Read"}]})
    assert p.title == "Old" and p.tasks == (Task(name="Read", days=1),) and p.indicators == ()


@pytest.mark.parametrize("days", [0, 4, -1, 2.5, True, None])
def test_a_task_lasts_one_to_three_days(days):
    with pytest.raises(ValueError, match=r"“Lab” is set to .* days; a learning task lasts 1–3 days"):
        Task(name="Lab", days=days)


@pytest.mark.parametrize("days", [1, 2, 3])
def test_one_two_or_three_days_are_accepted(days):
    assert Task(days=days).days == days


def test_unknown_indicator_is_refused_by_name():
    with pytest.raises(KeyError, match="grit"):
        LearningProgression(indicators=("grit",))


def test_span_line_counts_days_against_fifteen():
    assert span_line(progression(3, 3, 2, 1)) == "9 of 15 school days (3 weeks)"


@pytest.mark.parametrize(("days", "passed"), [((3, 3, 3, 3, 3), True), ((3, 3, 3, 3, 3, 1), False), ((), False)])
def test_span_check_fails_past_fifteen_days_or_with_no_tasks(days, passed):
    result = check(progression(*days), "span")
    assert result.passed is passed
    if days == (3, 3, 3, 3, 3, 1):
        assert "16 school days, 1 more than the 3-week span (15 days)" in result.message


def test_formative_check_fails_when_no_task_has_one():
    assert not check(progression(2, 2, checks=False), "formative_checks").passed
    assert check(progression(2, 2), "formative_checks").passed
    some = LearningProgression(tasks=(Task(name="Read", formative_check="Quiz"), Task(name="Debate")))
    result = check(some, "formative_checks")
    assert result.passed and result.message.endswith("still to add for Debate.")


@pytest.mark.parametrize(("count", "passed"), [(0, False), (1, True), (3, True), (4, False)])
def test_indicator_check_wants_one_to_three(count, passed):
    keys = ("higher_order_thinking", "close_analytic_reading", "academic_language", "structured_collaboration")[:count]
    assert check(progression(1, indicators=keys), "indicators").passed is passed


def test_checks_come_in_a_fixed_order_and_pass_for_a_good_progression():
    assert [(c.key, c.passed) for c in progression_checks(progression(2, 3))] == [("span", True), ("formative_checks", True), ("indicators", True)]


def test_sections_hold_the_tasks_and_the_indicator_names():
    sections = dict(progression_sections(progression(2, 1)))
    assert sections["Success indicators in focus"] == ["Evidence-Based Arguments"]
    assert sections["Span"] == "3 of 15 school days (3 weeks)"
    assert sections["Task 1: Task 1 (2 days)"] == "Do part 1\nFormative check: Exit ticket 1"
    assert "Task 2: Task 2 (1 day)" in sections


def test_word_and_html_exports_hold_the_tasks_and_escape_markup():
    p = LearningProgression(tasks=(Task(name=HOSTILE, days=2, description="Read <b>closely</b>", formative_check="Exit ticket"),))
    sections = progression_sections(p)
    page = to_html("3-week learning progression", "Somewhere School", None, None, sections)
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "Read &lt;b&gt;closely&lt;/b&gt;" in page
    text = "\n".join(par.text for par in docx.Document(io.BytesIO(to_docx("T", "S", None, None, sections))).paragraphs)
    assert f"Task 1: {HOSTILE} (2 days)" in text and "Formative check: Exit ticket" in text
    assert "<script>" not in to_markdown("T", "S", None, None, sections)


def planner(tmp_path, team="Grade 7 team"):
    return ProgressionPlanner(Store(tmp_path / "drafts.db"), "S0001", "Somewhere School", team)


def fill(widget):
    widget.progression_title.value = "Arguing from evidence"
    widget.subject_grade.value = "Grade 7 science"
    widget.indicator_boxes["evidence_based_arguments"].value = True
    first = widget.add_task()
    first.name.value, first.days.value, first.formative_check.value = "Read the data", 2, "Exit ticket"


def test_planner_indicator_boxes_are_named_from_the_framework(tmp_path):
    widget = planner(tmp_path)
    assert [box.description for box in widget.indicator_boxes.values()][:2] == ["Higher-Order Thinking Skills", "Close and Analytic Reading"]
    assert len(widget.indicator_boxes) == 6


def test_planner_preview_and_checks_follow_the_rows(tmp_path):
    widget = planner(tmp_path)
    fill(widget)
    assert "2 of 15 school days" in widget.preview.value and "Days 1–2" in widget.preview.value
    assert widget.checks.value.count("✅") == 3
    for _ in range(5):
        widget.add_task().days.value = 3
    assert "17 of 15 school days" in widget.preview.value and widget.checks.value.count("⚠️") == 1
    widget.remove_task(widget.task_rows[-1])
    assert len(widget.task_list.children) == 5 and widget.value().total_days == 14 and widget.checks.value.count("⚠️") == 0


def test_planner_days_stay_within_one_to_three(tmp_path):
    row = planner(tmp_path).add_task()
    row.days.value = 4
    assert row.days.value == 3


def test_planner_saves_and_reopens_a_revision(tmp_path):
    widget = planner(tmp_path)
    fill(widget)
    assert widget.save().number == 1
    widget.add_task().name.value = "Write the report"
    assert widget.save().number == 2
    again = planner(tmp_path)
    assert again.value() == widget.value() and [row.name.value for row in again.task_rows] == ["Read the data", "Write the report"]
    again.revisions.value = 1
    assert [row.name.value for row in again.task_rows] == ["Read the data"] and "Showing revision 1" in again.status.value
    assert planner(tmp_path, team="Grade 8 team").task_rows == []  # teams never share drafts


def test_planner_exports_three_files_with_the_tasks(tmp_path):
    widget = planner(tmp_path)
    fill(widget)
    widget.task_rows[0].name.value = HOSTILE
    widget.save()
    widget.export()
    names = [part.split('"', 1)[0] for part in widget.exports.value.split('<a download="')[1:]]
    assert names == [f"learning_progression_Somewhere_School.{ext}" for ext in ("md", "docx", "html")]
    assert "<script" not in widget.preview.value + widget.checks.value and "&lt;script&gt;" in widget.preview.value


def test_progression_link_is_an_urlencoded_query_string():
    link = progression_link("S0001", "Grade 7 & science", "unit 2")
    assert link == "?school=S0001&team=Grade+7+%26+science&progression=unit+2"
    assert parse_qs(link[1:]) == {"school": ["S0001"], "team": ["Grade 7 & science"], "progression": ["unit 2"]}
