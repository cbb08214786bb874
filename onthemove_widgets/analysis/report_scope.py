"""What one school report covers: its windows, its year, and the scores of the district's measures.

The report notebook names no measure or window: it asks the district's settings which
measure is the state test and which is the cycle check, and reports the year as it stood
at `after` (the rows of later windows are left out, but the whole year still frames
"on track").
"""

from dataclasses import dataclass

import pandas as pd

from ..framework.render import escape
from .scores import latest_window, student_scores, up_to


@dataclass(frozen=True)
class ReportScope:
    """Windows and scores one school report shows."""

    before: str
    after: str
    year: list
    assessments: pd.DataFrame  # every score up to `after`
    state_test: str | None
    state: pd.DataFrame  # the state test's scores, every subject, up to `after`
    state_window: str | None  # the state test's latest window up to `after`
    measure: str | None  # the cycle check growth is read on, and its subject
    subject: str | None
    local: pd.DataFrame  # the cycle check's scores up to `after`


def report_scope(school, before=None, after=None, cycles=None):
    """The scope of `school`'s report (a `data.District`): `before`/`after` default to the
    district's first and last windows; `cycles` sizes a year whose windows are not listed."""
    settings = school.settings
    year = settings.school_year(cycles) if cycles else settings.school_year()
    before, after = before or year[0], after or year[-1]
    for window in (before, after):
        if window not in year:
            raise ValueError(f"the district has no window '{window}'; its windows are {', '.join(year)}")
    assessments = up_to(school.assessments, after, year)
    state_test = settings.state_test
    subjects = sorted(assessments.loc[assessments["measure"] == state_test, "subject"].unique()) if state_test else []
    state = pd.concat([student_scores(school.students, assessments, state_test, s) for s in subjects]) if subjects else student_scores(school.students, assessments.iloc[:0], None, None)
    measure, subject = school.measure()
    local = student_scores(school.students, assessments, measure, subject)
    return ReportScope(before, after, year, assessments, state_test, state, latest_window(state), measure, subject, local)


def heading_md(info, students, scope, min_n, label):
    """The report's title and first lines, every value from the data escaped."""
    return (
        f"# {escape(str(info.school_name))}: school report\n\n"
        f"{escape(str(info.level).capitalize())} school, grades {escape(str(info.grades))}, {students:,} students. "
        f"Growth from **{escape(label(scope.before))}** to **{escape(label(scope.after))}** "
        f"on the {escape(label(scope.measure))} ({escape(label(scope.subject))}). "
        f"Groups of fewer than {min_n} students are not reported."
    )
