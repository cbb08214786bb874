"""What each district file must look like, as pandera schemas over the raw text.

The schemas check one table at a time (columns, formats, allowed values, uniqueness).
Checks that need two tables (a student's school, a score's range) live in
``validate.py``. Each check's ``error`` is the sentence a coach reads. A column check
must judge one value at a time: ``validate.py`` runs it on the column's distinct values.
"""

import pandas as pd
import pandera.pandas as pa

GRADE = r"^(K|[1-9]|1[0-2])$"
GRADE_RANGE = r"^(K|[1-9]|1[0-2])(-(K|[1-9]|1[0-2]))?$"
NUMBER = r"^-?\d+(\.\d+)?$"
WHOLE_NUMBER = r"^\d+$"
OPTIONAL_WHOLE_NUMBER = r"^(\d+)?$"
BOOLEAN_WORDS = {"true": True, "false": False, "yes": True, "no": False, "y": True, "n": False, "1": True, "0": False}
LEVELS = ("elementary", "middle", "high")
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y")
STUDENT_GROUP_COLUMNS = ("english_learner", "students_with_disabilities", "socioeconomically_disadvantaged")


def parse_dates(values):
    """Dates as ISO or US month/day/year; anything else (or 30 February) is NaT."""
    parsed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    for fmt in DATE_FORMATS:
        missing = parsed.isna()
        parsed[missing] = pd.to_datetime(values[missing], format=fmt, errors="coerce")
    return parsed


def _text(required=True, unique=False):
    checks = [pa.Check.str_length(min_value=1, error="is empty")] if required else []
    return pa.Column(str, checks=checks, unique=unique, report_duplicates="exclude_first")


def _pattern(regex, error, unique=False):
    return pa.Column(str, checks=pa.Check.str_matches(regex, error=error), unique=unique, report_duplicates="exclude_first")


def _boolean():
    """A student-group flag; empty means the district's source does not record it (a MAP or OneRoster export)."""
    recorded = pa.Check(lambda s: s.eq("") | s.str.lower().isin(BOOLEAN_WORDS), error="must be true or false (or yes/no, 1/0), or empty when not recorded")
    return pa.Column(str, checks=recorded)


def _number(error="must be a number"):
    return _pattern(NUMBER, error)


SCHEMAS = {
    "schools": pa.DataFrameSchema(
        {
            "school_id": _text(unique=True),
            "school_name": _text(),
            "level": pa.Column(str, checks=pa.Check.isin(LEVELS, error=f"must be one of {', '.join(LEVELS)}")),
            "grades": _pattern(GRADE_RANGE, "must be a grade range such as K-5, 6-8 or 9-12"),
        },
    ),
    "students": pa.DataFrameSchema(
        {
            "student_id": _text(unique=True),
            "school_id": _text(),
            "first_name": _text(),
            "last_name": _text(),
            "grade": _pattern(GRADE, "must be K or a whole grade from 1 to 12"),
            "teacher": _text(required=False),  # empty: not recorded (a state-test or benchmark file has none)
            "class_period": _pattern(OPTIONAL_WHOLE_NUMBER, "must be a whole number (or empty when not recorded)"),
            "gender": _text(),
            "race_ethnicity": _text(),
            **{name: _boolean() for name in STUDENT_GROUP_COLUMNS},
        },
    ),
    "assessments": pa.DataFrameSchema(
        {
            "student_id": _text(),
            "subject": _text(),
            "measure": _text(),
            "window": _text(),  # any name: the order comes from district.yaml or the dates (data.settings)
            "date": pa.Column(str, checks=pa.Check(lambda s: parse_dates(s).notna(), error="is not a real date (use YYYY-MM-DD)")),
            "score": _number(),
        },
        unique=["student_id", "subject", "measure", "window"],
        report_duplicates="exclude_first",
    ),
    "cut_scores": pa.DataFrameSchema(
        {
            "measure": _text(),
            "subject": _text(),
            "grade": _pattern(GRADE, "must be K or a whole grade from 1 to 12"),
            **{name: _number() for name in ("lowest_score", "near", "at", "above", "highest_score")},
        },
        unique=["measure", "subject", "grade"],
        report_duplicates="exclude_first",
    ),
}
