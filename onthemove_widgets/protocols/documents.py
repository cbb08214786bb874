"""The documents a protocol session leaves, for every protocol, from one registry.

Every protocol gets the session notes: each record in agenda order. Four protocols add
their own: the lesson design, a page per Critical Friends presenter, the stacks and
their patterns, and (in place of the notes, since nothing about one classroom may
leave) the Learning Rounds trends. Sections feed ``export.documents``' renderers.
"""

from __future__ import annotations

from dataclasses import replace

from ..framework.models import Framework, Protocol
from .agenda import session_agenda
from .critical_friends import critical_friends_documents
from .lesson_design import lesson_design_documents
from .records import RecordAt, records_of
from .rounds_summary import rounds_documents
from .student_work import student_work_documents
from .written import Document, file_stem, record_content, recorded, session_units, unit_label

DOCUMENTS = {
    "collaborative_instructional_design": lesson_design_documents,
    "critical_friends": critical_friends_documents,
    "analyzing_student_work": student_work_documents,
    "learning_rounds": rounds_documents,
}
"""Builders ``(framework, protocol, values, units, names_to_withhold) -> [Document]``."""


def _heading(protocol: Protocol, at: RecordAt, units) -> str:
    """The step, the record and the presenter or room; a label that already names its
    step ("Debrief: what worked…") stands alone."""
    label = at.record.label if at.record.label.startswith(at.step.name) else f"{at.step.name}: {at.record.label}"
    return label if at.unit is None else f"{label} ({unit_label(protocol, units, at.unit)})"


def session_sections(framework: Framework, protocol: Protocol, values, units=()) -> list:
    """Every record of the session in agenda order, headed with its step, label and
    presenter or room. A record marked to stay in the room is never among them."""
    units = session_units(protocol, units)
    return [
        (_heading(protocol, at, units), record_content(framework, protocol, at.record, recorded(values, at.record, at.step.key, at.unit), units))
        for at in records_of(session_agenda(protocol, units))
        if not at.record.stays_in_room
    ]


def document_for(framework: Framework, protocol: Protocol, values, units=(), names_to_withhold=()) -> list[Document]:
    """The protocol's own documents, then its session notes (not for a confidential
    protocol), each with a file-name stem no other document of the session shares.

    ``names_to_withhold`` (teacher and student names, student ids) is taken out of a
    confidential protocol's summary, as are the room labels."""
    own = DOCUMENTS.get(protocol.key)
    documents = own(framework, protocol, values, units, names_to_withhold) if own else []
    if not protocol.confidential:
        notes = Document(f"{protocol.name}: session notes", session_sections(framework, protocol, values, units), file_stem(protocol.name, "notes"))
        documents.append(notes)
    return _unique_stems(documents)


def _unique_stems(documents: list[Document]) -> list[Document]:
    """Two presenters whose names make the same stem get "-2", "-3", … on the later ones."""
    seen, unique = set(), []
    for document in documents:
        stem, number = document.stem, 1
        while stem in seen:
            number += 1
            stem = f"{document.stem}-{number}"
        seen.add(stem)
        unique.append(replace(document, stem=stem))
    return unique
