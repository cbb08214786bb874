"""Growth, on-track status and effect sizes, checked by hand; plus the demo district's story."""

import math

import numpy as np
import pandas as pd
import pytest

from onthemove_widgets.analysis.growth import HINGE, effect_size, growth, growth_by_window, mean_by_window, on_track, percent_on_track, year_fraction
from onthemove_widgets.analysis.scores import student_scores
from onthemove_widgets.data import load_district

YEAR = ["baseline", *[f"cycle_{k}" for k in range(1, 11)], "end_of_year"]


def long_rows(rows):
    """(student_id, window, score, english_learner) tuples as `student_scores` rows."""
    frame = pd.DataFrame(rows, columns=["student_id", "window", "score", "english_learner"])
    return frame.assign(measure="cycle_check", subject="ELA", date=pd.Timestamp("2025-09-02"))


SCORED = long_rows([
    ("A", "baseline", 40, True), ("A", "cycle_1", 45, True), ("A", "end_of_year", 60, True),
    ("B", "end_of_year", 55, False), ("B", "baseline", 50, False),  # any row order
    ("C", "baseline", 30, False),  # no end-of-year score
    ("D", "end_of_year", 70, True),  # no baseline
    ("E", "cycle_1", 50, True),  # neither window
    ("F", "baseline", 60, False), ("F", "end_of_year", np.nan, False),  # a blank score is no score
])


def test_growth_keeps_students_scored_in_both_windows_and_counts_the_rest():
    frame = growth(SCORED, "baseline", "end_of_year")
    assert frame["student_id"].tolist() == ["A", "B"]
    assert frame[["before", "after", "growth"]].values.tolist() == [[40, 60, 20], [50, 55, 5]]
    assert frame.attrs["missing"] == 4  # C, D, E and F
    assert "english_learner" in frame and not {"window", "date", "score"} & set(frame.columns)
    assert growth(SCORED, "baseline", "cycle_1")[["student_id", "growth"]].values.tolist() == [["A", 5]]


def test_growth_refuses_two_scores_in_one_window_and_a_window_against_itself():
    doubled = pd.concat([SCORED, long_rows([("A", "baseline", 41, True)])])
    with pytest.raises(ValueError, match="baseline: more than one score for student A"):
        growth(doubled)
    with pytest.raises(ValueError, match="two different windows"):
        growth(SCORED, "baseline", "baseline")


def test_growth_by_window_stacks_growth_to_every_later_window_in_teaching_order():
    stacked = growth_by_window(SCORED, "baseline")
    assert list(stacked["window"].cat.categories) == ["cycle_1", "end_of_year"]
    assert stacked[["student_id", "window", "growth"]].astype({"window": str}).values.tolist() == [
        ["A", "cycle_1", 5], ["A", "end_of_year", 20], ["B", "end_of_year", 5],
    ]
    only_baseline = growth_by_window(SCORED.loc[SCORED["window"] == "baseline"], "baseline")
    assert only_baseline.empty and {"student_id", "before", "after", "growth", "window"} <= set(only_baseline.columns)
    with pytest.raises(ValueError, match="no scores in window 'cycle_4'"):
        growth_by_window(SCORED, "cycle_4")



def test_growth_by_window_is_growth_to_each_later_window_stacked_on_a_generated_school():
    district = load_district()
    school = district.students.loc[district.students["school_id"] == district.schools["school_id"].iloc[0]]
    measure, subject = district.measure()
    scored = student_scores(school[["student_id", "english_learner"]], district.assessments, measure, subject)
    first, *later = [w for w in district.settings.school_year() if w in set(scored["window"])]
    one_by_one = pd.concat([growth(scored, first, window).assign(window=window) for window in later], ignore_index=True)
    stacked = growth_by_window(scored, first)
    assert len(stacked) > 100 and stacked["window"].nunique() == len(later)
    pd.testing.assert_frame_equal(stacked.astype({"window": str}), one_by_one.astype({"window": str}), check_exact=True)


def test_growth_by_window_refuses_two_scores_where_growth_does():
    doubled = pd.concat([SCORED, long_rows([("B", "end_of_year", 56, False)])])
    with pytest.raises(ValueError, match="end_of_year: more than one score for student B"):
        growth_by_window(doubled, "baseline")

def test_year_fraction_is_the_share_of_the_straight_line_path():
    assert year_fraction(YEAR, "baseline", "cycle_4") == pytest.approx(4 / 11)
    assert year_fraction(YEAR, "baseline", "end_of_year") == 1
    assert year_fraction(reversed(YEAR), "cycle_2", "cycle_4") == pytest.approx(2 / 9)  # from cycle_2 to the end: 9 steps
    with pytest.raises(ValueError, match="unknown window cycle_12"):
        year_fraction(YEAR, "baseline", "cycle_12")
    with pytest.raises(ValueError, match="must come after"):
        year_fraction(YEAR, "cycle_4", "cycle_2")


def test_on_track_means_at_or_above_the_straight_line_to_the_target():
    frame = pd.DataFrame({"student_id": ["A", "B", "C"], "english_learner": [True, False, False], "before": [40.0, 50, 45], "after": [52.0, 55, 50]})
    targets = pd.DataFrame({"student_id": ["A", "B", "Z"], "target": [70.0, 60, 80], "target_rule": ["a", "b", "z"]})
    half = on_track(frame, targets, fraction=0.5)
    # A: 40 + (70 − 40)·0.5 = 55 > 52, off track; B: 50 + 10·0.5 = 55 = 55, on track (at counts); C: no target
    assert half["expected"].tolist()[:2] == [55, 55] and np.isnan(half["expected"][2])
    assert half["on_track"].tolist() == [False, True, pd.NA]
    assert half["target_rule"].tolist()[:2] == ["a", "b"]
    year = on_track(frame, targets)  # end of the year: after ≥ target
    assert year["on_track"].tolist()[:2] == [False, False]
    table = percent_on_track(half, "english_learner")
    assert table.to_dict("list") == {
        "english_learner": [False, True], "students": [1, 1], "on_track": [1, 0], "percent": [100.0, 0.0], "no_target": [1, 0],
    }
    overall = percent_on_track(half)
    assert overall.to_dict("list") == {"students": [2], "on_track": [1], "percent": [50.0], "no_target": [1]}


def test_effect_size_by_hand():
    frame = pd.DataFrame({"group": ["x"] * 4 + ["one"] + ["flat"] * 2, "before": [10.0, 20, 30, 40, 50, 5, 5], "after": [20.0, 25, 45, 50, 70, 7, 7]})
    table = effect_size(frame, "group").set_index("group")
    x = table.loc["x"]
    # deviations before −15 −5 5 15 (Σ² 500), after −15 −10 10 15 (Σ² 650), products Σ 550
    sd_before, sd_after = math.sqrt(500 / 3), math.sqrt(650 / 3)
    d = (35 - 25) / ((sd_before + sd_after) / 2)
    r = 550 / math.sqrt(500 * 650)
    se = math.sqrt(2 * (1 - r) / 4 + d**2 / (2 * 4))
    assert (x["n"], x["mean_before"], x["mean_after"]) == (4, 25, 35)
    assert x[["sd_before", "sd_after", "r", "d"]].tolist() == pytest.approx([sd_before, sd_after, r, d])
    assert d == pytest.approx(0.7239, abs=1e-4)
    assert x[["ci_low", "ci_high"]].tolist() == pytest.approx([d - 1.959964 * se, d + 1.959964 * se])
    assert np.isnan(table.loc["one", "d"]) and np.isnan(table.loc["flat", "d"])  # one student; no spread
    assert list(table.columns) == ["n", "mean_before", "mean_after", "sd_before", "sd_after", "r", "d", "ci_low", "ci_high"]
    everyone = effect_size(frame)
    assert len(everyone) == 1 and everyone["n"][0] == 7 and HINGE == 0.40


def test_effect_size_interval_with_r_one_half_is_the_textbook_one():
    # before/after correlation exactly 0.5 turns Becker's se into √(1/n + d²/(2n))
    frame = pd.DataFrame({"before": [1.0, 2, 3], "after": [2.0, 4, 3]})  # Σxy 1, Σx² 2, Σy² 2: r = 0.5; SDs 1
    row = effect_size(frame).iloc[0]
    se = math.sqrt(1 / 3 + 1 / 6)
    assert row[["r", "d"]].tolist() == pytest.approx([0.5, 1.0])
    assert row["ci_high"] - row["d"] == pytest.approx(1.959964 * se)


def test_mean_by_window_in_teaching_order_not_alphabetical():
    scored = long_rows([
        ("A", "end_of_year", 60, True), ("A", "cycle_10", 58, True), ("A", "cycle_2", 50, True), ("A", "baseline", 40, True),
        ("B", "cycle_10", 70, False), ("B", "cycle_2", np.nan, False), ("C", "cycle_10", 80, True),
    ])
    table = mean_by_window(scored)
    assert table["window"].astype(str).tolist() == ["baseline", "cycle_2", "cycle_10", "end_of_year"]
    assert table[["n", "mean"]].values.tolist() == [[1, 40], [1, 50], [3, 208 / 3], [1, 60]]
    by_group = mean_by_window(scored, "english_learner")
    assert by_group[["english_learner", "window"]].astype(str).values.tolist()[:2] == [["False", "cycle_2"], ["False", "cycle_10"]]
    assert by_group.loc[by_group["english_learner"], "mean"].tolist() == [40, 50, 69, 60]


@pytest.fixture(scope="module")
def demo_growth():
    d = load_district()
    return growth(student_scores(d.students, d.assessments, "cycle_check", "ELA"), "baseline", "end_of_year")


def test_story_the_coherent_school_grows_far_more_than_the_resistant_one(demo_growth):
    table = effect_size(demo_growth, "school_id").set_index("school_id")
    coherent, resistant = table.loc["S0005"], table.loc["S0003"]
    assert coherent["d"] > 2 * HINGE and abs(resistant["d"]) < HINGE / 4
    assert coherent["ci_low"] > resistant["ci_high"]  # the intervals do not even touch
    assert demo_growth.attrs["missing"] > 0  # absences leave some students out, and we say so
