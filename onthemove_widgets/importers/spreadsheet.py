"""Any spreadsheet (CSV or .xlsx): the file's columns mapped to the dictionary's fields.

A district's own export has its own headers, so the importer suggests a match for each
field (same name, a documented alias, or a close spelling) and says every suggestion;
a mapping file (YAML) fixes the matches and gives constants for fields the file lacks
(`values`, e.g. the window of a file of one test), so next year's file imports with one
command. Nothing is invented: a field neither mapped nor given stays empty.
"""

import difflib
from pathlib import Path

import openpyxl
import pandas as pd
import yaml

from ..data.workbook import _cell_text
from .faults import ImportFault
from .fields import examples, grade_code, header_key, iso_dates, latest_per_window, mangled_ids, school_span, yes_no
from .result import COLUMNS, ImportResult

KINDERGARTEN = ("K", "KG", "0", "00")
FIELDS = list(dict.fromkeys(COLUMNS["students"] + COLUMNS["assessments"] + ["school_name"]))
ALIASES = {
    "student_id": ["ID", "Student Number", "Student No", "SSID", "Student ID Number", "Local ID"],
    "school_id": ["School", "Site", "School Code", "School Number"], "school_name": ["School Name", "Site Name"],
    "first_name": ["First", "Given Name", "First Name"], "last_name": ["Last", "Surname", "Family Name"],
    "grade": ["Gr", "Grade Level", "Grd"], "class_period": ["Period", "Section"], "teacher": ["Teacher Name", "Homeroom Teacher"],
    "gender": ["Sex"], "race_ethnicity": ["Race", "Ethnicity", "Race/Ethnicity"],
    "english_learner": ["EL", "ELL", "English Learner", "LEP"], "students_with_disabilities": ["IEP", "SWD", "SPED"],
    "socioeconomically_disadvantaged": ["FRL", "SED", "Low Income", "FRPL"],
    "score": ["Score", "Scale Score", "Scaled Score"], "date": ["Test Date", "Date", "Date Taken"],
    "subject": ["Content Area", "Subject Area"], "measure": ["Test", "Assessment", "Test Name"], "window": ["Term", "Season"],
}
FLAGS = ("english_learner", "students_with_disabilities", "socioeconomically_disadvantaged")
STUDENT_FIELDS = [f for f in COLUMNS["students"] if f != "student_id"]
REQUIRED = {"students": ("student_id", "school_id", "grade"),
            "assessments": ("student_id", "subject", "measure", "window", "date", "score")}
MAPPING_KEYS = {"columns", "values"}


def suggest_mapping(columns):
    """{field: column} by the same name, then an alias, then a close spelling; a column serves one field."""
    columns = list(columns)
    keys = {header_key(c): c for c in columns}
    mapping = {}
    for step in (_by_name, _by_alias, _by_spelling):
        for field in FIELDS:
            free = {k: c for k, c in keys.items() if c not in mapping.values()}
            if field not in mapping and (column := step(field, free)):
                mapping[field] = column
    return {field: mapping[field] for field in FIELDS if field in mapping}


def _by_name(field, free):
    return free.get(header_key(field))


def _by_alias(field, free):
    return next((free[header_key(a)] for a in ALIASES.get(field, []) if header_key(a) in free), None)


def _by_spelling(field, free):
    close = difflib.get_close_matches(header_key(field), list(free), n=1, cutoff=0.8)
    return free[close[0]] if close else None


def save_mapping(path, mapping):
    """Write `mapping` ({'columns': …, 'values': …}) as YAML for next year's import."""
    text = yaml.safe_dump({"columns": dict(mapping.get("columns", {})), "values": dict(mapping.get("values", {}))},
                          sort_keys=False, allow_unicode=True)
    Path(path).write_text("# Written by `onthemove import spreadsheet --save-mapping`; field: the file's column.\n" + text,
                          encoding="utf-8")


def load_mapping(path):
    """A mapping file, checked: only `columns` and `values`, each keyed by dictionary fields."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ImportFault([(path.name, None, None, f"cannot be read as a YAML mapping ({str(error).splitlines()[0]})")]) from None
    if not isinstance(data, dict):
        raise ImportFault([(path.name, None, None, "is not a mapping with `columns` and `values`")])
    problems = [(path.name, None, key, f"unknown key '{key}' (known: columns, values)") for key in data if key not in MAPPING_KEYS]
    for key in MAPPING_KEYS & set(data):
        if not isinstance(data[key] or {}, dict):
            problems.append((path.name, None, key, f"`{key}` must map fields to text"))
            continue
        problems += [(path.name, None, f"{key}.{f}", f"unknown field '{f}' (fields: {', '.join(FIELDS)})")
                     for f in (data[key] or {}) if f not in FIELDS]
    if problems:
        raise ImportFault(problems)
    return {key: {f: str(v) for f, v in (data.get(key) or {}).items()} for key in ("columns", "values")}


def read_spreadsheet(sources, supplement=None, mapping=None, save_to=None):
    """The district folder's tables from spreadsheets of one layout; `mapping` is a path or a dict."""
    result = ImportResult()
    frames = [_read(Path(s)) for s in sources]
    label = Path(mapping).name if isinstance(mapping, (str, Path)) else "mapping"
    used = load_mapping(mapping) if isinstance(mapping, (str, Path)) else mapping
    if used is None:
        used = {"columns": suggest_mapping(frames[0][1].columns), "values": {}}
        result.mapped(frames[0][0].name, "suggested matches, check them: "
                      + ", ".join(f"'{c}' → {f}" for f, c in used["columns"].items()))
    rows = pd.concat([_rows(result, path, frame, used, label) for path, frame in frames], ignore_index=True)
    tables = _wanted_tables(frames, used)
    if "students" in tables:
        result.tables["students"] = _students(result, rows)
        if "school_id" in used["columns"] or "school_id" in used["values"]:
            result.tables["schools"] = _schools(result, rows)
    if "assessments" in tables:
        result.tables["assessments"] = _assessments(result, rows)
    _say_missing(result, frames[0][0].name, used, tables)
    if supplement:
        result.left_out(Path(supplement).name, "--supplement is not read by the spreadsheet kind: map its columns instead")
    if save_to:
        save_mapping(save_to, used)
    return result


def columns(path):
    """The file's column names, as the app's mapping step offers them."""
    return list(_read(Path(path))[1].columns)


def preview(path, mapping, rows=5):
    """The first `rows` rows as they would import (dictionary column names), for the app to show."""
    path, frame = _read(Path(path))
    label = Path(mapping).name if isinstance(mapping, (str, Path)) else "mapping"
    used = load_mapping(mapping) if isinstance(mapping, (str, Path)) else mapping
    return _rows(ImportResult(), path, frame.head(rows), used, label).reset_index(drop=True)


def _read(path):
    """(path, every cell as text; index = spreadsheet row numbers); an unreadable file is named."""
    try:
        frame = _read_excel(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _read_csv(path)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise ImportFault([(path.name, None, None, f"cannot be read ({str(error).splitlines()[0]})")]) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    frame.index = frame.index + 2  # the header is row 1
    return path, frame


def _read_csv(path):
    """UTF-8 (with or without BOM), else Windows-1252: what Excel saves as CSV."""
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="cp1252")


def _read_excel(path):
    """The first sheet, each cell as the text Excel shows."""
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged or foreign file
        raise OSError(f"not an Excel workbook: {error}") from None
    rows = [[_cell_text(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    if not rows:
        raise pd.errors.EmptyDataError("the first sheet is empty")
    header = rows[0]
    return pd.DataFrame([r + [""] * (len(header) - len(r)) for r in rows[1:]], columns=header, dtype=str).fillna("")


def _wanted_tables(frames, used):
    """The tables the mapping can make; a required field missing for one of them is a fault."""
    given = set(used["columns"]) | set(used["values"])
    tables = [t for t, fields in (("students", STUDENT_FIELDS), ("assessments", ["score"])) if given & set(fields)]
    columns = ", ".join(f"'{c}'" for c in frames[0][1].columns)
    if not tables:
        raise ImportFault([(frames[0][0].name, None, None, f"no column maps to a student field or a score; columns: {columns}")])
    missing = [f for t in tables for f in REQUIRED[t] if f not in given]
    if missing:
        raise ImportFault([(frames[0][0].name, None, f, f"required field '{f}' is neither mapped to a column nor given a value; "
                            f"columns: {columns}") for f in dict.fromkeys(missing)])
    return tables


def _rows(result, path, frame, used, label):
    """One dictionary row per file row: mapped columns, constants, flags and dates read."""
    lacking = [(label, None, f"columns.{f}", f"column '{c}' is not in {path.name}")
               for f, c in used["columns"].items() if c not in frame.columns]
    if lacking:
        raise ImportFault(lacking)
    rows = pd.DataFrame({f: frame[c].str.strip() for f, c in used["columns"].items()}, index=frame.index)
    for field, value in used["values"].items():
        rows[field] = value
    _check_ids(result, path, rows)
    for flag in [f for f in FLAGS if f in rows]:
        rows[flag], unknown = yes_no(rows[flag])
        if len(unknown):
            result.warn(path.name, f"{flag} codes that are neither yes nor no, left empty: {examples(unknown)}", len(unknown))
    if "date" in rows:
        rows["date"], unread = iso_dates(rows["date"])
        if len(unread):
            result.warn(path.name, f"dates in no known form, left empty: {examples(unread)}", len(unread))
    if "grade" in rows:
        rows["grade"] = rows["grade"].map(lambda g: grade_code(g, KINDERGARTEN))
    return rows


def _check_ids(result, path, rows):
    """Ids stay text; one a spreadsheet turned into 1.2E+07 has lost its digits and is said."""
    for field in ("student_id", "school_id"):
        if field in rows and len(bad := mangled_ids(rows[field])):
            result.warn(path.name, f"{field} values in scientific notation ({examples(bad)}): the digits are lost; "
                        "export the ids as text", len(bad))


def _students(result, rows):
    """One row per student id (the last row wins); rows that disagree on school or grade are counted."""
    students = rows.reindex(columns=COLUMNS["students"], fill_value="")
    students = students[students["student_id"] != ""]
    varied = students.groupby("student_id")[["school_id", "grade"]].nunique().gt(1).any(axis=1)
    result.warn("students.csv", "students whose rows disagree on school or grade: the last row is kept", int(varied.sum()))
    students = students.drop_duplicates("student_id", keep="last").reset_index(drop=True)
    result.mapped("students.csv", "one row per student id", len(students))
    return students


def _assessments(result, rows):
    """One row per score and window; rows with no score or no readable date are left out and counted."""
    scores = rows.reindex(columns=COLUMNS["assessments"], fill_value="")
    empty = scores["score"].eq("") | scores["date"].eq("") | scores["student_id"].eq("")
    result.left_out("assessments.csv", "rows with no student id, score or readable date", int(empty.sum()))
    scores = scores[~empty]
    kept = latest_per_window(scores).reset_index(drop=True)
    result.left_out("assessments.csv", "earlier scores of a student scored twice in one window (the latest date is kept)", len(scores) - len(kept))
    result.mapped("assessments.csv", "one row per score", len(kept))
    return kept


def _schools(result, rows):
    """Schools by id; the name from a school_name column else the id; level and grades from the grades seen."""
    named = rows.reindex(columns=["school_id", "school_name", "grade"], fill_value="")
    out = []
    for school, group in named[named["school_id"] != ""].groupby("school_id", sort=True):
        names = [n for n in group["school_name"] if n]
        level, grades = school_span(group["grade"])
        out.append({"school_id": school, "school_name": names[-1] if names else school, "level": level, "grades": grades})
    result.warn("schools.csv", "each school's level and grades come from the grades seen in the file: check them", len(out))
    return pd.DataFrame(out, columns=COLUMNS["schools"])


def _say_missing(result, name, used, tables):
    """The fields of the tables made that the file does not have: left empty, not invented."""
    given = set(used["columns"]) | set(used["values"])
    missing = [f for t in tables for f in COLUMNS[t] if f not in given]
    if missing:
        result.left_out(name, f"fields not found in the file, left empty: {', '.join(dict.fromkeys(missing))}")
