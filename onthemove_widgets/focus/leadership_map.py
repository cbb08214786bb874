"""A school's leadership map: which teams lead what, which protocols each runs, and how often.

Shared leadership leads from the middle (district → principals → site leadership team →
teacher teams → students). The map makes that visible and revisable: each team with who
leads it, who is in it, the framework's protocols it runs and how often. The checks say
where the map leaves the cycle without an owner.
"""

from dataclasses import asdict, dataclass, field

from ..framework import load_framework

HOW_OFTEN = ("every week", "every two weeks", "every 3-week cycle", "every 9–12 weeks", "once or twice a year")


@dataclass(frozen=True)
class LeadingTeam:
    """One team on the map; `protocols` are framework protocol keys."""

    name: str = ""
    led_by: str = ""
    members: str = ""
    protocols: tuple = ()
    how_often: str = ""


@dataclass(frozen=True)
class LeadershipMap:
    """Every team that leads part of the school's improvement."""

    teams: tuple = field(default_factory=tuple)

    def to_body(self):
        return {"teams": [{**asdict(team), "protocols": list(team.protocols)} for team in self.teams]}

    @classmethod
    def from_body(cls, body):
        """The map saved as `body`; unknown or missing fields are blank, so old drafts open."""
        known = LeadingTeam.__dataclass_fields__
        teams = [LeadingTeam(**{k: (tuple(v) if k == "protocols" else str(v)) for k, v in row.items() if k in known}) for row in body.get("teams", [])]
        return cls(tuple(teams))

    def named_teams(self):
        """Teams with a name: a blank row is not a team."""
        return [team for team in self.teams if team.name.strip()]


def protocol_names():
    """{key: name} of the framework's protocols, in the cycle's order."""
    return {protocol.key: protocol.name for protocol in load_framework().protocols}


def map_checks(leadership_map):
    """(passed, advice) for each coaching check on the map."""
    teams, names = leadership_map.named_teams(), protocol_names()
    owned = {key for team in teams for key in team.protocols}
    unowned = [name for key, name in names.items() if key not in owned]
    unled = [team.name for team in teams if not team.led_by.strip()]
    unscheduled = [team.name for team in teams if team.protocols and not team.how_often]
    return [
        (len(teams) >= 2, "Name at least the site leadership team and one teacher team: leadership runs through the middle."),
        (not unled, "Every team has someone who leads it" + (f"; not yet: {', '.join(unled)}." if unled else ".")),
        (not unowned, "Every protocol of the cycle has a team that runs it" + (f"; not yet: {', '.join(unowned)}." if unowned else ".")),
        (not unscheduled, "Each team says how often it meets for its protocols" + (f"; not yet: {', '.join(unscheduled)}." if unscheduled else ".")),
    ]


def map_sections(leadership_map):
    """The map as document sections (one per team), for Markdown, Word and HTML exports."""
    names = protocol_names()
    sections = []
    for team in leadership_map.named_teams():
        lines = [f"Led by: {team.led_by or '—'}", f"Members: {team.members or '—'}",
                 f"Protocols: {', '.join(names.get(k, k) for k in team.protocols) or '—'}", f"How often: {team.how_often or '—'}"]
        sections.append((team.name, lines))
    return sections or [("Teams", "No team on the map yet.")]
