"""The session seam: whose app this is comes from the parameters or the page's link, and only that school is loaded."""

import pytest
from IPython.core.interactiveshell import InteractiveShell
from tiny_district import TINY, write_district

from onthemove_widgets.session import ChooseFirst, Choice, cache_root, choose, data_folder, district_folders, open_school, page_value, school_index
from onthemove_widgets.session import in_voila as in_voila_now
from onthemove_widgets.widgets.chooser import chooser_html, open_app

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ONTHEMOVE_CACHE", str(tmp_path / "cache"))
    for name in ("SERVER_SOFTWARE", "QUERY_STRING", "ONTHEMOVE_DATA_ROOT", "VOILA_PREHEAT"):
        monkeypatch.delenv(name, raising=False)


def in_voila(monkeypatch, query):
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    monkeypatch.setenv("QUERY_STRING", query)


def test_the_link_overrides_the_parameters_only_in_voila(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "school=S2&grade=6")
    assert choose(school_id="S1", grade=3) == Choice(school_id="S1", grade="3")  # Papermill: the parameters hold
    in_voila(monkeypatch, "school=S2&grade=6&team=Grade+6+ELA&unknown=1")
    assert choose(school_id="S1", grade=3) == Choice(school_id="S2", grade="6", team="Grade 6 ELA")


def test_a_preheated_kernel_waits_once_for_its_page_and_takes_that_pages_link(monkeypatch):
    import voila.utils

    calls = []

    def page_arrives(url=None):  # what Voilà's request-info socket does when a page takes the kernel
        calls.append(url)
        monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
        monkeypatch.setenv("QUERY_STRING", "school=S2&team=Grade+6+ELA&role=staff")
        return "school=S2&team=Grade+6+ELA&role=staff"

    monkeypatch.setattr(voila.utils, "get_query_string", page_arrives)
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    assert in_voila_now()  # before its page arrives, a pooled kernel must not fall back to the first school
    assert choose(school_id="S1") == Choice(school_id="S2", team="Grade 6 ELA")
    assert page_value("role", "leadership", allowed=("staff", "leadership")) == "staff"
    assert len(calls) == 1  # the second read does not wait for a second page


def test_a_link_names_a_district_never_a_path(tmp_path, monkeypatch, tiny_district):
    root = tmp_path / "root"
    write_district(root / "north", TINY)
    (root / "notes").mkdir()  # not a district
    monkeypatch.setenv("ONTHEMOVE_DATA_ROOT", str(root))
    assert sorted(district_folders()) == ["demo", "north"]
    assert data_folder(Choice(district="north")) == root / "north"
    with pytest.raises(ChooseFirst, match="no district called '../../etc'"):
        data_folder(Choice(district="../../etc"))


def test_the_district_is_split_once_and_an_app_reads_its_school_alone(tiny_district):
    index = school_index(tiny_district)
    assert {sid: name for sid, (name, _) in index.items()} == {"S1": "Alder Elementary", "S2": "Birch Middle"}
    school = open_school(Choice(data_dir=str(tiny_district), school_id="S2"))
    assert set(school.students["school_id"]) == {"S2"} and len(school.students) == 2
    folders = list(cache_root().iterdir())
    assert school_index(tiny_district) == index and list(cache_root().iterdir()) == folders  # no second split
    (tiny_district / "schools.csv").write_text(TINY["schools.csv"].replace("Birch Middle", "Birch Middle School"))
    assert school_index(tiny_district)["S2"][0] == "Birch Middle School"  # an edited file is split again


def test_outside_voila_a_missing_school_means_the_first_and_its_first_grade(tiny_district, capsys):
    InteractiveShell.instance()
    app = open_app(str(tiny_district), needs_grade=True)
    assert (app.school_id, app.choice.grade, app.team) == ("S1", "3", "Grade 3 team")


def test_in_voila_a_missing_school_shows_the_chooser_and_stops(tiny_district, monkeypatch):
    InteractiveShell.instance()
    in_voila(monkeypatch, "")
    with pytest.raises(ChooseFirst, match="Choose a school"):
        open_app(str(tiny_district))
    in_voila(monkeypatch, "school=S9")
    with pytest.raises(ChooseFirst, match="There is no school with the id 'S9'"):
        open_app(str(tiny_district))
    in_voila(monkeypatch, "school=S2&grade=K")
    with pytest.raises(ChooseFirst, match="no students in grade 0"):
        open_app(str(tiny_district), needs_grade=True)


def test_the_chooser_escapes_every_value():
    schools = {HOSTILE: (f"{HOSTILE} School", None), "S1": ("Alder", None)}
    html = chooser_html(Choice(team='"><script>alert(1)</script>', school_id=HOSTILE), schools, grades=["K", "3"], note=HOSTILE)
    assert "<img" not in html and "<script" not in html
    assert '<option value="&lt;img src=x onerror=alert(1)&gt;" selected>&lt;img' in html
    assert '<option value="K">Kindergarten</option>' in html


def test_an_app_takes_a_listed_extra_value_from_its_link(monkeypatch):
    from onthemove_widgets.session import page_value

    assert page_value("role", "staff") == "staff"
    in_voila(monkeypatch, "role=leadership&round=Spring+2027")
    assert page_value("role", "staff", allowed=("staff", "leadership")) == "leadership"
    assert page_value("round", "Round 1") == "Spring 2027"
    in_voila(monkeypatch, "role=admin")
    assert page_value("role", "staff", allowed=("staff", "leadership")) == "staff"


def test_a_district_with_problems_lists_them_and_stops(tmp_path):
    InteractiveShell.instance()
    source = write_district(tmp_path / "bad", {**TINY, "students.csv": TINY["students.csv"].replace(",S2,", ",S9,")})
    with pytest.raises(ChooseFirst, match=r"^\d+ problem\(s\) in the district's files; nothing was loaded\.$"):
        open_app(str(source))
