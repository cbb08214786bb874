"""The validator names file, row and column for every problem, all at once."""

import openpyxl
import pytest

from tiny_district import TINY, write_district
from onthemove_widgets.data.problems import Problem
from onthemove_widgets.data.validate import grades_in_range, validate_district


def with_changes(tmp_path, **changes):
    files = dict(TINY)
    for name, (old, new) in changes.items():
        assert old in files[f"{name}.csv"]
        files[f"{name}.csv"] = files[f"{name}.csv"].replace(old, new)
    return write_district(tmp_path / "bad", files)


def messages(problems):
    return [str(p) for p in problems]


def test_clean_district_has_no_problems(tiny_district):
    assert validate_district(tiny_district) == []


def test_each_problem_names_file_row_and_column(tmp_path):
    folder = with_changes(
        tmp_path,
        students=("0002,S1,Ben", "0001,S1,Ben"),
        assessments=("0004,ELA,sbac,baseline,2025-09-11,2620", "0004,ELA,sbac,baseline,2025-02-30,9999"),
    )
    found = {(p.file, p.row, p.column) for p in validate_district(folder)}
    # 0004 is in grade 6: 9999 is past the 2770 top of the range; 0002 no longer exists
    assert found == {
        ("students.csv", 3, "student_id"),
        ("assessments.csv", 3, "student_id"),
        ("assessments.csv", 5, "date"),
        ("assessments.csv", 5, "score"),
    }


def test_duplicate_id_points_at_the_first_row(tmp_path):
    extra = "0001,S2,Eve,Long,7,Mr. Ode,2,Female,White,false,false,false,false\n"
    folder = write_district(tmp_path / "dup", dict(TINY, **{"students.csv": TINY["students.csv"] + extra}))
    assert messages(validate_district(folder)) == ["students.csv, row 6, column 'student_id': '0001' is used twice (first on row 2)"]


def test_missing_column_is_reported_once(tmp_path):
    text = "\n".join(line.rsplit(",", 1)[0] for line in TINY["cut_scores.csv"].splitlines()) + "\n"
    folder = write_district(tmp_path / "cols", dict(TINY, **{"cut_scores.csv": text}))
    problems = validate_district(folder)
    assert messages(problems) == ["cut_scores.csv, column 'highest_score': required column is missing"]


def test_unknown_student_school_and_grade(tmp_path):
    folder = with_changes(
        tmp_path,
        students=("0003,S2,Cara,Diaz,6", "0003,S9,Cara,Diaz,6"),
        assessments=("0001,ELA,sbac,end_of_year", "0099,ELA,sbac,end_of_year"),
    )
    problems = messages(validate_district(folder))
    assert "students.csv, row 4, column 'school_id': school 'S9' is not in schools.csv" in problems
    assert "assessments.csv, row 6, column 'student_id': student '0099' is not in students.csv" in problems


def test_grade_not_served_by_school(tmp_path):
    folder = with_changes(tmp_path, students=("0003,S2,Cara,Diaz,6", "0003,S2,Cara,Diaz,4"))
    problems = messages(validate_district(folder))
    assert "students.csv, row 4, column 'grade': grade 4 is not served by school 'S2' (grades 6-8)" in problems


def test_score_without_cut_scores(tmp_path):
    folder = with_changes(tmp_path, assessments=("0001,ELA,sbac,end_of_year", "0001,Math,sbac,end_of_year"))
    assert messages(validate_district(folder)) == ["assessments.csv, row 6, column 'measure': no cut scores for measure 'sbac', subject 'Math', grade 3 in cut_scores.csv; add that row to cut_scores.csv"]


def test_several_problems_are_all_reported(tmp_path):
    folder = with_changes(
        tmp_path,
        schools=("elementary,K-5", "primary,K-5"),
        students=("true,false,true,false", "maybe,false,true,false"),
        assessments=("2025-09-10,2432", "2025-09-10,abc"),
        cut_scores=("2457,2531,2618", "2457,2400,2618"),
    )
    found = {(p.file, p.row, p.column) for p in validate_district(folder)}
    assert found == {
        ("schools.csv", 2, "level"),
        ("students.csv", 2, "english_learner"),
        ("assessments.csv", 3, "score"),
        ("cut_scores.csv", 3, None),
    }


def test_duplicate_assessment_row(tmp_path):
    files = dict(TINY, **{"assessments.csv": TINY["assessments.csv"] + "0001,ELA,sbac,end_of_year,2026-05-13,2451\n"})
    folder = write_district(tmp_path / "dup", files)
    assert messages(validate_district(folder)) == ["assessments.csv, row 7: repeats the student_id, subject, measure, window of row 6"]


def test_cp1252_file_with_accents_is_read(tmp_path):
    files = dict(TINY, **{"students.csv": TINY["students.csv"].replace("Ana,Reyes", "Ana,Peña").replace("Dev,Patel", "Zoë,Müller")})
    folder = write_district(tmp_path / "excel", files, encoding="cp1252")
    assert validate_district(folder) == []


def test_utf8_bom_header_is_understood(tmp_path):
    folder = write_district(tmp_path / "bom", TINY, encoding="utf-8-sig")
    assert validate_district(folder) == []


def test_semicolon_file_is_reported_not_guessed(tmp_path):
    files = dict(TINY, **{"schools.csv": TINY["schools.csv"].replace(",", ";")})
    folder = write_district(tmp_path / "semi", files)
    assert messages(validate_district(folder)) == ["schools.csv, row 1: columns are separated by semicolons, not commas; save the file as comma-separated CSV"]


def test_empty_and_missing_files(tmp_path):
    folder = write_district(tmp_path / "empty", dict(TINY, **{"schools.csv": ""}))
    (folder / "cut_scores.csv").unlink()
    assert messages(validate_district(folder)) == ["cut_scores.csv: file is missing from the folder", "schools.csv: file is empty (no header row)"]


def test_ragged_row(tmp_path):
    folder = with_changes(tmp_path, schools=("S2,Birch Middle", "S2,Birch, Middle"))
    assert messages(validate_district(folder)) == ["schools.csv, row 3: has 5 values but the header has 4 columns"]


def test_workbook_with_one_sheet_per_table(tmp_path, tiny_district):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in ("schools", "students", "assessments", "cut_scores"):
        sheet = book.create_sheet(name)
        for line in (tiny_district / f"{name}.csv").read_text().splitlines():
            sheet.append([int(v) if v.isdigit() and name != "students" and name != "assessments" else v for v in line.split(",")])
    book["assessments"]["F3"] = 99999
    book.save(tmp_path / "district.xlsx")
    assert messages(validate_district(tmp_path / "district.xlsx")) == ["district.xlsx [assessments], row 3, column 'score': 99999 is outside the range of 'sbac' ELA grade 3 (2115–2650)"]


@pytest.mark.parametrize(("text", "grades"), [("K-5", {0, 1, 2, 3, 4, 5}), ("6-8", {6, 7, 8}), ("11", {11})])
def test_grade_ranges(text, grades):
    assert grades_in_range(text) == grades


def test_rows_of_one_cause_read_as_ranges():
    problem = Problem("assessments.csv", 3, "measure", "no cut scores", rows=(*range(3, 482), 490, *range(502, 511)))
    assert str(problem) == "assessments.csv, 489 rows (3–481, 490, 502–510), column 'measure': no cut scores"


def test_long_row_lists_are_cut_short():
    problem = Problem("students.csv", 2, None, "has 5 values", rows=tuple(range(2, 40, 2)))
    assert str(problem) == "students.csv, 19 rows (2, 4, 6, 8, 10, 12 and 13 more): has 5 values"
