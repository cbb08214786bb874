"""Find every problem in a district's files at once, each with file, row and column.

Per-table rules are the pandera schemas in ``schemas.py``; the rules that join tables
(a student's school, a score's measure and range) are here.
"""

import copy

import numpy as np
import pandas as pd
import pandera.pandas as pa

from . import cells
from .codes import first_appearances, later_copies, row_codes, row_keys
from .grouping import by_cause, distinct, listing, rows_problem
from .problems import Problem
from .read import TABLES, read_tables
from .schemas import SCHEMAS
from .settings import district_settings


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
    _, found = district_settings(source, tables)
    return sorted(problems + validate_tables(tables) + found, key=Problem.sort_key)


def validate_tables(tables):
    """Problems in already-read raw tables (a dict of string DataFrames)."""
    problems, clean = [], {}
    files = {name: frame.attrs.get("file", f"{name}.csv") for name, frame in tables.items()}
    for name in TABLES:
        if name not in tables:
            continue
        frame, found = _unique_columns(tables[name], files[name])
        tables = {**tables, name: frame}
        bad_rows = frame.attrs.get("bad_rows", set())
        found += _schema_problems(name, frame, files[name], bad_rows)
        problems += found
        unusable = {row for p in found if p.column is None or p.column in CROSS_TABLE_COLUMNS[name] for row in (p.rows or [p.row])} | bad_rows
        clean[name] = frame.loc[~frame.index.isin(unusable)] if unusable else frame
    problems += _cross_table_problems(tables, clean, files)
    return problems


def _unique_columns(frame, file):
    """The frame with each column name once (the first copy), and a problem per repeated name."""
    repeated = frame.columns[frame.columns.duplicated()].unique()
    problems = [Problem(file, 1, column, "column name appears twice in the header") for column in repeated]
    return (frame.loc[:, ~frame.columns.duplicated()] if problems else frame), problems


def grade_number(text):
    """'K' is grade 0, so grades sort and compare as numbers."""
    return 0 if text == "K" else int(text)


def grades_in_range(text):
    """The grades a school serves, from a range such as 'K-5'."""
    first, _, last = text.partition("-")
    return set(range(grade_number(first), grade_number(last or first) + 1))


def _schema_problems(name, frame, file, bad_rows):
    """The schema's rules; rows the reader already reported are left out.

    Column checks look at one value at a time, so pandera runs them on each column's
    distinct values (a 4-million-row column has a few hundred) and the failures are
    traced back to rows; uniqueness is counted on integer codes. Both keep a large
    table's validation within a fraction of its size in memory.
    """
    schema = SCHEMAS[name]
    spelled = {"_".join(cells.INVISIBLE.sub("", str(name)).lower().split()): name for name in frame.columns}
    problems = [
        Problem(file, None, column, "required column is missing" + (f" (found '{cells.visible(spelled[column])}': rename it '{column}')" if column in spelled else ""))
        for column in schema.columns
        if column not in frame.columns
    ]
    for column, rule in schema.columns.items():
        if column in frame.columns:
            problems += _column_problems(file, column, ONE_VALUE_RULES[name][column], frame[column], bad_rows)
            if rule.unique:
                problems += _repeated_values(file, frame, column, bad_rows)
    if schema.unique and set(schema.unique) <= set(frame.columns):
        problems += _repeated_rows(file, frame, list(schema.unique), bad_rows)
    return problems


def _one_value_rules(schema):
    """Each column's checks as a schema of its own, without uniqueness (counted on codes)."""
    return {name: pa.DataFrameSchema({name: _without_unique(column)}) for name, column in schema.columns.items()}


def _without_unique(column):
    column = copy.deepcopy(column)
    column.unique = False
    return column


def _column_problems(file, column, rules, values, bad_rows):
    """One column's check failures, found on its distinct values and traced back to rows."""
    distinct_values = pd.Series(pd.factorize(values.to_numpy(), size_hint=1024)[1], dtype=str)
    try:
        rules.validate(pd.DataFrame({column: distinct_values}), lazy=True)
        return []
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    problems = []
    for check, group in cases.loc[~cases["check"].astype(str).str.startswith("dtype(")].groupby("check", sort=False):
        failing = values.isin(group["failure_case"]) & ~values.index.isin(bad_rows)
        found = pd.DataFrame({"row": values.index[failing], "value": values[failing].to_numpy()})
        problems += by_cause(file, column, found, ["value"], _failed(check), lambda keys, n, check=check: f"{check} (found {listing([k[0] for k in keys], n)})")
    return problems


def _failed(check):
    return lambda key, group: check if key[0] == "" or check == "is empty" else f"'{key[0]}' {check}"


def _later_copies(frame, columns, bad_rows):
    """(rows, first rows, positions) of the rows that repeat an earlier row's `columns`."""
    at, first = later_copies(row_keys([frame[column] for column in columns]))
    rows, first = frame.index.to_numpy()[at], frame.index.to_numpy()[first]
    keep = ~np.isin(rows, list(bad_rows))
    return rows[keep], first[keep], at[keep]


def _repeated_rows(file, frame, keys, bad_rows):
    rows, first, _ = _later_copies(frame, keys, bad_rows)
    failing = pd.DataFrame({"row": rows, "first": first})
    one = lambda key, group: f"repeats the {', '.join(keys)} of row {key[0]}"
    many = lambda firsts, n: f"repeat the {', '.join(keys)} of an earlier row (the first copies are on rows {', '.join(str(k[0]) for k in firsts)} and {n - len(firsts):,} others)"
    return by_cause(file, None, failing, ["first"], one, many)


def _repeated_values(file, frame, column, bad_rows):
    rows, first, at = _later_copies(frame, [column], bad_rows)
    failing = pd.DataFrame({"row": rows, "value": frame[column].to_numpy()[at], "first": first})
    one = lambda key, group: f"'{key[0]}' is used {_times(len(group) + 1)} (first on row {key[1]})"
    many = lambda keys, n: f"{n:,} values are used more than once, e.g. {', '.join(f'{k[0]!r} (first on row {k[1]})' for k in keys)}"
    return by_cause(file, column, failing, ["value", "first"], one, many)


def _times(count):
    return "twice" if count == 2 else f"{count:,} times"


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
    failing = students.loc[~students["school_id"].isin(raw["schools"]["school_id"]), ["school_id"]].assign(row=lambda f: f.index)
    one = lambda key, group: f"school '{key[0]}' is not in schools.csv"
    many = lambda keys, n: f"schools not in schools.csv: {listing([k[0] for k in keys], n)}"
    return by_cause(files["students"], "school_id", failing, ["school_id"], one, many)


def _grades_not_served(raw, tables, files):
    served = tables["schools"].drop_duplicates("school_id").set_index("school_id")["grades"]
    students = tables["students"].loc[lambda f: f["school_id"].isin(served.index), ["school_id", "grade"]]
    bounds = {text: (min(grades, default=0), max(grades, default=-1)) for text in served.unique() for grades in [grades_in_range(text)]}
    grade = students["grade"].map(grade_number)
    low, high = (students["school_id"].map(served).map(lambda text, end=end: bounds[text][end]) for end in (0, 1))
    failing = students.loc[(grade < low) | (grade > high)].assign(row=lambda f: f.index)
    one = lambda key, group: f"grade {key[1]} is not served by school '{key[0]}' (grades {served[key[0]]})"
    many = lambda keys, n: f"grades not served by the student's school: {', '.join(f'grade {g} at {s!r} (grades {served[s]})' for s, g in keys)} and {n - len(keys):,} others"
    return by_cause(files["students"], "grade", failing, ["school_id", "grade"], one, many)


def _thresholds_not_rising(raw, tables, files):
    rows = tables["cut_scores"].index[~_rising(tables["cut_scores"])]
    return [rows_problem(files["cut_scores"], rows, None, "thresholds must rise: lowest_score ≤ near < at < above ≤ highest_score")] if len(rows) else []


def _rising(cuts):
    n = cuts[list(THRESHOLDS)].astype(float)
    return (n["lowest_score"] <= n["near"]) & (n["near"] < n["at"]) & (n["at"] < n["above"]) & (n["above"] <= n["highest_score"])


def _unknown_students(raw, tables, files):
    assessments = tables["assessments"]
    failing = assessments.loc[~assessments["student_id"].isin(raw["students"]["student_id"]), ["student_id"]].assign(row=lambda f: f.index)
    one = lambda key, group: f"student '{key[0]}' is not in students.csv"
    many = lambda keys, n: f"students not in students.csv: {listing([k[0] for k in keys], n)}"
    return by_cause(files["assessments"], "student_id", failing, ["student_id"], one, many)


def _calibrated(tables):
    """Assessment rows as codes: a merged frame of millions of rows would cost gigabytes.

    Returns whether each row's student is known, each row's code into `combos`, and
    `combos`: the distinct (measure, subject, student's grade), by first appearance.
    """
    assessments = tables["assessments"]
    grade_of = tables["students"].drop_duplicates("student_id").set_index("student_id")["grade"]
    student, ids = pd.factorize(assessments["student_id"].to_numpy(), size_hint=1024)
    grade_codes, grade_names = pd.factorize(pd.Series(ids, dtype=object).map(grade_of))
    grade = grade_codes[student]  # -1: not a known student
    del student
    code = row_codes([assessments["measure"], assessments["subject"], grade])
    first = np.flatnonzero(first_appearances(code))
    grade_names = np.append(np.asarray(grade_names, dtype=object), None)
    combos = pd.DataFrame({"measure": assessments["measure"].to_numpy()[first], "subject": assessments["subject"].to_numpy()[first], "grade": grade_names[grade[first]]})
    return grade >= 0, code, combos


def _uncalibrated_scores(raw, tables, files):
    known, code, combos = _calibrated(tables)
    calibrated = combos.merge(raw["cut_scores"][["measure", "subject", "grade"]].drop_duplicates(), how="left", indicator=True)["_merge"].eq("both").to_numpy()
    fails = known & ~calibrated[code]
    failing = pd.DataFrame({"row": tables["assessments"].index.to_numpy()[fails], "combo": code[fails]})
    name = lambda key: tuple(combos.iloc[key[0]])
    one = lambda key, group: "no cut scores for measure '{}', subject '{}', grade {} in cut_scores.csv; add that row to cut_scores.csv".format(*name(key))
    many = lambda keys, n: f"no cut scores in cut_scores.csv for {', '.join('{!r} {} grade {}'.format(*name(k)) for k in keys)} and {n - len(keys):,} more; add those rows to cut_scores.csv"
    return by_cause(files["assessments"], "measure", failing, ["combo"], one, many)


def _scores_out_of_range(raw, tables, files):
    _, code, combos = _calibrated(tables)
    cuts = tables["cut_scores"].loc[lambda f: _rising(f)].drop_duplicates(["measure", "subject", "grade"])
    ranges = combos.merge(cuts.assign(lowest=cuts["lowest_score"].astype(float), highest=cuts["highest_score"].astype(float)), how="left", on=["measure", "subject", "grade"])
    values, texts = pd.factorize(tables["assessments"]["score"].to_numpy(), size_hint=1024)
    score = np.asarray(texts, dtype=float)[values]
    fails = (score < ranges["lowest"].to_numpy()[code]) | (score > ranges["highest"].to_numpy()[code])  # NaN ranges: unknown student or no cut scores
    failing = pd.DataFrame({"row": tables["assessments"].index.to_numpy()[fails], "combo": code[fails], "score": np.asarray(texts, dtype=object)[values[fails]]})
    name = lambda key: tuple(ranges.iloc[key[0]][["measure", "subject", "grade", "lowest", "highest"]])
    one = lambda key, group: "{} outside the range of '{}' {} grade {} ({:g}–{:g})".format(_scores(group), *name(key))
    many = lambda keys, n: f"scores outside their measure's range for {', '.join('{!r} {} grade {} ({:g}–{:g})'.format(*name(k)) for k in keys)} and {n - len(keys):,} more"
    return by_cause(files["assessments"], "score", failing, ["combo"], one, many)


def _scores(group):
    scores = distinct(group["score"])
    return f"{scores[0]} is" if len(scores) == 1 else f"scores {', '.join(scores[:3])}{' …' if len(scores) > 3 else ''} are"


THRESHOLDS = ("lowest_score", "near", "at", "above", "highest_score")
CALIBRATION = {"students": ("student_id", "grade"), "assessments": ("student_id", "measure", "subject"), "cut_scores": ("measure", "subject", "grade")}
ONE_VALUE_RULES = {name: _one_value_rules(schema) for name, schema in SCHEMAS.items()}
RULES = (
    (_unknown_schools, {"schools": ("school_id",), "students": ("school_id",)}),
    (_grades_not_served, {"schools": ("school_id", "grades"), "students": ("school_id", "grade")}),
    (_thresholds_not_rising, {"cut_scores": THRESHOLDS}),
    (_unknown_students, {"students": ("student_id",), "assessments": ("student_id",)}),
    (_uncalibrated_scores, CALIBRATION),
    (_scores_out_of_range, {**CALIBRATION, "assessments": ("student_id", "measure", "subject", "score"), "cut_scores": ("measure", "subject", "grade", *THRESHOLDS)}),
)
