"""The run chart rules on textbook sequences, each checked by hand."""

import numpy as np
import pandas as pd
import pytest

from fractions import Fraction

from onthemove_widgets.analysis.runchart import PERLA_RUNS_LIMITS, exact_runs_limits, run_chart, runs_distribution, runs_limits


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
    # 6 above, 6 below: Perla et al.'s table gives 3 to 11 runs for 12 useful points
    result = chart([1, 9] * 6)
    assert result.runs == 12
    assert result.runs_limits == (3, 11)
    assert names(result) == ["too_many_runs"]
    assert "crosses the median 11 times (12 runs)" in signal(result, "too_many_runs").explanation
    assert "usually gives 3 to 11 runs" in signal(result, "too_many_runs").explanation


def test_long_blocks_make_too_few_runs():
    # 5 below then 5 above: 2 runs, under the table's lower limit of 3 for 10 useful points
    result = chart([1, 1, 1, 1, 1, 9, 9, 9, 9, 9])
    assert result.runs == 2
    assert result.runs_limits == (3, 9)
    assert names(result) == ["too_few_runs"]
    assert "crosses the median 1 time (2 runs)" in signal(result, "too_few_runs").explanation


def with_runs(useful, runs):
    """`useful` points, half at 1 and half at 9 (median 5), in exactly `runs` runs: one point per run, the rest in each side's first run."""
    half = useful // 2
    sides = [i % 2 for i in range(runs)]  # 0: below, 1: above
    lengths = [1] * runs
    lengths[0] += half - sides.count(0)
    lengths[1] += half - sides.count(1)
    result = chart([9 if side else 1 for side, length in zip(sides, lengths) for _ in range(length)])
    assert (result.runs, len(result.points)) == (runs, useful)
    return result


def runs_signals(result):
    return [name for name in names(result) if name in ("too_few_runs", "too_many_runs")]


def test_ten_useful_points_with_3_or_9_runs_are_no_signal_and_2_runs_are():
    # Perla et al., Table 1: 10 useful points, lower limit 3, upper limit 9 (the normal
    # approximation used before gave 3.08 to 8.92 and flagged both 3 and 9)
    three = chart([1, 1, 1, 9, 9, 9, 9, 9, 1, 1])
    assert (three.runs, three.runs_limits, names(three)) == (3, (3, 9), [])
    nine = chart([1, 9, 1, 9, 1, 9, 1, 9, 9, 1])
    assert (nine.runs, nine.runs_limits, names(nine)) == (9, (3, 9), [])
    two = chart([9, 9, 9, 9, 9, 1, 1, 1, 1, 1])
    assert (two.runs, names(two)) == (2, ["too_few_runs"])
    assert "usually gives 3 to 9 runs" in signal(two, "too_few_runs").explanation


@pytest.mark.parametrize(("useful", "low", "high"), [(16, 5, 13), (20, 6, 16), (24, 8, 18), (26, 9, 19)])
def test_table_sizes_at_their_limits_and_one_beyond(useful, low, high):
    assert PERLA_RUNS_LIMITS[useful] == (low, high)
    assert with_runs(useful, low).runs_limits == (low, high)
    assert runs_signals(with_runs(useful, low)) == []
    assert runs_signals(with_runs(useful, high)) == []
    assert runs_signals(with_runs(useful, low - 1)) == ["too_few_runs"]
    assert runs_signals(with_runs(useful, high + 1)) == ["too_many_runs"]


def test_past_the_table_the_exact_distribution_sets_the_limits():
    # 40 useful points, 20 and 20: P(R ≤ 14) = 0.0083 and P(R ≤ 15) = 0.0300, so 15 is the lower limit
    assert with_runs(40, 15).runs_limits == (15, 27)
    assert runs_signals(with_runs(40, 15)) == [] and runs_signals(with_runs(40, 27)) == []
    assert runs_signals(with_runs(40, 14)) == ["too_few_runs"]
    assert runs_signals(with_runs(40, 28)) == ["too_many_runs"]
    assert with_runs(60, 24).runs_limits == (24, 38)


def test_an_uneven_split_uses_the_exact_distribution_not_the_table():
    # median 5 is tied three times: 7 points below and 4 above, 11 useful
    result = chart([1, 9, 1, 5, 9, 1, 5, 1, 9, 1, 5, 1, 9, 1, 5, 5])
    assert (result.points["side"] == "on").sum() == 5
    assert result.runs_limits == exact_runs_limits(4, 7) == (3, 9)
    assert runs_limits(4, 7) != PERLA_RUNS_LIMITS[11]
    assert runs_limits(0, 12) == (1, 1)  # every point on one side: one run, and no way to judge


def test_the_exact_distribution_matches_swed_and_eisenhart():
    five = runs_distribution(5, 5)  # C(10, 5) = 252 orders
    assert five[2] == Fraction(2, 252) and five[3] == Fraction(8, 252) and five[10] == Fraction(2, 252)
    assert float(sum(five[r] for r in (2, 3))) == pytest.approx(0.040, abs=5e-4)  # Swed–Eisenhart: P(R ≤ 3 | 5, 5) = .040
    assert float(sum(runs_distribution(6, 6)[r] for r in (2, 3, 4))) == pytest.approx(0.067, abs=5e-4)  # P(R ≤ 4 | 6, 6) = .067
    for above, below in [(5, 5), (4, 7), (13, 13), (3, 20)]:
        chance = runs_distribution(above, below)
        assert sum(chance.values()) == 1
        assert sum(r * p for r, p in chance.items()) == Fraction(2 * above * below, above + below) + 1


def test_exact_limits_at_2_5_percent_each_side_reproduce_the_table_where_it_is_exact():
    # The published table is not one convention throughout: at 2.5% each side (about 5% in
    # all) the exact limits equal it at these sizes, and at the others the table is wider
    exact = {n: exact_runs_limits(n // 2, n - n // 2) for n in PERLA_RUNS_LIMITS}
    assert {n for n in exact if exact[n] == PERLA_RUNS_LIMITS[n]} == {10, 13, 14, 15, 16, 18, 19, 21, 24, 26}
    assert exact[12] == (4, 10) and PERLA_RUNS_LIMITS[12] == (3, 11)
    for n, (low, high) in PERLA_RUNS_LIMITS.items():
        assert low <= exact[n][0] and high >= exact[n][1]
        chance = runs_distribution(n // 2, n - n // 2)
        assert sum(p for r, p in chance.items() if r < low or r > high) <= Fraction(1, 20)  # at most 5% false signals


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
