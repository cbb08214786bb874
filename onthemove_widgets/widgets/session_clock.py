"""The protocol clock as a small front-end piece (anywidget): it counts in the browser,
so a busy kernel or a slow network never makes it stutter, and it ships inline (no CDN)."""

import time
from pathlib import Path

import anywidget
import traitlets

from ..framework.render import format_minutes
from ..protocols import clock

_HERE = Path(__file__).parent
COMMANDS = ("start", "pause", "next", "back")


def clock_items(agenda):
    """What the front end shows of each agenda item: title, minutes as the figure gives
    them, the budget it counts down from and the shortest time of the step's range."""
    return [{"title": item.title, "minutes_text": format_minutes(item.step, per=False),
             "budget": item.minutes, "shortest": item.step.minutes_min} for item in agenda]


class SessionClock(anywidget.AnyWidget):
    """Start, Pause/Resume, Back and Next step; `on_move(state)` hears every change."""

    _esm = _HERE / "session_clock.js"
    _css = _HERE / "session_clock.css"
    items = traitlets.List().tag(sync=True)
    state = traitlets.Dict().tag(sync=True)
    server_now = traitlets.Float(0.0).tag(sync=True)
    follower = traitlets.Bool(False).tag(sync=True)  # a table following a room's facilitator: no buttons

    def __init__(self, items, state, on_move, now=time.time):
        super().__init__(items=items, state=state.to_json(), server_now=now())
        self._state, self._on_move, self._now = state, on_move, now
        self.on_msg(self._command)

    @property
    def clock_state(self):
        return self._state

    def show(self, items, state):
        """A new agenda or session: show it without counting as a move."""
        self._state, self.items = state, items
        self.server_now, self.state = self._now(), state.to_json()

    def press(self, command):
        """Apply a button's command at the time now (also what a test calls)."""
        now = self._now()
        moves = {
            "start": lambda s: clock.start(s, now),
            "pause": lambda s: clock.pause(s, now),
            "next": lambda s: clock.go_to(s, s.position + 1, now, len(self.items)),
            "back": lambda s: clock.go_to(s, s.position - 1, now, len(self.items)),
        }
        if command in moves and not self.follower:
            new = moves[command](self._state)
            if new != self._state:
                self._state = new
                self._on_move(new)
        self.server_now = now
        self.state = self._state.to_json()

    def _command(self, _widget, content, _buffers):
        """A button's message from the browser; anything but a known command is ignored."""
        command = content.get("command") if isinstance(content, dict) else None
        if command in COMMANDS:
            self.press(command)
