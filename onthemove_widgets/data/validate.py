"""Find every problem in a district's files at once, each with file, row and column.

Per-table rules are the pandera schemas in ``schemas.py``; the rules that join tables
(a student's school, a score's measure and range) are here.
"""

import pandas as pd
import pandera.pandas as pa

from .problems import Problem
from .read import TABLES, read_tables
from .schemas import SCHEMAS


# The columns the cross-table rules read; a row with a problem in one of them is not
# cross-checked, so one typo is reported once.
CROSS_TABLE_COLUMNS = {
    "schools": {"school_id", "grades"},
    "students": {"student_id", "school_id", "grade"},
    "assessments": {"student_id", "subject", "measure", "score"},
    "cut_scores": {"measure", "subject", "grade", "lowest_score", "near", "at", "above", "highest_score"},
}


def validate_district(source):
    """Every problem in the district folder or workbook at `source`, sorted."""
    tables, problems = read_tables(source)
    return sorted(problems + validate_tables(tables), key=Problem.sort_key)


def validate_tables(tables):
    """Problems in already-read raw tables (a dict of string DataFrames)."""
    problems, clean = [], {}
    files = {name: frame.attrs.get("file", f"{name}.csv") for name, frame in tables.items()}
    for name in TABLES:
        if name not in tables:
            continue
        frame = tables[name]
        found = [p for p in _schema_problems(name, frame, files[name]) if p.row not in frame.attrs.get("bad_rows", ())]
        problems += found
        unusable = {p.row for p in found if p.column is None or p.column in CROSS_TABLE_COLUMNS[name]}
        clean[name] = frame.loc[~frame.index.isin(unusable | set(frame.attrs.get("bad_rows", ())))]
    problems += _cross_table_problems(tables, clean, files)
    return problems


def grade_number(text):
    """'K' is grade 0, so grades sort and compare as numbers."""
    return 0 if text == "K" else int(text)


def grades_in_range(text):
    """The grades a school serves, from a range such as 'K-5'."""
    first, _, last = text.partition("-")
    return set(range(grade_number(first), grade_number(last or first) + 1))


def _schema_problems(name, frame, file):
    problems = [Problem(file, 1, column, "column name appears twice in the header") for column in frame.columns[frame.columns.duplicated()]]
    if problems:
        return problems
    try:
        SCHEMAS[name].validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    for (check, index), group in cases.groupby(["check", "index"], dropna=False, sort=False):
        row = None if pd.isna(index) else int(index)
        if check == "column_in_dataframe":
            problems += [Problem(file, None, column, "required column is missing") for column in group["failure_case"]]
        elif check == "multiple_fields_uniqueness":
            keys = SCHEMAS[name].unique
            problems.append(Problem(file, row, None, f"repeats the {', '.join(keys)} of {_first_row(frame, keys, row)}"))
        elif check == "field_uniqueness":
            for column, value in zip(group["column"], group["failure_case"]):
                problems.append(Problem(file, row, column, f"'{value}' is used twice (first on {_first_row(frame, [column], row)})"))
        elif check.startswith("dtype("):
            continue
        else:
            for column, value in zip(group["column"], group["failure_case"]):
                shown = f"'{value}' " if value != "" and check != "is empty" else ""
                problems.append(Problem(file, row, column, f"{shown}{check}".strip()))
    return problems


def _first_row(frame, columns, row):
    """The row an earlier duplicate sits on, to send the user straight there."""
    same = (frame[columns] == frame.loc[row, columns]).all(axis=1)
    return f"row {same.idxmax()}"


def _cross_table_problems(raw, tables, files):
    """Run every cross-table rule whose tables and columns are there.

    Clean rows are checked against every row of the other table, clean or not, so a
    reference to a row that has its own problem is not reported again. A missing
    column only silences the rules that read it.
    """
    problems = []
    for rule, needs in RULES:
        if all(table in tables and set(columns) <= set(tables[table].columns) for table, columns in needs.items()):
            problems += rule(raw, tables, files)
    return problems


def _unknown_schools(raw, tables, files):
    students = tables["students"]
    unknown = ~students["school_id"].isin(raw["schools"]["school_id"])
    return [Problem(files["students"], row, "school_id", f"school '{value}' is not in schools.csv") for row, value in students.loc[unknown, "school_id"].items()]


def _grades_not_served(raw, tables, files):
    served = tables["schools"].set_index("school_id")["grades"]
    problems = []
    for row, school, grade in tables["students"].loc[lambda f: f["school_id"].isin(served.index), ["school_id", "grade"]].itertuples():
        if grade_number(grade) not in grades_in_range(served[school]):
            problems.append(Problem(files["students"], row, "grade", f"grade {grade} is not served by school '{school}' (grades {served[school]})"))
    return problems


def _thresholds_not_rising(raw, tables, files):
    return [Problem(files["cut_scores"], row, None, "thresholds must rise: lowest_score ≤ near < at < above ≤ highest_score") for row in tables["cut_scores"].index[~_rising(tables["cut_scores"])]]


def _rising(cuts):
    n = cuts[list(THRESHOLDS)].astype(float)
    return (n["lowest_score"] <= n["near"]) & (n["near"] < n["at"]) & (n["at"] < n["above"]) & (n["above"] <= n["highest_score"])


def _unknown_students(raw, tables, files):
    assessments = tables["assessments"]
    unknown = ~assessments["student_id"].isin(raw["students"]["student_id"])
    return [Problem(files["assessments"], row, "student_id", f"student '{value}' is not in students.csv") for row, value in assessments.loc[unknown, "student_id"].items()]


def _with_grades(tables):
    """Assessment rows of known students, with the student's grade and the row number."""
    grade_of = tables["students"].drop_duplicates("student_id").set_index("student_id")["grade"]
    assessments = tables["assessments"]
    return assessments.loc[assessments["student_id"].isin(grade_of.index)].assign(grade=lambda f: f["student_id"].map(grade_of), row=lambda f: f.index)


def _uncalibrated_scores(raw, tables, files):
    keys = ["measure", "subject", "grade"]
    merged = _with_grades(tables).merge(raw["cut_scores"][keys].drop_duplicates(), on=keys, how="left", indicator=True)
    return [
        Problem(files["assessments"], r.row, "measure", f"no cut scores for measure '{r.measure}', subject '{r.subject}', grade {r.grade} in cut_scores.csv")
        for r in merged.loc[merged["_merge"] == "left_only"].itertuples()
    ]


def _scores_out_of_range(raw, tables, files):
    keys = ["measure", "subject", "grade"]
    cuts = tables["cut_scores"].loc[lambda f: _rising(f)]
    ranges = cuts[keys].assign(lowest=cuts["lowest_score"].astype(float), highest=cuts["highest_score"].astype(float))
    scored = _with_grades(tables).merge(ranges, on=keys, how="inner")
    score = scored["score"].astype(float)
    return [
        Problem(files["assessments"], r.row, "score", f"{r.score} is outside the range of '{r.measure}' {r.subject} grade {r.grade} ({r.lowest:g}–{r.highest:g})")
        for r in scored.loc[(score < scored["lowest"]) | (score > scored["highest"])].itertuples()
    ]


THRESHOLDS = ("lowest_score", "near", "at", "above", "highest_score")
CALIBRATION = {"students": ("student_id", "grade"), "assessments": ("student_id", "measure", "subject"), "cut_scores": ("measure", "subject", "grade")}
RULES = (
    (_unknown_schools, {"schools": ("school_id",), "students": ("school_id",)}),
    (_grades_not_served, {"schools": ("school_id", "grades"), "students": ("school_id", "grade")}),
    (_thresholds_not_rising, {"cut_scores": THRESHOLDS}),
    (_unknown_students, {"students": ("student_id",), "assessments": ("student_id",)}),
    (_uncalibrated_scores, CALIBRATION),
    (_scores_out_of_range, {**CALIBRATION, "assessments": ("student_id", "measure", "subject", "score"), "cut_scores": ("measure", "subject", "grade", *THRESHOLDS)}),
)
