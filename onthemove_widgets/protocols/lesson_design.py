"""The lesson-design document a Collaborative Instructional Design session leaves
(Figure 4.6): target, outcome, the tasks in lesson-component order, and who agreed to what."""

from __future__ import annotations

from ..framework.models import Framework, Protocol
from .written import NOTHING, Document, field_text, file_stem, find_record, lines_of, recorded, row_line


def lesson_design_sections(framework: Framework, protocol: Protocol, values, units=()) -> list:
    """The lesson as a team would hand it to a colleague who was not in the room."""
    lesson = recorded(values, find_record(protocol, "opening", "lesson"), "opening")
    target_record = find_record(protocol, "learning_target", "target")
    target = recorded(values, target_record, "learning_target")
    outcome = recorded(values, find_record(protocol, "performance_outcome", "outcome"), "performance_outcome")
    dok = next(f for f in target_record.fields if f.key == "dok")
    return [
        ("Lesson or unit", lesson.get("title", "")),
        ("Subject and grade", lesson.get("subject_grade", "")),
        ("Learning target", target.get("target", "")),
        ("State standards", target.get("standards", "")),
        ("Depth of Knowledge", field_text(framework, protocol, dok, target.get("dok"))),
        ("Performance outcome: what students produce or perform", outcome.get("outcome", "")),
        ("Success criteria", lines_of(outcome.get("success_criteria", ""))),
        ("The feedback students receive", outcome.get("feedback", "")),
        *task_sections(framework, protocol, values),
        ("We agree", commitment_lines(protocol, values)),
    ]


def task_sections(framework: Framework, protocol: Protocol, values) -> list:
    """One section per learning task, in the order of the lesson components; a task
    with no component (or one no longer listed) comes last, as typed."""
    record = find_record(protocol, "learning_tasks", "tasks")
    order = {c.key: i for i, c in enumerate(protocol.lesson_components)}
    rows = sorted(recorded(values, record, "learning_tasks"), key=lambda row: order.get(row.get("component", ""), len(order)))
    component, *details = record.fields
    sections = []
    for number, row in enumerate(rows, 1):
        part = field_text(framework, protocol, component, row.get("component")) or "A part of the lesson not named"
        lines = [row_line(framework, protocol, record, {f.key: row.get(f.key)}) for f in details]
        sections.append((f"Task {number}: {part}", "\n".join(line for line in lines if line) or NOTHING))
    return sections or [("The sequence of learning tasks", NOTHING)]


def commitment_lines(protocol: Protocol, values) -> list[str]:
    """Each member's 1–3 strategies as "Member: strategies"."""
    rows = recorded(values, find_record(protocol, "we_agree", "commitments"), "we_agree")
    return [f"{row.get('member', '').strip() or 'A team member'}: {' '.join(row.get('strategies', '').split())}" for row in rows]


def lesson_design_documents(framework: Framework, protocol: Protocol, values, units=(), names_to_withhold=()) -> list[Document]:
    """The lesson-design document, titled with the lesson's name when it has one."""
    title = recorded(values, find_record(protocol, "opening", "lesson"), "opening").get("title", "").strip()
    heading = f"Lesson design: {title}" if title else "Lesson design"
    return [Document(heading, lesson_design_sections(framework, protocol, values, units), file_stem("lesson design", title))]
