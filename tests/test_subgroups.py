"""Band counts per student group, with the gap to all students, checked by hand."""

import numpy as np
import pandas as pd
import pytest

from onthemove_widgets.analysis.baseline import baseline_bands
from onthemove_widgets.analysis.subgroups import STANDARD_GROUPS, band_by_group, group_columns
from onthemove_widgets.data import load_district

# English learners: below, below, near, at (+ one with no score); others: below, at, at, above (+ one).
FRAME = pd.DataFrame(
    {
        "english_learner": [True] * 5 + [False] * 5,
        "gender": ["Female", "Male", "Female", "Male", "Nonbinary", "Male", "Female", "Female", "Male", "Female"],
        "foster_youth": [False] * 9 + [True],
        "band": pd.Categorical(["below", "below", "near", "at", None, "below", "at", "at", "above", None], categories=["below", "near", "at", "above"], ordered=True),
    }
)


def wide(table, value):
    """One row per group, one column per band, groups in the table's order."""
    return table.pivot(index="group", columns="band", values=value).reindex(table["group"].unique())


def test_counts_percents_and_gaps_by_hand():
    table = band_by_group(FRAME, "english_learner")
    assert list(table.columns) == ["group", "band", "students", "percent", "gap", "group_students", "no_score"]
    assert list(table["band"][:4]) == ["below", "near", "at", "above"]
    counts = wide(table, "students")
    assert list(counts.index) == ["All students", "English learners", "Not English learners"]
    assert counts.values.tolist() == [[3, 1, 3, 1], [2, 1, 1, 0], [1, 0, 2, 1]]
    # all students 37.5 / 12.5 / 37.5 / 12.5 %; English learners 50 / 25 / 25 / 0 %
    assert wide(table, "percent").values.tolist()[:2] == [[37.5, 12.5, 37.5, 12.5], [50, 25, 25, 0]]
    assert wide(table, "gap").values.tolist() == [[0, 0, 0, 0], [12.5, 12.5, -12.5, -12.5], [-12.5, -12.5, 12.5, 12.5]]
    assert wide(table, "group_students")["below"].tolist() == [8, 4, 4]
    assert wide(table, "no_score")["below"].tolist() == [2, 1, 1]


def test_text_values_in_order_and_a_group_with_no_band():
    table = band_by_group(FRAME, "gender")
    counts = wide(table, "students")
    assert list(counts.index) == ["All students", "Female", "Male", "Nonbinary"]
    assert counts.loc["Female"].tolist() == [1, 1, 2, 0] and counts.loc["Male"].tolist() == [2, 0, 1, 1]
    assert wide(table, "no_score")["below"].tolist() == [2, 1, 0, 1]
    assert np.isnan(wide(table, "percent").loc["Nonbinary"]).all()  # nobody to take a percent of


def test_extra_boolean_groups_are_named_from_the_column():
    table = band_by_group(FRAME, "foster_youth")
    assert list(table["group"].unique()) == ["All students", "Foster youth", "Not foster youth"]
    assert wide(table, "group_students")["below"].tolist() == [8, 0, 8]


def test_group_columns_standard_first_then_the_districts_own(tiny_district):
    students = load_district(tiny_district).students
    assert group_columns(students) == [*STANDARD_GROUPS, "foster_youth"]
    assert group_columns(students.drop(columns="gender").assign(homeless=False)) == [
        "english_learner", "students_with_disabilities", "socioeconomically_disadvantaged", "race_ethnicity", "foster_youth", "homeless"
    ]


def test_tiny_district(tiny_district):
    d = load_district(tiny_district)
    frame = baseline_bands(d.students, d.assessments, d.cut_scores, [("sbac", "ELA")])
    table = band_by_group(frame, "english_learner")
    # English learners 0001 (2400, near) and 0003 (2456, below); others 0002 (at) and 0004 (above)
    assert wide(table, "students").loc["English learners"].tolist() == [1, 1, 0, 0]
    assert wide(table, "gap").loc["English learners", "below"] == pytest.approx(50 - 25)
