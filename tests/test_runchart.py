"""The run chart rules on textbook sequences, each checked by hand."""

import numpy as np
import pandas as pd
import pytest

from onthemove_widgets.analysis.runchart import run_chart


def chart(values):
    return run_chart(pd.Series(values, index=[f"w{i}" for i in range(len(values))], dtype=float))


def names(result):
    return [signal.name for signal in result.signals]


def signal(result, name):
    (found,) = [s for s in result.signals if s.name == name]
    return found


def labels(*positions):
    return [f"w{i}" for i in positions]


def test_six_above_the_median_is_a_shift_and_five_is_not():
    # median (11 + 12) / 2 = 11.5: four below, six above, two below
    six = chart([1, 11, 2, 3, 16, 13, 17, 12, 15, 14, 4, 5])
    assert six.median == 11.5
    assert signal(six, "shift").points == labels(4, 5, 6, 7, 8, 9)
    assert six.points["shift"].tolist() == [False] * 4 + [True] * 6 + [False] * 2
    assert "6 points in a row, w4 to w9, are above the median (11.5)" in signal(six, "shift").explanation
    five = chart([1, 11, 2, 3, 16, 13, 17, 12, 15, 4, 14, 5])
    assert "shift" not in names(five) and not five.points["shift"].any()


def test_a_point_on_the_median_neither_counts_nor_breaks_a_shift():
    # 13 points, median 10 (the 7th): 3 below, 5 above, one on the median, 1 above, 3 below
    result = chart([2, 1, 3, 12, 14, 11, 15, 13, 10, 16, 4, 5, 6])
    assert result.median == 10 and result.points["side"][8] == "on"
    shift = signal(result, "shift")
    assert shift.points == labels(3, 4, 5, 6, 7, 9)
    assert not result.points["shift"][8]
    assert "a point on the median was skipped" in shift.explanation
    assert "trend" not in names(result)


def test_trends_count_a_repeated_value_once():
    rising = chart([1, 2, 2, 3, 4, 5])
    assert signal(rising, "trend").points == labels(0, 1, 2, 3, 4, 5)
    assert signal(rising, "trend").explanation.startswith("5 points in a row, w0 to w5, each higher than the one before (a repeated value counts once)")
    assert "trend" not in names(chart([1, 2, 3, 4]))
    assert "trend" not in names(chart([1, 2, 2, 3, 4]))  # the repeat does not make a fifth point
    falling = chart([9, 7, 5, 3, 1, 2])
    assert signal(falling, "trend").points == labels(0, 1, 2, 3, 4)
    assert "each lower than the one before" in signal(falling, "trend").explanation


def test_alternating_points_make_too_many_runs():
    # 6 above, 6 below: mean 2·36/12 + 1 = 7, variance 2·36·60 / (144·11) = 2.727; 7 ± 1.96·1.651
    result = chart([1, 9] * 6)
    assert result.runs == 12
    assert result.runs_limits == pytest.approx((3.763, 10.237), abs=1e-3)
    assert names(result) == ["too_many_runs"]
    assert "crosses the median 11 times (12 runs)" in signal(result, "too_many_runs").explanation
    assert "usually gives 4 to 10 runs" in signal(result, "too_many_runs").explanation


def test_long_blocks_make_too_few_runs():
    # 5 below then 5 above: 2 runs; mean 6, variance 2·25·40 / (100·9) = 2.222; limits 3.08 and 8.92
    result = chart([1, 1, 1, 1, 1, 9, 9, 9, 9, 9])
    assert result.runs == 2
    assert result.runs_limits == pytest.approx((3.078, 8.922), abs=1e-3)
    assert names(result) == ["too_few_runs"]
    assert "crosses the median 1 time (2 runs)" in signal(result, "too_few_runs").explanation


def test_too_few_points_for_the_runs_rule_is_said_not_guessed():
    result = chart([1, 9] * 4 + [5])  # median 5: 8 points off it
    assert result.runs == 8 and result.runs_limits is None
    assert signal(result, "too_few_points").explanation.startswith("Only 8 points are off the median")
    assert "needs at least 10" in signal(result, "too_few_points").explanation


def test_an_extreme_spike_is_flagged_as_astronomical_and_a_steady_climb_is_not():
    # median (50 + 51) / 2 = 50.5; moving ranges sum to 99 over 11: sigma 9 / 1.128 = 7.98, limit 23.9
    result = chart([50, 52, 49, 51, 50, 90, 51, 49, 52, 50, 48, 51])
    assert result.median == 50.5  # the median, not the mean (53.6)
    assert signal(result, "astronomical").points == ["w5"]
    assert result.points["astronomical"].tolist() == [False] * 5 + [True] + [False] * 6
    assert "Flagged for the team to judge" in signal(result, "astronomical").explanation
    at_the_end = chart([50, 52, 49, 51, 50, 51, 49, 52, 50, 48, 51, 90])  # one neighbour is enough
    assert signal(at_the_end, "astronomical").points == ["w11"]
    assert not chart(range(12)).points["astronomical"].any()


def test_points_table_and_missing_values():
    result = run_chart(pd.Series([3.0, np.nan, 1, 2], index=["baseline", "cycle_1", "cycle_2", "cycle_3"]))
    assert list(result.points.columns) == ["label", "value", "side", "shift", "trend", "astronomical"]
    assert result.points["label"].tolist() == ["baseline", "cycle_2", "cycle_3"]
    assert result.points["side"].tolist() == ["above", "below", "on"]
    assert (result.median, result.runs) == (2, 2)
    assert names(result) == ["too_few_points"]
