"""Small-group suppression, complementary suppression and percent formatting, checked by hand."""

import numpy as np
import pandas as pd

from onthemove_widgets.analysis.suppress import MIN_N, format_percent, suppress

GROUPS = ["All students", "English learners", "Not English learners"]
TABLE = pd.DataFrame({
    "window": ["baseline"] * 3 + ["end_of_year"] * 3,
    "group": GROUPS * 2,
    "n": [40, 10, 30, 41, 11, 30],
    "mean": [50.0, 41, 53, 55, 47, 58],
    "percent": [20, 10, 23, 30, 18, 34],  # whole numbers: hiding turns them into floats
})


def shown(table, column):
    """The column as a list, a hidden or empty cell as None."""
    return [None if pd.isna(value) else value for value in table[column]]


def test_a_group_of_ten_is_hidden_and_eleven_is_shown_with_its_complement_hidden_too():
    out = suppress(TABLE, "n", ["mean", "percent"], ["window", "group"], total_row="All students")
    assert MIN_N == 11
    # baseline: English learners (10) are too few; Not English learners would give them away (40·50 − 30·53 = 10·41)
    assert shown(out, "mean") == [50, None, None, 55, 47, 58]
    assert shown(out, "percent") == [20, None, None, 30, 18, 34]
    assert out["suppressed"].tolist() == [False, True, True, False, False, False]
    assert shown(out, "suppression") == [None, "small group", "complementary", None, None, None]
    assert out["n"].tolist() == TABLE["n"].tolist()  # counts stay unless listed as values
    assert TABLE["mean"].notna().all()  # the caller's table is untouched


def test_counts_listed_as_values_are_hidden_too():
    out = suppress(TABLE, "n", ["n", "mean"], ["window", "group"], total_row="All students")
    assert shown(out, "n") == [40, None, None, 41, 11, 30]


def test_the_next_smallest_group_of_the_set_is_hidden_and_two_hidden_need_no_more():
    table = pd.DataFrame({
        "school": ["A"] * 5 + ["B"] * 5,
        "group": ["All", "Asian", "Filipino", "White", "Hispanic"] * 2,
        "n": [80, 5, 20, 15, 40, 60, 5, 8, 30, 17],
        "mean": np.arange(10.0),
    })
    out = suppress(table, "n", "mean", ["school", "group"], total_row="All")
    # school A: Asian (5) small, White (15) is the next smallest; school B: two small already
    assert shown(out, "suppression") == [None, "small group", None, "complementary", None, None, "small group", "small group", None, None]
    assert out["mean"].isna().tolist() == out["suppressed"].tolist()


def test_ties_hide_the_first_row_and_a_small_total_is_hidden_itself():
    table = pd.DataFrame({"group": ["All", "x", "y", "z"], "n": [8, 3, 20, 20], "mean": [1.0, 2, 3, 4]})
    out = suppress(table, "n", "mean", ["group"], total_row="All")
    assert shown(out, "suppression") == ["small group", "small group", "complementary", None]


def test_without_a_total_row_every_row_is_a_complement():
    table = pd.DataFrame({"group": ["English learners", "Not English learners"], "n": [10, 300], "mean": [1.0, 2]})
    assert suppress(table, "n", "mean", "group")["suppressed"].tolist() == [True, True]
    assert suppress(table, "n", "mean", "group", min_n=5)["suppressed"].tolist() == [False, False]


def test_percent_formats():
    assert format_percent(np.nan, 50) == "—"  # suppressed
    assert format_percent(50, 10) == "—"  # group too small
    assert format_percent(50, 11) == "50%"
    assert format_percent(0, 15) == "<5%" and format_percent(4.9, 99) == "<5%"
    assert format_percent(100, 15) == ">95%" and format_percent(95.1, 50) == ">95%"
    assert format_percent(5, 50) == "5%" and format_percent(95, 50) == "95%"
    assert format_percent(0, 100) == "0%" and format_percent(99.6, 200) == "100%"  # large groups show exact values
    assert format_percent(12.5, 40) == "13%" and format_percent(12.4, 40) == "12%"  # half rounds up
    assert format_percent(3, 30, min_n=5, extreme_n=20) == "3%"
