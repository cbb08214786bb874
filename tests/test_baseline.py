"""Baseline bands from one to three measures, checked by hand against real SBAC cut scores."""

import numpy as np
import pandas as pd
import pytest

from onthemove_widgets.analysis.baseline import COMBINING_RULES, baseline_bands, with_cut_scores
from onthemove_widgets.data import load_district

# Smarter Balanced near (Nearly Met), at (Met), above (Exceeded); cycle_check 45 / 60 / 80.
CUTS = pd.DataFrame(
    [
        ("sbac", "ELA", 3, 2115, 2367, 2432, 2490, 2650),
        ("sbac", "ELA", 6, 2230, 2457, 2531, 2618, 2770),
        ("sbac", "Math", 3, 2190, 2381, 2436, 2501, 2660),
        ("sbac", "Math", 6, 2235, 2473, 2552, 2610, 2780),
        ("cycle_check", "ELA", 3, 0, 45, 60, 80, 100),
        ("cycle_check", "ELA", 6, 0, 45, 60, 80, 100),
    ],
    columns=["measure", "subject", "grade", "lowest_score", "near", "at", "above", "highest_score"],
).astype({c: float for c in ["lowest_score", "near", "at", "above", "highest_score"]})

STUDENTS = pd.DataFrame(
    {
        "student_id": ["s1", "s2", "s3", "s4", "s5", "s6"],
        "last_name": ["Reyes", "Cho", "Diaz", "Patel", "Nguyen", "Okafor"],
        "grade": [3, 3, 6, 6, 3, 3],
        "class_period": [1, 1, 2, 2, 1, 1],
    }
)

# (student, measure, subject, score) in the baseline window; the band each score is in.
SCORES = [
    ("s1", "sbac", "ELA", 2400),  # near: 2367 ≤ 2400 < 2432
    ("s1", "cycle_check", "ELA", 65),  # at
    ("s1", "sbac", "Math", 2440),  # at: 2436 ≤ 2440 < 2501
    ("s2", "sbac", "ELA", 2490),  # above: exactly Exceeded
    ("s2", "cycle_check", "ELA", 85),  # above
    ("s2", "sbac", "Math", 2300),  # below
    ("s3", "sbac", "ELA", 2531),  # at: exactly Met in grade 6
    ("s3", "cycle_check", "ELA", 44),  # below
    ("s3", "sbac", "Math", 2473),  # near: exactly Nearly Met in grade 6
    ("s4", "sbac", "ELA", 2618),  # above
    ("s4", "cycle_check", "ELA", 60),  # at; s4 has no Math score
    ("s6", "sbac", "Math", 2501),  # above; s6 has only Math, s5 has nothing
]
ASSESSMENTS = pd.DataFrame(
    [(s, "baseline", m, sub, score) for s, m, sub, score in SCORES] + [("s5", "cycle_1", "sbac", "ELA", 2600.0)],
    columns=["student_id", "window", "measure", "subject", "score"],
).astype({"score": float})
THREE = [("sbac", "ELA"), ("cycle_check", "ELA"), ("sbac", "Math")]


def bands(frame):
    return [None if pd.isna(b) else b for b in frame["band"]]


@pytest.mark.parametrize(
    "rule, expected",
    [
        ("lowest", ["near", "below", "below", "at", None, "above"]),
        # s1 at twice; s2 above twice; s3 three different bands: tie, lowest; s4 at/above tie: at
        ("majority", ["at", "above", "below", "at", None, "above"]),
        # s1 two at or above, highest two reach is at; s2 two above; s3 only one at: lowest; s4 at and above: at
        ("two_of_three", ["at", "above", "below", "at", None, "above"]),
    ],
)
def test_combining_rules_by_hand(rule, expected):
    assert bands(baseline_bands(STUDENTS, ASSESSMENTS, CUTS, THREE, rule)) == expected


def test_every_student_kept_with_each_measure_beside_the_combined_band():
    frame = baseline_bands(STUDENTS, ASSESSMENTS, CUTS, THREE)
    assert list(frame.columns) == [
        *STUDENTS.columns, "score",
        "sbac_ELA_score", "sbac_ELA_band", "cycle_check_ELA_score", "cycle_check_ELA_band", "sbac_Math_score", "sbac_Math_band",
        "band", "measures_scored",
    ]
    assert list(frame["student_id"]) == list(STUDENTS["student_id"])
    np.testing.assert_array_equal(frame["score"], [2400, 2490, 2531, 2618, np.nan, np.nan])  # the first measure's
    assert list(frame["measures_scored"]) == [3, 3, 3, 2, 0, 1]
    assert [None if pd.isna(b) else b for b in frame["sbac_Math_band"]] == ["at", "below", "near", None, None, "above"]
    assert frame["band"].dtype == pd.CategoricalDtype(["below", "near", "at", "above"], ordered=True)


def test_two_of_three_with_two_measures_is_the_lowest():
    two = [("sbac", "ELA"), ("sbac", "Math")]
    assert bands(baseline_bands(STUDENTS, ASSESSMENTS, CUTS, two, "two_of_three")) == bands(baseline_bands(STUDENTS, ASSESSMENTS, CUTS, two, "lowest"))
    assert bands(baseline_bands(STUDENTS, ASSESSMENTS, CUTS, [("sbac", "ELA"), ("cycle_check", "ELA")], "two_of_three"))[:2] == ["near", "above"]


def test_only_the_chosen_window_and_students_count():
    frame = baseline_bands(STUDENTS, ASSESSMENTS, CUTS, [("sbac", "ELA")], window="cycle_1")
    assert bands(frame) == [None, None, None, None, "above", None]
    one_class = baseline_bands(STUDENTS.iloc[[3, 0]], ASSESSMENTS, CUTS, [("sbac", "ELA")])
    assert list(one_class["student_id"]) == ["s4", "s1"] and bands(one_class) == ["above", "near"]


def test_tiny_district_on_the_real_thresholds(tiny_district):
    d = load_district(tiny_district)
    frame = baseline_bands(d.students, d.assessments, d.cut_scores, [("sbac", "ELA")])
    # 2400 ≥ 2367 near; 2432 is exactly Met; 2456 is one point under Nearly Met (2457); 2620 ≥ 2618
    assert bands(frame) == ["near", "at", "below", "above"]


@pytest.mark.parametrize(
    "measures, rule, message",
    [
        ([], "lowest", "choose one to three measures; got 0"),
        ([*THREE, ("sbac", "Science")], "lowest", "choose one to three measures; got 4"),
        ([("sbac", "ELA"), ("sbac", "ELA")], "lowest", "chosen twice"),
        ([("sbac", "ELA")], "average", "unknown combining rule 'average'; choose one of: lowest, majority, two_of_three"),
        ([("sbac", "Science")], "lowest", "no cut scores for sbac Science; calibrated measures: cycle_check ELA, sbac ELA, sbac Math"),
    ],
)
def test_bad_choices_are_refused(measures, rule, message):
    with pytest.raises(ValueError, match=message):
        baseline_bands(STUDENTS, ASSESSMENTS, CUTS, measures, rule)


def test_a_second_score_in_one_window_is_an_error():
    doubled = pd.concat([ASSESSMENTS, ASSESSMENTS.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match="more than one score for student s1"):
        baseline_bands(STUDENTS, doubled, CUTS, [("sbac", "ELA")])


def test_rules_have_plain_language_labels():
    assert set(COMBINING_RULES) == {"lowest", "majority", "two_of_three"}
    assert COMBINING_RULES["majority"] == "the band most measures agree on; ties go to the lower band"


def test_recalibrating_one_row_moves_a_student():
    calibrated = with_cut_scores(CUTS, "sbac", "ELA", 3, near=2350, at=2400, above=2480)
    assert bands(baseline_bands(STUDENTS, ASSESSMENTS, calibrated, [("sbac", "ELA")]))[:2] == ["at", "above"]
    assert CUTS.loc[0, "at"] == 2432  # the original is untouched
    assert calibrated.drop(index=0).equals(CUTS.drop(index=0))


@pytest.mark.parametrize(
    "grade, near, at, above, message",
    [
        (3, 2432, 2432, 2490, "thresholds must rise"),
        (3, 2367, 2432, 2651, "highest 2650"),
        (3, 2100, 2432, 2490, "lowest 2115"),
        (5, 2400, 2450, 2500, "no cut scores for sbac ELA grade 5"),
    ],
)
def test_recalibration_must_rise_inside_the_range(grade, near, at, above, message):
    with pytest.raises(ValueError, match=message):
        with_cut_scores(CUTS, "sbac", "ELA", grade, near, at, above)
