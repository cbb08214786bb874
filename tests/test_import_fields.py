"""The readers every importer shares: flags, dates, ids, headers, and adding a source to a folder."""

import pandas as pd
from click.testing import CliRunner

from onthemove_widgets.cli import main
from onthemove_widgets.importers.fields import find_columns, grade_code, iso_dates, mangled_ids, school_span, yes_no
from onthemove_widgets.importers.result import ImportResult
from onthemove_widgets.importers.write import add_into, write_district


def test_flags_in_every_common_coding_and_the_rest_named():
    flags, unknown = yes_no(pd.Series(["Y", "no", "TRUE", "false", "1", "0", "", "Maybe"]))
    assert flags.tolist() == ["true", "false", "true", "false", "true", "false", "", ""]
    assert unknown.tolist() == ["Maybe"]


def test_dates_in_the_forms_exports_use():
    dates, unread = iso_dates(pd.Series(["2023-05-01T18:25:43.511Z", "2017-05-06 08:01:05", "1/05/2023", "3/2/21", "08/24/2022", "", "31/12/2023"]))
    assert dates.tolist() == ["2023-05-01", "2017-05-06", "2023-01-05", "2021-03-02", "2022-08-24", "", ""]
    assert unread.tolist() == ["31/12/2023"]


def test_ids_a_spreadsheet_turned_into_numbers_are_found_and_leading_zeros_are_not_flagged():
    assert mangled_ids(pd.Series(["0012345", "1.23457E+11", "9E5", "A-1"])).tolist() == ["1.23457E+11", "9E5"]


def test_headers_match_whatever_the_case_spacing_or_punctuation():
    assert find_columns(["student id", "TERM_NAME", "x"], {"student_id": [], "term": ["TermName"], "y": ["Y1"]}) == {
        "student_id": "student id", "term": "TERM_NAME"}
    assert find_columns(["Term"], {"term": ["TermName"]}, by_name=False) == {}


def _result(**tables):
    return ImportResult(tables={name: pd.DataFrame(rows) for name, rows in tables.items()})


def test_adding_scores_into_a_folder_keeps_its_rows_and_counts_students_it_lacks(tmp_path):
    folder = tmp_path / "d"
    write_district(_result(students=[{"student_id": "001", "school_id": "A"}],
                           assessments=[{"student_id": "001", "subject": "ELA", "measure": "m", "window": "Fall", "date": "2024-09-01", "score": "5"}]), folder)
    unmatched = add_into(_result(assessments=[
        {"student_id": "001", "subject": "ELA", "measure": "m", "window": "Fall", "date": "2024-09-02", "score": "9"},
        {"student_id": "001", "subject": "ELA", "measure": "m", "window": "Spring", "date": "2025-05-01", "score": "7"},
        {"student_id": "002", "subject": "ELA", "measure": "m", "window": "Spring", "date": "2025-05-01", "score": "3"}]), folder)
    scores = pd.read_csv(folder / "assessments.csv", dtype=str)
    assert scores[["window", "score"]].values.tolist() == [["Fall", "5"], ["Spring", "7"]]
    assert unmatched["student_id"].tolist() == ["002"]


def test_the_command_refuses_a_folder_that_is_not_empty_and_writes_nothing(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine")
    source = tmp_path / "AssessmentResults.csv"
    source.write_text("TermName,SchoolName,StudentID,Subject,TestStartDate,TestPercentile\nFall 2024-2025,A,1,Reading,09/01/2024,50\n")
    outcome = CliRunner().invoke(main, ["import", "nwea-map", str(source), "--out", str(tmp_path / "out")])
    assert outcome.exit_code == 2 and "not empty" in outcome.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["keep.txt"]


def test_adding_into_keeps_the_folders_roster_and_its_own_settings_and_comments(tmp_path):
    folder = tmp_path / "d"
    write_district(_result(students=[{"student_id": "001", "school_id": "A", "teacher": "Ms. Lee"}]), folder)
    (folder / "district.yaml").write_text("# ours\nname: Ours\n")
    incoming = _result(students=[{"student_id": "001", "school_id": "Pine", "teacher": ""}],
                       assessments=[{"student_id": "001", "subject": "ELA", "measure": "m", "window": "Fall", "date": "2024-09-01", "score": "5"}])
    incoming.settings = {"name": "Theirs", "windows": ["Fall", "Spring"]}
    add_into(incoming, folder)
    assert pd.read_csv(folder / "students.csv", dtype=str)[["school_id", "teacher"]].values.tolist() == [["A", "Ms. Lee"]]
    text = (folder / "district.yaml").read_text()
    assert text.startswith("# ours\nname: Ours\n") and "windows:\n- Fall\n- Spring" in text and "Theirs" not in text


def test_one_rule_gives_every_importer_a_schools_level_and_grades():
    assert school_span(["3", "K", "1"]) == ("elementary", "K-3")
    assert school_span(["K", "8"]) == ("elementary", "K-8")  # the level the lowest grade says
    assert school_span(["12", "6"]) == ("middle", "6-12")
    assert school_span(["9", "PK", ""]) == ("high", "9")  # codes that are not grades are skipped
    assert school_span(["PK"]) == ("", "")


def test_grades_read_with_each_sources_kindergarten_codes():
    assert [grade_code(g, ("K", "KG")) for g in ["kg", "05", " 11 ", "PK"]] == ["K", "5", "11", "PK"]
    assert grade_code("KN", ("K", "KG")) == "KN"  # a code this source does not use stays as given
