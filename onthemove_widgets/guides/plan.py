"""The agenda as the framework gives it, and a printable plan with clock times from a chosen start."""

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal

from ..framework.render import format_minutes
from ..protocols.agenda import clock_times, session_agenda, total_minutes, unit_kind, unit_names
from .blocks import Command, Paragraph, Table

Pace = Literal["shortest", "longest"]


@dataclass(frozen=True)
class PlanOptions:
    """What a coach chooses for the printed plan; the committed guides use these defaults."""

    start: time = time(15, 30)
    presenters: int = 3
    rooms: int = 3
    pace: Pace = "longest"


def _span(low, high):
    return str(low) if low == high else f"{low}–{high}"


def agenda_blocks(protocol):
    """Every step with its minutes exactly as the data gives them, and the total."""
    rows = tuple((str(i), s.name, format_minutes(s), s.what) for i, s in enumerate(protocol.steps, 1))
    units = dict.fromkeys(s.per for s in protocol.steps if s.per)
    total = " + ".join([f"{_span(*protocol.minutes_range())} min",
                        *(f"{_span(*protocol.minutes_range(u))} min per {u}" for u in units)])
    blocks = [Table(("#", "Step", "Minutes", "What happens"), rows), Paragraph(total, lead="Total:")]
    if any(s.longer_with_more_students for s in protocol.steps):
        blocks.append(Paragraph("* Longer with more students."))
    blocks += [Paragraph(note, lead="Note:") for note in protocol.notes]
    return blocks


def _units(protocol, options):
    kind = unit_kind(protocol)
    count = options.rooms if kind == "room" else options.presenters
    return kind, unit_names(protocol, count=count)


def _describe(protocol, options, kind, units):
    start = f"{options.start:%H:%M}"
    who = f" for {len(units)} {kind}s" if kind else ""
    untimed = [s.name for s in protocol.steps if s.minutes_min is None]
    note = f" Steps with no time in the framework ({'; '.join(untimed)}) take none here: add them if you run them." if untimed else ""
    return Paragraph(f"Starting at {start}{who}, planned at the {options.pace} time of each step.{note}")


def session_plan_blocks(protocol, key, options: PlanOptions):
    """The session's steps (repeats unrolled) with start and end times, and how to print another plan."""
    kind, units = _units(protocol, options)
    agenda = session_agenda(protocol, units, options.pace)
    start = datetime.combine(date(2000, 1, 1), options.start)
    times = clock_times(agenda, start)
    rows = tuple((f"{a:%H:%M}–{b:%H:%M}", item.title, "—" if item.minutes is None else str(item.minutes))
                 for item, (a, b) in zip(agenda, times))
    end = times[-1][1] if times else start
    unit_option = {"presenter": " --presenters 4", "room": " --rooms 5"}.get(kind, "")
    return [
        _describe(protocol, options, kind, units),
        Table(("Time", "Step", "Minutes"), rows),
        Paragraph(f"Ends at {end:%H:%M}, after {total_minutes(agenda)} minutes.", lead="End:"),
        Paragraph("To print a plan for your own start time and group, run:"),
        Command(f"onthemove guides --guide {key} --start 08:15{unit_option} --pace shortest --out my_guides"),
    ]
