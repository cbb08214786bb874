"""The theory-of-action drafter and the plan editor, driven without a kernel."""

import base64
import io

import docx

from onthemove_widgets.focus import TheoryOfAction, quality_checks, statement
from onthemove_widgets.store import Store
from onthemove_widgets.widgets.plan_editor import PlanEditor
from onthemove_widgets.widgets.theory_of_action import TheoryOfActionDrafter

HOSTILE = "<script>alert(1)</script> and <img src=x onerror=alert(2)>"


def drafter(tmp_path, team="SLT"):
    return TheoryOfActionDrafter(Store(tmp_path / "d.db"), "S0001", "Somewhere School", team)


def fill(widget):
    widget.problem.value = "Students cite little evidence when they argue"
    widget.practices.value = "Text-dependent questions\nStructured academic talk"
    widget.indicators.value = ("close_analytic_reading", "evidence_based_arguments")
    widget.evidence.value = ("student_work",)
    widget.outcome.value = "Raise English learners at or above near on the cycle check from 40% to 55% by May 2027"
    widget.equity_focus.value = "English learners"
    widget.cycle_weeks.value = 6


def test_preview_and_checks_follow_the_fields(tmp_path):
    widget = drafter(tmp_path)
    fill(widget)
    toa = widget.value()
    assert widget.preview.value.count(statement(toa).split(",")[0].replace("'", "&#x27;")) == 1
    assert widget.checks.value.count("✅") == sum(c.passed for c in quality_checks(toa)) == 5
    widget.outcome.value = "students will read better"
    assert widget.checks.value.count("⚠️") == 1


def test_saved_draft_reopens_and_old_revisions_stay(tmp_path):
    widget = drafter(tmp_path)
    fill(widget)
    assert widget.save().number == 1
    widget.cycle_weeks.value = 9
    assert widget.save().number == 2
    again = drafter(tmp_path)
    assert again.value() == TheoryOfAction.from_body(widget.body())
    again.revisions.value = 1
    assert again.cycle_weeks.value == 6 and "Showing revision 1" in again.status.value
    assert drafter(tmp_path, team="Grade 4 team").value().problem_of_practice == ""  # teams never share drafts


def test_hostile_text_is_shown_as_text_everywhere(tmp_path):
    widget = drafter(tmp_path)
    fill(widget)
    widget.practices.value = HOSTILE
    assert "<script" not in widget.preview.value and "&lt;script&gt;" in widget.preview.value
    widget.save()
    widget.export()
    assert "<script" not in widget.status.value
    files = dict(part.split('" href="', 1) for part in widget.exports.value.split('<a download="')[1:])
    assert set(files) == {"theory_of_action_Somewhere_School.md", "theory_of_action_Somewhere_School.docx", "theory_of_action_Somewhere_School.html"}


def test_word_export_reads_back(tmp_path):
    widget = drafter(tmp_path)
    fill(widget)
    widget.save()
    from onthemove_widgets.export.documents import to_docx

    data = to_docx(widget.title, widget.school_name, 1, widget.draft.latest.saved_at, widget.sections())
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "Somewhere School" in text and "Revision 1" in text and "Text-dependent questions" in text


def test_plan_editor_logs_and_compares_revisions(tmp_path):
    store = Store(tmp_path / "d.db")
    editor = PlanEditor(store, "S0001", "Somewhere School")
    editor.texts["focus_and_outcome"].value = "Close reading in every subject"
    editor.save()
    editor.texts["timeline"].value = "Nine weeks, to 30 January"
    editor.save()
    assert "<td>1</td>" in editor.revision_table.value and "Timeline" in editor.revision_table.value
    assert (editor.older.value, editor.newer.value) == (1, 2)
    changed_rows = [row for row in editor.comparison.value.split("<tr")[2:] if "#fff3cd" in row]
    assert len(changed_rows) == 1 and "Nine weeks, to 30 January" in changed_rows[0]
    other = PlanEditor(store, "S0001", "Somewhere School")
    other.texts["timeline"].value = "Twelve weeks"
    editor.texts["timeline"].value = "Ten weeks"
    assert other.save().number == 3
    assert editor.save() is None and "while you were working" in editor.status.value
    assert editor.texts["timeline"].value == "Ten weeks"  # nothing typed is lost


def test_live_statement_reads_as_sentences_with_the_problem_of_practice(tmp_path):
    widget = drafter(tmp_path)
    fill(widget)
    assert "Our problem of practice: Students cite little evidence when they argue.</p>" in widget.preview.value
    widget.practices.value = "Plan lessons around text-dependent questions\nModel annotation"  # as the label "If we …" asks
    assert "If we plan lessons around text-dependent questions and model annotation, then English learners will grow in" in widget.preview.value
    assert widget.practices.description.startswith("If we")


def test_downloads_label_an_unsaved_edit_and_name_an_author(tmp_path):
    widget = drafter(tmp_path)
    fill(widget)
    widget.save()
    widget.outcome.value = "An edit nobody saved"
    widget.export()
    files = dict(part.split('" href="', 1) for part in widget.exports.value.split('<a download="')[1:])
    markdown = base64.b64decode(files["theory_of_action_Somewhere_School.md"].split("base64,")[1].split('"')[0]).decode()
    assert "*Unsaved draft: changed since revision 1 was saved" in markdown and "Revision 1, saved" not in markdown
    word = docx.Document(io.BytesIO(base64.b64decode(files["theory_of_action_Somewhere_School.docx"].split("base64,")[1].split('"')[0])))
    assert word.core_properties.author == "Somewhere School, SLT"
    widget.save()
    widget.export()
    assert "Revision 2, saved" in base64.b64decode(widget.exports.value.split("base64,")[1].split('"')[0]).decode()
