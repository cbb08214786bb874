"""Keep small groups private: hide their results, and any result that would give them away.

A team projects group results in a room and shares them with families; a mean or a
percent for three students is close to naming them. California publishes no result for
a student group of fewer than 11 (CAASPP results and the California School Dashboard
show none), and these functions apply the same floor before anything is shown.
"""

import math

import numpy as np
import pandas as pd

from .growth import as_columns, grouped

MIN_N = 11
"""The smallest group whose results are shown (California's reporting minimum)."""

EXTREME_N = 100
"""Groups smaller than this show percents under 5 as "<5%" and over 95 as ">95%". In such
a group 5% is fewer than 5 students, so "0%", "100%" or "3%" says what (nearly) every
member, or a named few, scored. This is the top- and bottom-coding that NCES describes
for public reports (SLDS Technical Brief 3, NCES 2011-603) in its 5%/95% form; Delaware,
for one, codes every group this way."""


def suppress(table, count_column, value_columns, group_columns, min_n=MIN_N, total_row=None):
    """A copy of `table` with the values of small groups, and of rows that would reveal them, set to NaN.

    - A row whose `count_column` is under `min_n` (or missing) is suppressed: each of
      `value_columns` becomes NaN and `suppression` says "small group".
    - Complementary sets: the last of `group_columns` names the groups (e.g. "group");
      rows sharing the values of the others (e.g. one "window") form one set, whose
      groups add up to its total (English learners + Not English learners = All
      students). `total_row` is the value of that last column that names the total
      (e.g. "All students"); it is hidden only if it is small itself.
    - When exactly one group of a set is suppressed, its result could be worked back
      from the total and the others, so the next-smallest group of the set (the first
      in the table on ties) is suppressed too: `suppression` says "complementary". With
      two or more hidden, no single one can be recovered.

    `suppressed` is True for both kinds. The count stays visible unless it is one of
    `value_columns` (public files usually hide small counts too).
    """
    *set_columns, group_column = as_columns(group_columns)
    out = table.copy()
    count = out[count_column].to_numpy(dtype=float)
    small = ~(count >= min_n)
    member = (out[group_column] != total_row).to_numpy() if total_row is not None else np.ones(len(out), dtype=bool)
    set_id = grouped(out, set_columns).ngroup().to_numpy()
    alone = np.bincount(set_id, weights=small & member, minlength=set_id.max(initial=-1) + 1)[set_id] == 1
    candidates = np.flatnonzero(alone & member & ~small)
    ranked = candidates[np.lexsort((candidates, count[candidates], set_id[candidates]))]  # by set, then count, then row
    first_in_set = ranked[np.concatenate([[True], set_id[ranked][1:] != set_id[ranked][:-1]])] if len(ranked) else ranked
    complementary = np.zeros(len(out), dtype=bool)
    complementary[first_in_set] = True
    hidden = small | complementary
    for column in as_columns(value_columns):
        out[column] = out[column].where(~hidden)
    out["suppressed"] = hidden
    out["suppression"] = pd.Series(np.select([small, complementary], ["small group", "complementary"], None), index=out.index)
    return out


def suppress_two_way(counts, min_n=MIN_N, total="Total"):
    """`counts` (rows × columns) with a `total` row and column added, and which cells to hide.

    Returns (table, hidden), two frames of the same shape. A two-way table (band ×
    student group, group × window) can be read along either direction: hiding cells
    within rows alone still lets a reader take a column's shown cells from its total.
    So every cell under `min_n` (margins included) is hidden, then complementary cells
    are added until every line (each row and each column, the total row and column
    included) that hides anything hides at least two cells and its hidden cells do not
    add up to zero (a zero sum next to a shown total reveals them all as 0, the case
    PTAC's examples warn of). Each addition is the smallest shown cell of a line that
    needs one (above zero when the line's hidden cells add up to zero; an inner cell
    before the line's total on ties, then the first); repeated until no line changes.

    This is the line-by-line heuristic of cell suppression (Cox, "Suppression
    methodology and statistical disclosure control", JASA 75, 1980; Federal Committee
    on Statistical Methodology, Statistical Policy Working Paper 22, ch. 4). It stops
    recovery by one subtraction along any row or column; it is not the linear-
    programming audit, which could still find a pattern where several lines together
    pin a cell down or narrow it to a small range, and it may hide more than the
    fewest cells needed.
    """
    table = counts.copy()
    table[total] = table.sum(axis=1)
    table.loc[total] = table.sum(axis=0)
    values = table.to_numpy(dtype=float)
    hidden = _complete_suppression(values, ~(values >= min_n))
    return table, pd.DataFrame(hidden, index=table.index, columns=table.columns)


def suppress_groups_two_way(counts, min_n=MIN_N):
    """The groups (rows of `counts`: groups × categories such as bands) a chart must leave out whole.

    A chart draws a group's whole row or none of it, so this is `suppress_two_way`'s rule
    with groups as the unit: groups under `min_n` students are hidden; while only one
    group is hidden, or the hidden groups' counts in some column add up to zero (which a
    reader would take from that column's total as "all of them 0"), the smallest shown
    group that mends it is hidden too. Then every column, and the column of group sizes,
    hides none or at least two cells whose sum is not zero, so no hidden count can be
    worked back from "All students" and the groups shown. Returns
    {group: "small group" | "protects a small group"}.
    """
    values = counts.to_numpy(dtype=float)
    sizes = values.sum(axis=1)
    hidden = ~(sizes >= min_n)
    reasons = {counts.index[r]: "small group" for r in np.flatnonzero(hidden)}
    while hidden.any():
        zero = (values[hidden].sum(axis=0) == 0) & (values[~hidden].sum(axis=0) > 0)
        if hidden.sum() >= 2 and not zero.any():
            break
        helps = ~hidden & ((values[:, zero] > 0).any(axis=1) if zero.any() else True)
        if not helps.any():
            break  # every group is hidden already
        extra = np.flatnonzero(helps)[np.argmin(sizes[helps])]
        hidden[extra] = True
        reasons[counts.index[extra]] = "protects a small group"
    return reasons


PRIMARY = "small group"  # the primary rule: fewer than the minimum
COMPLEMENTARY = "complementary"  # hidden so that a hidden small group cannot be worked out by subtraction


def shown_groups(sizes, min_n=MIN_N):
    """Which groups a view shows, decided once for its chart, its table and its sentence.

    `sizes` is groups × windows (or any columns whose groups add up to one total each):
    students counted per group. A group is shown in every column or in none.

    - primary: a group with fewer than `min_n` students in any column is hidden.
    - complementary: while the hidden groups could be worked out by subtracting the
      shown ones from the total (one group hidden alone, or hidden groups that together
      have fewer than `min_n` students somewhere), the smallest shown group is hidden
      too (fewest students in its smallest column; the first on ties): the smallest
      group that does protect them.

    NCES, Statistical Methods for Protecting Personally Identifiable Information in
    Aggregate Reporting (SLDS Technical Brief 3, NCES 2011-603, 2010): primary
    suppression of small cells and complementary suppression of the fewest others that
    stop recovery by subtraction. Returns a frame indexed by group: `n` (smallest
    column), `shown`, `rule` (None, `PRIMARY` or `COMPLEMENTARY`) and `protects`.
    """
    values = sizes.fillna(0).to_numpy(dtype=float).reshape(len(sizes), -1)
    smallest = values.min(axis=1) if values.size else np.zeros(len(sizes))
    hidden = ~(smallest >= min_n)
    rule = np.where(hidden, PRIMARY, None).astype(object)
    while hidden.any() and not hidden.all():
        together = values[hidden].sum(axis=0)
        if hidden.sum() >= 2 and not ((together > 0) & (together < min_n)).any():
            break
        candidates = np.flatnonzero(~hidden)
        extra = candidates[np.argmin(smallest[candidates])]
        hidden[extra], rule[extra] = True, COMPLEMENTARY
    small = [g for g, r in zip(sizes.index, rule) if r == PRIMARY]
    protects = [", ".join(map(str, small)) if r == COMPLEMENTARY else None for r in rule]
    return pd.DataFrame({"n": smallest, "shown": ~hidden, "rule": rule, "protects": protects}, index=sizes.index)


def hidden_reason(rule, protects, min_n=MIN_N):
    """Why a group is not shown, in words: which rule hid it, and for complementary whom it protects."""
    if rule == PRIMARY:
        return f"fewer than {min_n} students"
    return f"hidden so that {protects} cannot be worked out by subtraction"


def _complete_suppression(values, hidden):
    """`hidden` grown until no row or column of `values` (totals last in each) gives a hidden cell away."""
    hidden = hidden.copy()
    lines = [(row, slice(None)) for row in range(values.shape[0])] + [(slice(None), column) for column in range(values.shape[1])]
    changed = True
    while changed:
        changed = False
        for line in lines:
            cells, shown = values[line], ~hidden[line]
            zero_sum = shown[-1] and hidden[line].any() and cells[~shown].sum() == 0
            if hidden[line].sum() == 1 or zero_sum:
                candidates = np.flatnonzero(shown & (cells > 0)) if zero_sum else np.flatnonzero(shown)
                hidden[line][candidates[np.argmin(cells[candidates])]] = True
                changed = True
    return hidden


def format_percent(value, n, min_n=MIN_N, extreme_n=EXTREME_N):
    """A percent as shown to a team: "—" when suppressed, "<5%" / ">95%" when extreme in a small group, else "NN%".

    "—" stands for a NaN value or a group under `min_n`. Groups under `extreme_n` show
    percents below 5 as "<5%" and above 95 as ">95%". Others round half up to whole
    percents.
    """
    if pd.isna(value) or not n >= min_n:
        return "—"
    if n < extreme_n and value < 5:
        return "<5%"
    if n < extreme_n and value > 95:
        return ">95%"
    return f"{math.floor(value + 0.5)}%"
