"""What leaves Learning Rounds (Figure 4.10): trends, student statements and next steps.

The protocol's norm: only trends, patterns and next steps for student learning leave
the rounds; nothing about a single classroom does. So the summary counts what was
seen across rooms without naming one, never shows a record marked to stay in the
room, and takes every teacher, student and room name out of what people typed.
"""

from __future__ import annotations

import re

import pandas as pd

from ..framework.models import Framework, Protocol
from .redact import redact
from .written import NOTHING, Document, field_text, find_record, recorded

TALLY = ("learning_rounds", "tally")
COLUMNS = ["Success indicator", "Times seen", "Rooms where seen"]


def _times(text) -> int:
    """How many times a row says something was seen: the number typed, 1 when none is."""
    found = re.search(r"\d+", str(text or ""))
    return int(found.group()) if found else 1


def _rooms(values, units) -> list:
    """Every room of the session: the named ones and any a tally was written for."""
    written = {key[2] for key in values if isinstance(key, tuple) and len(key) == 3 and key[:2] == TALLY}
    return sorted(written | set(range(len(units))), key=str)


def rounds_trends(framework: Framework, values, units=()) -> pd.DataFrame:
    """Times each success indicator was seen, summed over rooms, and in how many rooms.

    Every indicator has a row (zeros too), in the framework's order; rows tallied with
    no indicator come last as one row. Rooms are counted, never named."""
    protocol = framework.protocol("learning_rounds")
    tally = find_record(protocol, *TALLY)
    labels = {i.key: f"{i.number}. {i.name}" for i in framework.indicators}
    times, rooms = {}, {}
    for room in _rooms(values, units):
        for row in recorded(values, tally, TALLY[0], room):
            key = row.get("indicator") if row.get("indicator") in labels else ""
            count = _times(row.get("count"))
            times[key] = times.get(key, 0) + count
            rooms.setdefault(key, set()).update([room] if count else [])
    keys = [*labels, *([""] if "" in times else [])]
    labels[""] = "No indicator chosen"
    return pd.DataFrame([(labels[k], times.get(k, 0), len(rooms.get(k, ()))) for k in keys], columns=COLUMNS)


def _statement_line(framework: Framework, protocol: Protocol, field, row, withhold) -> str:
    """The statement as "Indicator: Students …", redacted whole, since an indicator
    value that is not one of the framework's reads as typed."""
    said = " ".join(row.get("statement", "").split())
    label = field_text(framework, protocol, field, row.get("indicator"))
    return redact(f"{label}: {said}" if label else said, withhold)


def _trend_line(row, rooms: int) -> str:
    if not row["Times seen"]:
        return f"{row['Success indicator']}: not seen"
    times = "once" if row["Times seen"] == 1 else f"{row['Times seen']} times"
    return f"{row['Success indicator']}: seen {times}, in {row['Rooms where seen']} of {rooms} room{'s' * (rooms != 1)}"


def rounds_summary_sections(framework: Framework, values, units=(), names_to_withhold=()) -> list:
    """The trends-only summary; every typed word passes through `redact` with the given
    names and the room labels."""
    protocol = framework.protocol("learning_rounds")
    withhold = [*names_to_withhold, *units]
    trends, rooms = rounds_trends(framework, values, units), len(_rooms(values, units))
    statements = find_record(protocol, "debrief", "statements")
    indicator = next(f for f in statements.fields if f.key == "indicator")
    lines = [_statement_line(framework, protocol, indicator, row, withhold) for row in recorded(values, statements, "debrief")]

    def notes(record_key):
        return redact(recorded(values, find_record(protocol, "debrief", record_key), "debrief"), withhold).strip() or NOTHING

    return [
        ("What this summary holds", f"{_confidentiality(protocol)} Names of teachers, students and rooms are removed."),
        (f"What we saw students do across {rooms} room{'s' * (rooms != 1)}", [_trend_line(row, rooms) for _, row in trends.iterrows()]),
        ("The evidence, as statements about students", lines or NOTHING),
        ("From x to x+1: opportunities, practices or supports that would move students on", notes("next_steps")),
        ("What we use school-wide, and whom we inform", notes("inform")),
    ]


def _confidentiality(protocol: Protocol) -> str:
    return next(n.detail for n in protocol.norms if n.key == "confidentiality")


def rounds_documents(framework: Framework, protocol: Protocol, values, units=(), names_to_withhold=()) -> list[Document]:
    """The one document Learning Rounds lets leave: the trends-only summary."""
    return [Document("Learning Rounds: trends and next steps", rounds_summary_sections(framework, values, units, names_to_withhold), "learning-rounds-trends")]
