"""California's CAASPP Student Score Data File (from TOMS) in: a district folder from the state test alone.

Layout used: California Department of Education / ETS, "2020–21 CAASPP Student Data File
Layout" (https://fdocuments.in/document/202021-caaspp-student-data-file-layout.html; the same
document is published each year on the CAASPP Score Reporting page) and the TOMS help page
"Student Score Data File" (https://ca-toms-help-qc.ets.org/caaspp-scoring-reporting/types-of-reports/student-score-data-file/).
Only the descriptions of those documents could be read here, not their field tables, so the
header names, the record-type values and the reporting-ethnicity codes below follow the
published descriptions rather than a verified field list. That is why every header is matched
by aliases (`find_columns`): a renamed or differently spelled header still imports, and a file
lacking a required field is refused by name.

The file is caret (^) delimited with a header row. Only Smarter Balanced ELA and Math records
become scores (measure `sbac`): the CAA and CAST report on other scales.
"""

import re
from pathlib import Path

import pandas as pd

from ..data.problems import Problem
from .delimited import read_columns, read_header
from .faults import ImportFault
from .fields import examples, find_columns, grade_code, header_key, iso_dates, school_span, yes_no
from .result import COLUMNS, ImportResult

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference" / "sbac_achievement_levels.csv"
KINDERGARTEN = ("K", "KN", "00", "0")
REQUIRED = {
    "ssid": ["Statewide Student Identifier", "Statewide Student ID", "SSID", "Student Identifier"],
    "record_type": ["Record Type", "Test Type", "Assessment Type", "Test Name"],
    "grade": ["Grade Assessed", "Grade Level When Assessed", "Tested Grade", "Grade"],
    "school_code": ["School Code", "Tested School Code", "School CDS Code", "CDS Code", "CALPADS School Code"],
    "scale_score": ["Scale Score", "Overall Scale Score", "Total Scale Score"],
}
OPTIONAL = {
    "last_name": ["Student Last Name", "Last Name", "Last or Surname"],
    "first_name": ["Student First Name", "First Name"],
    "school_name": ["School Name", "Tested School Name"],
    "district_name": ["District Name", "LEA Name", "Tested District Name"],
    "gender": ["Gender", "Sex"],
    "ethnicity": ["Reporting Ethnicity", "Ethnicity for Reporting", "Race Ethnicity", "Ethnicity"],
    "elas": ["ELAS", "English Language Acquisition Status", "ELA Status", "English Language Fluency"],
    "disabilities": ["IDEA Indicator", "Students with Disabilities", "Disability Status", "IDEA"],
    "disadvantaged": ["Economic Disadvantage Status", "Economically Disadvantaged", "Economically Disadvantaged Status"],
    "level": ["Achievement Level", "Overall Achievement Level", "Scale Score Achievement Level", "Performance Level"],
    "include": ["Include Indicator", "Include Indicator for Aggregate Reporting"],
    "condition": ["Condition Code", "Condition Codes"],
    "completed": ["Test Completion Date", "Completion Date", "Date Completed", "Test Date"],
    "year": ["Test Year", "Administration Year", "Test Administration", "Administration"],
}
# Reporting ethnicity codes (the federal categories plus Filipino, as CAASPP reports them).
ETHNICITY = {"100": "American Indian or Alaska Native", "200": "Asian", "300": "Pacific Islander", "400": "Filipino",
             "500": "Hispanic or Latino", "600": "African American", "700": "White", "800": "Two or More Races"}
ELAS = {"el": "true", "eo": "false", "ifep": "false", "rfep": "false"}
LEVEL_NAMES = ("below", "near", "at", "above")


def read_caaspp(sources, supplement=None):
    """One district folder's tables from one or more Student Score Data Files."""
    result = ImportResult()
    frames, absent = zip(*(_read(Path(source)) for source in sources))
    rows = pd.concat(frames, ignore_index=True)
    file = ", ".join(sorted(set(rows["_file"])))
    for name in sorted(set().union(*absent)):
        result.left_out(file, f"no '{OPTIONAL[name][0]}' column: {name} left empty")
    if supplement is not None:
        result.warn(Path(supplement).name, "a supplement is not read for CAASPP: the score file carries the student groups")
    cuts = pd.read_csv(REFERENCE, dtype=str)
    scores = _scored(rows, cuts, result, file)
    students = _students(scores, result, file)
    result.tables = {"schools": _schools(scores, students, result, file), "students": students[COLUMNS["students"]],
                     "assessments": _assessments(scores, result, file), "cut_scores": _cut_scores(scores, cuts)}
    result.mapped(file, "cut_scores.csv: the Smarter Balanced achievement-level thresholds for the grades and subjects present",
                  len(result.tables["cut_scores"]))
    names = rows["district_name"][rows["district_name"] != ""]
    result.settings = {**({"name": names.mode().iloc[0]} if len(names) else {}),
                       "state_test": "sbac", "labels": {"sbac": "Smarter Balanced"}}
    return result


def _read(path):
    """The file's records as text, its fields renamed to ours; a layout we cannot read is refused whole.

    Only the fields we map are read (`delimited`), so a 200 MB file costs a few times its size.
    """
    header = read_header(path, "^")
    found = find_columns(header, {**REQUIRED, **OPTIONAL})
    missing = [name for name in REQUIRED if name not in found]
    if missing:
        wanted = ", ".join(f"'{REQUIRED[name][0]}'" for name in missing)
        raise ImportFault([Problem(path.name, 1, None, f"is not a CAASPP Student Score Data File: no {wanted} column{'s' if len(missing) > 1 else ''} "
                                   "(expected a caret (^) delimited header row)")])
    _check_widths(path, len(header))
    text = read_columns(path, "^", header, found.values())
    fields = pd.DataFrame({name: text[found[name]] if name in found else "" for name in {**REQUIRED, **OPTIONAL}}, index=text.index)
    fields["_file"], fields["_row"] = path.name, text.index
    return fields.reset_index(drop=True), {name for name in OPTIONAL if name not in found}


def _check_widths(path, width):
    """Every non-blank record has the header's number of fields, or the file is refused with each row named."""
    with open(path, "rb") as file:
        next(file)
        problems = [Problem(path.name, number, None, f"has {line.count(b'^') + 1} fields; the header has {width}")
                    for number, line in enumerate(file, start=2) if line.strip() and line.count(b"^") != width - 1]
    if problems:
        raise ImportFault(problems)


def _test(value):
    """(subject, None) for a Smarter Balanced record, (None, what it is) for any other."""
    key = header_key(value)
    if "caa" in key:
        return None, "CAA"
    if "cast" in key or "science" in key:
        return None, "CAST"
    if key in ("01", "1", "sbela", "sbacela") or ("smarter" in key and ("ela" in key or "english" in key)):
        return "ELA", None
    if key in ("02", "2", "sbmath", "sbacmath") or ("smarter" in key and "math" in key):
        return "Math", None
    return None, value or "blank"


def _scored(rows, cuts, result, file):
    """The Smarter Balanced records that count, each with its subject; every other record counted and said."""
    tests = rows["record_type"].map(_test)
    rows = rows.assign(subject=tests.str[0], other=tests.str[1], grade=rows["grade"].map(lambda g: grade_code(g, KINDERGARTEN)))
    for other, group in rows[rows["subject"].isna()].groupby("other"):
        reason = "a different scale from Smarter Balanced" if other in ("CAA", "CAST") else "not a Smarter Balanced ELA or Math record"
        result.left_out(file, f"{other} records: {reason}", len(group))
    rows = rows[rows["subject"].notna()]
    reasons = [
        ("include indicator N (not counted in the state's results)", rows["include"].str.upper().isin(["N", "NO"])),
        ("a condition code (e.g. NS not started, INC, PNP, NTE): not a counted score", rows["condition"] != ""),
        ("achievement level 9 or blank: no score", rows["level"].eq("9") | (rows["level"].eq("") & rows["level"].ne("").any())),
        ("no scale score", ~rows["scale_score"].str.fullmatch(r"\d+(\.\d+)?")),
        ("no Smarter Balanced cut scores for the grade assessed", ~_has_cuts(rows, cuts)),
    ]
    keep = pd.Series(True, index=rows.index)
    for reason, dropped in reasons:
        result.left_out(file, f"Smarter Balanced records with {reason}", int((keep & dropped).sum()))
        keep &= ~dropped
    rows = rows[keep]
    _check_levels(rows, cuts, result, file)
    return rows


def _has_cuts(rows, cuts):
    keys = set(zip(cuts["subject"], cuts["grade"]))
    return pd.Series([(s, g) in keys for s, g in zip(rows["subject"], rows["grade"])], index=rows.index, dtype=bool)


def _check_levels(rows, cuts, result, file):
    """Warn where the file's achievement level is not the one its scale score earns on the SBAC table."""
    if not (rows["level"] != "").any():
        return
    merged = rows.merge(cuts, on=["subject", "grade"], how="left")
    score = merged["scale_score"].astype(float)
    earned = 1 + sum((score >= merged[cut].astype(float)).astype(int) for cut in ("nearly_met", "met", "exceeded"))
    wrong = merged[(merged["level"] != "") & (merged["level"] != earned.astype(str))]
    result.warn(file, "achievement levels that are not what the scale score earns on the Smarter Balanced cut scores "
                f"(the scores were kept; e.g. file row {', '.join(map(str, wrong['_row'][:3]))})", len(wrong))


def _students(scores, result, file):
    """One row per student from their latest scored record, the student groups read from the file's codes."""
    latest = scores.assign(_when=iso_dates(scores["completed"])[0]).sort_values(["_when", "_file", "_row"], kind="stable")
    latest = latest.drop_duplicates("ssid", keep="last").set_index("ssid", drop=False)
    students = pd.DataFrame({"student_id": latest["ssid"], "school_id": latest["school_code"],
                             "first_name": latest["first_name"], "last_name": latest["last_name"], "grade": latest["grade"],
                             "teacher": "", "class_period": "", "gender": latest["gender"]})
    result.mapped(file, "students.csv: one row per student with a counted Smarter Balanced score, from their latest "
                  "record (SSIDs kept as text)", len(students))
    result.left_out(file, "teacher and class_period: the score file does not carry them; fill them in before the folder "
                    "validates", len(students))
    students["race_ethnicity"] = _ethnicity(latest["ethnicity"], result, file)
    students["english_learner"] = _english_learner(latest["elas"], result, file)
    for column, field in (("students_with_disabilities", "disabilities"), ("socioeconomically_disadvantaged", "disadvantaged")):
        flags, unknown = yes_no(latest[field])
        students[column] = flags
        result.warn(file, f"{column} left empty: the flag is blank or not yes/no ({examples(unknown)})" if len(unknown) else
                    f"{column} left empty: the flag is blank", int((flags == "").sum()))
    return students.reset_index(drop=True)


def _ethnicity(codes, result, file):
    """Reporting-ethnicity codes as the California reporting words; a word already spelled out is kept."""
    words = codes.map(lambda code: ETHNICITY.get(code, code))
    unknown = codes[codes.str.isdigit() & (words == codes)]
    result.warn(file, f"reporting ethnicity codes not in the layout's list, kept as given ({examples(unknown)})", len(unknown))
    result.warn(file, "race_ethnicity left empty: no reporting ethnicity", int((codes == "").sum()))
    return words


def _english_learner(elas, result, file):
    """EL is an English learner; EO, IFEP and RFEP are not; TBD or blank is not known yet, so empty."""
    flags = elas.str.lower().map(ELAS).fillna("")
    result.mapped(file, "english_learner from ELAS (EL = true; EO, IFEP, RFEP = false)")
    result.warn(file, f"english_learner left empty: ELAS is TBD, blank or unknown ({examples(elas[flags == ''])})",
                int((flags == "").sum()))
    return flags


def _schools(scores, students, result, file):
    """Schools from the codes in the file; level and grades are inferred from the grades its students were assessed in."""
    names = scores.drop_duplicates("school_code", keep="last").set_index("school_code")["school_name"]
    rows = []
    for code, group in students.groupby("school_id"):
        rows.append([code, names.get(code) or code, *school_span(group["grade"])])
    schools = pd.DataFrame(rows, columns=COLUMNS["schools"])
    result.mapped(file, "schools.csv from the school codes and names; level and grades were inferred from the grades "
                  "assessed (a school's untested grades are not known): check them", len(schools))
    return schools


def _assessments(scores, result, file):
    """One score per student, subject and administration: the scale score, dated by the test completion date."""
    dates, unreadable = iso_dates(scores["completed"])
    result.warn(file, f"test completion dates not read, left empty ({examples(unreadable)})", len(unreadable))
    result.warn(file, "scores without a test completion date: date left empty (validate needs one: fill it in)",
                int((scores["completed"] == "").sum()))
    table = pd.DataFrame({"student_id": scores["ssid"], "subject": scores["subject"], "measure": "sbac",
                          "window": [_window(year, date) for year, date in zip(scores["year"], dates)],
                          "date": dates, "score": scores["scale_score"], "_order": dates + scores["_row"].astype(str).str.zfill(9)})
    table = table.sort_values("_order", kind="stable")
    repeated = table.duplicated(["student_id", "subject", "measure", "window"], keep="last")
    result.left_out(file, "earlier records of a student, subject and administration already scored (the latest is kept)",
                    int(repeated.sum()))
    table = table[~repeated].drop(columns="_order").reset_index(drop=True)
    result.mapped(file, "assessments.csv: Smarter Balanced ELA and Math scale scores (measure sbac), window named for "
                  "the spring administration", len(table))
    return table


def _window(year, date):
    """'spring_2024' from the test year (its last four digits: 2023-24 is 2024), else the completion date's year."""
    found = re.findall(r"\d{4}", year) or re.findall(r"^\d{4}", date)
    return f"spring_{found[-1]}" if found else "spring"


def _cut_scores(scores, cuts):
    """The SBAC reference rows for the subjects and grades scored, in the data dictionary's columns."""
    present = scores[["subject", "grade"]].drop_duplicates()
    rows = cuts.merge(present, on=["subject", "grade"])
    rows = rows.rename(columns={"nearly_met": "near", "met": "at", "exceeded": "above"}).assign(measure="sbac")
    return rows[COLUMNS["cut_scores"]].reset_index(drop=True)
