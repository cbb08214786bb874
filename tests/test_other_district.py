"""Every notebook and the report run unchanged on a district whose names all differ from the demo's."""

import json
import re

import pytest
from other_district import MEASURES, OTHER_NAMES, SCHOOL_NAMES, SUBJECTS, write_other_district
from test_papermill import execute, outputs_text

from onthemove_widgets.analysis.baseline import baseline_bands
from onthemove_widgets.analysis.subgroups import band_by_group, group_column
from onthemove_widgets.curriculum import CURRICULUM
from onthemove_widgets.data import load_district
from onthemove_widgets.paths import NOTEBOOKS_DIR
from onthemove_widgets.reports.batch import run_reports


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    return write_other_district(tmp_path_factory.mktemp("districts") / "other")


@pytest.fixture(autouse=True)
def own_stores(tmp_path, monkeypatch):
    monkeypatch.setenv("ONTHEMOVE_DB", str(tmp_path / "drafts.db"))
    monkeypatch.setenv("ONTHEMOVE_CACHE", str(tmp_path / "cache"))


def test_its_settings_are_read_from_its_data(other):
    settings = load_district(other).settings
    assert settings.state_test == MEASURES["sbac"]
    assert (settings.cycle_check.measure, settings.cycle_check.subject) == (MEASURES["cycle_check"], SUBJECTS["ELA"])
    assert list(settings.windows) == ["Fall", *(f"Probe {k}" for k in range(1, 11)), "Spring"]  # by date: the names say nothing


def demo_names_in(text):
    """Demo names as whole words (so 'Fall' or 'ELAINE' do not count)."""
    return sorted(name for name in OTHER_NAMES if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text))


@pytest.mark.parametrize("entry", CURRICULUM, ids=lambda e: e.path)
def test_every_notebook_runs_on_it(other, tmp_path, entry):
    out = tmp_path / "out.ipynb"
    path = NOTEBOOKS_DIR / entry.path
    execute(path, out, {"data_dir": str(other)})
    text = outputs_text(out)
    assert demo_names_in(text) == []
    if entry.shows_data and entry.path != "00_start_here.ipynb":  # an app opens the district's first school: NW-101
        assert SCHOOL_NAMES[0] in text
    errors = [o for c in json.loads(out.read_text())["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []


def test_its_reports_name_its_own_measures_and_windows(other, tmp_path):
    summary = run_reports(other, tmp_path / "reports", schools=["NW-101", "NW-103"], workers=1, windows={"after": "Probe 4"})
    assert summary.failed == []
    page = (tmp_path / "reports" / "NW-101.html").read_text()
    assert "Growth from <strong>Fall</strong> to <strong>Probe 4</strong>" in page
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", "", page, flags=re.S))
    assert demo_names_in(text) == []


def test_groups_it_does_not_record_are_not_offered_and_partial_ones_keep_their_unknowns(other):
    district = load_district(other)
    assert district.groups_not_recorded == ["english_learner"]
    flags = district.students["students_with_disabilities"]
    assert str(flags.dtype) == "boolean" and 0 < flags.isna().sum() < len(flags) / 5
    assert group_column(district.students) == "students_with_disabilities"
    counts = band_by_group(baseline_bands(district.students, district.assessments, district.cut_scores, [district.measure()]),
                           "students_with_disabilities")
    groups = counts.drop_duplicates("group").set_index("group")["group_students"]
    assert list(groups.index) == ["All students", "Students with disabilities", "Students without disabilities", "Students with disabilities: not recorded"]
    assert groups.iloc[1:].sum() == groups.iloc[0]  # every banded student is in exactly one of the three
