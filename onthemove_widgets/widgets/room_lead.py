"""`RoomLead`: the facilitator's view of a room running one protocol.

The facilitator's clock leads: every move is saved as the room's step, and each table's
runner (opened with the same room code) follows it. Below the clock, every table that
joined, the step it is on and what it has saved so far in this session.
"""

import time
from html import escape

import ipywidgets as widgets

from ..framework import load_framework
from ..protocols import agenda as agendas
from ..protocols import clock, room
from .polling import every
from .saving import saved_records
from .session_clock import SessionClock, clock_items

LEAD_KIND, MEMBER_KIND, SESSION_KIND = "room_lead", "room_member", "protocol_session"
REFRESH_SECONDS = 5.0
TABLE_STYLE = "border-collapse:collapse;font-size:16px;line-height:1.4"


class RoomLead(widgets.VBox):
    """Lead room `code` through `protocol`; Refresh re-reads what the tables saved."""

    def __init__(self, protocol, store, code, presenters=(), rooms=None, now=time.time):
        self.protocol = load_framework().protocol(protocol) if isinstance(protocol, str) else protocol
        self.store, self.code, self._now = store, code, now
        self.agenda = agendas.session_agenda(self.protocol, agendas.unit_names(self.protocol, presenters, rooms))
        latest = store.latest(LEAD_KIND, room.ROOM_SCHOOL, code, self.protocol.key)
        state = clock.ClockState.from_json(latest.body.get("clock") if latest else None)
        self.clock = SessionClock(clock_items(self.agenda), state, self._moved, now)
        self.tables = widgets.HTML()
        refresh = widgets.Button(description="Refresh", icon="refresh")
        refresh.on_click(lambda _: self.refresh())
        heading = widgets.HTML(f"<h3 style='font-size:20px'>Leading room {escape(code)}: {escape(self.protocol.name)}</h3>"
                               "<p style='font-size:16px'>Each table opens this app with the same room code; their steps follow yours.</p>")
        super().__init__([heading, self.clock, refresh, self.tables])
        self.refresh()
        every(REFRESH_SECONDS, self.refresh)

    def _moved(self, state):
        body = {"clock": state.to_json(), "lead": room.lead(self.agenda, state)}
        self.store.save(LEAD_KIND, room.ROOM_SCHOOL, self.code, self.protocol.key, body, force=True)
        self.refresh()

    def members(self):
        """(school id, school name, team) of every table that joined this room."""
        return [(m.body.get("school_id", ""), m.body.get("school_name", ""), m.body.get("team", ""))
                for m in self.store.latest_items(MEMBER_KIND, room.ROOM_SCHOOL, self.code)
                if m.body.get("protocol") == self.protocol.key]

    def table_row(self, school_id, school_name, team):
        """One table: its school and team, its step and its saved count this session."""
        session = self.store.latest(SESSION_KIND, school_id, team, self.protocol.key)
        number = session.body.get("session", 1) if session else 1
        items = saved_records(self.store, school_id, team)
        step = (session.body.get("clock") or {}).get("position", 0) if session else 0
        units = session.body.get("units", ()) if session else ()
        plan = agendas.session_agenda(self.protocol, agendas.unit_names(self.protocol, units))
        title = plan[min(step, len(plan) - 1)].title
        return f"<tr><td>{escape(school_name)}</td><td>{escape(team)}</td><td>{escape(title)}</td><td>{room.saved_in_session(items, self.protocol, number)}</td></tr>"

    def refresh(self):
        rows = "".join(self.table_row(*member) for member in self.members()) or "<tr><td colspan='4'>No table has joined yet.</td></tr>"
        self.tables.value = (  # an unchanged value sends nothing to the pagef"<table style='{TABLE_STYLE}'><caption style='text-align:left;font-weight:bold'>The tables in this room</caption>"
                             f"<tr><th>School</th><th>Team</th><th>On step</th><th>Saved this session</th></tr>{rows}</table>")
