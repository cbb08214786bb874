"""Small-group suppression, complementary suppression and percent formatting, checked by hand."""

import numpy as np
import pandas as pd

from onthemove_widgets.analysis.suppress import COMPLEMENTARY, MIN_N, PRIMARY, format_percent, hidden_reason, shown_groups, suppress, suppress_groups_two_way, suppress_two_way

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


# Enrollment by grade for six schools, as published in "Aggregate Reporting and Data Disclosure
# Avoidance Techniques" (Louisiana and Delaware Departments of Education with the Privacy
# Technical Assistance Center, 2012 SLDS P-20W Best Practice Conference), "N size example".
# The slide goes on past school F (the copy we found stops at G's first cells), so the
# column totals here are those of schools A–F, worked out from the published rows.
ENROLLMENT = pd.DataFrame(
    [[16, 8, 8, 6], [15, 0, 0, 0], [3, 0, 0, 0], [62, 20, 13, 15], [3, 1, 0, 1], [31, 22, 8, 15]],
    index=[f"School {s}" for s in "ABCDEF"], columns=["K", "1", "2", "3"],
)
# Built for these tests (not published): same shape, three schools, where suppressing
# within rows leaves one hidden cell in a column.
BUILT = pd.DataFrame([[30, 4, 25, 12], [20, 15, 5, 40], [25, 30, 35, 45]], index=["A", "B", "C"], columns=["K", "1", "2", "3"])


def rows_only(counts, min_n):
    """The 1-D `suppress` run school by school (each row a set, its total the total row): the table with
    both totals, and what that hides (nothing in the column totals, which it does not look at)."""
    table = counts.assign(Total=counts.sum(axis=1))
    long = table.rename_axis("school").reset_index().melt(id_vars="school", var_name="grade", value_name="n")
    out = suppress(long, "n", [], ["school", "grade"], min_n=min_n, total_row="Total")
    hidden = out.pivot(index="school", columns="grade", values="suppressed").loc[table.index, table.columns]
    table.loc["Total"] = table.sum()
    hidden.loc["Total"] = False
    return table, hidden.astype(bool)


def determined(table, hidden):
    """Hidden cells the shown cells and the row and column sums fix exactly: cell k is fixed when
    the sums' columns for the hidden cells lose rank without k (nothing else can absorb a change to it)."""
    rows, columns = table.shape
    sums = []
    for r in range(rows):
        line = np.zeros((rows, columns)); line[r, :-1] = 1; line[r, -1] = -1; sums.append(line.ravel())
    for c in range(columns):
        line = np.zeros((rows, columns)); line[:-1, c] = 1; line[-1, c] = -1; sums.append(line.ravel())
    cells = np.flatnonzero(hidden.to_numpy().ravel())
    a = np.array(sums)[:, cells]
    rank = np.linalg.matrix_rank(a)
    return [divmod(int(k), columns) for i, k in enumerate(cells) if np.linalg.matrix_rank(np.delete(a, i, axis=1)) < rank]


def line_counts(hidden):
    return hidden.sum(axis=1).tolist() + hidden.sum(axis=0).tolist()


def test_rows_only_suppression_lets_a_column_total_give_a_small_cell_away():
    table, hidden = rows_only(BUILT, MIN_N)
    # each school hides its small cell and the next smallest: A 4 and 12, B 5 and 15
    assert hidden.to_numpy().tolist() == [[False, True, False, True, False], [False, True, True, False, False]] + [[False] * 5] * 2
    assert hidden.sum(axis=1).tolist() == [2, 2, 0, 0]
    # but grade 2 hides only B's cell, and its total (25 + 5 + 35 = 65) is shown
    shown = table.loc[["A", "C"], "2"].sum()
    assert table.at["Total", "2"] - shown == BUILT.at["B", "2"] == 5
    assert determined(table, hidden) == [(0, 1), (0, 3), (1, 1), (1, 2)]  # in fact all four can be worked back


def test_rows_only_suppression_of_the_published_table_gives_zeros_away():
    table, hidden = rows_only(ENROLLMENT, 5)
    # grade 2: B, C and E are hidden, but its total 29 less the shown 8 + 13 + 8 leaves 0, so all three are 0
    assert hidden["2"].tolist() == [False, True, True, False, True, False, False]
    assert table.at["Total", "2"] - table.loc[~hidden["2"], "2"].drop("Total").sum() == 0
    assert table.loc[hidden["2"], "2"].tolist() == [0, 0, 0]
    # school B likewise: its total 15 less its shown kindergarten 15
    assert hidden.loc["School B"].tolist() == [False, True, True, True, False]


def test_two_way_suppression_of_the_built_table():
    table, hidden = suppress_two_way(BUILT)
    assert table.loc["Total"].tolist() == [75, 49, 65, 97, 286] and table["Total"].tolist() == [71, 80, 135, 286]
    assert hidden.to_numpy().tolist() == [[False, True, True, True, False], [False, True, True, True, False], [False] * 5, [False] * 5]
    assert line_counts(hidden) == [3, 3, 0, 0, 0, 2, 2, 2, 0]
    assert determined(table, hidden) == []


def test_two_way_suppression_of_the_published_table():
    for min_n, expected in [
        (5, [[0, 0, 1, 1, 0], [1, 1, 1, 1, 0], [1, 1, 1, 1, 1], [0, 0, 0, 0, 0], [1, 1, 1, 1, 1], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]),
        (MIN_N, [[0, 1, 1, 1, 0], [1, 1, 1, 1, 0], [1, 1, 1, 1, 1], [0, 0, 0, 0, 0], [1, 1, 1, 1, 1], [0, 0, 1, 1, 0], [0, 0, 0, 0, 0]]),
    ]:
        table, hidden = suppress_two_way(ENROLLMENT, min_n=min_n)
        assert hidden.astype(int).to_numpy().tolist() == expected
        assert (hidden | (table >= min_n)).all().all()  # every small cell, margins included, is hidden
        assert all(n == 0 or n >= 2 for n in line_counts(hidden))
        for line in [*(table.loc[r] for r in table.index), *(table[c] for c in table.columns)]:
            mask = hidden.loc[line.name] if line.name in hidden.index else hidden[line.name]
            assert mask.iloc[-1] or not mask.any() or line[mask].sum() > 0  # a shown total never sits over hidden zeros only
        assert determined(table, hidden) == []


def whole_rows(counts, groups):
    """`counts` with both totals, and a mask hiding the listed groups' whole rows (their row totals too)."""
    table = counts.assign(Total=counts.sum(axis=1))
    table.loc["Total"] = table.sum()
    hidden = pd.DataFrame(False, index=table.index, columns=table.columns)
    hidden.loc[list(groups)] = True
    return table, hidden


def test_groups_are_hidden_whole_and_the_published_zeros_stay_hidden():
    reasons = suppress_groups_two_way(ENROLLMENT, min_n=MIN_N)
    # C (3) and E (5) are small; both are 0 in grade 2, which its total would give away, so the
    # smallest group with pupils in grade 2, A (38), is hidden to protect them
    assert reasons == {"School C": "small group", "School E": "small group", "School A": "protects a small group"}
    table, hidden = whole_rows(ENROLLMENT, reasons)
    assert determined(table, hidden) == []
    assert all(n == 0 or n >= 2 for n in line_counts(hidden))


def test_one_small_group_is_protected_by_the_smallest_group_that_can_protect_it():
    gender = pd.DataFrame([[122, 75, 36, 10], [128, 66, 46, 20], [3, 2, 0, 0]], index=["Female", "Male", "Nonbinary"], columns=["below", "near", "at", "above"])
    assert suppress_groups_two_way(gender) == {"Nonbinary": "small group", "Female": "protects a small group"}
    table, hidden = whole_rows(gender, ["Nonbinary"])
    assert (table.at["Total", "below"] - table.at["Female", "below"] - table.at["Male", "below"]) == 3  # one hidden row gives itself away
    table, hidden = whole_rows(gender, ["Nonbinary", "Female"])
    assert determined(table, hidden) == []
    assert suppress_groups_two_way(gender.drop("Nonbinary")) == {}


def test_shown_groups_hides_a_group_whole_when_it_is_small_in_any_window():
    sizes = pd.DataFrame({"baseline": [260, 251, 5], "end_of_year": [250, 258, 12]}, index=["Male", "Female", "Nonbinary"])
    decision = shown_groups(sizes)
    # Nonbinary is 12 at the end of the year but 5 at baseline: hidden in both, never drawn in one only.
    # Window by window the smaller partner is Female, then Male (so both were hidden somewhere);
    # one complement serves the whole view: Male, whose smallest window (250) is the smallest
    assert decision["shown"].to_dict() == {"Male": False, "Female": True, "Nonbinary": False}
    assert decision.loc["Nonbinary", "rule"] == PRIMARY
    assert decision.loc["Male", "rule"] == COMPLEMENTARY and decision.loc["Male", "protects"] == "Nonbinary"


def test_shown_groups_picks_the_smallest_group_that_protects_and_needs_the_hidden_ones_to_reach_the_minimum():
    sizes = pd.DataFrame({"w": [300, 40, 25, 3, 4]}, index=["A", "B", "C", "D", "E"])
    decision = shown_groups(sizes)
    # D and E hidden together have 7 students: All − A − B − C gives their 7 away, so C (25, not B or A) is hidden too
    assert decision.loc[~decision["shown"]].index.tolist() == ["C", "D", "E"]
    assert decision.loc["C", "protects"] == "D, E"
    assert shown_groups(sizes.drop(["D", "E"]))["shown"].all()
    assert hidden_reason(COMPLEMENTARY, "D, E") == "hidden so that D, E cannot be worked out by subtraction"
    assert hidden_reason(PRIMARY, None, 11) == "fewer than 11 students"
