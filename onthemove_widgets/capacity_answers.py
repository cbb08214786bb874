"""Capacity self-assessment answers in the drafts store: what a save holds, and reading them back.

One item per respondent and round: kind `capacity_response`, team = the round's name,
key = a random token made once per survey screen, so submitting again is a new
revision of the same item and counts once. No name or author is ever stored.
"""

import pandas as pd

from .analysis.capacity import COLUMNS, ROLES
from .framework import load_framework

KIND = "capacity_response"


def answer_body(role, answers):
    """The store body for one submission; ValueError names what is missing or unknown."""
    fw = load_framework()
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    missing = [i.name for i in fw.capacity_survey if answers.get(i.key) is None]
    if missing:
        raise ValueError(f"Please choose an answer for: {', '.join(missing)}.")
    profiles = {p.key for p in fw.profiles}
    if wrong := sorted(str(v) for v in answers.values() if v not in profiles):
        raise ValueError(f"unknown profile(s) {', '.join(wrong)}")
    return {"role": role, "answers": {i.key: answers[i.key] for i in fw.capacity_survey}}


def responses(store, school_id):
    """Every respondent's latest answers for the school, one row per indicator, oldest save first.

    Columns: respondent, round, role, indicator, profile (`analysis.capacity`'s input).
    """
    revisions = sorted(store.latest_items(KIND, school_id), key=lambda r: r.saved_at)
    rows = [
        (r.key, r.team, r.body["role"], indicator, profile)
        for r in revisions
        for indicator, profile in r.body["answers"].items()
    ]
    return pd.DataFrame(rows, columns=COLUMNS)
