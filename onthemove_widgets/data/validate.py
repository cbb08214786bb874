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
    if len(clean) == len(TABLES) and not any(p.row is None for p in problems):
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
    """Check clean rows against every row of the other table, clean or not.

    A reference to a row that has its own problem is not reported again.
    """
    schools, students, assessments, cuts = (tables[name] for name in TABLES)
    problems = []
    served = {row.school_id: grades_in_range(row.grades) for row in schools.itertuples()}

    known_school = students["school_id"].isin(raw["schools"]["school_id"])
    for row, value in students.loc[~known_school, "school_id"].items():
        problems.append(Problem(files["students"], row, "school_id", f"school '{value}' is not in schools.csv"))
    for row, school, grade in students.loc[known_school, ["school_id", "grade"]].itertuples():
        if school in served and grade_number(grade) not in served[school]:
            problems.append(Problem(files["students"], row, "grade", f"grade {grade} is not served by school '{school}' (grades {schools.set_index('school_id').at[school, 'grades']})"))

    numbers = cuts[["lowest_score", "near", "at", "above", "highest_score"]].astype(float)
    rising = (numbers["lowest_score"] <= numbers["near"]) & (numbers["near"] < numbers["at"]) & (numbers["at"] < numbers["above"]) & (numbers["above"] <= numbers["highest_score"])
    for row in numbers.index[~rising]:
        problems.append(Problem(files["cut_scores"], row, None, "thresholds must rise: lowest_score ≤ near < at < above ≤ highest_score"))

    known_student = assessments["student_id"].isin(raw["students"]["student_id"])
    for row, value in assessments.loc[~known_student, "student_id"].items():
        problems.append(Problem(files["assessments"], row, "student_id", f"student '{value}' is not in students.csv"))
    grade_of = students.drop_duplicates("student_id").set_index("student_id")["grade"]
    scored = assessments.loc[assessments["student_id"].isin(grade_of.index)].assign(grade=lambda f: f["student_id"].map(grade_of), row=lambda f: f.index)
    keys = ["measure", "subject", "grade"]
    calibrated = scored.merge(raw["cut_scores"][keys].drop_duplicates(), on=keys, how="left", indicator=True)
    for record in calibrated.loc[calibrated["_merge"] == "left_only"].itertuples():
        problems.append(Problem(files["assessments"], record.row, "measure", f"no cut scores for measure '{record.measure}', subject '{record.subject}', grade {record.grade} in cut_scores.csv"))
    ranges = cuts.loc[rising, keys].assign(lowest=numbers["lowest_score"], highest=numbers["highest_score"])
    ranged = scored.merge(ranges, on=keys, how="inner")
    score = ranged["score"].astype(float)
    for record in ranged.loc[(score < ranged["lowest"]) | (score > ranged["highest"])].itertuples():
        problems.append(Problem(files["assessments"], record.row, "score", f"{record.score} is outside the range of '{record.measure}' {record.subject} grade {record.grade} ({record.lowest:g}–{record.highest:g})"))
    return problems

