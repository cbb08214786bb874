"""Loading types the tables, keeps every row, and refuses a broken folder whole."""

import pandas as pd
import pytest

from tiny_district import TINY, write_district
from onthemove_widgets.data import load_district
from onthemove_widgets.errors import DistrictDataError


def test_loads_every_row_with_types(tiny_district):
    district = load_district(tiny_district)
    assert len(district.schools) == 2 and len(district.students) == 4 and len(district.assessments) == 5
    assert list(district.students["student_id"]) == ["0001", "0002", "0003", "0004"]  # leading zeros kept
    assert list(district.students["grade"]) == [3, 3, 6, 6]
    assert list(district.students["english_learner"]) == [True, False, True, False]
    assert list(district.students["foster_youth"]) == [False, False, False, True]
    assert district.extra_group_columns == ["foster_youth"]
    assert district.assessments["date"].iloc[2] == pd.Timestamp("2025-09-11")  # US date understood
    assert district.assessments["score"].sum() == 2400 + 2432 + 2456 + 2620 + 2450
    assert district.cut_scores.set_index("grade").at[6, "at"] == 2531


def test_one_school_holds_no_other_schools_rows(tiny_district):
    school = load_district(tiny_district, school_id="S2")
    assert list(school.schools["school_id"]) == ["S2"]
    assert set(school.students["student_id"]) == {"0003", "0004"}
    assert set(school.assessments["student_id"]) == {"0003", "0004"}


def test_unknown_school_is_named(tiny_district):
    with pytest.raises(KeyError, match="school 'S7' is not in .*known schools: S1, S2"):
        load_district(tiny_district, school_id="S7")


def test_broken_folder_loads_nothing_and_lists_all_problems(tmp_path):
    files = dict(TINY)
    files["assessments.csv"] = files["assessments.csv"].replace("2400", "x").replace("2620", "9999")
    folder = write_district(tmp_path / "bad", files)
    with pytest.raises(DistrictDataError) as error:
        load_district(folder)
    assert len(error.value.problems) == 2
    assert "assessments.csv, row 2, column 'score': 'x' must be a number" in str(error.value)
    assert "nothing was loaded" in str(error.value)


def test_one_grade_keeps_only_its_students(tiny_district):
    district = load_district(tiny_district, school_id="S1").grade(3)
    assert set(district.students["student_id"]) == {"0001", "0002"}
    assert len(district.assessments) == 3
    with pytest.raises(KeyError, match="no students in grade 5 here; grades present: 3"):
        district.grade(5)


def test_several_schools(tiny_district):
    both = load_district(tiny_district).schools_only(["S2", "S1"])
    assert len(both.students) == 4 and list(both.schools["school_id"]) == ["S1", "S2"]
    with pytest.raises(KeyError, match="schools not in .*: S9"):
        load_district(tiny_district).schools_only(["S9"])
