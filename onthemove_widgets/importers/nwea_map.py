"""NWEA MAP Growth Comprehensive Data File: `AssessmentResults.csv` (+ `StudentsBySchool.csv`), or the combined file.

Column names follow NWEA's Comprehensive Data File (CDF) export as districts download it
from MAP Reports ("Data Export Scheduler"): one row per test event with TermName
("Fall 2022-2023"), SchoolName, StudentID, Subject, TestStartDate, TestRITScore and
TestPercentile; StudentsBySchool.csv holds the roster columns (names, grade, gender,
ethnic group). Headers are matched case-insensitively and by the aliases below, since
NWEA has renamed some between years.

The score carried is the **percentile** (TestPercentile, 1–99, against NWEA's norms for
the grade and term), with NWEA's achievement-quintile boundaries as default criteria
(below the 21st percentile "Low", 41st "Average", 61st "High Average"; NWEA, *MAP Growth
Achievement Quintiles*). RIT scores have no proficiency cut without a state linking
study, so RIT and the growth columns are reported as not carried rather than given
invented criteria.
"""

from pathlib import Path

import pandas as pd

from .delimited import read_columns, read_header
from .faults import ImportFault
from .fields import examples, find_columns, iso_dates, latest_per_window, school_span
from .result import ImportResult
from .supplement import add_groups

MEASURE = "map_growth"
TERM_ORDER = {"fall": 0, "winter": 1, "spring": 2, "summer": 3}
QUINTILE_CUTS = {"lowest_score": "1", "near": "21", "at": "41", "above": "61", "highest_score": "99"}
WANTED = {
    "term": ["TermName"], "school": ["SchoolName"], "student_id": ["StudentID"], "subject": ["Subject", "MeasurementScale"],
    "date": ["TestStartDate", "TestDate"], "percentile": ["TestPercentile", "PercentileRank"], "rit": ["TestRITScore", "RITScore"],
    "grade": ["Grade", "StudentGrade"], "first_name": ["StudentFirstName"], "last_name": ["StudentLastName"],
    "gender": ["StudentGender", "Gender"], "race_ethnicity": ["StudentEthnicGroup", "EthnicGroup"], "district": ["DistrictName"],
}
REQUIRED_SCORES = ("term", "school", "student_id", "subject", "date", "percentile")
ROSTER = ("grade", "first_name", "last_name", "gender", "race_ethnicity")
SUBJECTS = {"mathematics": "Math", "math": "Math", "reading": "Reading", "language usage": "Language Usage", "science": "Science"}
GENDERS = {"f": "Female", "m": "Male"}
NOT_CARRIED = ("TestRITScore", "TestStandardError", "FallToFallProjectedGrowth", "FallToFallObservedGrowth")


def read_nwea_map(sources, supplement=None):
    """The district folder's tables from MAP Growth CDF files (any order; the roster file is optional)."""
    frames = [_read(path) for path in sources]
    scores = [(p, f, c) for p, f, c in frames if all(k in c for k in REQUIRED_SCORES)]
    if not scores:
        path, _, columns = frames[0]
        missing = [WANTED[k][0] for k in REQUIRED_SCORES if k not in columns]
        raise ImportFault([(path.name, None, None, f"not a MAP Growth AssessmentResults file: no {', '.join(missing)} column")])
    result = ImportResult()
    tests = pd.concat([_tests(result, p, f, c) for p, f, c in scores], ignore_index=True)
    roster = _roster(frames, tests)
    result.tables["schools"] = _schools(result, roster)
    result.tables["students"] = _students(result, roster, supplement)
    result.tables["assessments"] = tests[["student_id", "subject", "measure", "window", "date", "score"]]
    result.tables["cut_scores"] = _cut_scores(tests)
    result.settings = _settings(scores, tests)
    return result


def _read(path):
    """(path, the mapped columns as text, {field: column}); the whole header rides along in `frame.attrs`."""
    path = Path(path)
    header = read_header(path, ",")
    columns = find_columns(header, WANTED, by_name=False)
    frame = read_columns(path, ",", header, columns.values())
    frame.attrs["header"] = header
    return path, frame, columns


def _tests(result, path, frame, columns):
    """One assessments row per counted test event: subject, window (the term), date and percentile."""
    get = {key: frame[column].str.strip() for key, column in columns.items()}
    dates, unread = iso_dates(get["date"])
    tests = pd.DataFrame({"student_id": get["student_id"], "school": get["school"], "term": get["term"],
                          "subject": get["subject"].map(lambda s: SUBJECTS.get(s.lower(), s)), "measure": MEASURE,
                          "window": get["term"], "date": dates, "score": get["percentile"],
                          "grade": get.get("grade", pd.Series("", index=frame.index)).map(_grade)})
    unscored = tests["score"].eq("") | dates.eq("")
    result.left_out(path.name, "test events with no percentile or no readable test date", int(unscored.sum()))
    if len(unread):
        result.warn(path.name, f"test dates in no known form: {examples(unread)}", len(unread))
    tests = tests[~unscored]
    tests = _latest_per_window(result, path, tests)
    result.mapped(path.name, f"TermName → window, Subject → subject, TestPercentile → score of measure '{MEASURE}'", len(tests))
    carried_not = [c for c in NOT_CARRIED if c.lower() in {k.lower() for k in frame.attrs["header"]}]
    if carried_not:
        result.left_out(path.name, f"{', '.join(carried_not)} not carried: the dictionary keeps one score per test, the percentile")
    return tests


def _latest_per_window(result, path, tests):
    """A retest in the same term keeps the latest event (NWEA reports the later one too)."""
    kept = latest_per_window(tests)
    result.left_out(path.name, "earlier test events of a student retested in the same term and subject", len(tests) - len(kept))
    return kept


def _grade(value):
    """NWEA grade codes: 13 (and 0) is kindergarten; anything else as given."""
    value = value.strip()
    return "K" if value in ("13", "0", "K", "KG") else value


def _roster(frames, tests):
    """One row per tested student: school and grade of the latest test, names and groups from any file that has them."""
    latest = tests.sort_values("date").drop_duplicates("student_id", keep="last").set_index("student_id")[["school", "grade"]]
    people = []
    for _, frame, columns in frames:
        keep = [k for k in (*ROSTER, "student_id") if k in columns]
        if "student_id" in columns and len(keep) > 1:
            people.append(pd.DataFrame({k: frame[columns[k]].str.strip() for k in keep}))
    roster = latest.reset_index()
    if people:
        details = pd.concat(people, ignore_index=True).drop_duplicates("student_id", keep="last")
        roster = roster.merge(details.drop(columns=["grade"], errors="ignore"), on="student_id", how="left")  # the grade tested wins
    return roster.fillna("")


def _schools(result, roster):
    """Schools by the names NWEA gives (the CDF has no school code); level and grades from the grades tested."""
    rows = []
    for name, group in roster.groupby("school", sort=True):
        level, grades = school_span(group["grade"])
        rows.append({"school_id": name, "school_name": name, "level": level, "grades": grades})
    result.warn("schools.csv", "school ids are the school names and each school's level and grades come from the grades tested: check them",
                len(rows))
    return pd.DataFrame(rows)


def _students(result, roster, supplement):
    """students.csv as far as MAP knows it; what MAP does not carry stays empty and is named."""
    students = pd.DataFrame({"student_id": roster["student_id"], "school_id": roster["school"]})
    for column in ("first_name", "last_name", "grade", "gender", "race_ethnicity"):
        students[column] = roster.get(column, "")
    students["gender"] = students["gender"].map(lambda g: GENDERS.get(g.lower(), g))
    students["teacher"] = ""
    students["class_period"] = ""
    result.warn("students.csv", "MAP files carry no teacher or class period (left empty: not recorded)", len(students))
    add_groups(students, supplement, result, source="MAP")
    return students


def _cut_scores(tests):
    """NWEA's quintile boundaries as default criteria for each subject and grade tested."""
    pairs = tests[["subject", "grade"]].drop_duplicates().sort_values(["subject", "grade"])
    return pd.DataFrame([{"measure": MEASURE, "subject": s, "grade": g, **QUINTILE_CUTS} for s, g in pairs.itertuples(index=False) if g])


def _settings(scores, tests):
    """The district's name and its terms in teaching order (Fall 2022-2023, Winter 2022-2023, …)."""
    terms = sorted(tests["window"].unique(), key=_term_key)
    settings = {"windows": terms, "cycle_check": {"measure": MEASURE, "subject": sorted(tests["subject"].unique())[0]},
                "labels": {MEASURE: "MAP Growth percentile"}}
    path, frame, columns = scores[0]
    if "district" in columns and frame[columns["district"]].str.strip().ne("").any():
        settings = {"name": frame[columns["district"]].str.strip().mode().iloc[0], **settings}
    return settings


def _term_key(term):
    """'Fall 2022-2023' sorts by school year, then fall, winter, spring, summer."""
    words = term.split()
    season = TERM_ORDER.get(words[0].lower(), 9) if words else 9
    return (words[-1] if len(words) > 1 else "", season, term)
