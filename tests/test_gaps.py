"""Equity gaps, their trend and distance from standard, checked by hand; plus the demo district's story."""

import numpy as np
import pandas as pd
import pytest

from onthemove_widgets.analysis.gaps import distance_from_standard, equity_gaps, gap_trend
from onthemove_widgets.analysis.scores import student_scores
from onthemove_widgets.data import load_district


def rows(window, english_learner, scores, bands):
    return pd.DataFrame({"window": window, "english_learner": english_learner, "score": scores, "band": bands})


# baseline: English learners 40, 50 (mean 45); others 60, 70, 80 (mean 70); all 60
# end of year: English learners 58, 62 (mean 60); others 66, 70, 74 (mean 70); all 66
SCORED = pd.concat([
    rows("end_of_year", [True, True], [58.0, 62], ["near", "at"]),
    rows("end_of_year", [False] * 3, [66.0, 70, 74], ["at", "above", None]),  # one score with no band
    rows("baseline", [True, True], [40.0, 50], ["below", "near"]),
    rows("baseline", [False] * 3, [60.0, 70, 80], ["at", "at", "above"]),
], ignore_index=True)


def test_gaps_to_all_students_to_a_reference_and_in_the_band_mix():
    table = equity_gaps(SCORED, "english_learner", reference=False)
    assert list(table.columns) == ["window", "group", "n", "mean", "gap", "gap_to_reference", "percent_at_or_above", "gap_at_or_above"]
    assert table[["window", "group"]].astype(str).values.tolist() == [
        ["baseline", "All students"], ["baseline", "English learners"], ["baseline", "Not English learners"],
        ["end_of_year", "All students"], ["end_of_year", "English learners"], ["end_of_year", "Not English learners"],
    ]
    assert table["n"].tolist() == [5, 2, 3, 5, 2, 3]
    assert table["mean"].tolist() == [60, 45, 70, 66, 60, 70]
    assert table["gap"].tolist() == [0, -15, 10, 0, -6, 4]
    assert table["gap_to_reference"].tolist() == [-10, -25, 0, -4, -10, 0]
    # at or above, of students with a band: baseline 0/2, 3/3, 3/5; end of year 1/2, 2/2, 3/4
    assert table["percent_at_or_above"].tolist() == [60, 0, 100, 75, 50, 100]
    assert table["gap_at_or_above"].tolist() == [0, -60, 40, 0, -25, 25]


def test_no_band_column_no_band_mix_and_an_unknown_reference_is_refused():
    table = equity_gaps(SCORED.drop(columns="band"), "english_learner")
    assert list(table.columns) == ["window", "group", "n", "mean", "gap"]
    with pytest.raises(ValueError, match="no 'maybe' in english_learner; its values are: True, False"):
        equity_gaps(SCORED, "english_learner", reference="maybe")


def test_gaps_within_each_school_and_windows_in_teaching_order():
    scored = pd.DataFrame({
        "school_id": ["S1", "S1", "S1", "S2", "S2", "S1", "S1"],
        "window": ["cycle_10", "cycle_10", "cycle_10", "cycle_10", "cycle_10", "cycle_2", "cycle_2"],
        "gender": ["Male", "Female", "Female", "Male", "Female", "Male", "Female"],
        "score": [30.0, 60, 90, 10, 20, 50, 50],
    })
    table = equity_gaps(scored, "gender", by="school_id")
    assert table[["school_id", "window", "group"]].astype(str).values.tolist() == [
        ["S1", "cycle_2", "All students"], ["S1", "cycle_2", "Female"], ["S1", "cycle_2", "Male"],
        ["S1", "cycle_10", "All students"], ["S1", "cycle_10", "Female"], ["S1", "cycle_10", "Male"],
        ["S2", "cycle_10", "All students"], ["S2", "cycle_10", "Female"], ["S2", "cycle_10", "Male"],
    ]
    # S1 cycle_10: all 60, Female 75, Male 30; S2: all 15, Female 20, Male 10
    assert table["gap"].tolist() == [0, 0, 0, 0, 15, -30, 0, 5, -5]


def test_gap_trend_narrowing_widening_steady_and_unknown():
    trend = gap_trend(equity_gaps(SCORED, "english_learner", reference=False)).set_index("group")
    # English learners −15 → −6: 9 closer; others +10 → +4: 6 closer
    assert trend.loc["English learners", ["first_window", "last_window"]].tolist() == ["baseline", "end_of_year"]
    assert trend["first_gap"].tolist() == [-15, 10] and trend["last_gap"].tolist() == [-6, 4]
    assert trend["change"].tolist() == [-9, -6] and trend["trend"].tolist() == ["narrowing", "narrowing"]
    assert gap_trend(equity_gaps(SCORED, "english_learner"), threshold=7)["trend"].tolist() == ["narrowing", "steady"]
    assert gap_trend(equity_gaps(SCORED, "english_learner"), threshold=9)["trend"].tolist() == ["narrowing", "steady"]  # 9 is enough
    by_reference = gap_trend(equity_gaps(SCORED, "english_learner", reference=False), value="gap_to_reference")
    assert by_reference["change"].tolist() == [-15, 0] and by_reference["trend"].tolist() == ["narrowing", "steady"]
    by_band = gap_trend(equity_gaps(SCORED, "english_learner"), value="gap_at_or_above")
    assert by_band["change"].tolist() == [-35, -15]

    scored = pd.DataFrame({
        "window": ["baseline"] * 5 + ["end_of_year"] * 4,
        "gender": ["Female", "Female", "Male", "Male", "Nonbinary", "Female", "Female", "Male", "Male"],
        "score": [50.0, 50, 50, 50, 50, 60, 60, 40, 40],
    })
    trend = gap_trend(equity_gaps(scored, "gender")).set_index("group")
    # Female 0 → +10 and Male 0 → −10 both widen, whichever side; Nonbinary is seen once
    assert trend.loc[["Female", "Male"], "trend"].tolist() == ["widening", "widening"]
    assert trend.loc["Male", "change"] == 10
    assert pd.isna(trend.loc["Nonbinary", "trend"]) and trend.loc["Nonbinary", "last_window"] == "baseline"


def test_distance_from_standard_is_the_mean_distance_from_met():
    cut_scores = pd.DataFrame({"measure": "sbac", "subject": "ELA", "grade": [3, 4], "at": [2432.0, 2473]})
    scored = pd.DataFrame({
        "measure": "sbac", "subject": "ELA", "window": ["end_of_year"] * 4 + ["baseline"],
        "grade": [3, 3, 4, 4, 3], "score": [2400.0, 2500, 2473, 2450, 2332],
    })
    # −32, +68, 0, −23: mean 3.25; grade 3 +18, grade 4 −11.5; baseline −100
    table = distance_from_standard(scored, cut_scores)
    assert table.to_dict("list") == {"window": ["baseline", "end_of_year"], "n": [1, 4], "distance_from_standard": [-100, 3.25]}
    by_grade = distance_from_standard(scored, cut_scores, by="grade")
    assert by_grade.loc[by_grade["window"] == "end_of_year", "distance_from_standard"].tolist() == [18, -11.5]
    with pytest.raises(ValueError, match="no cut scores for: sbac ELA 5"):
        distance_from_standard(scored.assign(grade=5), cut_scores)


@pytest.fixture(scope="module")
def demo_scores():
    d = load_district()
    return student_scores(d.students, d.assessments, "cycle_check", "ELA")


def test_story_the_coherent_school_closes_its_english_learner_gap_and_the_resistant_does_not(demo_scores):
    trend = gap_trend(equity_gaps(demo_scores, "english_learner", by="school_id"), by="school_id")
    english_learners = trend.loc[trend["group"] == "English learners"].set_index("school_id")
    assert english_learners.loc["S0005", "trend"] == "narrowing"  # coherent
    assert english_learners.loc["S0003", "trend"] != "narrowing"  # resistant
    assert np.all(english_learners[["first_gap", "last_gap"]] < 0)  # English learners start behind everywhere
