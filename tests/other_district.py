"""Districts that are not the demo: every name differs, and some hold markup.

`write_other_district` generates the demo's data and renames everything a district names
itself (measures, subjects, windows, school ids and names, group columns and values,
teachers, student ids), leaving no `district.yaml`: the settings must be read from the
data. Like a benchmark export, it records no English-learner status, and leaves disability
status empty for one student in seven. `write_hostile_district` puts markup, `javascript:` links and formula prefixes into
every text value a person could type, to prove that nothing from a file becomes markup.
"""

import csv
from pathlib import Path

from onthemove_widgets.data.demo import generate_district

MEASURES = {"sbac": "statewide_exam", "cycle_check": "reading_probe"}
SUBJECTS = {"ELA": "Reading", "Math": "Mathematics"}
WINDOWS = {"baseline": "Fall", "end_of_year": "Spring", **{f"cycle_{k}": f"Probe {k}" for k in range(1, 11)}}
GENDERS = {"Female": "F", "Male": "M", "Nonbinary": "X"}
COLUMNS = {"foster_youth": "in_foster_care", "homeless": "newcomer"}
SCHOOL_NAMES = ("Lakeside Academy", "Pine Hollow School", "Riverbend Secondary", "Granite Falls Middle", "Elm Street Primary", "North Star School")
OTHER_NAMES = {"sbac", "cycle_check", "cycle check", "S0001", "Somewhere School", "baseline", "end_of_year", "end of year", "ELA"}
"""Demo names that must not appear in anything made from the other district."""

HOSTILE = '<img src=x onerror=alert(1)>'
SCRIPT = '<script>alert(2)</script>'
LINK = 'javascript:alert(3)'
FORMULA = '=HYPERLINK("http://x.test","click")'


def write_other_district(folder, schools=6, seed=11):
    """A generated district whose every name differs from the demo's (no district.yaml)."""
    source = generate_district(Path(folder).with_name(Path(folder).name + "-demo"), schools=schools, seed=seed)
    school_ids = {f"S{i:04d}": f"NW-{100 + i}" for i in range(1, schools + 1)}
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _rewrite(source, folder, "schools.csv", lambda r: {**r, "school_id": school_ids[r["school_id"]], "school_name": SCHOOL_NAMES[int(r["school_id"][1:]) - 1]})
    _rewrite(source, folder, "students.csv", lambda r: _other_student(r, school_ids))
    _rewrite(source, folder, "assessments.csv", lambda r: {
        **r, "student_id": f"ID-{r['student_id']}", "measure": MEASURES[r["measure"]], "subject": SUBJECTS[r["subject"]], "window": WINDOWS[r["window"]]})
    _rewrite(source, folder, "cut_scores.csv", lambda r: {**r, "measure": MEASURES[r["measure"]], "subject": SUBJECTS[r["subject"]]})
    return folder


def _other_student(row, school_ids):
    renamed = {COLUMNS.get(k, k): v for k, v in row.items()}
    unrecorded = {"english_learner": "", **({"students_with_disabilities": ""} if int(row["student_id"]) % 7 == 0 else {})}
    return {**renamed, **unrecorded, "student_id": f"ID-{row['student_id']}", "school_id": school_ids[row["school_id"]],
            "gender": GENDERS[row["gender"]], "race_ethnicity": f"{row['race_ethnicity']} (district code)", "teacher": f"Teacher {row['teacher']}"}


def write_hostile_district(folder, schools=2, seed=12):
    """A small generated district with markup in every free-text value of every table."""
    source = generate_district(Path(folder).with_name(Path(folder).name + "-demo"), schools=schools, seed=seed, students_per_school=60)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    ids = {f"S{i:04d}": f"{SCRIPT}S{i}" for i in range(1, schools + 1)}
    _rewrite(source, folder, "schools.csv", lambda r: {**r, "school_id": ids[r["school_id"]], "school_name": f"{HOSTILE}{LINK} {r['school_name']}"})
    _rewrite(source, folder, "students.csv", lambda r: {
        **r, "school_id": ids[r["school_id"]], "first_name": f"{FORMULA}{r['first_name']}", "last_name": f"{HOSTILE}{r['last_name']}",
        "teacher": f"{SCRIPT}{r['teacher']}", "gender": f"{HOSTILE}{r['gender']}", "race_ethnicity": f"{LINK}{HOSTILE}{r['race_ethnicity']}",
        "homeless": r["homeless"], "foster_youth": r["foster_youth"]})
    _rewrite(source, folder, "assessments.csv", lambda r: {**r, "measure": _hostile_code(r["measure"]), "subject": f"{HOSTILE}{r['subject']}"})
    _rewrite(source, folder, "cut_scores.csv", lambda r: {**r, "measure": _hostile_code(r["measure"]), "subject": f"{HOSTILE}{r['subject']}"})
    return folder


def _hostile_code(measure):
    return f"{SCRIPT}{measure}"


def _rewrite(source, folder, name, change):
    with open(Path(source) / name, newline="", encoding="utf-8") as inp:
        rows = [change(row) for row in csv.DictReader(inp)]
    with open(Path(folder) / name, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
