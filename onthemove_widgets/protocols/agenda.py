"""A protocol's agenda as a session runs it: steps that repeat per presenter or room
unrolled, a budget in minutes for each, and clock times from a chosen start."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby
from typing import Literal

from ..framework.models import Protocol, Step

Pace = Literal["shortest", "longest"]
"""Which end of a step's range the session plans for."""

UNIT_WORDS = {"presenter": "Presenter", "participant": "Presenter", "room": "Room"}
"""What one repeat of a `per` step is called on screen. Analyzing Student Work's
participants each present their stack, so they are presenters too."""


@dataclass(frozen=True)
class AgendaItem:
    """One block of the session: a step, and for a repeating step which repeat it is."""

    step: Step
    unit: int | None = None
    unit_name: str = ""
    minutes: int | None = None

    @property
    def title(self) -> str:
        """The step's name, with the presenter or room it is for."""
        return f"{self.step.name} ({self.unit_name})" if self.unit_name else self.step.name


def unit_kind(protocol: Protocol) -> str | None:
    """'presenter' or 'room' if some steps repeat, else None."""
    pers = {s.per for s in protocol.steps if s.per}
    if not pers:
        return None
    return "room" if pers == {"room"} else "presenter"


def unit_names(protocol: Protocol, names=(), count: int | None = None) -> tuple[str, ...]:
    """The presenters or rooms of a session: the names given, else numbered ones.

    Blank names are dropped; with no names and no count a repeating protocol gets
    one unit, so its agenda still shows every step."""
    kind = unit_kind(protocol)
    if kind is None:
        return ()
    given = tuple(n.strip() for n in names if n and n.strip())
    if given:
        return given
    word = UNIT_WORDS[kind]
    return tuple(f"{word} {i}" for i in range(1, max(count or 1, 1) + 1))


def budget(step: Step, pace: Pace = "longest") -> int | None:
    """The minutes a session plans for a step: one end of its range, None for '—'."""
    if step.minutes_min is None:
        return None
    return step.minutes_max if pace == "longest" else step.minutes_min


def session_agenda(protocol: Protocol, units=(), pace: Pace = "longest") -> tuple[AgendaItem, ...]:
    """The steps in order, each run of consecutive repeating steps played once per unit.

    Critical Friends runs presentation → clarifying → feedback → reflection for one
    presenter, then again for the next (the protocol's note); Learning Rounds runs a
    round and its debrief for each room."""
    units = tuple(units) or unit_names(protocol)
    items = []
    for per, run in groupby(protocol.steps, key=lambda s: s.per):
        run = tuple(run)
        if per is None:
            items += [AgendaItem(s, minutes=budget(s, pace)) for s in run]
            continue
        for index, name in enumerate(units):
            items += [AgendaItem(s, index, name, budget(s, pace)) for s in run]
    return tuple(items)


def total_minutes(agenda) -> int:
    """Planned minutes of the whole session (untimed steps add nothing)."""
    return sum(item.minutes or 0 for item in agenda)


def clock_times(agenda, start: datetime) -> tuple[tuple[datetime, datetime], ...]:
    """(start, end) clock times of every item from a session start; an untimed step
    takes no time in the plan."""
    times, now = [], start
    for item in agenda:
        end = now + timedelta(minutes=item.minutes or 0)
        times.append((now, end))
        now = end
    return tuple(times)
