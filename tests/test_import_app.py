"""The "Import your data" app driven as the browser drives it: uploads, dropdowns, the Import button."""

import pandas as pd
import pytest
from click.testing import CliRunner

from onthemove_widgets.cli import main
from onthemove_widgets.data.validate import validate_district
from onthemove_widgets.importers.spreadsheet import load_mapping
from onthemove_widgets.importers.uploads import UPLOAD_LIMIT
from onthemove_widgets.widgets.importer import ImportApp

HOSTILE = "<img src=x onerror=alert(1)>"
HEADER = "Student ID,First Name,Last Name,Grade,School,Gender,Race,EL,IEP,FRL,Fall Score,Test Date,Subject,Test,Term"
ROWS = ["001,Ada,Nguyen,3,101,Female,Asian,Y,N,N,40,2024-09-01,ELA,screener,Fall",
        "002,Ben,Okafor,4,101,Male,White,N,N,Y,55,2024-09-02,ELA,screener,Fall"]
CUTS = "measure,subject,grade,lowest_score,near,at,above,highest_score\n" + "".join(
    f"screener,ELA,{g},0,30,50,70,100\n" for g in (3, 4))


def sent(name, content):
    """One file as the page sends it to the kernel."""
    return {"name": name, "type": "text/csv", "size": len(content), "content": memoryview(content), "last_modified": 0}


def upload(app, *files):
    app.files.set_state({"value": [sent(name, content) for name, content in files]})


def choose(app, field, column):
    """Pick `column` in a field's dropdown, as the browser does: by index."""
    dropdown = app.choices[field][0]
    dropdown.set_state({"index": [value for _, value in dropdown.options].index(column)})


@pytest.fixture
def app(tmp_path):
    return ImportApp(tmp_path / "districts")


def csv_bytes(header=HEADER, rows=ROWS):
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def test_a_spreadsheet_with_a_changed_match_imports_into_a_folder_that_validates_once_its_criteria_are_added(app, tmp_path):
    upload(app, ("fall screener.csv", csv_bytes()))
    assert app.choices["score"][0].value == ""  # 'Fall Score' is not suggested
    assert app.choices["student_id"][0].value == "Student ID"
    choose(app, "score", "Fall Score")
    assert "<td>55</td>" in app.preview.value and "<th>Score</th>" in app.preview.value
    app.name.set_state({"value": "sunny-2024"})
    app.button.click()
    folder = tmp_path / "districts" / "sunny-2024"
    scores = pd.read_csv(folder / "assessments.csv", dtype=str)
    assert scores[["student_id", "measure", "window", "score"]].values.tolist() == [["001", "screener", "Fall", "40"], ["002", "screener", "Fall", "55"]]
    assert [str(p) for p in validate_district(folder)] == ["cut_scores.csv: file is missing from the folder"]
    assert "cut_scores.csv: file is missing from the folder" in app.report.value
    assert load_mapping(folder / "import_mapping.yaml")["columns"]["score"] == "Fall Score"
    assert 'href="protocols/determining_student_learning_needs.ipynb?district=sunny-2024"' in app.report.value
    (folder / "cut_scores.csv").write_text(CUTS)
    assert validate_district(folder) == []


def test_a_value_for_every_row_fills_a_field_the_file_lacks(app, tmp_path):
    upload(app, ("scores.csv", csv_bytes(HEADER.replace(",Term", ""), [r.rsplit(",", 1)[0] for r in ROWS])))
    choose(app, "score", "Fall Score")
    app.choices["window"][1].set_state({"value": "Autumn"})
    assert "<td>Autumn</td>" in app.preview.value
    app.name.value = "d"
    app.run()
    assert set(pd.read_csv(tmp_path / "districts" / "d" / "assessments.csv", dtype=str)["window"]) == {"Autumn"}


@pytest.mark.parametrize("name", ["", "my district", "../up", "x" * 65, "demo", "a/b"])
def test_a_bad_or_taken_name_is_refused_and_nothing_is_written(app, tmp_path, name):
    upload(app, ("r.csv", csv_bytes()))
    app.name.value = name
    app.run()
    assert "district" in app.status.value and app.report.value == ""
    assert not (tmp_path / "districts").exists()


def test_a_name_already_used_is_refused(app, tmp_path):
    (tmp_path / "districts" / "sunny").mkdir(parents=True)
    upload(app, ("r.csv", csv_bytes()))
    app.name.value = "sunny"
    app.run()
    assert "There is a district called sunny already" in app.status.value
    assert list((tmp_path / "districts" / "sunny").iterdir()) == []


def test_an_oversize_upload_and_a_type_the_kind_cannot_read_are_refused(app, tmp_path):
    app.name.value = "big"
    upload(app, ("big.csv", csv_bytes() + b"9" * UPLOAD_LIMIT))
    assert "at most 50 MB" in app.status.value and app.choices == {}
    app.run()
    assert "at most 50 MB" in app.status.value and not (tmp_path / "districts").exists()
    app.kind.set_state({"index": 0})  # OneRoster
    upload(app, ("roster.csv", csv_bytes()))
    app.run()
    assert "roster.csv: a Student information system roster (OneRoster) is read from .zip files only." in app.status.value


def test_a_kind_the_page_does_not_offer_is_refused(app):
    app.kind.set_state({"index": 9})
    assert app.kind.value == "spreadsheet"
    assert "not one this control offers" in app.status.value


def test_hostile_column_names_and_values_are_shown_as_text(app):
    upload(app, (f"{HOSTILE}.csv", csv_bytes(HEADER.replace("Race", HOSTILE), [r.replace("Ada", HOSTILE) for r in ROWS])))
    assert HOSTILE in [label for label, _ in app.choices["race_ethnicity"][0].options]  # a dropdown shows its labels as text
    choose(app, "race_ethnicity", HOSTILE)
    assert "<img" not in app.preview.value and "&lt;img src=x onerror=alert(1)&gt;" in app.preview.value
    app.name.value = "h"
    app.run()
    assert "<img" not in app.report.value and "_img src_x onerror_alert_1__.csv" in app.report.value


def test_a_file_that_cannot_be_imported_says_why_and_writes_nothing(app, tmp_path):
    upload(app, ("r.csv", csv_bytes()))
    choose(app, "grade", "")
    app.name.value = "nogrades"
    app.run()
    assert "required field &#x27;grade&#x27;" in app.report.value and "Nothing was written" in app.report.value
    assert not (tmp_path / "districts" / "nogrades").exists()


def test_the_command_and_the_app_write_the_same_folder(app, tmp_path):
    upload(app, ("screener.csv", csv_bytes()))
    choose(app, "score", "Fall Score")
    app.name.value = "by_app"
    app.run()
    by_app = tmp_path / "districts" / "by_app"
    source = tmp_path / "screener.csv"
    source.write_bytes(csv_bytes())
    run = CliRunner().invoke(main, ["import", "spreadsheet", str(source), "--mapping", str(by_app / "import_mapping.yaml"),
                                    "--out", str(tmp_path / "by_command")])
    assert "cut_scores.csv: file is missing" in run.output
    for name in ("schools.csv", "students.csv", "assessments.csv"):
        assert (by_app / name).read_bytes() == (tmp_path / "by_command" / name).read_bytes(), name
