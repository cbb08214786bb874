"""What one school report covers: its windows, its year, and the scores of the district's measures.

The report notebook names no measure or window: it asks the district's settings which
measure is the state test and which is the cycle check, and reports the year as it stood
at `after` (the rows of later windows are left out, but the whole year still frames
"on track").
"""

from dataclasses import dataclass
from datetime import datetime

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
    if before == after:
        raise ValueError(f"a school report compares two windows, and this one would compare '{before}' with itself: "
                         "add the scores of another window (say, last year's state-test file, with `onthemove import … --into`)")
    assessments = up_to(school.assessments, after, year)
    state_test = settings.state_test
    subjects = sorted(assessments.loc[assessments["measure"] == state_test, "subject"].unique()) if state_test else []
    state = pd.concat([student_scores(school.students, assessments, state_test, s) for s in subjects]) if subjects else student_scores(school.students, assessments.iloc[:0], None, None)
    measure, subject = school.measure()
    local = student_scores(school.students, assessments, measure, subject)
    return ReportScope(before, after, year, assessments, state_test, state, latest_window(state), measure, subject, local)


def stamped(now=None):
    """When the report was made, in local time with its zone named: "May 2, 2025, 14:05 PDT"."""
    now = (now or datetime.now()).astimezone()
    return f"{now:%B} {now.day}, {now:%Y, %H:%M} {now.tzname()}"


def print_css(info, now=None):
    """Each printed page's header: the school and the report's date (page numbers come from the export's @page)."""
    text = f"{info.school_name} · school report · {stamped(now)}"
    quoted = "".join(ch if ch.isalnum() or ch in " ·,:" else f"\\{ord(ch):x} " for ch in text)  # a CSS string can hold no markup
    return f'@page {{ @top-right {{ content: "{quoted}"; font: 9pt system-ui, sans-serif; }} }}'


def heading_md(info, students, scope, min_n, label, now=None):
    """The report's title and first lines (with the report's date), every value from the data escaped."""
    return (
        f"# {escape(str(info.school_name))}: school report\n\n"
        f"*Report made {escape(stamped(now))}.*\n\n"
        f"{escape(str(info.level).capitalize())} school, grades {escape(str(info.grades))}, {students:,} students. "
        f"Growth from **{escape(label(scope.before))}** to **{escape(label(scope.after))}** "
        f"on the {escape(label(scope.measure))} ({escape(label(scope.subject))}). "
        f"Groups of fewer than {min_n} students are not reported."
    )
