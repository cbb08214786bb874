"""One page per presenter from a Critical Friends session (Figure 4.7): what they asked
for, and what the group offered in each round under that round's stem, so each
presenter takes away their own feedback and no one else's."""

from __future__ import annotations

from ..framework.models import Framework, Protocol
from .written import NOTHING, Document, file_stem, find_record, recorded, session_units, unit_label


def feedback_by_round(protocol: Protocol, rows) -> list:
    """(heading, bullets) per round in the protocol's order, headed with its stem; a
    comment with no round (or an unknown one) goes under "Other comments"."""
    def line(row):
        who, said = row.get("participant", "").strip(), " ".join(row.get("comment", "").split())
        return f"{who}: {said}" if who else said

    rounds = {r.key for r in protocol.rounds}
    sections = [
        (f"{r.name}: “{r.stem}”", [line(row) for row in rows if row.get("round") == r.key and line(row)] or "Nothing offered in this round.")
        for r in protocol.rounds
    ]
    other = [line(row) for row in rows if row.get("round") not in rounds and line(row)]
    return sections + ([("Other comments", other)] if other else [])


def presenter_sections(protocol: Protocol, values, name: str, index: int) -> list:
    """One presenter's page: their request, the clarifying questions, the rounds, their reflection."""
    def notes(step_key, record_key):
        return recorded(values, find_record(protocol, step_key, record_key), step_key, index).strip() or NOTHING

    feedback = recorded(values, find_record(protocol, "critical_friends", "feedback"), "critical_friends", index)
    return [
        (f"What {name} asked for help with", notes("presentation", "request")),
        ("Clarifying questions and answers", notes("preview_and_clarify", "clarifying")),
        *feedback_by_round(protocol, feedback),
        (f"{name}: reflection, and any further help asked for", notes("reflection", "reflection")),
    ]


def critical_friends_documents(framework: Framework, protocol: Protocol, values, units=(), names_to_withhold=()) -> list[Document]:
    """A separate Document for each presenter, titled with their name."""
    units = session_units(protocol, units)
    documents = []
    for index in range(len(units)):
        name = unit_label(protocol, units, index)
        documents.append(Document(f"Critical Friends feedback for {name}", presenter_sections(protocol, values, name, index),
                                  file_stem("critical friends", name)))
    return documents
