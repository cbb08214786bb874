"""Load a validated district into typed pandas tables."""

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from ..errors import DistrictDataError
from ..paths import DEMO_DIR
from .problems import Problem
from .read import read_tables, read_written_tables
from .schemas import BOOLEAN_WORDS, STUDENT_GROUP_COLUMNS, parse_dates
from .settings import DistrictSettings, district_settings
from .stamp import is_stamped
from .validate import grade_number, validate_tables

STUDENT_COLUMNS = ("student_id", "school_id", "first_name", "last_name", "grade", "teacher", "class_period", "gender", "race_ethnicity", *STUDENT_GROUP_COLUMNS)
THRESHOLDS = ("lowest_score", "near", "at", "above", "highest_score")


@dataclass(frozen=True)
class District:
    """The four tables of one district (or of one school, after `.school()`).

    Grades are numbers with kindergarten as 0; booleans are real booleans; dates are
    datetimes; windows are an ordered categorical in the district's teaching order
    (`settings.windows`), so every table and chart sorts them right whatever they are
    called. Extra student-group columns keep their names.
    """

    schools: pd.DataFrame
    students: pd.DataFrame
    assessments: pd.DataFrame
    cut_scores: pd.DataFrame
    source: str
    settings: DistrictSettings = DistrictSettings()

    @property
    def groups_not_recorded(self):
        """Standard student groups this district's files leave empty for every student (e.g. a MAP export)."""
        return [c for c in STUDENT_GROUP_COLUMNS if c not in self.students]

    @property
    def extra_group_columns(self):
        """Student columns beyond the standard ones: the district's own groups."""
        return [c for c in self.students.columns if c not in STUDENT_COLUMNS]

    def measure(self, measure=None, subject=None, role="cycle_check"):
        """(measure, subject) to show: the ones asked for, else the district's measure for `role`
        ("cycle_check" or "state_test"), with the measure's first subject when none is named."""
        measure, _ = self.settings.measure(measure, subject, role)
        subjects = self.assessments.loc[self.assessments["measure"] == measure, "subject"].unique()
        return self.settings.measure(measure, subject, role, subjects=list(subjects))

    def school(self, school_id):
        """Only one school's rows, so nothing of another school travels with them."""
        if school_id not in set(self.schools["school_id"]):
            raise KeyError(f"school '{school_id}' is not in {self.source}; known schools: {', '.join(self.schools['school_id'])}")
        subset = self._students_where(self.students["school_id"] == school_id)
        return replace(subset, schools=self.schools.loc[self.schools["school_id"] == school_id].reset_index(drop=True))

    def schools_only(self, school_ids):
        """Only the listed schools' rows (e.g. the schools a story compares)."""
        school_ids = list(school_ids)
        unknown = sorted(set(school_ids) - set(self.schools["school_id"]))
        if unknown:
            raise KeyError(f"schools not in {self.source}: {', '.join(unknown)}")
        subset = self._students_where(self.students["school_id"].isin(school_ids))
        return replace(subset, schools=self.schools.loc[self.schools["school_id"].isin(school_ids)].reset_index(drop=True))

    def grade(self, grade):
        """Only one grade's students (a grade-level team's view); K is 0."""
        grade = 0 if grade == "K" else int(grade)
        if grade not in set(self.students["grade"]):
            raise KeyError(f"no students in grade {grade} here; grades present: {', '.join(map(str, sorted(self.students['grade'].unique())))}")
        return self._students_where(self.students["grade"] == grade)

    def _students_where(self, mask):
        students = self.students.loc[mask].reset_index(drop=True)
        assessments = self.assessments.loc[self.assessments["student_id"].isin(students["student_id"])].reset_index(drop=True)
        return replace(self, students=students, assessments=assessments)


def load_district(source=None, school_id=None):
    """Read, validate and type a district folder or workbook (default: the demo district).

    Raises `DistrictDataError` listing every problem when the files do not validate:
    a district either loads whole and unchanged, or not at all. A school folder written
    by `reports.shards` from a validated district is not validated twice (`data.stamp`).
    """
    source = Path(source) if source is not None else DEMO_DIR
    stamped = is_stamped(source)
    tables, problems = read_written_tables(source) if stamped else read_tables(source)
    settings, found = district_settings(source, tables)
    if not stamped:
        problems += validate_tables(tables) + found
    if problems:
        raise DistrictDataError(source, sorted(problems, key=Problem.sort_key))
    district = District(
        schools=_plain(tables["schools"]),
        students=_students(tables["students"]),
        assessments=_assessments(tables["assessments"], settings.windows),
        cut_scores=_cut_scores(tables["cut_scores"]),
        source=str(source),
        settings=settings,
    )
    return district.school(school_id) if school_id is not None else district


def _plain(frame):
    return frame.reset_index(drop=True)


def _booleans(values):
    """True/False; where some students' flag is not recorded (empty), a nullable boolean with <NA>."""
    flags = values.str.lower().map(BOOLEAN_WORDS)
    return flags.astype(bool) if flags.notna().all() else flags.astype("boolean")


def _periods(values):
    """Class periods as whole numbers; a period not recorded is missing (<NA>), never 0."""
    return pd.to_numeric(values.mask(values.eq(""))).astype("Int64")


def _students(frame):
    frame = _plain(frame)
    typed = frame.assign(grade=frame["grade"].map(grade_number), class_period=_periods(frame["class_period"]))
    for column in [*STUDENT_GROUP_COLUMNS, *(c for c in frame.columns if c not in STUDENT_COLUMNS)]:
        if column in STUDENT_GROUP_COLUMNS or frame[column].str.lower().isin(BOOLEAN_WORDS).all():
            typed[column] = _booleans(frame[column])
    # A group no student's record names is not recorded here: no app or report offers it.
    return typed.drop(columns=[c for c in STUDENT_GROUP_COLUMNS if len(frame) and frame[c].eq("").all()])


def _assessments(frame, windows):
    frame = _plain(frame)
    window = pd.Categorical(frame["window"], categories=list(windows), ordered=True)
    return frame.assign(window=window, date=parse_dates(frame["date"]), score=frame["score"].astype(float))


def _cut_scores(frame):
    frame = _plain(frame)
    return frame.assign(grade=frame["grade"].map(grade_number), **{c: frame[c].astype(float) for c in THRESHOLDS})
