"""Bands checked by hand against the real Smarter Balanced ELA thresholds."""

import pandas as pd
import pytest

from onthemove_widgets.analysis.bands import assign_bands, band_counts
from onthemove_widgets.data import load_district

CUTS = pd.DataFrame(
    {"measure": ["sbac", "sbac"], "subject": ["ELA", "ELA"], "grade": [3, 6], "near": [2367.0, 2457.0], "at": [2432.0, 2531.0], "above": [2490.0, 2618.0]}
)


def scores(grade, values):
    return pd.DataFrame({"measure": "sbac", "subject": "ELA", "grade": grade, "score": values})


def test_thresholds_are_inclusive():
    # grade 3 ELA: Nearly Met 2367, Met 2432, Exceeded 2490
    bands = assign_bands(scores(3, [2366, 2367, 2431, 2432, 2489, 2490]), CUTS)
    assert list(bands) == ["below", "near", "near", "at", "at", "above"]


def test_bands_follow_each_students_grade():
    frame = pd.concat([scores(3, [2500]), scores(6, [2500])], ignore_index=True)
    assert list(assign_bands(frame, CUTS)) == ["above", "near"]


def test_missing_criteria_is_an_error_not_a_guess():
    with pytest.raises(ValueError, match="no cut scores for: sbac ELA 5"):
        assign_bands(scores(5, [2500]), CUTS)


def test_counts_include_empty_bands(tiny_district):
    district = load_district(tiny_district)
    frame = district.assessments.query("window == 'baseline'").merge(district.students, on="student_id")
    frame["band"] = assign_bands(frame, district.cut_scores)
    counts = band_counts(frame, ["school_id"]).set_index(["school_id", "band"])
    assert counts.loc[("S1", "near"), "students"] == 1 and counts.loc[("S1", "at"), "students"] == 1
    assert counts.loc[("S1", "below"), "students"] == 0
    assert counts.loc[("S2", "below"), "percent"] == 50 and counts.loc[("S2", "above"), "percent"] == 50
    assert len(counts) == 8
