"""Which page each participant opens: one school per participant, cycling through the demo's schools."""

import csv
from pathlib import Path

DEMO = Path(__file__).resolve().parents[2] / "datasets" / "anywhere_sd"
# Each participant its own team, so each presses Next on its own clock (drafts are kept per school and team).
DEFAULT_APP = "protocols/determining_student_learning_needs.ipynb?school={school}&grade={grade}&team=Room+team+{user}"
TEAM_GRADE = 4  # the grade a grade-level team meets about where the school teaches it


def schools(folder=DEMO):
    """(school id, grade) for each school of a district: grade 4 where it is taught, else the school's middle grade."""
    rows = []
    with open(Path(folder) / "schools.csv", newline="") as file:
        for row in csv.DictReader(file):
            first, last = (0 if g == "K" else int(g) for g in row["grades"].split("-"))
            rows.append((row["school_id"], TEAM_GRADE if first <= TEAM_GRADE <= last else (first + last) // 2))
    return rows


def page_urls(server, count, app=DEFAULT_APP, folder=DEMO):
    """`count` app URLs on `server`, the i-th for the (i mod schools)-th school and user i."""
    cycle = schools(folder)
    return [f"{server.rstrip('/')}/voila/render/{app.format(school=s, grade=g, user=i)}" for i, (s, g) in
            enumerate(cycle[i % len(cycle)] for i in range(count))]
