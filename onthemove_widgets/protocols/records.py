"""What a step records, as plain values, and where each is kept in the drafts store.

Values: notes are a string, a form is ``{field: text}``, a table is a list of such
rows. Records of a repeating step are kept once per presenter or room (``unit``).
Sessions are numbered per school, team and protocol, so a team's second Critical
Friends session never opens on the first one's notes; a record with ``saved_as``
keeps the single running key an earlier app used, so nothing saved before is lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.bands import BANDS
from ..framework.models import Field, Framework, Protocol, Record, Step

BAND_WORDS = {"above": "Above proficient", "at": "At proficient", "near": "Near proficient", "below": "Below proficient"}


@dataclass(frozen=True)
class RecordAt:
    """One record of one session: the step, the record and (for repeats) the unit."""

    step: Step
    record: Record
    unit: int | None = None


def store_kind(record: Record) -> str:
    """Commitments are filed with the team's commitments; all else is a protocol note."""
    return "commitment" if record.commitment else "protocol_note"


def store_key(protocol: Protocol, session: int, at: RecordAt) -> str:
    """The store key of a record in a session."""
    if at.record.saved_as:
        return at.record.saved_as
    key = f"{protocol.key}/{session}/{at.step.key}/{at.record.key}"
    return key if at.unit is None else f"{key}/{at.unit + 1}"


def records_of(agenda) -> tuple[RecordAt, ...]:
    """Every record a session's agenda asks for, in agenda order, each once."""
    seen, found = set(), []
    for item in agenda:
        for record in item.step.records:
            at = RecordAt(item.step, record, item.unit if item.step.per else None)
            if (at.step.key, record.key, at.unit) not in seen:
                seen.add((at.step.key, record.key, at.unit))
                found.append(at)
    return tuple(found)


def empty(record: Record):
    """The value of a record nobody has written in yet."""
    return {"notes": "", "form": {}, "table": []}[record.kind]


def to_body(record: Record, value) -> dict:
    """A value as the JSON body saved in the store; blank table rows are dropped."""
    if record.kind == "notes":
        return {"text": str(value or "")}
    if record.kind == "form":
        return {"values": {str(k): str(v) for k, v in dict(value or {}).items()}}
    rows = [{str(k): str(v) for k, v in dict(row).items()} for row in value or ()]
    return {"rows": [row for row in rows if any(v.strip() for v in row.values())]}


def from_body(record: Record, body: dict | None):
    """A saved body as a value; a missing or malformed one reads as empty, and fields
    the record no longer declares are kept (nothing typed is dropped)."""
    body = body if isinstance(body, dict) else {}
    if record.kind == "notes":
        text = body.get("text", "")
        return text if isinstance(text, str) else ""
    if record.kind == "form":
        values = body.get("values", {})
        return {str(k): str(v) for k, v in values.items()} if isinstance(values, dict) else {}
    rows = body.get("rows", [])
    return [{str(k): str(v) for k, v in row.items()} for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def choices(framework: Framework, protocol: Protocol, field: Field, units=()) -> tuple[tuple[str, str], ...]:
    """(value, label) options of a choice field, from the list it names."""
    source = field.choices_from
    if source == "rounds":
        return tuple((r.key, f"{r.name}: {r.purpose}") for r in protocol.rounds)
    if source == "indicators":
        return tuple((i.key, f"{i.number}. {i.name}") for i in framework.indicators)
    if source == "lesson_components":
        return tuple((c.key, f"{c.number}. {c.text}") for c in protocol.lesson_components)
    if source == "dok_levels":
        return tuple((d.key, f"DOK {d.number}: {d.text}") for d in framework.dok_levels)
    if source == "bands":
        return tuple((b, BAND_WORDS[b]) for b in reversed(BANDS))
    if source == "presenters":
        return tuple((name, name) for name in units)
    return ()


def choice_label(framework: Framework, protocol: Protocol, field: Field, value: str, units=()) -> str:
    """How a chosen value reads on screen and in documents; an unknown value as typed."""
    return dict(choices(framework, protocol, field, units)).get(value, value)
