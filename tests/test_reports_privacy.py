"""Every demo report holds only its own school: no other school's student ids or names.

Run with the real report notebook: the warm engine over the whole bundled district (one
kernel runs school after school, where a leak would come from), the papermill engine
(a kernel a school) over four of its schools.
Names are checked as whole words in the report's text and chart data.
"""

import re

import pytest

from onthemove_widgets.data import load_district
from onthemove_widgets.paths import DEMO_DIR
from onthemove_widgets.reports.batch import run_reports


@pytest.fixture(scope="module")
def demo():
    return load_district(DEMO_DIR)


def people_of(district, school_id):
    students = district.students.loc[district.students["school_id"] == school_id]
    return set(students["student_id"]), set(students["first_name"] + " " + students["last_name"])


@pytest.mark.parametrize("engine,count", [("warm", None), ("papermill", 4)])
def test_reports_hold_no_other_schools_students(demo, tmp_path_factory, monkeypatch, engine, count):
    out = tmp_path_factory.mktemp(engine)
    monkeypatch.setenv("ONTHEMOVE_DB", str(out / "drafts.db"))
    schools = list(demo.schools["school_id"])
    reported = schools[:count] if count else schools
    summary = run_reports(DEMO_DIR, out, schools=reported, workers=2, engine=engine)
    assert not summary.failed
    for school_id in reported:
        text = (out / f"{school_id}.html").read_text()
        assert demo.schools.set_index("school_id").at[school_id, "school_name"] in text
        tokens = set(re.findall(r"(?<![\d.])\d{7}(?![\d.])", text))  # whole numbers, not the digits of a chart coordinate
        for other in schools:
            ids, names = people_of(demo, other)
            leaked = tokens & ids
            assert not leaked, f"{school_id}.html holds ids of {other}: {sorted(leaked)[:3]}"
            if other != school_id:
                assert not any(name in text for name in names), f"{school_id}.html names a student of {other}"
        own_ids, own_names = people_of(demo, school_id)
        assert not any(name in text for name in own_names)  # show_names is off by default
