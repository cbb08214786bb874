"""A OneRoster CSV bulk bundle (1.1 or 1.2, a folder or a .zip) as schools, students and scores.

OneRoster is how most student information systems hand out their roster, so a district can
start from the export it already makes. The files and columns read here follow the 1EdTech
OneRoster CSV binding (manifest, orgs, users, roles in 1.2, classes, enrollments,
demographics, academicSessions, lineItems, results); pages used:

- https://www.imsglobal.org/sites/default/files/spec/oneroster/v1p2/rostering-restbinding/OneRosterv1p2RosteringService_RESTBindv1p0.html
  (the 1.2 data model: users, roles, orgs, classes, enrollments, demographics)
- https://learn.microsoft.com/en-us/schooldatasync/default-list-of-values (org types, roles.csv role values)
- https://github.com/bergerb/OneRosterSampleDataGenerator/pull/60 (demographics.csv race columns as written by a generator)

Real bundles are messier than the spec: headers in any case and order, extension columns,
mixed line endings, TRUE/false and three date forms, references to rows that are not there.
Every file is read as text; what cannot be carried over is counted in the notes, never guessed.
"""

import io
import zipfile
from pathlib import Path

import pandas as pd

from .faults import ImportFault
from .fields import examples, find_columns, iso_dates, mangled_ids, school_span, yes_no
from .result import COLUMNS, ImportResult
from .supplement import add_groups

# {file: {field: [other accepted names]}}; a field marked '*' must be present.
FILES = {
    "orgs.csv": {"sourcedId*": [], "name*": [], "type*": [], "identifier": [], "status": []},
    "users.csv": {"sourcedId*": [], "givenName*": [], "familyName*": [], "identifier": [], "role": [], "grades": ["grade"],
                  "orgSourcedIds": ["orgSourcedId"], "status": []},
    "roles.csv": {"userSourcedId*": [], "role*": [], "orgSourcedId*": [], "roleType": [], "status": []},
    "classes.csv": {"sourcedId*": [], "classCode": [], "periods": [], "schoolSourcedId": [], "subjects": [], "status": []},
    "enrollments.csv": {"classSourcedId*": [], "userSourcedId*": [], "role*": [], "schoolSourcedId": [], "primary": [],
                        "status": []},
    "demographics.csv": {"sourcedId*": ["userSourcedId"], "sex": [], "americanIndianOrAlaskaNative": [], "asian": [],
                         "blackOrAfricanAmerican": [], "nativeHawaiianOrOtherPacificIslander": [], "white": [],
                         "demographicRaceTwoOrMoreRaces": [], "hispanicOrLatinoEthnicity": [], "status": []},
    "academicSessions.csv": {"sourcedId*": [], "title*": [], "status": []},
    "categories.csv": {"sourcedId*": [], "title*": [], "status": []},
    "lineItems.csv": {"sourcedId*": [], "title*": [], "classSourcedId": [], "categorySourcedId": [],
                      "gradingPeriodSourcedId": ["academicSessionSourcedId"], "assignDate": [], "status": []},
    "results.csv": {"lineItemSourcedId*": [], "studentSourcedId*": [], "score*": [], "scoreDate": [], "status": []},
}
RACES = {
    "americanIndianOrAlaskaNative": "American Indian or Alaska Native", "asian": "Asian",
    "blackOrAfricanAmerican": "Black or African American",
    "nativeHawaiianOrOtherPacificIslander": "Native Hawaiian or Other Pacific Islander", "white": "White",
    "demographicRaceTwoOrMoreRaces": "Two or More Races",
}
SEXES = {"male": "Male", "female": "Female", "other": "Nonbinary"}
GRADES = {"KG": "K", "K": "K", **{f"{n:02d}": str(n) for n in range(1, 13)}, **{str(n): str(n) for n in range(1, 13)}}


def read_oneroster(sources, supplement=None):
    """The bundle at sources[0] as an ImportResult; `supplement` adds the student-group flags."""
    files = _bundle(sources)
    result = ImportResult()
    tables = {name: _table(files, name, result) for name in FILES}
    for name in ("orgs.csv", "users.csv"):
        if tables[name] is None:
            raise ImportFault([(name, None, None, "file is missing from the OneRoster bundle")])
    roles = _roles(tables, result)
    schools = tables["orgs.csv"].loc[lambda f: f["type"].str.lower() == "school"]
    students = _students(tables, roles, schools, result)
    _demographics(students, tables["demographics.csv"], result)
    add_groups(students, supplement, result, source="OneRoster")
    _flag_mangled(students, result)
    result.tables["schools"] = _schools(schools, students, result)
    result.tables["students"] = students[COLUMNS["students"]].reset_index(drop=True)
    if tables["lineItems.csv"] is not None and tables["results.csv"] is not None:
        result.tables["assessments"] = _scores(tables, students, result)
    districts = tables["orgs.csv"].loc[lambda f: f["type"].str.lower() == "district", "name"]
    if len(districts) == 1:
        result.settings["name"] = districts.iloc[0]
    return result


def _bundle(sources):
    """{lowercase file name: text} of every CSV in the folder or zip (subfolders too)."""
    if len(sources) != 1:
        raise ImportFault([(", ".join(map(str, sources)) or "(none)", None, None, "give one OneRoster bundle: a folder or a .zip")])
    source = Path(sources[0])
    try:
        if source.is_dir():
            found = {path.name: path.read_bytes() for path in sorted(source.rglob("*")) if path.suffix.lower() == ".csv"}
        else:
            with zipfile.ZipFile(source) as archive:
                found = {Path(n).name: archive.read(n) for n in archive.namelist() if n.lower().endswith(".csv")
                         and not Path(n).name.startswith("._")}
    except (zipfile.BadZipFile, OSError) as error:
        raise ImportFault([(source.name, None, None, f"is not a OneRoster folder or .zip ({error})")]) from None
    return {name.lower(): data.decode("utf-8-sig", errors="replace") for name, data in found.items()}


def _table(files, name, result):
    """The file's wanted columns under their spec names (text, trimmed); rows `tobedeleted` left out."""
    if name.lower() not in files:
        return None
    text = files[name.lower()].replace("\r\n", "\n").replace("\r", "\n")
    try:
        raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise ImportFault([(name, None, None, f"cannot be read as CSV ({error})")]) from None
    wanted = {field.rstrip("*"): aliases for field, aliases in FILES[name].items()}
    found = find_columns(raw.columns, wanted)
    missing = [field.rstrip("*") for field in FILES[name] if field.endswith("*") and field.rstrip("*") not in found]
    if missing:
        raise ImportFault([(name, 1, column, "required column is missing") for column in missing])
    frame = pd.DataFrame({field: raw[column].str.strip() for field, column in found.items()})
    if "status" in frame:
        deleted = frame["status"].str.lower() == "tobedeleted"
        result.left_out(name, "rows with status 'tobedeleted'", int(deleted.sum()))
        frame = frame[~deleted]
    return frame


def _roles(tables, result):
    """(user, role, org) rows: 1.1 keeps them on users.csv, 1.2 in roles.csv (primary first)."""
    users = tables["users.csv"]
    if "role" in users:
        orgs = users["orgSourcedIds"] if "orgSourcedIds" in users else pd.Series("", index=users.index)
        return pd.DataFrame({"user": users["sourcedId"], "role": users["role"].str.lower(), "org": orgs.str.split(",")}).explode("org").assign(
            org=lambda f: f["org"].str.strip())
    roles = tables["roles.csv"]
    if roles is None:
        raise ImportFault([("roles.csv", None, None, "file is missing: users.csv has no role column, so a 1.2 bundle needs roles.csv")])
    roles = roles.assign(order=roles.get("roleType", pd.Series("", index=roles.index)).str.lower().ne("primary"))
    roles = roles.sort_values("order", kind="stable")
    return pd.DataFrame({"user": roles["userSourcedId"], "role": roles["role"].str.lower(), "org": roles["orgSourcedId"]})


def _students(tables, roles, schools, result):
    """Users with a student role, one row each, with their school, grade, class and teacher."""
    users = tables["users.csv"]
    student_ids = set(roles.loc[roles["role"] == "student", "user"])
    others = roles.loc[~roles["user"].isin(student_ids)].drop_duplicates("user")
    result.left_out("users.csv", f"users who are not students ({examples(others['role'])})", len(others))
    _missing_references(roles.loc[roles["role"] == "student", "org"], tables["orgs.csv"], "users.csv" if "role" in users else "roles.csv",
                        "student org", result)
    users = users.loc[users["sourcedId"].isin(student_ids)].drop_duplicates("sourcedId").set_index("sourcedId", drop=False)
    own = roles.loc[(roles["role"] == "student") & roles["org"].isin(schools["sourcedId"])].drop_duplicates("user")
    classes = _classes(tables, users.index, result)
    school = own.set_index("user")["org"].reindex(users.index).fillna(classes["school"].where(classes["school"].isin(schools["sourcedId"])))
    identifier = users["identifier"] if "identifier" in users else pd.Series("", index=users.index)
    frame = pd.DataFrame({
        "student_id": identifier.where(identifier != "", users["sourcedId"]), "school_id": school.fillna(""),
        "first_name": users["givenName"], "last_name": users["familyName"], "grade": _grades(users),
        "teacher": classes["teacher"].fillna(""), "class_period": classes["class_period"].fillna(""),
    }, index=users.index)
    return _usable(frame, result)


def _grades(users):
    """A student's grade from OneRoster's codes (KG, 01 … 12); the first when several are listed."""
    first = users.get("grades", pd.Series("", index=users.index)).str.split(",").str[0].str.strip().str.upper()
    return first.map(GRADES).fillna(first)


def _usable(frame, result):
    """Students the district folder can hold: a known school, a K–12 grade, one row per id."""
    no_school = frame["school_id"] == ""
    result.left_out("users.csv", "students with no school in orgs.csv (by their org or class)", int(no_school.sum()))
    bad_grade = ~no_school & ~frame["grade"].isin(set(GRADES.values()))
    result.left_out("users.csv", f"students whose grade is not K–12 ({examples(frame.loc[bad_grade, 'grade'])})", int(bad_grade.sum()))
    frame = frame[~no_school & ~bad_grade]
    repeated = frame["student_id"].duplicated()
    result.left_out("users.csv", "students whose identifier repeats an earlier student's", int(repeated.sum()))
    frame = frame[~repeated]
    result.mapped("users.csv", "students (users with role student); student_id is the identifier column, else sourcedId", len(frame))
    return frame


def _missing_references(ids, known, file, what, result):
    """Warn (with a count) about ids that name rows the bundle does not hold."""
    ids = ids.dropna()
    missing = ids[(ids != "") & ~ids.isin(known["sourcedId"])]
    result.warn(file, f"{what} references not in the bundle ({examples(missing)})", len(missing))


def _classes(tables, students, result):
    """Each student's first class by class code: its school, primary teacher and period."""
    enrollments, classes = tables["enrollments.csv"], tables["classes.csv"]
    empty = pd.DataFrame(columns=["school", "teacher", "class_period"], index=students)
    if enrollments is None or classes is None:
        result.warn("enrollments.csv", "no classes or enrollments in the bundle: teacher and class_period are empty", len(students))
        return empty
    _missing_references(enrollments["classSourcedId"], classes, "enrollments.csv", "class", result)
    for file, frame in (("enrollments.csv", enrollments), ("classes.csv", classes)):
        _missing_references(frame.get("schoolSourcedId", pd.Series(dtype=str)), tables["orgs.csv"], file, "school", result)
    taken = enrollments.loc[(enrollments["role"].str.lower() == "student") & enrollments["userSourcedId"].isin(students)]
    taken = taken.merge(classes.rename(columns={"sourcedId": "classSourcedId", "schoolSourcedId": "classSchool"}), on="classSourcedId")
    taken = taken.sort_values(["classCode", "classSourcedId"] if "classCode" in taken else ["classSourcedId"], kind="stable")
    several = taken.groupby("userSourcedId").size().gt(1).sum()
    if several:
        result.mapped("enrollments.csv", "students in several classes: teacher and class_period come from the first by class code", int(several))
    first = taken.drop_duplicates("userSourcedId").set_index("userSourcedId")
    school = first.get("schoolSourcedId", pd.Series("", index=first.index)).replace("", pd.NA)
    periods = first.get("periods", pd.Series("", index=first.index)).str.extract(r"(\d+)", expand=False)
    out = pd.DataFrame({"school": school.fillna(first.get("classSchool")), "teacher": first["classSourcedId"].map(_teachers(tables)),
                        "class_period": periods.str.lstrip("0").replace("", "0")}, index=first.index)
    result.warn("enrollments.csv", "students with no class or no class teacher in the bundle: teacher (and class_period without a class) is empty",
                int(out["teacher"].isna().sum() + len(set(students) - set(out.index))))
    return out.reindex(students)


def _teachers(tables):
    """{class: its teacher's name}, a primary teacher before any other."""
    enrollments, users = tables["enrollments.csv"], tables["users.csv"]
    teachers = enrollments.loc[enrollments["role"].str.lower() == "teacher"]
    primary = yes_no(teachers.get("primary", pd.Series("", index=teachers.index)))[0] == "true"
    teachers = teachers.assign(order=~primary).sort_values("order", kind="stable").drop_duplicates("classSourcedId")
    names = (users["givenName"] + " " + users["familyName"]).str.strip().set_axis(users["sourcedId"])
    names = names[~names.index.duplicated()]
    return teachers.set_index("classSourcedId")["userSourcedId"].map(names).dropna()


def _demographics(students, demographics, result):
    """gender from `sex`, race_ethnicity from the race flags (Hispanic or Latino first)."""
    students["gender"], students["race_ethnicity"] = "", ""
    if demographics is None:
        result.warn("demographics.csv", "no demographics in the bundle: gender and race_ethnicity are empty", len(students))
        return
    rows = demographics.drop_duplicates("sourcedId").set_index("sourcedId").reindex(students.index)
    if "sex" in rows:
        sex = rows["sex"].fillna("")
        students["gender"] = sex.str.lower().map(SEXES).fillna(sex)
    flags = {}
    for column in [*RACES, "hispanicOrLatinoEthnicity"]:
        if column in rows:
            flags[column], unknown = yes_no(rows[column].fillna(""))
            result.warn("demographics.csv", f"'{column}' values that are not true/false ({examples(unknown)}), read as unknown", len(unknown))
    flags = pd.DataFrame(flags, index=students.index).eq("true")
    races = flags[[c for c in RACES if c in flags]]
    one = races.idxmax(axis=1).map(RACES).where(races.sum(axis=1) == 1, "")
    several = races.sum(axis=1).gt(1) | races.get("demographicRaceTwoOrMoreRaces", False)
    race = one.mask(several, RACES["demographicRaceTwoOrMoreRaces"])
    if "hispanicOrLatinoEthnicity" in flags:
        race = race.mask(flags["hispanicOrLatinoEthnicity"], "Hispanic or Latino")
    students["race_ethnicity"] = race
    result.mapped("demographics.csv", "race_ethnicity: Hispanic or Latino when hispanicOrLatinoEthnicity is true, "
                                      "Two or More Races when several race flags are true, else the one race's name")
    result.warn("demographics.csv", "students with no demographics row or no race flag: race_ethnicity is empty",
                int((students["race_ethnicity"] == "").sum()))
    result.warn("demographics.csv", "students with no demographics row or no sex: gender is empty", int((students["gender"] == "").sum()))


def _flag_mangled(students, result):
    mangled = mangled_ids(students["student_id"])
    result.warn("users.csv", f"student ids in scientific notation ({examples(mangled)}): a spreadsheet dropped their digits; "
                             "export the ids as text", len(mangled))


def _schools(schools, students, result):
    """Orgs of type school that have students; grades and level from the grades their students are in."""
    ids = schools.drop_duplicates("sourcedId").set_index("sourcedId")
    spans = students.groupby("school_id")["grade"].agg(school_span)
    served = ids.index.isin(spans.index)
    result.left_out("orgs.csv", "schools with no students in the bundle", int((~served).sum()))
    ids = ids[served]
    spans = spans[ids.index]
    result.mapped("orgs.csv", "schools (orgs of type school); OneRoster has no school level or grade span, so grades are the "
                              "lowest to highest grade of the school's students and level follows the lowest (K–5 elementary, "
                              "6–8 middle, 9–12 high): check them", len(ids))
    return pd.DataFrame({"school_id": ids.index, "school_name": ids["name"].to_numpy(), "level": [level for level, _ in spans], "grades": [grades for _, grades in spans]})


def _scores(tables, students, result):
    """Each result of an imported student as an assessments row (no cut scores: OneRoster has none)."""
    scores = tables["results.csv"]
    known = scores["studentSourcedId"].isin(students.index)
    result.left_out("results.csv", "results of users who are not imported students", int((~known).sum()))
    items = _line_items(tables, result)
    has_item = scores["lineItemSourcedId"].isin(items.index)
    result.left_out("results.csv", "results whose line item is not in lineItems.csv", int((known & ~has_item).sum()))
    scores = scores[known & has_item]
    item = items.loc[scores["lineItemSourcedId"]].set_axis(scores.index)
    dates, unread = iso_dates(scores.get("scoreDate", pd.Series("", index=scores.index)))
    number = pd.to_numeric(scores["score"], errors="coerce").notna()
    frame = pd.DataFrame({"student_id": scores["studentSourcedId"].map(students["student_id"]), "subject": item["subject"],
                          "measure": item["measure"], "window": item["window"], "date": dates, "score": scores["score"]})
    bad = {"no readable scoreDate" + (f" ({examples(unread)})" if len(unread) else ""): dates == "",
           f"a score that is not a number ({examples(scores.loc[~number, 'score'])})": ~number,
           "no subject (the line item's class has no subjects and it has no category)": frame["subject"] == "",
           "no window (no academic session and no assignDate)": frame["window"] == ""}
    counted = pd.Series(False, index=frame.index)
    for reason, rows in bad.items():
        result.left_out("results.csv", f"results with {reason}", int((rows & ~counted).sum()))
        counted |= rows
    frame = frame[~counted]
    repeated = frame.duplicated(["student_id", "subject", "measure", "window"])
    result.left_out("results.csv", "results repeating a student's measure, subject and window (the first is kept)", int(repeated.sum()))
    result.mapped("results.csv", "scores (measure from the line item title as a code, date from scoreDate)", int((~repeated).sum()))
    result.warn("results.csv", "OneRoster has no cut scores: add your criteria as cut_scores.csv (measure, subject, grade, "
                               "lowest_score, near, at, above, highest_score) before the folder validates with scores")
    return frame[~repeated].reset_index(drop=True)


def _line_items(tables, result):
    """{line item: measure, subject, window}: subject from its class or category, window from its session or month."""
    items = tables["lineItems.csv"].drop_duplicates("sourcedId").set_index("sourcedId")
    blank = pd.Series("", index=items.index)
    measure = items["title"].str.lower().str.replace(r"[^a-z0-9]+", "_", regex=True).str.strip("_")
    subjects = _lookup(tables["classes.csv"], "subjects").str.split(",").str[0].str.strip()
    subject = items.get("classSourcedId", blank).map(subjects).fillna("").replace("", pd.NA)
    subject = subject.fillna(items.get("categorySourcedId", blank).map(_lookup(tables["categories.csv"], "title")))
    sessions = tables["academicSessions.csv"]
    session = items.get("gradingPeriodSourcedId", blank)
    if sessions is not None:
        _missing_references(session, sessions, "lineItems.csv", "academic session", result)
    month = iso_dates(items.get("assignDate", blank))[0].str[:7]
    window = session.map(_lookup(sessions, "title")).fillna("").replace("", pd.NA).fillna(month)
    result.mapped("lineItems.csv", "window is the line item's academic session title, else the year and month of its assignDate; "
                                   "subject is its class's first subject, else its category's title")
    return pd.DataFrame({"measure": measure, "subject": subject.fillna(""), "window": window.fillna("")})


def _lookup(frame, column):
    """{sourcedId: column} of an optional file (empty when the file or column is absent)."""
    if frame is None or column not in frame:
        return pd.Series(dtype=str)
    return frame.drop_duplicates("sourcedId").set_index("sourcedId")[column]
