"""The CAASPP Student Score Data File importer, on small invented caret-delimited files."""

import pandas as pd
import pytest

from onthemove_widgets.data.district import load_district
from onthemove_widgets.data.validate import validate_district
from onthemove_widgets.importers.caaspp import read_caaspp
from onthemove_widgets.importers.faults import ImportFault
from onthemove_widgets.importers.write import write_district
from onthemove_widgets.reports.batch import run_reports

HEADER = ["Record Type", "Statewide Student Identifier", "Student Last Name", "Student First Name", "Grade Assessed",
          "Gender", "Reporting Ethnicity", "ELAS", "IDEA Indicator", "Economic Disadvantage Status", "District Name",
          "School Code", "School Name", "Test Year", "Test Completion Date", "Include Indicator", "Condition Code",
          "Scale Score", "Achievement Level"]
RENAMED = ["Test Type", "SSID", "Last Name", "First Name", "Grade", "Gender", "Ethnicity",
           "English Language Acquisition Status", "Students with Disabilities", "Economically Disadvantaged",
           "District Name", "CDS Code", "School Name", "Test Year", "Completion Date", "Include Indicator",
           "Condition Code", "Overall Scale Score", "Achievement Level"]
SCHOOL_A = ["Sunny Unified", "0101234", "Sunny Elementary", "2024"]
SCHOOL_B = ["Sunny Unified", "0105555", "Sunny Middle", "2024"]
ANA = ["0012345678", "Lopez", "Ana", "05", "Female", "500", "EL", "No", "Yes"]
JOE = ["1234500001", "Kim", "Joe", "08", "Male", "200", "RFEP", "Yes", "No"]
MIA = ["2222200002", "Diaz", "Mia", "06", "Female", "700", "TBD", "No", "No"]
RECORDS = [
    ["SB ELA", *ANA, *SCHOOL_A, "05/14/2024", "Y", "", "2510", "3"],
    ["SB Math", *ANA, *SCHOOL_A, "05/15/2024", "Y", "", "2460", "2"],
    ["CAA ELA", "0099999999", "Ray", "Sam", "05", "Male", "700", "EO", "Yes", "No", *SCHOOL_A, "05/16/2024", "Y", "", "412", "2"],
    ["CAST", *ANA, *SCHOOL_A, "05/17/2024", "Y", "", "201", "2"],
    ["SB ELA", *JOE, *SCHOOL_B, "05/20/2024", "Y", "", "2600", "2"],  # 2600 is level 3 in grade 8
    ["SB Math", *JOE, *SCHOOL_B, "", "N", "NS", "", ""],
    ["SB Math", *MIA, *SCHOOL_B, "05/21/2024", "Y", "INC", "2390", "1"],
    ["SB ELA", *MIA, *SCHOOL_B, "05/21/2024", "Y", "", "2400", "9"],
]


def write(path, header, records):
    path.write_text("\n".join("^".join(row) for row in [header, *records]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def score_file(tmp_path):
    return write(tmp_path / "CAASPP_Student_Score_Data.txt", HEADER, RECORDS)


def messages(result, kind):
    return {note.message: note.count for note in result.notes if note.kind == kind}


def test_scored_smarter_balanced_records_become_students_and_scores(score_file):
    result = read_caaspp([score_file])
    students = result.tables["students"].set_index("student_id")
    assert list(students.index) == ["0012345678", "1234500001"]
    assert students.loc["0012345678", ["school_id", "grade", "race_ethnicity", "english_learner",
                                       "students_with_disabilities", "socioeconomically_disadvantaged"]].tolist() == \
        ["0101234", "5", "Hispanic or Latino", "true", "false", "true"]
    assert students.loc["1234500001", ["grade", "race_ethnicity", "english_learner", "students_with_disabilities"]].tolist() == \
        ["8", "Asian", "false", "true"]
    assert set(students["teacher"]) == {""} and set(students["class_period"]) == {""}
    scores = result.tables["assessments"]
    assert scores.values.tolist() == [
        ["0012345678", "ELA", "sbac", "spring_2024", "2024-05-14", "2510"],
        ["0012345678", "Math", "sbac", "spring_2024", "2024-05-15", "2460"],
        ["1234500001", "ELA", "sbac", "spring_2024", "2024-05-20", "2600"],
    ]
    assert result.settings == {"name": "Sunny Unified", "state_test": "sbac", "labels": {"sbac": "Smarter Balanced"}}


def test_schools_and_cut_scores_come_from_what_was_scored(score_file):
    result = read_caaspp([score_file])
    assert result.tables["schools"].values.tolist() == [["0101234", "Sunny Elementary", "elementary", "5"],
                                                        ["0105555", "Sunny Middle", "middle", "8"]]
    cuts = result.tables["cut_scores"]
    assert cuts[["measure", "subject", "grade", "near", "at", "above"]].values.tolist() == [
        ["sbac", "ELA", "5", "2442", "2502", "2582"], ["sbac", "ELA", "8", "2487", "2567", "2668"],
        ["sbac", "Math", "5", "2455", "2528", "2579"]]


def test_every_record_left_out_is_counted_with_its_reason(score_file):
    result = read_caaspp([score_file])
    left_out = messages(result, "left_out")
    assert left_out["CAA records: a different scale from Smarter Balanced"] == 1
    assert left_out["CAST records: a different scale from Smarter Balanced"] == 1
    assert left_out["Smarter Balanced records with include indicator N (not counted in the state's results)"] == 1
    assert left_out["Smarter Balanced records with a condition code (e.g. NS not started, INC, PNP, NTE): not a counted score"] == 1
    assert left_out["Smarter Balanced records with achievement level 9 or blank: no score"] == 1
    warnings = messages(result, "warning")
    mismatch = [m for m in warnings if m.startswith("achievement levels that are not")]
    assert len(mismatch) == 1 and warnings[mismatch[0]] == 1 and "file row 6" in mismatch[0]
    assert any("teacher and class_period" in m for m in left_out)
    assert any("inferred" in m for m in messages(result, "mapped"))


def test_an_undetermined_elas_leaves_english_learner_empty_and_says_so(tmp_path):
    records = [["SB Math", *MIA, *SCHOOL_B, "05/21/2024", "Y", "", "2500", "2"]]
    result = read_caaspp([write(tmp_path / "scores.txt", HEADER, records)])
    assert result.tables["students"]["english_learner"].tolist() == [""]
    assert messages(result, "warning")["english_learner left empty: ELAS is TBD, blank or unknown ('TBD')"] == 1


def test_missing_optional_columns_and_dates_are_left_empty_and_said(tmp_path):
    keep = [i for i, name in enumerate(HEADER) if name not in ("Gender", "Test Year")]
    records = [["SB Math", *ANA, *SCHOOL_A, "", "Y", "", "2460", "2"]]
    result = read_caaspp([write(tmp_path / "s.txt", [HEADER[i] for i in keep], [[r[i] for i in keep] for r in records])])
    assert result.tables["students"]["gender"].tolist() == [""]
    assert result.tables["assessments"][["window", "date"]].values.tolist() == [["spring", ""]]
    assert "no 'Gender' column: gender left empty" in messages(result, "left_out")
    assert messages(result, "warning")["scores without a test completion date: date left empty (validate needs one: fill it in)"] == 1


def test_renamed_headers_import_the_same(tmp_path, score_file):
    renamed = read_caaspp([write(tmp_path / "renamed.txt", RENAMED, RECORDS)])
    original = read_caaspp([score_file])
    for name in ("schools", "students", "assessments", "cut_scores"):
        assert renamed.tables[name].equals(original.tables[name]), name


def test_a_file_missing_a_required_column_is_refused_by_name(tmp_path):
    drop = HEADER.index("Scale Score")
    path = write(tmp_path / "wrong.txt", HEADER[:drop] + HEADER[drop + 1:], [r[:drop] + r[drop + 1:] for r in RECORDS])
    with pytest.raises(ImportFault) as fault:
        read_caaspp([path])
    assert "wrong.txt" in str(fault.value) and "'Scale Score'" in str(fault.value)


def test_a_comma_separated_file_is_not_mistaken_for_a_score_file(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    with pytest.raises(ImportFault, match="export.csv.*'Statewide Student Identifier'"):
        read_caaspp([path])


def test_a_row_with_the_wrong_number_of_fields_is_named(tmp_path):
    path = write(tmp_path / "short.txt", HEADER, [RECORDS[0], RECORDS[1][:-3]])
    with pytest.raises(ImportFault) as fault:
        read_caaspp([path])
    assert [(p.file, p.row) for p in fault.value.problems] == [("short.txt", 3)]
    assert "16 fields; the header has 19" in str(fault.value)


def test_the_written_folder_validates_and_loads_as_it_is(tmp_path):
    """Teacher and class period are not in the state file: the dictionary takes them as not recorded."""
    records = [r for r in RECORDS if r[1] != MIA[0]]
    folder = tmp_path / "d"
    write_district(read_caaspp([write(tmp_path / "scores.txt", HEADER, records)]), folder)
    assert validate_district(folder) == []
    students = load_district(folder).students.set_index("student_id")
    assert students.loc["0012345678", "teacher"] == "" and students["class_period"].isna().all()


def last_year(record, grade, scale, level):
    """The same student's record a year earlier: a grade lower, tested in spring 2023."""
    return [*record[:4], grade, *record[5:13], "2023", "05/10/2023", *record[15:17], scale, level]


def test_from_two_years_of_score_files_to_a_school_report(tmp_path):
    """Two springs give the report its two windows: last year's state test and this year's."""
    records = [r for r in RECORDS if r[1] != MIA[0]]
    earlier = [last_year(RECORDS[0], "04", "2450", "2"), last_year(RECORDS[1], "04", "2420", "2")]
    folder = tmp_path / "d"
    result = read_caaspp([write(tmp_path / "2024.txt", HEADER, records), write(tmp_path / "2023.txt", HEADER, earlier)])
    assert sorted(set(result.tables["assessments"]["window"])) == ["spring_2023", "spring_2024"]
    write_district(result, folder)
    assert validate_district(folder) == []
    summary = run_reports(folder, tmp_path / "reports", schools=["0101234"], timeout=120)
    result = summary.results["0101234"]
    assert result.ok, result.error
    assert "Sunny Elementary" in (tmp_path / "reports" / "index.html").read_text()


def test_a_wall_of_students_with_no_recorded_period_filters_and_shows_without_one(tmp_path):
    from onthemove_widgets.analysis.wall import WallSettings, data_wall
    from onthemove_widgets.widgets.html import wall_html

    folder = tmp_path / "d"
    write_district(read_caaspp([write(tmp_path / "scores.txt", HEADER, [r for r in RECORDS if r[1] != MIA[0]])]), folder)
    school = load_district(folder).school("0101234")
    none = pd.DataFrame(columns=["student_id", "band", "reason"])
    wall = data_wall(school.students, school.assessments, school.cut_scores, none, WallSettings.opening("sbac", "ELA"))
    assert wall["student_id"].tolist() == ["0012345678"]
    assert data_wall(school.students, school.assessments, school.cut_scores, none, WallSettings.opening("sbac", "ELA", period=1)).empty
    assert "Period" not in wall_html(wall, [])


def test_a_report_on_one_state_test_file_asks_for_a_second_window(tmp_path):
    from onthemove_widgets.analysis.report_scope import report_scope

    folder = tmp_path / "d"
    write_district(read_caaspp([write(tmp_path / "scores.txt", HEADER, [r for r in RECORDS if r[1] != MIA[0]])]), folder)
    with pytest.raises(ValueError, match="compares two windows.*'spring_2024' with itself"):
        report_scope(load_district(folder).school("0101234"))
