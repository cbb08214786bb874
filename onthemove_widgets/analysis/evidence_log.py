"""Evidence tagged by success indicator: which of the six skills the team has seen, and which not.

The six indicators are the lens for looking at student work and for learning rounds
(Figure 4.2). A team that logs what it saw, against the indicators it shows, sees at a
glance the skills it keeps looking at and the ones nobody has looked at yet.
"""

import pandas as pd

from ..framework import load_framework

KINDS = {
    "student_work": "Student work",
    "learning_rounds": "Learning rounds observation",
    "data_point": "Data point",
    "other": "Other",
}
COLUMNS = ["date", "cycle", "kind", "note", "indicators"]


def entries_frame(bodies):
    """Entries (dicts with `COLUMNS`) as a DataFrame, oldest first; dates become `datetime.date`."""
    frame = pd.DataFrame(list(bodies), columns=COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    frame["indicators"] = frame["indicators"].map(lambda keys: list(keys) if isinstance(keys, list | tuple) else [])
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


def coverage(entries):
    """One row per framework indicator, in the framework's order.

    Columns: `indicator` (key), `name`, `entries` (how many entries name it), `last_date`
    (the newest entry's date, or None), `kinds` (labels of the kinds seen, in `KINDS`
    order) and `last_note` (the newest entry's note, or "").
    """
    tagged = entries.explode("indicators").dropna(subset=["indicators"]).sort_values("date", kind="stable")
    rows = []
    for indicator in load_framework().indicators:
        mine = tagged[tagged["indicators"] == indicator.key]
        seen = set(mine["kind"])
        rows.append({
            "indicator": indicator.key,
            "name": indicator.name,
            "entries": len(mine),
            "last_date": mine["date"].iloc[-1] if len(mine) else None,
            "kinds": [label for kind, label in KINDS.items() if kind in seen],
            "last_note": mine["note"].iloc[-1] if len(mine) else "",
        })
    return pd.DataFrame(rows)


def without_evidence(table):
    """Names of the indicators no entry names yet, in the framework's order."""
    return list(table.loc[table["entries"] == 0, "name"])


def coverage_summary(table):
    """'No evidence yet for: A, B.' or, once all six have some, how many entries there are."""
    missing = without_evidence(table)
    if missing:
        return f"No evidence yet for: {', '.join(missing)}."
    return f"Every success indicator has evidence ({int(table['entries'].sum())} tags in all)."
