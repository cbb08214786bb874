"""Growth targets checked by hand against the Smarter Balanced "Met" thresholds.

ELA Met: grade 3 2432, 4 2473, 6 2531, 7 2552, 8 2567, 11 2583 (no cut scores in 9–10).
Math Met: grade 8 2586, 11 2628.
"""

import numpy as np
import pandas as pd
import pytest

from onthemove_widgets.analysis.targets import TARGET_RULES, growth_targets

CUTS = pd.DataFrame(
    [
        ("sbac", "ELA", 3, 2115, 2367, 2432, 2490, 2650),
        ("sbac", "ELA", 4, 2140, 2416, 2473, 2533, 2690),
        ("sbac", "ELA", 6, 2230, 2457, 2531, 2618, 2770),
        ("sbac", "ELA", 7, 2260, 2479, 2552, 2649, 2810),
        ("sbac", "ELA", 8, 2290, 2487, 2567, 2668, 2850),
        ("sbac", "ELA", 11, 2300, 2493, 2583, 2682, 2900),
        ("sbac", "Math", 8, 2265, 2504, 2586, 2653, 2860),
        ("sbac", "Math", 11, 2280, 2543, 2628, 2718, 2900),
        *[("cycle_check", "ELA", grade, 0, 45, 60, 80, 100) for grade in range(1, 13)],
    ],
    columns=["measure", "subject", "grade", "lowest_score", "near", "at", "above", "highest_score"],
)


def frame(grades, scores, index=None):
    return pd.DataFrame({"grade": grades, "score": np.array(scores, dtype=float)}, index=index)


def targets(grades, scores, measure="sbac", subject="ELA", rule="same_distance", points=None):
    return growth_targets(frame(grades, scores), CUTS, measure, subject, rule, points)


def test_same_distance_from_met_into_the_next_grade():
    result = targets([3, 6, 7], [2400, 2500, 2700])
    # 2473 − 2432 = 41; 2552 − 2531 = 21; 2567 − 2552 = 15
    assert list(result["target"]) == [2441, 2521, 2715]
    assert result["target_rule"][0] == "same distance from Met (Met 2473 in grade 4 − 2432 in grade 3 = +41): 2400 + 41 = 2441"


def test_a_gap_in_calibrated_grades_uses_the_average_yearly_rise():
    # ELA 8 → 11: (2583 − 2567) / 3 = 5⅓ a year; grade 11 is the top: the rise into it
    ela = targets([8, 11], [2500, 2600])
    np.testing.assert_allclose(ela["target"], [2500 + 16 / 3, 2600 + 16 / 3])
    assert "Met 2583 in grade 11 − 2567 in grade 8 = +16 over 3 years, +5.3 a year): 2500 + 5.3 = 2505.3" in ela["target_rule"][0]
    assert "Met's yearly rise into grade 11, +5.3" in ela["target_rule"][1]
    # Math 8 → 11: (2628 − 2586) / 3 = 14
    assert list(targets([8, 11], [2550, 2600], subject="Math")["target"]) == [2564, 2614]


def test_next_band_is_the_next_threshold_or_one_year_if_more():
    result = targets([3, 3, 3, 3, 8], [2300, 2400, 2480, 2600, 2500], rule="next_band")
    # below → Near 2367 (2300 + 41 = 2341 is less); near: Met 2432 < 2400 + 41; at: Exceeded 2490 < 2480 + 41;
    # above: one year; grade 8 near → Met 2567 (2500 + 5.3 is less)
    assert list(result["target"].round(6)) == [2367, 2441, 2521, 2641, 2567]
    assert result["target_rule"][0] == "reach Near proficiency (2367) by the end of the year: +67"
    assert result["target_rule"][1].startswith("one year of growth (Met 2473 in grade 4 − 2432 in grade 3 = +41) goes past At proficiency (2432)")
    assert result["target_rule"][3].startswith("already Above proficiency; one year of growth")


def test_fixed_points_but_never_less_than_one_year():
    result = targets([3, 6], [2400, 2500], rule="fixed_points", points=30)
    assert list(result["target"]) == [2441, 2530]  # 30 < 41 in grade 3; 30 > 21 in grade 6
    assert result["target_rule"][0].startswith("30 points is less than one year of growth")
    assert result["target_rule"][1] == "30 points: 2500 + 30 = 2530"


def test_a_measure_whose_met_never_rises_targets_the_next_band():
    result = targets([2, 2, 2, 12, 12], [30, 50, 70, 90, 60], measure="cycle_check")
    assert list(result["target"]) == [45, 60, 80, 90, 80]
    assert result["target_rule"][1] == "Met does not rise with grade on this measure, so: reach At proficiency (60) by the end of the year: +10"
    assert result["target_rule"][3].endswith("already Above proficiency: keep 90 or more")


def test_targets_stop_at_the_highest_score():
    result = targets([3], [2640])  # 2640 + 41 = 2681, but grade 3 reports up to 2650
    assert result["target"][0] == 2650
    assert result["target_rule"][0].endswith("2640 + 41 = 2681 (capped at the highest score, 2650)")
    assert targets([5], [95], measure="cycle_check", rule="fixed_points", points=10)["target"][0] == 100


def test_no_score_no_target_and_index_kept():
    data = frame([3, 2, 6], [2400, np.nan, np.nan], index=[10, 20, 30])
    result = growth_targets(data, CUTS, "sbac", "ELA", "next_band")
    assert list(result.index) == [10, 20, 30]
    assert result["target"].isna().tolist() == [False, True, True]
    assert list(result["target_rule"][1:]) == ["no baseline score", "no baseline score"]


def test_the_measures_own_score_column_is_preferred():
    data = frame([3], [50.0]).assign(sbac_ELA_score=2400.0)
    assert growth_targets(data, CUTS, "sbac", "ELA", "same_distance")["target"][0] == 2441


@pytest.mark.parametrize(
    "grades, rule, points, message",
    [
        ([3], "stretch", None, "unknown target rule 'stretch'; choose one of: same_distance, next_band, fixed_points"),
        ([3], "fixed_points", None, "fixed_points needs a number of points above 0; got None"),
        ([3], "fixed_points", 0, "above 0; got 0"),
        ([9], "same_distance", None, "no cut scores for sbac ELA grade 9"),
        ([0], "same_distance", None, "no cut scores for sbac ELA grade K"),
    ],
)
def test_refused(grades, rule, points, message):
    with pytest.raises(ValueError, match=message):
        targets(grades, [2400], rule=rule, points=points)


def test_rules_have_plain_language_labels():
    assert list(TARGET_RULES) == ["same_distance", "next_band", "fixed_points"]
