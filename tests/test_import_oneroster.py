"""The OneRoster importer on small, deliberately messy 1.1 folders and 1.2 zips."""

import zipfile

import pandas as pd
import pytest

from onthemove_widgets.data.validate import validate_district
from onthemove_widgets.importers.faults import ImportFault
from onthemove_widgets.importers.oneroster import read_oneroster
from onthemove_widgets.importers.write import write_district
from onthemove_widgets.reports.batch import run_reports

ORGS = ("SourcedId,Status,Name,Type,Identifier,ext_color\n"
        "d1,active,Anywhere SD,district,,red\r\n"
        "s1,active,Oak Elementary,school,OAK,blue\n"
        "s2,active,Pine Middle,school,PINE,\n"
        "s3,active,Closed School,school,,")
USERS_11 = ("sourcedId,status,ROLE,givenName,familyName,identifier,grades,orgSourcedIds,metadata.nickname\r\n"
            "u1,active,student,Ana,Diaz,000123,03,s1,A\r\n"
            "u2,active,student,Ben,Cho,,KG,s1,\n"
            "u3,tobedeleted,student,Cal,Old,000999,04,s1,\n"
            "u4,active,student,Dee,Fox,000456,07,s2,\n"
            "t1,active,teacher,Maria,Aguilar,T1,,s1,\n"
            "t2,active,teacher,Sam,Lee,T2,,s1,\n"
            "t3,active,teacher,Jo,Park,T3,,s2,\n"
            "g1,active,guardian,Gus,Diaz,,,s1,")
CLASSES = ("sourcedId,classCode,title,periods,schoolSourcedId,subjects,termSourcedIds\n"
           "c2,B-READ,Reading,\"2,3\",s1,ELA,term1\n"
           "c1,A-MATH,Math,P4,s1,Math,term1\n"
           "c3,SCI7,Science,1,s2,Science,term1")
ENROLLMENTS = ("classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate\r\n"
               "c1,s1,u1,student,false,2023-08-15\n"
               "c2,s1,u1,student,FALSE,2023-08-15T00:00:00.000Z\n"
               "c2,s1,u2,student,false,8/15/2023\n"
               "c1,s1,t2,teacher,false,\n"
               "c1,s1,t1,teacher,TRUE,\n"
               "c2,s1,t2,teacher,true,\n"
               "c3,s9,u4,student,false,\n"
               "c3,s2,t3,teacher,true,")
DEMOGRAPHICS = ("sourcedId,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,"
                "white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity\n"
                "u1,female,false,false,false,false,TRUE,false,TRUE\r\n"
                "u2,male,false,true,false,false,true,false,false\n"
                "u4,other,false,TRUE,false,false,false,false,false")
SESSIONS = ("sourcedId,title,type,startDate,endDate\nfall,Fall,gradingPeriod,2023-08-15,2023-12-20\n"
            "winter,Winter,gradingPeriod,2024-01-08,2024-03-22\n")
LINE_ITEMS = ("sourcedId,title,classSourcedId,categorySourcedId,gradingPeriodSourcedId,assignDate\n"
              "li1,Reading Fluency (WCPM),c2,cat1,fall,2023-09-01\n"
              "li2,Math Probe 1,c1,cat1,gone,2023-10-02 08:01:05\n"
              "li3,Reading Fluency (WCPM),c2,cat1,winter,2024-01-10\n")
RESULTS = ("sourcedId,lineItemSourcedId,studentSourcedId,score,scoreDate,scoreStatus\n"
           "r1,li1,u1,88,2023-09-05T18:25:43.511Z,fully graded\n"
           "r2,li1,u2,71,2017-05-06 08:01:05,fully graded\n"
           "r3,li2,u1,15,1/05/2023,fully graded\n"
           "r4,li1,t1,99,2023-09-05,fully graded\n"
           "r5,li3,u1,97,2024-01-12,fully graded\n"
           "r6,li3,u2,80,2024-01-12,fully graded")
SUPPLEMENT = "Student ID,EL,SWD,SED\n000123,Y,N,Yes\nu2,no,1,0\n000456,true,false,N\n777,Y,Y,Y\n"


def write_files(folder, files):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_bytes(text.encode())
    return folder


def bundle_11(tmp_path, **extra):
    files = {"manifest.csv": "propertyName,value\noneroster.version,1.1\n", "orgs.csv": ORGS, "users.csv": USERS_11,
             "classes.csv": CLASSES, "enrollments.csv": ENROLLMENTS, "demographics.csv": DEMOGRAPHICS, **extra}
    return write_files(tmp_path / "bundle11", {k: v for k, v in files.items() if v is not None})


def bundle_12_zip(tmp_path, scores=False):
    users = "\n".join(",".join(f for i, f in enumerate(line.split(",")) if i != 2) for line in USERS_11.replace("\r\n", "\n").split("\n"))
    roles = ("userSourcedId,role,roleType,orgSourcedId\n" + "\n".join(
        f"{u},{r},primary,{o}" for u, r, o in [("u1", "student", "s1"), ("u2", "student", "s1"), ("u3", "student", "s1"),
                                               ("u4", "student", "s2"), ("t1", "teacher", "s1"), ("t2", "teacher", "s1"),
                                               ("t3", "teacher", "s2"), ("g1", "guardian", "s1")]))
    files = {"orgs.csv": ORGS, "users.csv": users, "roles.csv": roles, "classes.csv": CLASSES, "enrollments.csv": ENROLLMENTS,
             "demographics.csv": DEMOGRAPHICS}
    if scores:
        files |= {"academicSessions.csv": SESSIONS, "lineItems.csv": LINE_ITEMS, "results.csv": RESULTS}
    path = tmp_path / "bundle12.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(f"export_2023/{name}", text)
    return path


def notes(result, kind=None):
    return [note for note in result.notes if kind is None or note.kind == kind]


def note(result, words):
    found = [n for n in result.notes if words in n.message]
    assert found, f"no note with {words!r}: {result.report()}"
    return found[0]


def test_students_from_a_messy_11_folder(tmp_path):
    result = read_oneroster([bundle_11(tmp_path)])
    students = result.tables["students"].set_index("student_id")
    assert list(students.index) == ["000123", "u2", "000456"]
    assert students.loc["000123", "teacher"] == "Maria Aguilar"  # A-MATH before B-READ, the primary teacher
    assert students.loc["000123", "class_period"] == "4"
    assert students.loc["u2", ["teacher", "class_period", "grade"]].tolist() == ["Sam Lee", "2", "K"]
    assert students.loc["000123", ["gender", "race_ethnicity", "grade"]].tolist() == ["Female", "Hispanic or Latino", "3"]
    assert students.loc["u2", ["gender", "race_ethnicity"]].tolist() == ["Male", "Two or More Races"]
    assert note(result, "tobedeleted").count == 1
    assert note(result, "not students").count == 4
    assert note(result, "several classes").count == 1
    assert "metadata.nickname" not in students.columns and "ext_color" not in result.tables["schools"].columns


def test_a_missing_org_is_warned_and_counted(tmp_path):
    result = read_oneroster([bundle_11(tmp_path)])
    assert note(result, "school references not in the bundle").count == 1
    students = result.tables["students"].set_index("student_id")
    assert students.loc["000456", "school_id"] == "s2"  # its enrollment names org s9, its own org is s2


def test_schools_take_grades_from_their_students(tmp_path):
    result = read_oneroster([bundle_11(tmp_path)])
    schools = result.tables["schools"].set_index("school_id")
    assert schools.loc["s1"].tolist() == ["Oak Elementary", "elementary", "K-3"]
    assert "s3" not in schools.index
    assert "lowest to highest grade" in note(result, "schools (orgs of type school)").message
    assert result.settings == {"name": "Anywhere SD"}


def test_12_zip_with_roles_and_scores(tmp_path):
    result = read_oneroster([bundle_12_zip(tmp_path, scores=True)])
    students = result.tables["students"].set_index("student_id")
    assert set(students.index) == {"000123", "u2", "000456"}
    assert students.loc["000456", ["school_id", "teacher", "class_period", "gender", "race_ethnicity"]].tolist() == [
        "s2", "Jo Park", "1", "Nonbinary", "Asian"]
    scores = result.tables["assessments"]
    assert scores.to_dict("records") == [
        {"student_id": "000123", "subject": "ELA", "measure": "reading_fluency_wcpm", "window": "Fall", "date": "2023-09-05", "score": "88"},
        {"student_id": "u2", "subject": "ELA", "measure": "reading_fluency_wcpm", "window": "Fall", "date": "2017-05-06", "score": "71"},
        {"student_id": "000123", "subject": "Math", "measure": "math_probe_1", "window": "2023-10", "date": "2023-01-05", "score": "15"},
        {"student_id": "000123", "subject": "ELA", "measure": "reading_fluency_wcpm", "window": "Winter", "date": "2024-01-12", "score": "97"},
        {"student_id": "u2", "subject": "ELA", "measure": "reading_fluency_wcpm", "window": "Winter", "date": "2024-01-12", "score": "80"},
    ]
    assert "cut_scores" not in result.tables
    assert "cut_scores.csv" in note(result, "no cut scores").message
    assert note(result, "academic session references").count == 1
    assert note(result, "not imported students").count == 1


def test_no_supplement_says_which_groups_are_unknown(tmp_path):
    result = read_oneroster([bundle_11(tmp_path)])
    warning = note(result, "no English learner")
    assert warning.kind == "warning" and "students_with_disabilities" in warning.message and "unknown" in warning.message
    assert set(result.tables["students"]["english_learner"]) == {""}


def test_supplement_fills_the_groups(tmp_path):
    supplement = tmp_path / "groups.csv"
    supplement.write_text(SUPPLEMENT)
    result = read_oneroster([bundle_12_zip(tmp_path)], supplement=supplement)
    students = result.tables["students"].set_index("student_id")
    groups = ["english_learner", "students_with_disabilities", "socioeconomically_disadvantaged"]
    assert students.loc["000123", groups].tolist() == ["true", "false", "true"]
    assert students.loc["u2", groups].tolist() == ["false", "true", "false"]
    assert note(result, "supplement ids that are not students").count == 1
    assert not [n for n in result.notes if "no English learner" in n.message]


def test_missing_users_file_is_named(tmp_path):
    with pytest.raises(ImportFault) as fault:
        read_oneroster([bundle_11(tmp_path, **{"users.csv": None})])
    assert fault.value.problems[0].file == "users.csv"


def test_12_without_roles_file_is_named(tmp_path):
    folder = bundle_11(tmp_path, **{"users.csv": "sourcedId,givenName,familyName\nu1,A,B\n"})
    with pytest.raises(ImportFault, match="roles.csv"):
        read_oneroster([folder])


def test_missing_required_column_names_file_and_column(tmp_path):
    folder = bundle_11(tmp_path, **{"orgs.csv": "sourcedId,name\ns1,Oak\n"})
    with pytest.raises(ImportFault) as fault:
        read_oneroster([folder])
    assert (fault.value.problems[0].file, fault.value.problems[0].column) == ("orgs.csv", "type")


def test_not_a_bundle(tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_text("not a zip")
    with pytest.raises(ImportFault, match="junk.zip"):
        read_oneroster([junk])


def test_scientific_ids_are_flagged(tmp_path):
    users = USERS_11.replace("000123", "1.23457E+11")
    result = read_oneroster([bundle_11(tmp_path, **{"users.csv": users})])
    assert note(result, "scientific notation").count == 1


def test_end_to_end_with_scores_and_cut_scores(tmp_path):
    supplement = tmp_path / "groups.csv"
    supplement.write_text(SUPPLEMENT)
    folder = tmp_path / "d"
    write_district(read_oneroster([bundle_12_zip(tmp_path, scores=True)], supplement=supplement), folder)
    (folder / "cut_scores.csv").write_text(
        "measure,subject,grade,lowest_score,near,at,above,highest_score\n"
        + "".join(f"reading_fluency_wcpm,ELA,{g},0,40,60,90,200\n" for g in ("K", "3"))
        + "math_probe_1,Math,3,0,10,20,30,50\n")
    assert [str(p) for p in validate_district(folder)] == []
    school = pd.read_csv(folder / "schools.csv", dtype=str)["school_id"].iloc[0]
    summary = run_reports(folder, tmp_path / "reports", schools=[school], timeout=120)
    assert summary.results[school].ok, summary.results[school].error


def test_end_to_end_roster_only(tmp_path):
    """A roster-only folder: what validate says without assessments and cut scores."""
    supplement = tmp_path / "groups.csv"
    supplement.write_text(SUPPLEMENT)
    folder = tmp_path / "d"
    result = read_oneroster([bundle_11(tmp_path)], supplement=supplement)
    assert set(result.tables) == {"schools", "students"}
    write_district(result, folder)
    problems = [str(p) for p in validate_district(folder)]
    assert problems == ["assessments.csv: file is missing from the folder", "cut_scores.csv: file is missing from the folder"], problems
