"""Exports of a theory of action or plan: the same content in three formats, and typed markup stays text."""

import io
import re
from datetime import UTC, date, datetime

import docx
import mistune
import pytest

from onthemove_widgets.export.documents import plan_sections, theory_of_action_sections, to_docx, to_html, to_markdown
from onthemove_widgets.focus import ImplementationPlan, TheoryOfAction, component_prompts, statement
from onthemove_widgets.framework import load_framework

SCRIPT, IMG = "<script>alert(1)</script>", "<img src=x onerror=alert(1)>"
SAVED = datetime(2026, 3, 9, 23, 30, tzinfo=UTC)
TOA = TheoryOfAction(
    problem_of_practice=f"Claims lack evidence {SCRIPT}",
    indicators=("close_analytic_reading",),
    practices=(IMG, "# not a heading", "1. not a list", "[link](javascript:alert(1))"),
    evidence=("student_work",),
    cycle_weeks=9,
    outcome="From 40% to 55% by May 2027 & beyond",
    equity_focus="English learners",
    school_name=f"Somewhere {SCRIPT}",
)
PLAN = ImplementationPlan(focus_and_outcome="Close reading\nfor English learners", school_supports=IMG, timeline="Sept–Nov", school_name="Somewhere School")


def docx_text(data):
    document = docx.Document(io.BytesIO(data))
    return [(p.style.name, p.text) for p in document.paragraphs]


def test_theory_of_action_sections_use_framework_terms():
    sections = theory_of_action_sections(TOA)
    glossary = {t.key: t.term for t in load_framework().glossary}
    assert sections[0] == (glossary["theory_of_action"], statement(TOA))
    assert sections[1] == (glossary["problem_of_practice"], TOA.problem_of_practice)
    assert (load_framework().indicator("close_analytic_reading").name) in sections[2][1]
    assert ("Cycle length", "9 weeks") in sections


def test_plan_sections_follow_the_framework_components():
    assert plan_sections(PLAN) == [(name, getattr(PLAN, key)) for key, name, _ in component_prompts()]


def test_docx_reads_back_title_school_revision_and_every_section():
    sections = plan_sections(PLAN)
    paragraphs = docx_text(to_docx("School implementation plan", PLAN.school_name, 4, SAVED, sections))
    assert paragraphs[:3] == [("Title", "School implementation plan"), ("Normal", "Somewhere School"), ("Normal", "Revision 4, saved 2026-03-09")]
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings == [name for name, _ in sections]
    texts = [text for _, text in paragraphs]
    assert "Close reading" in texts and "for English learners" in texts and "Sept–Nov" in texts
    assert texts.count("Not written yet.") == 3  # indicators, practices and evidence are blank


def test_docx_lists_become_bullets():
    paragraphs = docx_text(to_docx("Theory of action", TOA.school_name, 1, SAVED, theory_of_action_sections(TOA)))
    assert ("List Bullet", IMG) in paragraphs and ("List Bullet", "Student work") in paragraphs


def test_the_three_formats_carry_the_same_sections():
    sections = plan_sections(PLAN)
    markdown = to_markdown("Plan", "Somewhere School", 2, date(2026, 3, 9), sections)
    page = to_html("Plan", "Somewhere School", 2, date(2026, 3, 9), sections)
    assert markdown.startswith("# Plan\n\nSomewhere School\n\n*Revision 2, saved 2026-03-09*\n\n")
    for name, _ in sections:
        assert f"\n## {name}\n" in markdown and f"<h2>{name}</h2>" in page
    assert "Revision 2, saved 2026-03-09" in page


def test_html_is_a_complete_print_friendly_page_with_nothing_external():
    page = to_html("Plan", "Somewhere School", 2, SAVED, plan_sections(PLAN))
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<style>" in page and "@media print" in page
    tags = re.findall(r"<[^>]*>", page)
    assert not [tag for tag in tags if re.search(r"^<(script|link|img|iframe|object)|\b(src|href)=", tag, re.IGNORECASE)]
    assert not re.search(r"url\(|@import", page, re.IGNORECASE)


def test_an_unsaved_draft_says_so():
    assert "Draft, not saved yet" in to_markdown("Plan", "", None, None, plan_sections(PLAN))


@pytest.mark.parametrize("render", [to_html, to_markdown], ids=["html", "markdown"])
def test_typed_markup_is_escaped(render):
    out = render(f"Plan {SCRIPT}", TOA.school_name, 1, SAVED, theory_of_action_sections(TOA))
    assert not re.search(r"<\s*(script|img)", out, re.IGNORECASE)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "&amp; beyond" in out


def test_rendered_markdown_shows_markup_as_text():
    rendered = mistune.html(to_markdown(f"Plan {SCRIPT}", TOA.school_name, 1, SAVED, theory_of_action_sections(TOA)))
    assert not re.search(r"<\s*(script|img)|<a\b|<ol\b", rendered, re.IGNORECASE)
    assert rendered.count("<h1>") == 1 and "<li># not a heading</li>" in rendered and "<li>1. not a list</li>" in rendered
    assert "<li>[link](javascript:alert(1))</li>" in rendered


def test_docx_keeps_markup_as_literal_text_and_survives_control_characters():
    toa = TheoryOfAction(problem_of_practice=f"{SCRIPT}\x00\x0b", practices=(IMG,), school_name=SCRIPT)
    texts = [text for _, text in docx_text(to_docx("Theory of action", toa.school_name, 1, SAVED, theory_of_action_sections(toa)))]
    assert SCRIPT in texts and IMG in texts
