"""The session clock: where a running protocol is, and how much time is left.

A state is plain data (saved in the store as JSON), and every move is a function
from a state and the time now to a new state, so a reload, a second laptop or a
test with made-up times all see the same clock. Times are seconds since the epoch.
Overrun is shown, never blocked: remaining time simply goes negative.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace


@dataclass(frozen=True)
class ClockState:
    """Where a session stands.

    `step_started_at` is when the current step's timer began; `paused_at` is set while
    paused; `step_paused` is the time spent paused during the current step; `spent`
    holds the seconds spent on each agenda item the team has left (a log, and what
    "back" resumes from)."""

    position: int = 0
    started_at: float | None = None
    step_started_at: float | None = None
    paused_at: float | None = None
    step_paused: float = 0.0
    spent: dict = field(default_factory=dict)

    @property
    def running(self) -> bool:
        return self.started_at is not None and self.paused_at is None

    def to_json(self) -> dict:
        return {**asdict(self), "spent": {str(k): v for k, v in self.spent.items()}}

    @classmethod
    def from_json(cls, body: dict | None) -> "ClockState":
        """A saved state; anything missing or malformed starts the clock afresh."""
        if not body:
            return cls()
        try:
            spent = {int(k): float(v) for k, v in (body.get("spent") or {}).items()}
            return cls(int(body.get("position", 0)), _time(body.get("started_at")), _time(body.get("step_started_at")),
                       _time(body.get("paused_at")), float(body.get("step_paused", 0.0)), spent)
        except (TypeError, ValueError, AttributeError):
            return cls()


def _time(value):
    return None if value is None else float(value)


def start(state: ClockState, now: float) -> ClockState:
    """Start the session (or resume it when paused); starting twice changes nothing."""
    if state.started_at is None:
        return replace(state, started_at=now, step_started_at=now, paused_at=None, step_paused=0.0)
    if state.paused_at is not None:
        return replace(state, paused_at=None, step_paused=state.step_paused + now - state.paused_at)
    return state


def pause(state: ClockState, now: float) -> ClockState:
    """Stop the clocks until the team starts again."""
    return replace(state, paused_at=now) if state.running else state


def step_elapsed(state: ClockState, now: float) -> float:
    """Seconds spent on the current step, pauses left out."""
    if state.step_started_at is None:
        return 0.0
    until = state.paused_at if state.paused_at is not None else now
    return max(until - state.step_started_at - state.step_paused, 0.0)


def go_to(state: ClockState, position: int, now: float, length: int) -> ClockState:
    """Move to another agenda item, logging the time spent on this one.

    The new item's timer carries on from what the team already spent there, so going
    back to a step and forward again never gives it its full time twice."""
    position = min(max(position, 0), length - 1)
    if position == state.position:
        return state
    spent = {**state.spent, state.position: step_elapsed(state, now)}
    resumed = spent.pop(position, 0.0)
    if state.started_at is None:
        return replace(state, position=position, spent=spent)
    paused_at = now if state.paused_at is not None else None
    return replace(state, position=position, spent=spent, step_started_at=now - resumed,
                   paused_at=paused_at, step_paused=0.0)


def step_remaining(state: ClockState, minutes: int | None, now: float) -> float | None:
    """Seconds left on the current step; negative when it runs over; None if untimed."""
    if minutes is None:
        return None
    return minutes * 60 - step_elapsed(state, now)


def session_remaining(state: ClockState, budgets, now: float) -> float:
    """Seconds the session has left: what remains of this step (never below zero, an
    overrun already spent), plus the budgets of the steps still to come."""
    budgets = list(budgets)
    here = step_remaining(state, budgets[state.position], now) or 0.0
    later = sum((m or 0) * 60 for m in budgets[state.position + 1:])
    return max(here, 0.0) + later


def session_overrun(state: ClockState, budgets, now: float) -> float:
    """Seconds the whole session is behind its plan: elapsed since the start, pauses
    excluded, minus the planned time up to the end of the current step (0 if on time)."""
    if state.started_at is None:
        return 0.0
    budgets = list(budgets)
    spent_elsewhere = sum(v for k, v in state.spent.items() if k != state.position)
    planned_done = sum((m or 0) * 60 for m in budgets[: state.position + 1])
    used = spent_elsewhere + step_elapsed(state, now)
    return max(used - planned_done, 0.0)
