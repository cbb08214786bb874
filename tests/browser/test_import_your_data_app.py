"""The import app in real chromium: upload a CSV, accept the suggested matches, import, open the new district."""

import pytest
from serving import open_app, start_serve

CSV = ("Student ID,First Name,Last Name,Grade,School,Gender,Race,EL,IEP,FRL,Score,Test Date,Subject,Test,Term\n"
       "001,Ada,Nguyen,3,101,Female,Asian,Y,N,N,40,2024-09-01,ELA,screener,Fall\n"
       "002,Ben,Okafor,4,101,Male,White,N,N,Y,55,2024-09-02,ELA,screener,Fall\n")
CUTS = "measure,subject,grade,lowest_score,near,at,above,highest_score\nscreener,ELA,3,0,30,50,70,100\nscreener,ELA,4,0,30,50,70,100\n"


@pytest.fixture(scope="module")
def served(tmp_path_factory, artifacts):
    """(address, data root): a server of its own, whose data root starts empty."""
    folder = tmp_path_factory.mktemp("import-app")
    root = folder / "districts"
    with open(artifacts / "voila-import.log", "w") as log:
        server, port = start_serve(folder / "drafts.db", output=log,
                                   env={"ONTHEMOVE_DATA_ROOT": str(root), "ONTHEMOVE_CACHE": str(folder / "cache")})
        yield f"http://127.0.0.1:{port}", root
        server.terminate()
        server.wait(timeout=20)


def test_a_csv_imports_and_its_link_opens_the_new_district(served, offline_page, artifacts, tmp_path):
    url, root = served
    page = offline_page
    source = tmp_path / "fall screener.csv"
    source.write_text(CSV, encoding="utf-8")
    open_app(page, url + "/voila/render/import_your_data.ipynb")
    page.get_by_role("button", name="Choose the file(s)").wait_for(timeout=120_000)
    with page.expect_file_chooser() as chooser:  # the upload's file input is not in the page: its button opens it
        page.get_by_role("button", name="Choose the file(s)").click()
    chooser.value.set_files(str(source))
    page.get_by_text("The first 2 rows, as they will import").wait_for(timeout=60_000)
    page.get_by_placeholder("for example sunny_unified_2024").fill("sunny-2024")
    page.get_by_role("button", name="Import").click()
    page.get_by_text("sunny-2024: imported").wait_for(timeout=60_000)
    page.screenshot(path=artifacts / "import_app.png", full_page=True)

    report = page.inner_text(".otm-import-app")
    assert "students.csv: one row per student id (2 rows)" in report and "assessments.csv: one row per score (2 rows)" in report
    assert "cut_scores.csv: file is missing from the folder" in report  # a spreadsheet brings no criteria
    assert (root / "sunny-2024" / "import_mapping.yaml").exists()
    (root / "sunny-2024" / "cut_scores.csv").write_text(CUTS)  # as the report asks, while the server runs
    page.get_by_role("link", name="Determining Student Learning Needs").click()
    page.get_by_text("Open this app for your school").wait_for(timeout=120_000)
    assert page.locator("#otm-district").input_value() == "sunny-2024"
    assert page.locator("#otm-school option").all_inner_texts() == ["101"]
    assert page.blocked == []


def test_a_file_beyond_tornados_default_message_size_still_reaches_the_app(served, offline_page, tmp_path):
    """A 12 MB export travels as one websocket message: past Tornado's 10 MB default, the page would just disconnect."""
    url, _ = served
    page = offline_page
    source = tmp_path / "big export.csv"
    rows = CSV.splitlines()[1:]
    with open(source, "w", encoding="utf-8") as out:
        out.write(CSV.splitlines()[0] + "\n")
        while out.tell() < 12 * 1024 * 1024:
            out.write("\n".join(rows * 5000) + "\n")
    open_app(page, url + "/voila/render/import_your_data.ipynb")
    page.get_by_role("button", name="Choose the file(s)").wait_for(timeout=120_000)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Choose the file(s)").click()
    chooser.value.set_files(str(source))
    page.get_by_text("as they will import").wait_for(timeout=60_000)  # the kernel read it and drew the preview
