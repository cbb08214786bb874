"""A room running one protocol together: the facilitator's step leads, every table follows.

Tables may have different presenters or rooms, so the room's position is a step and a
repeat (the second presenter's feedback round), not an agenda index; each table finds
that step in its own agenda and takes the facilitator's timing, so every countdown in
the room agrees. Plain functions on clock states, tested without a kernel.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .clock import ClockState

ROOM_SCHOOL = "room"
"""The store's school field for what belongs to a room rather than one school."""
CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")


def room_code(text) -> str | None:
    """A room code from a link or a parameter: letters, digits, '-' and '_', up to 40; else None."""
    text = str(text or "").strip()
    return text if CODE.fullmatch(text) else None


def lead(agenda, state: ClockState) -> dict:
    """What the facilitator's clock tells the room: the step, its repeat and its timing."""
    item = agenda[state.position]
    return {"step": item.step.key, "unit": item.unit, **{k: v for k, v in state.to_json().items() if k not in ("position", "spent")}}


def find(agenda, step_key: str, unit) -> int | None:
    """The table's agenda position for the room's step and repeat: that repeat if the table
    has it, else the step's last repeat the table has, else None (a step it lacks)."""
    matches = [i for i, item in enumerate(agenda) if item.step.key == step_key]
    if not matches:
        return None
    exact = [i for i in matches if agenda[i].unit == unit]
    return exact[0] if exact else matches[-1]


def follow(agenda, own: ClockState, room: dict) -> ClockState:
    """The table's clock, moved to the room's step with the room's timing."""
    position = find(agenda, room.get("step"), room.get("unit"))
    if position is None:
        return own
    timing = ClockState.from_json({**room, "position": position, "spent": own.spent})
    return replace(timing, spent={k: v for k, v in own.spent.items() if k != position})


def saved_in_session(items, protocol, session: int) -> int:
    """How many records a table has saved in its current session of this protocol
    (`items` from `Store.latest_items`): its session's keys, and the protocol's earlier keys."""
    earlier = {r.saved_as for s in protocol.steps for r in s.records if r.saved_as}
    prefix = f"{protocol.key}/{session}/"
    return sum(1 for item in items if item.key.startswith(prefix) or item.key in earlier)
