"""`ProtocolRunner`: any protocol of the framework, run live and timed from its data.

The agenda, the clock, the roles and norms, each step's prompts, the app piece a step
shows and what the team records there all come from `framework/content/protocols.yaml`,
so a protocol notebook is a title, its parameters and one runner. The session (its
number, presenters or rooms, roles and clock) is saved at every move, so a reload, or a
second laptop, opens on the same step with the same time left.
"""

import time

import ipywidgets as widgets

from ..export.documents import to_docx, to_html
from ..framework import load_framework
from ..protocols import agenda as agendas
from ..protocols import clock, room
from ..protocols.cycle_map import cycle_map_html, saved_counts
from ..protocols.documents import document_for
from ..protocols.redact import school_names
from ..protocols.records import from_body, records_of, store_key, store_kind
from ..protocols.step_view import step_html
from ..session import page_value, preheating
from ..store import Store
from .chooser import open_app
from .guards import guard
from .polling import ahead, every, soon
from .protocol_tools import make_tool, preload, wall_stacks
from .record_editors import RecordEditor
from .saving import MIME, download_links, saved_records
from .room_lead import LEAD_KIND, MEMBER_KIND, RoomLead
from .shared_look import control
from .session_clock import SessionClock, clock_items

SESSION_KIND = "protocol_session"
UNITS_LABEL = {"presenter": "Presenters (one per line)", "room": "Rooms (one per line)"}
ROLES = ("facilitator", "recorder", "timekeeper")
POLL_SECONDS = 2.0
VIEWS = ("participant", "facilitator")
STYLE = ("<style>.otm-runner,.otm-runner .widget-label,.otm-runner input,.otm-runner textarea,.otm-runner select,"
         ".otm-runner button,.otm-runner .widget-html-content{font-size:16px}.otm-runner .widget-label{min-width:8em}"
         ".otm-runner button{width:auto;min-width:8em;height:auto;padding:4px 14px}</style>")


PREPARE_AFTER_SECONDS = 0.5
"""The next step's tool is built this long after a step shows, while the team reads it, so Next only shows it.

The runner's first step builds it at once instead, with the page: a page's front end that
is still connecting would lose, or refuse, the models of a tool made while it connects
(JupyterLab's kernel connection closes a comm whose target it does not listen for yet)."""


class ProtocolRunner(widgets.VBox):
    """One protocol session for a school and team: setup, clock, the current step."""

    def __init__(self, protocol, app, store, presenters=(), rooms=None, now=time.time, room_code=None, **tool_options):
        self.framework = load_framework()
        self.protocol = self.framework.protocol(protocol) if isinstance(protocol, str) else protocol
        self.app, self.store, self._now, self.tool_options = app, store, now, tool_options
        self._tools, self.editors = {}, []
        latest = store.latest(SESSION_KIND, app.school_id, app.team, self.protocol.key)
        self.session = latest.body if latest else self._fresh(1, agendas.unit_names(self.protocol, presenters, rooms))
        self.step_panel = control(widgets.VBox)
        self.cycle_map = control(widgets.HTML)
        self.downloads = control(widgets.HTML)
        self._build_agenda()
        self.clock = SessionClock(clock_items(self.agenda), self.clock_state, self._moved, now)
        super().__init__([control(widgets.HTML, STYLE), self.cycle_map, self._setup(), self.clock, self.step_panel, self._download_box()])
        self.add_class("otm-runner")
        guard(self, self.notice)
        self._build_next_now()
        self._show_step()
        self.room, self._followed = room_code, None
        if room_code:
            self._join()

    @staticmethod
    def _fresh(number, units):
        return {"session": number, "units": list(units), "pace": "longest", "roles": {}, "clock": {}}

    @property
    def clock_state(self):
        return clock.ClockState.from_json(self.session.get("clock"))

    @property
    def units(self):
        return tuple(self.session.get("units") or ())

    def _build_agenda(self):
        self.agenda = agendas.session_agenda(self.protocol, self.units, self.session.get("pace", "longest"))
        self.records = records_of(self.agenda)

    def _save_session(self):
        self.store.save(SESSION_KIND, self.app.school_id, self.app.team, self.protocol.key, self.session, force=True)

    def _moved(self, state):
        """The clock moved (start, pause, next, back): save it and show the new step."""
        self.session = {**self.session, "clock": state.to_json()}
        self._save_session()
        self._show_step()

    def _join(self):
        """Join a room: the facilitator sees this table, and this table follows its steps."""
        key = f"{self.app.school_id}|{self.app.team}|{self.protocol.key}"
        body = {"school_id": self.app.school_id, "school_name": self.app.school_name, "team": self.app.team, "protocol": self.protocol.key}
        joined = self.store.latest(MEMBER_KIND, room.ROOM_SCHOOL, self.room, key)
        if joined is None or joined.body != body:
            self.store.save(MEMBER_KIND, room.ROOM_SCHOOL, self.room, key, body, force=True)
        self.clock.follower = True
        self.follow_room()
        every(POLL_SECONDS, self.follow_room)

    def follow_room(self):
        """Take the facilitator's step and timing if they moved since this table last looked."""
        latest = self.store.latest(LEAD_KIND, room.ROOM_SCHOOL, self.room, self.protocol.key)
        if latest is None or latest.number == self._followed:
            return False
        self._followed = latest.number
        state = room.follow(self.agenda, self.clock_state, latest.body.get("lead") or {})
        if state != self.clock_state:
            self.session = {**self.session, "clock": state.to_json()}
            self._save_session()
            self.clock.show(clock_items(self.agenda), state)
            self._show_step()
        return True

    def _setup(self):
        """Presenters or rooms, the pace, the roles the protocol names, and New session."""
        self.session_line = control(widgets.HTML, self._session_words())
        parts = [self.session_line]
        kind = agendas.unit_kind(self.protocol)
        if kind:
            self.units_box = control(widgets.Textarea, "\n".join(self.units), description=UNITS_LABEL[kind], continuous_update=False,
                                     style={"description_width": "initial"}, layout={"width": "32em", "height": "90px"})
            self.units_box.observe(lambda change: self._replan(units=change["new"].splitlines()), "value")
            parts.append(self.units_box)
        self.pace = control(widgets.ToggleButtons, options=[("shortest times", "shortest"), ("longest times", "longest")],
                            value=self.session.get("pace", "longest"), description="Plan for")
        self.pace.observe(lambda change: self._replan(pace=change["new"]), "value")
        parts.append(self.pace)
        self.roles = {}
        for role in (r for r in self.protocol.roles if r in ROLES):
            box = control(widgets.Text, self.session.get("roles", {}).get(role, ""), description=role.capitalize(), continuous_update=False)
            box.observe(lambda change, role=role: self._set_role(role, change["new"]), "value")
            self.roles[role] = box
        if self.roles:
            parts.append(control(widgets.HBox, list(self.roles.values())))
        new = control(widgets.Button, description="New session", icon="plus", tooltip="Start afresh; earlier sessions stay saved")
        new.on_click(lambda _: self.new_session())
        self.notice = control(widgets.HTML)  # what the kernel refused of what the browser sent
        parts += [new, self.notice]
        return control(widgets.VBox, parts)

    def _replan(self, units=None, pace=None):
        """New presenters, rooms or pace: rebuild the agenda, keeping the clock where it is."""
        if units is not None:
            self.session = {**self.session, "units": list(agendas.unit_names(self.protocol, units))}
        if pace is not None:
            self.session = {**self.session, "pace": pace}
        self._build_agenda()
        state = self.clock_state
        if state.position >= len(self.agenda):
            self.session = {**self.session, "clock": clock.go_to(state, len(self.agenda) - 1, self._now(), len(self.agenda)).to_json()}
        self._save_session()
        self._refresh()

    def _set_role(self, role, name):
        self.session = {**self.session, "roles": {**self.session.get("roles", {}), role: name.strip()}}
        self._save_session()

    def new_session(self):
        """A fresh session (clock at the opening, empty records); earlier ones stay saved."""
        self.session = self._fresh(self.session["session"] + 1, self.units)
        self._save_session()
        self._refresh()

    def _refresh(self):
        self._tools.clear()
        self.clock.show(clock_items(self.agenda), self.clock_state)
        self.session_line.value = self._session_words()
        self._show_step()

    def _session_words(self):
        return f"<div style='font-size:16px'>Session {self.session['session']} · planned {agendas.total_minutes(self.agenda)} minutes</div>"

    def _show_cycle(self):
        """Where this protocol sits in the cycle, and what the team has saved in each."""
        items = saved_records(self.store, self.app.school_id, self.app.team)
        self.cycle_map.value = cycle_map_html(self.framework, self.protocol.key, saved_counts(items, self.framework), prefix="../")

    def _show_step(self):
        """The current step: its words, its app piece and its record editors."""
        self._show_cycle()
        position = self.clock_state.position
        item = self.agenda[position]
        tool = [self._tool(item.step.tool)] if item.step.tool else []
        here = [at for at in self.records if at.step.key == item.step.key and at.unit == (item.unit if item.step.per else None)]
        self.editors = [self._editor(at) for at in here]
        self.step_panel.children = [control(widgets.HTML, step_html(self.framework, self.protocol, item, position + 1)), *tool, *self.editors]
        following = self._next_tool()
        if following and following not in self._tools:
            soon(PREPARE_AFTER_SECONDS, lambda: self._tool(following))

    def _build_next_now(self):
        """Build the next step's tool with the page, so it reaches the browser in the page's own state."""
        following = self._next_tool()
        if following:
            ahead(lambda: self._tool(following))

    def _next_tool(self):
        """The tool the step after the current one shows, if any."""
        position = self.clock_state.position + 1
        return self.agenda[position].step.tool if position < len(self.agenda) else None

    def _tool(self, name):
        if name not in self._tools:
            self._tools[name] = make_tool(name, self.app, self.store, self.tool_options)
        return self._tools[name]

    def address(self, at):
        """(kind, school_id, team, key) of a record in this session."""
        return store_kind(at.record), self.app.school_id, self.app.team, store_key(self.protocol, self.session["session"], at)

    def _editor(self, at):
        starter = (lambda: wall_stacks(self.app, self.units)) if at.record.starts_from == "wall" else None
        return RecordEditor(self.store, self.address(at), at.record, self.framework, self.protocol, self.units, starter)

    def values(self):
        """Everything this session has saved: {(step, record, unit): value}."""
        found = {}
        for at in self.records:
            latest = self.store.latest(*self.address(at))
            found[(at.step.key, at.record.key, at.unit)] = from_body(at.record, latest.body if latest else None)
        return found

    def _download_box(self):
        button = control(widgets.Button, description="Prepare downloads", icon="download")
        button.on_click(lambda _: self.prepare_downloads())
        return control(widgets.VBox, [button, self.downloads])

    def prepare_downloads(self):
        """The session's documents (what was saved), as Word and printable HTML."""
        files = []
        withheld = (*school_names(self.app.school.students), *self.units) if self.protocol.confidential else ()
        byline = f"{self.app.team} · session {self.session['session']}, prepared {time.strftime('%Y-%m-%d', time.gmtime(self._now()))}"
        for document in document_for(self.framework, self.protocol, self.values(), self.units, names_to_withhold=withheld):
            args = (document.title, self.app.school_name, None, None, document.sections, byline)
            files += [(f"{document.stem}.docx", to_docx(*args), MIME["docx"]), (f"{document.stem}.html", to_html(*args).encode(), MIME["html"])]
        self.downloads.value = download_links(files)
        return files


def names(text_or_list):
    """Presenters or rooms from a parameter: a list, or text split on new lines and commas."""
    if text_or_list is None:
        return ()
    if isinstance(text_or_list, str):
        return tuple(part for line in text_or_list.splitlines() for part in line.split(","))
    return tuple(str(name) for name in text_or_list)


def open_protocol(protocol, data_dir=None, school_id=None, team=None, grade=None, needs_grade=False,
                  presenters=None, rooms=None, room_code=None, view="participant", **tool_options):
    """What a protocol notebook calls: open the school (in Voilà, ask for it first), then run.

    With a room code (`?room=` in the link), `view="facilitator"` (`?view=facilitator`)
    leads the room and needs no school; a table's runner follows the facilitator. A kernel
    of the room's pool loads the tools while it waits for its page."""
    if preheating():
        preload()
    code = room.room_code(page_value("room", room_code))
    if code and page_value("view", view, allowed=VIEWS) == "facilitator":
        return RoomLead(protocol, Store(), code, presenters=names(presenters), rooms=rooms)
    app = open_app(data_dir, school_id, team, grade, needs_grade=needs_grade)
    return ProtocolRunner(protocol, app, Store(), presenters=names(presenters), rooms=rooms, room_code=code, **tool_options)
