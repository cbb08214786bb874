"""Bad inputs real exports produce, each built from the tiny district, each message pinned.

Every case changes one thing in a copy of ``tiny_district.TINY`` and lists exactly what
`validate_district` must say: file, row(s), column and words. A new reader that guesses
instead of reporting, or a traceback, fails here.
"""

import random

import openpyxl
import pytest

from tiny_district import TINY, write_district
from onthemove_widgets.data import load_district
from onthemove_widgets.data.validate import validate_district
from onthemove_widgets.errors import DistrictDataError

STUDENTS_HEADER = TINY["students.csv"].splitlines()[0]


def edit(name, old, new, count=1):
    """A case step: replace `old` by `new` in `name` (which must hold `old`)."""

    def step(folder):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return step


def write(name, data):
    """A case step: `name` holds exactly `data` (bytes or UTF-8 text)."""

    def step(folder):
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    return step


def append(name, text):
    return lambda folder: (folder / name).write_text((folder / name).read_text(encoding="utf-8") + text, encoding="utf-8")


def remove(name):
    return lambda folder: (folder / name).unlink()


def encoded(name, encoding, text=None):
    return write(name, (text or TINY[name]).encode(encoding))


def make_folder(name):
    def step(folder):
        (folder / name).unlink()
        (folder / name).mkdir()

    return step


def folder_becomes_file(folder):
    """The district's path holds one file, as when a coach passes students.csv itself."""
    folder.rename(folder.with_name("moved"))
    folder.write_text(TINY["students.csv"])


def workbook(name, sheets, formulas=()):
    """A case step: `name`.csv becomes `name`.xlsx with `sheets` ({title: rows or 'table'})."""

    def step(folder):
        table = [line.split(",") for line in (folder / f"{name}.csv").read_text().splitlines()]
        (folder / f"{name}.csv").unlink()
        book = openpyxl.Workbook()
        book.remove(book.active)
        for title, rows in sheets.items():
            sheet = book.create_sheet(title)
            for row in table if rows == "table" else rows:
                sheet.append(row)
        for cell, formula in formulas:
            book.worksheets[-1][cell] = formula
        book.save(folder / f"{name}.xlsx")

    return step


def assessment_rows(student, count, first_window=1, score="50"):
    """`count` extra assessment rows for one student, in windows cycle_1, cycle_2, …"""
    return "".join(f"{student},ELA,sbac,cycle_{w},2025-10-01,{score}\n" for w in range(first_window, first_window + count))


def stray_quote(folder):
    path = folder / "students.csv"
    lines = path.read_text().splitlines(keepends=True)
    lines[2] = lines[2].replace(",Ben,", ',"Ben,')  # opens on row 3 …
    lines[4] = lines[4].replace(",Dev,", ',Dev",')  # … and closes on row 5
    path.write_text("".join(lines))


def cp1252_line(folder):
    """UTF-8 students with one line pasted in from a Windows-1252 file."""
    text = TINY["students.csv"].replace("Ana,Reyes", "Ana,Peña")
    lines = text.encode("utf-8").splitlines(keepends=True)
    lines[3] = lines[3].decode().replace("Cara,Diaz", "Cara,García").encode("cp1252")
    (folder / "students.csv").write_bytes(b"".join(lines))


CASES = {
    # files that are missing, empty or not files
    "missing file": ([remove("cut_scores.csv")], ["cut_scores.csv: file is missing from the folder"]),
    "file with another case": ([remove("cut_scores.csv"), write("Cut_Scores.csv", TINY["cut_scores.csv"])], [
        'cut_scores.csv: file is missing from the folder (found Cut_Scores.csv: rename it to cut_scores.csv)',
    ]),
    "empty file": ([write("schools.csv", b"")], [
        'schools.csv: file is empty (no header row)',
    ]),
    "only blank lines": ([write("schools.csv", "\n\n\n")], [
        'schools.csv: file is empty (no header row)',
    ]),
    "header only": ([write("cut_scores.csv", TINY["cut_scores.csv"].splitlines()[0] + "\n")], [
        'cut_scores.csv: file has a header but no rows',
    ]),
    "blank first row": ([write("schools.csv", "\n" + TINY["schools.csv"])], [
        'schools.csv, row 1: is blank, but the header (the column names) must be on row 1',
    ]),
    "folder named like the file": ([make_folder("students.csv")], [
        'students.csv: is a folder, not a file; put the CSV file itself here',
    ]),
    # not CSV text
    "semicolons": ([write("schools.csv", TINY["schools.csv"].replace(",", ";"))], [
        'schools.csv, row 1: columns are separated by semicolons, not commas; save the file as comma-separated CSV',
    ]),
    "tabs": ([write("schools.csv", TINY["schools.csv"].replace(",", "\t"))], [
        'schools.csv, row 1: columns are separated by tabs, not commas; save the file as comma-separated CSV',
    ]),
    "utf-16 with BOM": ([encoded("students.csv", "utf-16")], [
        'students.csv: looks like UTF-16 text (Excel\'s "Unicode Text"); save it as CSV UTF-8',
    ]),
    "utf-16 without BOM": ([encoded("students.csv", "utf-16-le")], [
        'students.csv: looks like UTF-16 text (Excel\'s "Unicode Text"); save it as CSV UTF-8',
    ]),
    "old Excel file in place of csv": ([remove("students.csv"), write("students.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))], [
        'students.xls: is an old Excel workbook (.xls); open it in Excel and save it as .xlsx or CSV UTF-8',
    ]),
    "xls bytes named csv": ([write("students.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))], [
        'students.csv: is an old Excel workbook (.xls) named .csv; save it as CSV UTF-8',
    ]),
    "xlsx bytes named csv": ([write("students.csv", b"PK\x03\x04" + bytes(100))], [
        'students.csv: is an Excel workbook (.xlsx) named .csv; save it as CSV UTF-8, or rename it to .xlsx',
    ]),
    "web page named csv": ([write("students.csv", "<!DOCTYPE html>\n<html><body><table><tr><td>student_id</td></tr></table></body></html>\n")], [
        'students.csv: is a web page (HTML) saved as .csv, not CSV text; download or export the table as CSV UTF-8 instead',
    ]),
    "a file given as the district": ([folder_becomes_file], [
        'district: is a file; give the district folder (or one .xlsx workbook holding every table)',
    ]),
    "damaged xlsx": ([remove("schools.csv"), write("schools.xlsx", b"not a zip file at all")], [
        'schools.xlsx: cannot be opened as an Excel workbook (File is not a zip file); save it again from Excel as .xlsx',
    ]),
    # encodings
    "utf-8 BOM": ([encoded("students.csv", "utf-8-sig")], []),
    "windows-1252 file": ([encoded("students.csv", "cp1252", TINY["students.csv"].replace("Ana,Reyes", "Ana,Peña"))], []),
    "one windows-1252 line in utf-8": ([cp1252_line], [
        "students.csv, row 4, column 'last_name': 'García' is Windows-1252 text in a file that is otherwise UTF-8; save the whole file again as CSV UTF-8",
    ]),
    "bytes neither utf-8 nor windows-1252": ([write("schools.csv", TINY["schools.csv"].replace("Birch", "Bi\x81rch").encode("latin-1"))], [
        "schools.csv, row 3, column 'school_name': 'Bi<U+0081>rch Middle' holds bytes that are neither UTF-8 nor Windows-1252; save the file again as CSV UTF-8",
    ]),
    # line endings, spaces, blank rows and columns
    "CRLF line endings": ([write("students.csv", TINY["students.csv"].replace("\n", "\r\n"))], []),
    "old Mac CR line endings": ([write("schools.csv", TINY["schools.csv"].replace("\n", "\r"))], []),
    "spaces around values": ([edit("students.csv", "0001,S1,Ana", " 0001 , S1 ,Ana ")], []),
    "blank rows are counted": ([edit("assessments.csv", "0002,ELA", "\n,,,,,\n0002,ELA"), edit("assessments.csv", "2432", "lots")], [
        "assessments.csv, row 5, column 'score': 'lots' must be a number",
    ]),
    "trailing blank columns": ([write("schools.csv", TINY["schools.csv"].replace("\n", ",,,\n"))], []),
    "value under a blank header cell": ([write("schools.csv", TINY["schools.csv"].replace("\n", ",,\n").replace("6-8,,", "6-8,,x"))], [
        'schools.csv, row 3: has 6 values but the header has 4 columns',
    ]),
    "blank header cell in the middle": ([edit("schools.csv", "school_name,level", "school_name,,level"), edit("schools.csv", "K-5", "x,K-5"), edit("schools.csv", "6-8", "x,6-8")], [
        'schools.csv, row 1: column C has no name in the header; name it or delete the column',
        "schools.csv, 2 rows (2–3), column 'level': 'x' must be one of elementary, middle, high",
    ]),
    "ragged row": ([edit("schools.csv", "S2,Birch Middle", "S2,Birch, Middle")], [
        'schools.csv, row 3: has 5 values but the header has 4 columns',
    ]),
    "many ragged rows": ([edit("assessments.csv", "ELA,sbac", "ELA,x,sbac", count=3)], [
        'assessments.csv, 3 rows (2–4): has 7 values but the header has 6 columns',
    ]),
    "short row": ([edit("schools.csv", "S2,Birch Middle,middle,6-8", "S2,Birch Middle")], [
        "schools.csv, row 3, column 'grades': must be a grade range such as K-5, 6-8 or 9-12",
        "schools.csv, row 3, column 'level': must be one of elementary, middle, high",
    ]),
    # the header
    "header repeats score": ([edit("assessments.csv", "date,score", "date,score,score"), edit("assessments.csv", "2400\n", "2400,1\n")], [
        "assessments.csv, row 1, column 'score': column name appears twice in the header (columns F and G); only column F is read",
    ]),
    "header repeats grade": ([edit("students.csv", "grade,teacher", "grade,grade")], [
        "students.csv, column 'teacher': required column is missing",
        "students.csv, row 1, column 'grade': column name appears twice in the header (columns E and F); only column E is read",
    ]),
    "header repeats near": ([edit("cut_scores.csv", "near,at", "near,near")], [
        "cut_scores.csv, column 'at': required column is missing",
        "cut_scores.csv, row 1, column 'near': column name appears twice in the header (columns E and F); only column E is read",
    ]),
    "header in capitals": ([edit("schools.csv", "school_id", "School_ID")], [
        "schools.csv, column 'school_id': required column is missing (found 'School_ID': rename it 'school_id')",
    ]),
    "header name with a zero-width space": ([edit("schools.csv", "school_name", "school\u200b_name")], [
        "schools.csv, column 'school_name': required column is missing (found 'school<U+200B>_name': rename it 'school_name')",
    ]),
    "header cell that is a number": ([edit("cut_scores.csv", ",at,", ",0,")], [
        "cut_scores.csv, column 'at': required column is missing",
    ]),
    # quotes and long or hidden characters
    "stray opening quote": ([stray_quote], [
        'students.csv, row 3, column \'first_name\': a quote (") opens in this cell and is closed only 2 line(s) further down, so those lines are read as part of it; remove the stray quote',
    ]),
    "quote never closed": ([edit("students.csv", ",Cara,", ',"Cara,')], [
        'students.csv, row 4: a quote (") opens in this row and is never closed, so the rest of the file reads as one cell; remove the stray quote',
    ]),
    "quoted line break is a value": ([edit("schools.csv", "Birch Middle", '"Birch\nMiddle"')], []),
    "field over 131,072 characters": ([edit("students.csv", "Ms. Lee", "M" * 140_000)], [
        "students.csv, row 2, column 'teacher': holds 140,000 characters (longest allowed: 1,000); the export is probably damaged",
    ]),
    "zero-width space in an id": ([edit("students.csv", "0002,S1", "00\u200b02,S1")], [
        "assessments.csv, row 3, column 'student_id': student '0002' is not in students.csv",
        "students.csv, row 3, column 'student_id': '00<U+200B>02' holds an invisible character (U+200B ZERO WIDTH SPACE), so it differs from the value it looks like; retype the value",
    ]),
    "no-break space inside an id": ([edit("assessments.csv", "0003,ELA", "00\u00a003,ELA")], [
        "assessments.csv, row 4, column 'student_id': '00<U+00A0>03' holds an invisible character (U+00A0 NO-BREAK SPACE), so it differs from the value it looks like; retype the value",
    ]),
    "byte-order mark mid-file": ([edit("assessments.csv", "0004,ELA", "\ufeff0004,ELA")], [
        "assessments.csv, row 5, column 'student_id': '<U+FEFF>0004' holds an invisible character (U+FEFF ZERO WIDTH NO-BREAK SPACE), so it differs from the value it looks like; retype the value",
    ]),
    "NUL byte in a name": ([edit("students.csv", "Cho", "Ch\x00o")], [
        "students.csv, row 3, column 'last_name': 'Ch<U+0000>o' holds a control character (U+0000 NUL) that no one typed: the export is damaged; retype the value",
    ]),
    "tab inside a quoted name": ([edit("students.csv", "Patel", '"Pa\ttel"')], [
        "students.csv, row 5, column 'last_name': 'Pa<U+0009>tel' holds a control character (U+0009 TAB) that no one typed: the export is damaged; retype the value",
    ]),
    # values
    "duplicate student ids": ([append("students.csv", "0001,S2,Eve,Long,7,Mr. Ode,2,Female,White,false,false,false,false\n")], [
        "students.csv, row 6, column 'student_id': '0001' is used twice (first on row 2)",
    ]),
    "duplicate assessment rows": ([append("assessments.csv", "0001,ELA,sbac,end_of_year,2026-05-13,2451\n" * 3)], [
        'assessments.csv, 3 rows (7–9): repeats the student_id, subject, measure, window of row 6',
    ]),
    "dates in other formats": ([edit("assessments.csv", "2025-09-10", "10.09.2025"), edit("assessments.csv", "2025-09-11", "Sep 11 2025"), edit("assessments.csv", "2026-05-12", "45789")], [
        "assessments.csv, row 2, column 'date': '10.09.2025' is not a real date (use YYYY-MM-DD)",
        "assessments.csv, row 5, column 'date': 'Sep 11 2025' is not a real date (use YYYY-MM-DD)",
        "assessments.csv, row 6, column 'date': '45789' is not a real date (use YYYY-MM-DD)",
    ]),
    "score not a number on many rows": ([append("assessments.csv", assessment_rows("0001", 5, score="n/a"))], [
        "assessments.csv, 5 rows (7–11), column 'score': 'n/a' must be a number",
    ]),
    "four different scores that are not numbers": ([append("assessments.csv", "".join(assessment_rows("0002", 1, w, score) for w, score in enumerate(["a", "n/a", "-", "2.5.1"], start=1)))], [
        "assessments.csv, 4 rows (7–10), column 'score': must be a number (found 'a', 'n/a', '-' and 1 other)",
    ]),
    "scores out of range": ([append("assessments.csv", assessment_rows("0004", 4, score="9999"))], [
        "assessments.csv, 4 rows (7–10), column 'score': 9999 is outside the range of 'sbac' ELA grade 6 (2230–2770)",
    ]),
    "thresholds not rising": ([edit("cut_scores.csv", "2367,2432", "2432,2367")], [
        'cut_scores.csv, row 2: thresholds must rise: lowest_score ≤ near < at < above ≤ highest_score',
    ]),
    # one cause, many rows
    "short cut_scores": ([edit("cut_scores.csv", "sbac,ELA,6,2230,2457,2531,2618,2770\n", ""), append("assessments.csv", assessment_rows("0003", 20) + assessment_rows("0004", 20))], [
        "assessments.csv, 42 rows (4–5, 7–46), column 'measure': no cut scores for measure 'sbac', subject 'ELA', grade 6 in cut_scores.csv; add that row to cut_scores.csv",
    ]),
    "unknown school on many rows": ([edit("students.csv", ",S2,", ",S9,", count=2)], [
        "students.csv, 2 rows (4–5), column 'school_id': school 'S9' is not in schools.csv",
    ]),
    "many unknown students": ([append("assessments.csv", "".join(f"{9000 + i},ELA,sbac,baseline,2025-09-10,2400\n" for i in range(30)))], [
        "assessments.csv, 30 rows (7–36), column 'student_id': students not in students.csv: '9000', '9001', '9002' and 27 others",
    ]),
    "grade not served": ([edit("students.csv", "0003,S2,Cara,Diaz,6", "0003,S2,Cara,Diaz,4")], [
        "assessments.csv, row 4, column 'measure': no cut scores for measure 'sbac', subject 'ELA', grade 4 in cut_scores.csv; add that row to cut_scores.csv",
        "students.csv, row 4, column 'grade': grade 4 is not served by school 'S2' (grades 6-8)",
    ]),
    # workbooks
    "workbook whose first sheet is a ReadMe": ([edit("students.csv", "0003,S2,Cara,Diaz,6", "0003,S2,Cara,Diaz,13"), workbook("students", {"ReadMe": [["How to fill this in"], ["One row per student."]], "Data": "table"})], [
        "students.xlsx [Data], row 4, column 'grade': '13' must be K or a whole grade from 1 to 12",
    ]),
    "workbook with no sheet that fits": ([workbook("students", {"ReadMe": [["How to fill this in"]], "Notes": [["nothing"]]})], [
        'students.xlsx: no sheet has the students header on row 1 (student_id, school_id, first_name, last_name, grade, teacher, class_period, gender, race_ethnicity, english_learner, students_with_disabilities, socioeconomically_disadvantaged); sheets: ReadMe, Notes',
    ]),
    "formula never calculated": ([workbook("schools", {"schools": "table"}, formulas=[("B3", '=UPPER("birch")')])], [
        'schools.xlsx, row 3, column \'school_name\': holds a formula (=UPPER("birch")) with no saved value; open the file in Excel and save it, or paste values instead',
    ]),
}


@pytest.mark.parametrize("steps, expected", CASES.values(), ids=CASES.keys())
def test_bad_input_is_reported_exactly(tmp_path, steps, expected):
    folder = write_district(tmp_path / "district")
    for step in steps:
        step(folder)
    assert [str(p) for p in validate_district(folder)] == expected


def built(tmp_path, name):
    folder = write_district(tmp_path / "district")
    for step in CASES[name][0]:
        step(folder)
    return folder


def test_corpus_covers_every_reported_fault():
    assert len(CASES) >= 40


def test_windows_1252_names_load_unchanged(tmp_path):
    students = load_district(built(tmp_path, "windows-1252 file")).students
    assert students.loc[students["student_id"] == "0001", "last_name"].item() == "Peña"


def test_a_file_of_mixed_encodings_does_not_load(tmp_path):
    with pytest.raises(DistrictDataError, match="'García' is Windows-1252 text"):
        load_district(built(tmp_path, "one windows-1252 line in utf-8"))


def test_load_district_error_lists_grouped_problems(tmp_path):
    with pytest.raises(DistrictDataError) as error:
        load_district(built(tmp_path, "short cut_scores"))
    assert str(error.value).splitlines()[1:] == ["  - " + CASES["short cut_scores"][1][0]]


def test_cli_prints_messages_and_no_traceback(tmp_path):
    from click.testing import CliRunner

    from onthemove_widgets.cli import main

    result = CliRunner().invoke(main, ["validate", str(built(tmp_path, "header repeats score"))])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output.splitlines()[0] == CASES["header repeats score"][1][0]


TRICKY_BYTES = [b'"', b",", b"\n", b"\r", b"\x00", b"\xff", b"\xe9", b"\xc3", b"\xef\xbb\xbf", b";", b"\t", b"", b"=", b"<html>"]


@pytest.mark.parametrize("seed", range(40))
def test_damaged_bytes_never_raise(tmp_path, seed):
    """Random damage to random files: problems, or a district, but never another exception."""
    rng = random.Random(seed)
    folder = write_district(tmp_path / "district")
    for _ in range(rng.randint(1, 6)):
        path = folder / rng.choice(sorted(TINY))
        data = path.read_bytes()
        at = rng.randrange(len(data) + 1)
        path.write_bytes(data[:at] + rng.choice(TRICKY_BYTES) + data[at + rng.randint(0, 3):])
    problems = validate_district(folder)
    try:
        load_district(folder)
        assert problems == []
    except DistrictDataError as error:
        assert error.problems == problems
