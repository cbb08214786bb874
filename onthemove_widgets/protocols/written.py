"""What a session wrote, read back as document text, and the Document it leaves.

The app hands over ``values: {(step key, record key, unit index or None): value}``
and the presenters or rooms people typed. Nothing here trusts either: a value of the
wrong shape reads as empty, and every word is left for the renderers to escape.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..framework.models import Framework, Protocol, Record
from .agenda import UNIT_WORDS, unit_kind, unit_names
from .records import choice_label, empty, from_body, to_body

NOTHING = "Nothing was written here."


@dataclass(frozen=True)
class Document:
    """One document a session leaves: a title, its sections and a safe file-name stem."""

    title: str
    sections: list
    stem: str


def file_stem(*words: str) -> str:
    """Lowercase ASCII words joined by hyphens ("Ana O'Neil" → "ana-oneil"), never empty,
    so a typed name can never reach outside a folder or upset a file system."""
    text = unicodedata.normalize("NFKD", " ".join(words)).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
    return "-".join(parts)[:80].strip("-") or "document"


def session_units(protocol: Protocol, units=()) -> tuple[str, ...]:
    """The session's presenters or rooms as typed, else the numbered ones the agenda uses."""
    return tuple(str(u) for u in units) or unit_names(protocol)


def unit_label(protocol: Protocol, units, index: int) -> str:
    """A presenter's or room's name; a blank or missing one reads "Presenter 2"."""
    name = units[index].strip() if 0 <= index < len(units) else ""
    return name or f"{UNIT_WORDS[unit_kind(protocol) or 'presenter']} {index + 1}"


def find_record(protocol: Protocol, step_key: str, record_key: str) -> Record:
    """The record a builder reads; a missing one is a framework change to fix, so it raises."""
    for step in protocol.steps:
        for record in step.records:
            if (step.key, record.key) == (step_key, record_key):
                return record
    raise KeyError(f"{protocol.name} has no record {record_key!r} at step {step_key!r}")


def recorded(values, record: Record, step_key: str, unit: int | None = None):
    """A record's value in its shape (str, {field: str} or [{field: str}]); blank table rows
    and values of the wrong shape read as empty."""
    value = values.get((step_key, record.key, unit))
    try:
        return from_body(record, to_body(record, value))
    except (TypeError, ValueError, AttributeError):
        return empty(record)


def field_text(framework: Framework, protocol: Protocol, field, value, units=()) -> str:
    """A field's value as read: a choice by its label, text as typed, trimmed."""
    value = str(value or "").strip()
    return choice_label(framework, protocol, field, value, units) if field.choices_from and value else value


def row_line(framework: Framework, protocol: Protocol, record: Record, row: dict, units=()) -> str:
    """One form or table row as "Field: value; Field: value", blank fields left out."""
    parts = ((f.label, field_text(framework, protocol, f, row.get(f.key), units)) for f in record.fields)
    return "; ".join(f"{label}: {text}" for label, text in parts if text)


def record_content(framework: Framework, protocol: Protocol, record: Record, value, units=()):
    """Section content: notes as text, a form as one bullet per field, a table as one
    bullet per row; an empty record says nothing was written."""
    if record.kind == "notes":
        return value.strip() or NOTHING
    if record.kind == "form":
        lines = [row_line(framework, protocol, record, {f.key: value.get(f.key)}, units) for f in record.fields]
    else:
        lines = [row_line(framework, protocol, record, row, units) for row in value]
    lines = [line for line in lines if line]
    return lines or NOTHING


def lines_of(text: str) -> list[str]:
    """The non-blank lines of typed text (one success criterion per line)."""
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]
