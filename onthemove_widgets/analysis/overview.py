"""A first look at a district: who is where, and how each school's students are doing."""

from dataclasses import dataclass

import pandas as pd

from .bands import assign_bands, band_counts
from .scores import latest_window, student_scores


OVERVIEW_COLUMNS = {"school_name": "School", "level": "Level", "grades": "Grades", "students": "Students"}


def school_overview(schools, students):
    """One row per school, indexed by its name, with its level, grades served and number of students.

    Headed in words, with no row numbers, because a room reads it as it is displayed.
    """
    enrolled = students.groupby("school_id").size().rename("students")
    table = schools.set_index("school_id")[["school_name", "level", "grades"]].join(enrolled).fillna({"students": 0})
    table = table.astype({"students": int}).assign(level=lambda t: t["level"].str.capitalize())
    return table.rename(columns=OVERVIEW_COLUMNS).set_index("School")


def band_mix_by_school(schools, students, assessments, cut_scores, measure, subject, window):
    """Percent of each school's tested students in each band for one measure and window."""
    scored = student_scores(students, assessments, measure, subject, window)
    scored["band"] = assign_bands(scored, cut_scores)
    counts = band_counts(scored, ["school_id"])
    return counts.merge(schools[["school_id", "school_name"]], on="school_id")


def band_mix_summary(counts):
    """Plain-language lines for readers who would rather not read a chart."""
    at_or_above = counts.loc[counts["band"].isin(["at", "above"])].groupby("school_name")["percent"].sum().sort_values()
    tested = counts.groupby("school_name")["students"].sum()
    if at_or_above.empty:
        return "No scores were found for this measure and window."
    low, high = at_or_above.index[0], at_or_above.index[-1]
    overall = 100 * counts.loc[counts["band"].isin(["at", "above"]), "students"].sum() / tested.sum()
    return (
        f"Across {len(tested)} schools and {tested.sum():,} tested students, {overall:.0f}% are at or above proficiency. "
        f"The share ranges from {at_or_above[low]:.0f}% at {low} to {at_or_above[high]:.0f}% at {high}."
    )


@dataclass(frozen=True)
class FirstLook:
    """The band mix of every school on one measure, subject and window, with its chart title."""

    levels: pd.DataFrame
    measure: str
    subject: str
    window: str | None
    title: str


def first_look(district, measure=None, subject=None, window=None):
    """Each school's band mix on `measure` (default: the district's state test) at `window`
    (default: the latest window that measure was given in)."""
    measure, subject = district.measure(measure, subject, role="state_test")
    if window is None:
        window = latest_window(student_scores(district.students, district.assessments, measure, subject))
    levels = band_mix_by_school(district.schools, district.students, district.assessments, district.cut_scores, measure, subject, window)
    label = district.settings.label
    return FirstLook(levels, measure, subject, window, f"{label(subject)} {label(measure)}, {label(window)}: students in each band")
