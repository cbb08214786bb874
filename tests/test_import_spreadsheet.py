"""Any spreadsheet in: columns matched to the dictionary's fields, the mapping saved, nothing invented."""

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from onthemove_widgets.cli import main
from onthemove_widgets.importers.faults import ImportFault
from onthemove_widgets.importers.spreadsheet import load_mapping, preview, read_spreadsheet, save_mapping, suggest_mapping

HEADER = "Student Number,Last,First,Gr,School,EL,IEP,FRL,Fall Score,Test Date"
ROWS = """00412,Nguyen,Ada,K,101,Y,N,1,38,08/24/2022
00877,Okafor,Ben,03,101,N,Maybe,0,62,2022-08-30
1.2E+07,Diaz,Cam,7,202,N,N,N,55,9/1/2022
00877,Okafor,Ben,4,101,N,N,0,70,2022-09-02
"""
MAPPING = {"columns": {"student_id": "Student Number", "last_name": "Last", "first_name": "First", "grade": "Gr",
                       "school_id": "School", "english_learner": "EL", "students_with_disabilities": "IEP",
                       "socioeconomically_disadvantaged": "FRL", "score": "Fall Score", "date": "Test Date"},
           "values": {"measure": "fall_screener", "subject": "ELA", "window": "Fall"}}


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "roster 2023.csv"
    path.write_text(HEADER + "\n" + ROWS, encoding="utf-8-sig")
    return path


@pytest.fixture
def mapping_file(tmp_path):
    path = tmp_path / "m.yaml"
    save_mapping(path, MAPPING)
    return path


def notes(result):
    return [str(n) for n in result.notes]


def test_suggestions_match_names_aliases_and_close_spellings_and_never_reuse_a_column():
    mapping = suggest_mapping(HEADER.split(",") + ["Gender", "Race Ethnicty", "Teacher"])
    assert mapping == {"student_id": "Student Number", "school_id": "School", "first_name": "First", "last_name": "Last",
                       "grade": "Gr", "teacher": "Teacher", "gender": "Gender", "race_ethnicity": "Race Ethnicty",
                       "english_learner": "EL", "students_with_disabilities": "IEP", "socioeconomically_disadvantaged": "FRL",
                       "date": "Test Date"}
    assert suggest_mapping(["ID", "SSID"]) == {"student_id": "ID"}


def test_the_suggested_mapping_makes_students_says_each_match_and_keeps_ids_as_text(csv_file):
    result = read_spreadsheet([csv_file])
    students = result.tables["students"].set_index("student_id")
    assert students.loc["00412", ["last_name", "grade", "school_id", "english_learner"]].tolist() == ["Nguyen", "K", "101", "true"]
    assert students.loc["00877", "grade"] == "4"  # the last row wins
    assert (students[["teacher", "class_period", "gender"]] == "").all().all()
    assert "assessments" not in result.tables  # 'Fall Score' is not suggested: score stays unmapped
    said = notes(result)
    assert any("'Student Number' → student_id" in n and "'Gr' → grade" in n for n in said)
    assert any("disagree on school or grade" in n and "(1 row)" in n for n in said)
    assert any("scientific notation" in n and "'1.2E+07'" in n for n in said)
    assert any("students_with_disabilities" in n and "'Maybe'" in n for n in said)
    assert any("left empty" in n and "teacher" in n for n in said)
    schools = result.tables["schools"].set_index("school_id")
    assert schools.loc["101", ["school_name", "level", "grades"]].tolist() == ["101", "elementary", "K-4"]
    assert schools.loc["202", "level"] == "middle"


def test_a_saved_mapping_imports_the_same_and_its_values_fill_measure_and_window(csv_file, mapping_file):
    assert load_mapping(mapping_file) == MAPPING
    by_file, by_dict = read_spreadsheet([csv_file], mapping=mapping_file), read_spreadsheet([csv_file], mapping=MAPPING)
    for name in ("students", "assessments", "schools"):
        pd.testing.assert_frame_equal(by_file.tables[name], by_dict.tables[name])
    scores = by_file.tables["assessments"]
    assert scores.iloc[0].tolist() == ["00412", "ELA", "fall_screener", "Fall", "2022-08-24", "38"]
    assert set(scores["window"]) == {"Fall"} and len(scores) == 3  # Ben's two fall scores: the later one is kept
    assert scores.set_index("student_id").loc["00877", "score"] == "70"
    assert any("scored twice in one window" in n and "(1 row)" in n for n in notes(by_file))


def test_preview_shows_the_first_rows_under_dictionary_names(csv_file, mapping_file):
    rows = preview(csv_file, mapping_file, rows=2)
    assert len(rows) == 2
    assert rows.loc[0, ["student_id", "grade", "date", "measure"]].tolist() == ["00412", "K", "2022-08-24", "fall_screener"]
    assert rows.loc[1, "grade"] == "3"


def test_an_excel_file_reads_as_the_text_excel_shows(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["ID", "Surname", "Grade Level", "Site", "Scale Score", "Date"])
    sheet.append(["00412", "Nguyen", 5, "101", 2431.0, "2023-05-01"])
    book.save(tmp_path / "scores.xlsx")
    result = read_spreadsheet([tmp_path / "scores.xlsx"], mapping={
        "columns": suggest_mapping(["ID", "Surname", "Grade Level", "Site", "Scale Score", "Date"]),
        "values": {"measure": "sbac", "subject": "Math", "window": "Spring"}})
    assert result.tables["students"].loc[0, ["student_id", "grade", "last_name"]].tolist() == ["00412", "5", "Nguyen"]
    assert result.tables["assessments"].loc[0, ["score", "date"]].tolist() == ["2431", "2023-05-01"]


def test_a_required_field_neither_mapped_nor_given_is_a_fault_listing_the_columns(csv_file):
    mapping = {"columns": {k: v for k, v in MAPPING["columns"].items() if k != "grade"}, "values": {}}
    with pytest.raises(ImportFault) as fault:
        read_spreadsheet([csv_file], mapping=mapping)
    text = str(fault.value)
    assert "'grade'" in text and "'Gr'" in text and "'measure'" in text


def test_a_mapping_naming_a_column_the_file_lacks_or_an_unknown_key_is_a_fault_naming_the_file(csv_file, tmp_path):
    wrong = tmp_path / "wrong.yaml"
    save_mapping(wrong, {"columns": {**MAPPING["columns"], "grade": "Grade"}, "values": MAPPING["values"]})
    with pytest.raises(ImportFault, match=r"wrong\.yaml.*'Grade'"):
        read_spreadsheet([csv_file], mapping=wrong)
    wrong.write_text("columns: {student_id: ID}\nvalue: {window: Fall}\ncolumns_x: 1\n")
    with pytest.raises(ImportFault) as fault:
        load_mapping(wrong)
    assert "wrong.yaml" in str(fault.value) and "'value'" in str(fault.value) and "'columns_x'" in str(fault.value)
    wrong.write_text("columns: {student: ID}\n")
    with pytest.raises(ImportFault, match="unknown field 'student'"):
        load_mapping(wrong)


def test_a_windows_1252_csv_reads(tmp_path):
    path = tmp_path / "old.csv"
    path.write_bytes("ID,Last,Gr,School\n1,Pe\xf1a,5,101\n".encode("cp1252"))
    assert read_spreadsheet([path]).tables["students"].loc[0, "last_name"] == "Peña"


def test_the_command_imports_with_a_mapping_and_saves_the_one_it_used(csv_file, mapping_file, tmp_path):
    out, saved = tmp_path / "district", tmp_path / "next_year.yaml"
    run = CliRunner().invoke(main, ["import", "spreadsheet", str(csv_file), "--mapping", str(mapping_file),
                                    "--out", str(out), "--save-mapping", str(saved)])
    assert "Traceback" not in run.output, run.output
    students = pd.read_csv(out / "students.csv", dtype=str, keep_default_na=False)
    assert students["student_id"].tolist()[0] == "00412"
    assessments = pd.read_csv(out / "assessments.csv", dtype=str, keep_default_na=False)
    assert set(assessments["measure"]) == {"fall_screener"}
    assert load_mapping(saved) == MAPPING
    run = CliRunner().invoke(main, ["import", "nwea-map", str(csv_file), "--mapping", str(mapping_file), "--out", str(tmp_path / "x")])
    assert run.exit_code == 2 and "spreadsheet kind only" in run.output


def test_from_two_spreadsheets_and_the_teams_cut_scores_to_a_school_report(tmp_path):
    """Fall's file makes the folder, winter's is added into it with the same saved mapping; the report reads both windows."""
    from onthemove_widgets.data.validate import validate_district
    from onthemove_widgets.importers.write import add_into, write_district
    from onthemove_widgets.reports.batch import run_reports

    def term(name, scores):
        path = tmp_path / f"{name}.csv"
        path.write_text("Student Number,Last,First,Gr,School,Gender,Ethnicity,Score,Test Date\n" + "".join(
            f"{sid},{last},{first},{grade},101,{gender},{race},{score},{date}\n"
            for (sid, last, first, grade, gender, race), (score, date) in zip(PEOPLE, scores)))
        return path

    folder = tmp_path / "district"
    mapping = {"columns": {**suggest_mapping(["Student Number", "Last", "First", "Gr", "School", "Gender", "Ethnicity", "Test Date"]),
                           "score": "Score"}, "values": {"measure": "screener", "subject": "ELA"}}
    fall = term("fall", [("38", "08/24/2022"), ("62", "8/30/2022")])
    write_district(read_spreadsheet([fall], mapping={**mapping, "values": {**mapping["values"], "window": "Fall"}}), folder)
    winter = term("winter", [("47", "01/10/2023"), ("75", "1/11/2023")])
    assert add_into(read_spreadsheet([winter], mapping={**mapping, "values": {**mapping["values"], "window": "Winter"}}), folder).empty
    (folder / "cut_scores.csv").write_text("measure,subject,grade,lowest_score,near,at,above,highest_score\n"
                                           "screener,ELA,K,0,30,50,70,100\nscreener,ELA,4,0,30,50,70,100\n")
    assert [str(p) for p in validate_district(folder)] == []
    summary = run_reports(folder, tmp_path / "reports", schools=["101"], timeout=120)
    assert summary.results["101"].ok, summary.results["101"].error


PEOPLE = [("00412", "Nguyen", "Ada", "K", "Female", "Asian"), ("00877", "Okafor", "Ben", "4", "Male", "Black or African American")]
