"""MAP Growth CDF files in: terms become windows, percentiles the score, grade 13 kindergarten, nothing invented."""

import re

import pandas as pd
import pytest

from onthemove_widgets.data import load_district
from onthemove_widgets.data.validate import validate_district
from onthemove_widgets.importers.faults import ImportFault
from onthemove_widgets.importers.nwea_map import read_nwea_map
from onthemove_widgets.importers.write import write_district
from onthemove_widgets.reports.batch import run_reports

RESULTS = """TermName,DistrictName,SchoolName,StudentID,Subject,Course,TestType,TestStartDate,TestRITScore,TestPercentile,FallToFallProjectedGrowth,Grade
Fall 2022-2023,Lakeshore USD,Pine Elementary,00412,Mathematics,Math K-12,Survey With Goals,08/24/2022,141,38,12,13
Winter 2022-2023,Lakeshore USD,Pine Elementary,00412,Mathematics,Math K-12,Survey With Goals,1/9/23,150,45,12,13
Winter 2022-2023,Lakeshore USD,Pine Elementary,00412,Mathematics,Math K-12,Survey With Goals,1/19/23,153,51,12,13
Fall 2022-2023,Lakeshore USD,Pine Elementary,00877,Reading,Reading 2-5,Survey With Goals,3/2/21,190,62,9,3
Spring 2022-2023,Lakeshore USD,Pine Elementary,00877,Reading,Reading 2-5,Survey With Goals,05/01/2023,201,70,9,3
Fall 2022-2023,Lakeshore USD,Harbor Middle,01999,Reading,Reading 6+,Survey With Goals,08/30/2022,,,,7
"""
STUDENTS = """TermName,SchoolName,StudentLastName,StudentFirstName,StudentID,StudentGender,StudentEthnicGroup,Grade
Fall 2022-2023,Pine Elementary,Nguyen,Ada,00412,F,Asian,13
Fall 2022-2023,Pine Elementary,Okafor,Ben,00877,M,Black or African American,3
"""


@pytest.fixture
def files(tmp_path):
    (tmp_path / "AssessmentResults.csv").write_text(RESULTS)
    (tmp_path / "StudentsBySchool.csv").write_text(STUDENTS)
    return [tmp_path / "AssessmentResults.csv", tmp_path / "StudentsBySchool.csv"]


def test_terms_become_windows_in_teaching_order_and_percentiles_the_score(files):
    result = read_nwea_map(files)
    scores = result.tables["assessments"].set_index(["student_id", "window"])
    assert scores.loc[("00412", "Winter 2022-2023"), "score"] == "51"  # the later retest in the term is kept
    assert scores.loc[("00412", "Fall 2022-2023"), "date"] == "2022-08-24"
    assert scores.loc[("00877", "Fall 2022-2023"), "date"] == "2021-03-02"
    assert set(result.tables["assessments"]["subject"]) == {"Math", "Reading"}
    assert "01999" not in set(result.tables["assessments"]["student_id"])  # no percentile: left out
    assert result.settings["windows"] == ["Fall 2022-2023", "Winter 2022-2023", "Spring 2022-2023"]
    assert result.settings["name"] == "Lakeshore USD"
    notes = [str(n) for n in result.notes]
    assert any("retested" in n and "(1 row)" in n for n in notes)
    assert any("no percentile" in n and "(1 row)" in n for n in notes)
    assert any("TestRITScore" in n and "not carried" in n for n in notes)


def test_the_roster_keeps_leading_zeros_reads_grade_13_as_kindergarten_and_leaves_unknowns_empty(files):
    students = read_nwea_map(files).tables["students"].set_index("student_id")
    assert students.loc["00412", ["first_name", "grade", "gender", "school_id"]].tolist() == ["Ada", "K", "Female", "Pine Elementary"]
    assert students.loc["00877", "race_ethnicity"] == "Black or African American"
    assert (students[["teacher", "class_period", "english_learner"]] == "").all().all()


def test_schools_and_default_criteria_come_from_what_was_tested(files):
    result = read_nwea_map(files)
    schools = result.tables["schools"].set_index("school_id")
    assert schools.loc["Pine Elementary", ["level", "grades"]].tolist() == ["elementary", "K-3"]
    cuts = result.tables["cut_scores"]
    assert sorted(zip(cuts["subject"], cuts["grade"])) == [("Math", "K"), ("Reading", "3")]
    assert cuts[["near", "at", "above"]].iloc[0].tolist() == ["21", "41", "61"]


def test_a_file_that_is_not_assessment_results_is_named_with_what_it_lacks(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Term,Student,Score\nFall,1,40\n")
    with pytest.raises(ImportFault) as fault:
        read_nwea_map([path])
    assert "export.csv" in str(fault.value) and "TermName" in str(fault.value) and "TestPercentile" in str(fault.value)


def test_headers_renamed_or_recased_are_still_read(tmp_path):
    path = tmp_path / "combined.csv"
    path.write_text(RESULTS.replace("TermName", "termname").replace("TestPercentile", "Test Percentile"))
    assert len(read_nwea_map([path]).tables["assessments"]) == 4


def test_the_written_folder_validates_with_the_groups_map_cannot_supply_not_recorded(files, tmp_path):
    folder = tmp_path / "district"
    write_district(read_nwea_map(files), folder)
    assert pd.read_csv(folder / "assessments.csv", dtype=str)["student_id"].str.startswith("00").all()
    assert validate_district(folder) == []
    assert load_district(folder).groups_not_recorded == ["english_learner", "students_with_disabilities", "socioeconomically_disadvantaged"]


def test_from_a_map_export_to_a_school_report_that_says_which_groups_are_not_recorded(files, tmp_path):
    folder = tmp_path / "district"
    write_district(read_nwea_map(files), folder)
    summary = run_reports(folder, tmp_path / "reports", schools=["Pine Elementary"], timeout=120)
    result = summary.results["Pine Elementary"]
    assert result.ok, result.error
    [path] = [p for p in (tmp_path / "reports").glob("*.html") if p.name != "index.html"]
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text()))
    assert "English learners, Students with disabilities and Socioeconomically disadvantaged: not recorded for these students" in page


def test_a_student_groups_supplement_fills_the_flags_map_lacks(files, tmp_path):
    supplement = tmp_path / "groups.csv"
    supplement.write_text("StudentID,EL,IEP,FRL\n00412,Y,N,Yes\n00877,no,1,0\n99999,Y,Y,Y\n")
    result = read_nwea_map(files, supplement=supplement)
    students = result.tables["students"].set_index("student_id")
    groups = ["english_learner", "students_with_disabilities", "socioeconomically_disadvantaged"]
    assert students.loc["00412", groups].tolist() == ["true", "false", "true"]
    assert students.loc["00877", groups].tolist() == ["false", "true", "false"]
    said = {n.message: n.count for n in result.notes}
    assert said["supplement ids that are not students in the source"] == 1
    assert not any("carries no English learner" in m for m in said)
