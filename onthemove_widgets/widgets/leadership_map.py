"""`LeadershipMapEditor`: who leads what, which protocols each team runs, and how often.

A row of fields per team; `focus.leadership_map` holds the model and its checks; the
store keeps every saved revision (the map is revised as leadership spreads), and the
base editor makes the Markdown, Word and HTML downloads.
"""

from html import escape

import ipywidgets as widgets

from ..focus.leadership_map import HOW_OFTEN, LeadershipMap, LeadingTeam, map_checks, map_sections, protocol_names
from .editor import RevisionedEditor

FIRST_ROWS = ("Site leadership team", "")
WIDE = widgets.Layout(width="95%")


class TeamRow(widgets.VBox):
    """The fields of one team."""

    def __init__(self, name=""):
        self.name = widgets.Text(value=name, description="Team", placeholder="e.g. Grade 4 team, Math department", layout=WIDE)
        self.led_by = widgets.Text(description="Led by", placeholder="who leads it (names or roles)", layout=WIDE)
        self.members = widgets.Text(description="Members", placeholder="who is in it", layout=WIDE)
        self.protocols = widgets.SelectMultiple(description="Protocols", options=[(name, key) for key, name in protocol_names().items()], rows=7, layout=WIDE)
        self.how_often = widgets.Dropdown(description="How often", options=[("—", "")] + [(h, h) for h in HOW_OFTEN])
        super().__init__([self.name, self.led_by, self.members, self.protocols, self.how_often], layout=widgets.Layout(border="1px solid #ccc", padding="6px", margin="0 0 8px 0"))

    def fields(self):
        return (self.name, self.led_by, self.members, self.protocols, self.how_often)

    def value(self):
        return LeadingTeam(self.name.value, self.led_by.value, self.members.value, tuple(self.protocols.value), self.how_often.value)

    def show(self, team):
        known = {key for _, key in self.protocols.options}
        self.name.value, self.led_by.value, self.members.value = team.name, team.led_by, team.members
        self.protocols.value = tuple(k for k in team.protocols if k in known)
        self.how_often.value = team.how_often if team.how_often in HOW_OFTEN else ""


class LeadershipMapEditor(RevisionedEditor):
    """One school's leadership map: teams, their leads, protocols and rhythm, with revisions."""

    title = "Leadership map"
    kind = "leadership_map"

    def __init__(self, store, school_id, school_name, team="School leadership team", key="main"):
        self.rows = widgets.VBox([self._row(name) for name in FIRST_ROWS])
        self.add_button = widgets.Button(description="Add a team", icon="plus")
        self.add_button.on_click(lambda _: self.add_team())
        self.checks = widgets.HTML()
        super().__init__(store, school_id, school_name, team, key)
        self._refresh_checks()
        self.children = [self.rows, self.add_button, widgets.HTML("<b>Checks</b>"), self.checks, *self.toolbar()]

    def add_team(self, name=""):
        """Another row, for another team."""
        self.rows.children = (*self.rows.children, self._row(name))
        self._refresh_checks()
        return self.rows.children[-1]

    def value(self):
        return LeadershipMap(tuple(row.value() for row in self.rows.children))

    def body(self):
        return self.value().to_body()

    def sections(self):
        return map_sections(self.value())

    def show(self, body):
        teams = LeadershipMap.from_body(body).teams
        while len(self.rows.children) < len(teams):
            self.add_team()
        for row, team in zip(self.rows.children, (*teams, *[LeadingTeam()] * len(self.rows.children))):
            row.show(team)

    def _row(self, name):
        row = TeamRow(name)
        for control in row.fields():
            control.observe(self._refresh_checks, "value")
        return row

    def _refresh_checks(self, _=None):
        if not hasattr(self, "checks"):
            return
        items = (f"<li>{'✅' if passed else '⚠️'} {escape(advice)}</li>" for passed, advice in map_checks(self.value()))
        self.checks.value = f"<ul style='list-style:none;padding-left:0;font-size:16px'>{''.join(items)}</ul>"
