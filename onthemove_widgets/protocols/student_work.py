"""Analyzing Student Work (Figure 4.9): each presenter's stack sorted from above to below,
the patterns across stacks, and stacks started from the team's data wall."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..analysis.bands import BANDS
from ..analysis.privacy import student_labels
from ..framework.models import Framework, Protocol
from .records import BAND_WORDS
from .written import NOTHING, Document, find_record, recorded, row_line, session_units, unit_label

TOP_DOWN = tuple(reversed(BANDS))
NOT_PLACED = "Not placed yet"
BAND_COLUMNS = [BAND_WORDS[band] for band in TOP_DOWN]
NO_PRESENTER = "No presenter named"
STACK_NAMES = {"teacher": "{}", "class_period": "Period {}"}


def _presenter(row) -> str:
    return str(row.get("presenter") or "").strip() or NO_PRESENTER


def stack_patterns(rows, units=()) -> pd.DataFrame:
    """Work samples per presenter and band, and each presenter's share at or above.

    Presenters are the session's, in order, then any other name typed in a row; a
    sample with no band counts as not placed and is left out of the share."""
    presenters = dict.fromkeys([*(str(u).strip() for u in units if str(u).strip()), *map(_presenter, rows)])
    counts = pd.DataFrame(0, index=pd.Index(list(presenters), name="Presenter"), columns=[*BAND_COLUMNS, NOT_PLACED])
    for row in rows:
        counts.loc[_presenter(row), BAND_WORDS.get(row.get("band"), NOT_PLACED)] += 1
    placed = counts[BAND_COLUMNS].sum(axis=1)
    high = counts[BAND_WORDS["above"]] + counts[BAND_WORDS["at"]]
    return counts.assign(**{"Samples placed": placed, "Share at or above": high / placed.where(placed > 0)})


def patterns_sentence(patterns: pd.DataFrame) -> str:
    """The patterns in one plain sentence: the share at or above, and where it is highest and lowest."""
    placed = int(patterns["Samples placed"].sum())
    if not placed:
        return "No work samples have been placed in a band yet."
    high = int((patterns[BAND_WORDS["above"]] + patterns[BAND_WORDS["at"]]).sum())
    text = f"{high} of {placed} work samples ({high / placed:.0%}) sit at or above proficient"
    shares = patterns["Share at or above"].dropna()
    if len(shares) > 1 and shares.max() > shares.min():
        text += (f"; the largest share is in the stack of {shares.idxmax()} ({shares.max():.0%}),"
                 f" the smallest in the stack of {shares.idxmin()} ({shares.min():.0%})")
    return text + "."


def _count_line(name, counts) -> str:
    bands = ", ".join(f"{int(counts[BAND_WORDS[b]])} {b}" for b in TOP_DOWN)
    share = counts["Share at or above"]
    return f"{name}: {bands} proficient" + ("" if pd.isna(share) else f" ({share:.0%} at or above)")


def stack_lines(framework: Framework, protocol: Protocol, record, rows, name: str) -> list[str]:
    """One presenter's samples from above to below (unplaced last), each with its strengths and growth."""
    order = {band: i for i, band in enumerate(TOP_DOWN)}
    mine = sorted((row for row in rows if _presenter(row) == name), key=lambda row: order.get(row.get("band"), len(order)))
    shown = [f for f in record.fields if f.key != "presenter"]
    return [row_line(framework, protocol, record, {f.key: row.get(f.key) for f in shown}) for row in mine]


def student_work_sections(framework: Framework, protocol: Protocol, values, units=()) -> list:
    """Calibration, each presenter's lesson and sorted stack, the patterns, then the commitments."""
    units = session_units(protocol, units)
    stacks = find_record(protocol, "review_student_work", "stacks")
    rows = recorded(values, stacks, "review_student_work")
    patterns = stack_patterns(rows, [unit_label(protocol, units, i) for i in range(len(units))])

    def notes(step_key, record_key, unit=None):
        return recorded(values, find_record(protocol, step_key, record_key), step_key, unit).strip() or NOTHING

    sections = [("The rubric or success criteria we calibrated on", notes("calibration", "calibration"))]
    for index, name in enumerate(patterns.index):
        if index < len(units):
            sections.append((f"{name}: the lesson and its target", notes("presentation", "lesson", index)))
        sections.append((f"{name}: the stack, from above to below proficient", stack_lines(framework, protocol, stacks, rows, name) or NOTHING))
    individual = find_record(protocol, "group_discussion", "individual")
    return sections + [
        ("Patterns across the stacks", [patterns_sentence(patterns), *(_count_line(n, c) for n, c in patterns.iterrows())]),
        ("Patterns the team noted across classrooms, grades and subjects", notes("team_reflection", "patterns")),
        ("Individual commitments", [row_line(framework, protocol, individual, r) for r in recorded(values, individual, "group_discussion")] or NOTHING),
        ("The team's commitments, and whom we inform", notes("team_reflection", "team")),
    ]


def student_work_documents(framework: Framework, protocol: Protocol, values, units=(), names_to_withhold=()) -> list[Document]:
    """The stacks-and-patterns document of one session."""
    return [Document("Analyzing Student Work: stacks and patterns", student_work_sections(framework, protocol, values, units), "analyzing-student-work-stacks")]


def stacks_from_wall(wall: pd.DataFrame, by: str = "teacher", per_band: int = 2, presenters: dict | None = None) -> list[dict]:
    """Stack rows started from the data wall, so a team reads real work, not a blank table.

    One stack per teacher (or class period, ``by="class_period"``) on the wall, in wall
    order, named by ``presenters`` when given; up to ``per_band`` samples per band,
    spread from the band's lowest score to its highest. A sample is named by the wall's
    label, and by initials wherever the wall shows full names; students with no band
    are left out, since they cannot sit in a stack."""
    if by not in STACK_NAMES:
        raise ValueError(f"stacks are made per teacher or per class period, not per {by!r}")
    placed = wall.loc[wall["band"].notna()].assign(sample=_sample_labels(wall))
    rows = []
    for group, frame in placed.groupby(by, sort=False, observed=True):
        name = (presenters or {}).get(group) or (STACK_NAMES[by].format(group) if str(group).strip() else f"{by.replace('_', ' ').capitalize()} not recorded")
        for band in TOP_DOWN:
            chosen = _spread(frame.loc[frame["band"] == band], per_band)
            rows += [{"presenter": name, "sample": str(s), "band": band, "strengths": "", "growth": ""} for s in chosen["sample"]]
    return rows


def _sample_labels(wall: pd.DataFrame) -> pd.Series:
    """The wall's label, unless it is a full name: then initials."""
    initials = student_labels(wall, "initials")
    if "label" not in wall:
        return initials
    return wall["label"].where(wall["label"] != wall["first_name"] + " " + wall["last_name"], initials)


def _spread(frame: pd.DataFrame, count: int) -> pd.DataFrame:
    """Up to `count` rows spread evenly through the frame (its middle row for one)."""
    if frame.empty or count < 1:
        return frame.iloc[:0]
    last = len(frame) - 1
    points = np.linspace(0, last, count) if count > 1 else [last / 2]
    return frame.iloc[sorted({int(round(p)) for p in points})]
