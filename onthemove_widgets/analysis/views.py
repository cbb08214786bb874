"""What each growth view shows, aggregated and with small groups suppressed.

Every function returns group-level rows only (never a student), with groups under the
reporting minimum blanked (and their complements, so a hidden value cannot be worked
back from the total), and a plain-language summary for people who would rather read.
"""

import re
from dataclasses import replace

import numpy as np
import pandas as pd

from .bands import BANDS, assign_bands
from .gaps import equity_gaps, gap_trend
from .growth import HINGE, effect_size, growth, window_type
from .runchart import no_signal_reasons, run_chart
from .scores import window_order
from .subgroups import ALL_STUDENTS, value_label
from .suppress import MIN_N, hidden_reason, shown_groups, suppress_groups_two_way

PEOPLE_COLUMNS = ("teacher",)
"""Groupings that name people: their views belong to a team's private work, and no summary ranks them."""


def group_means(scored, column, min_n=MIN_N):
    """Mean score per window for all students and each group of `column`; groups not shown are blanked whole.

    `not_scored` (on the "All students" rows) counts the students of `scored` with no score in that window.
    """
    table = equity_gaps(scored, column)
    everyone = table["group"] == ALL_STUDENTS
    table["not_scored"] = (scored["student_id"].nunique() - table["n"]).where(everyone)
    return apply_shown(table, ["n", "mean", "gap"], min_n)


def apply_shown(table, values, min_n=MIN_N, count="n"):
    """`table` (rows per window and group) with `shown_groups`' one decision written into every row.

    Hidden groups lose `values` in every window; `suppressed`, `suppression` (the rule)
    and `hidden_because` (in words) say so, so chart, table and sentence read one answer.
    "All students" is hidden only if it is small itself.
    """
    table = table.copy()
    group = table["group"].astype(str)
    windows = table["window"].astype(str) if "window" in table else pd.Series("all", index=table.index)
    sizes = _sizes(group, windows, table[count])
    everyone = shown_groups(sizes.loc[[ALL_STUDENTS]], min_n) if ALL_STUDENTS in sizes.index else None
    decision = pd.concat([d for d in (everyone, shown_groups(sizes.drop(ALL_STUDENTS, errors="ignore"), min_n)) if d is not None])
    row = decision.index.get_indexer(group)  # each row's group in `decision`; -1 for a group with no count at all (shown)
    hidden = np.zeros(len(table), dtype=bool)
    hidden[row >= 0] = ~decision["shown"].to_numpy(dtype=bool)[row[row >= 0]]
    rule, protects = (_where_hidden(decision[c].to_numpy(dtype=object), row, hidden) for c in ("rule", "protects"))
    because = [hidden_reason(r, p, min_n) if h else None for h, r, p in zip(hidden, rule, protects)]
    for column in values:
        table[column] = table[column].where(~hidden)
    return table.assign(suppressed=hidden, suppression=rule, protects=protects, hidden_because=because)


def _where_hidden(decided, row, hidden):
    """Per row: its group's decided value where the row is hidden, NaN elsewhere (as `Series.where` leaves it)."""
    out = np.full(len(row), np.nan, dtype=object)
    out[hidden] = decided[row[hidden]]
    return out


def _sizes(group, windows, counts):
    """Groups × windows of each pair's first count that is not missing, groups in order of appearance.

    What `pivot_table(..., aggfunc="first", sort=False)` gives, rows and columns with no
    count dropped, without its cost (it ran ten times a report, for a table of a few cells).
    """
    rows, row_names = pd.factorize(group)
    columns, column_names = pd.factorize(windows)
    values = counts.to_numpy(dtype=float)
    known = np.flatnonzero(~np.isnan(values))[::-1]  # written last to first, so each cell keeps its first count
    cells = np.full((len(row_names), len(column_names)), np.nan)
    cells[rows[known], columns[known]] = values[known]
    kept_rows, kept_columns = ~np.isnan(cells).all(axis=1), ~np.isnan(cells).all(axis=0)
    return pd.DataFrame(cells[kept_rows][:, kept_columns], index=row_names[kept_rows], columns=column_names[kept_columns])


def not_shown_sentence(table):
    """"Not shown: Nonbinary (fewer than 11 students); Female (hidden so that …)." from the rows' one decision."""
    hidden = table.loc[table["suppressed"]].drop_duplicates("group")
    if hidden.empty:
        return ""
    return "Not shown: " + "; ".join(f"{g} ({why})" for g, why in zip(hidden["group"].astype(str), hidden["hidden_because"])) + "."


def private_band_mix(counts, min_n=MIN_N):
    """`subgroups.band_by_group` counts without the groups a shared chart must not show, and a sentence naming them.

    Groups are hidden whole, so that no band count of a small group can be worked back
    from "All students" and the groups still shown (`suppress.suppress_groups_two_way`).
    """
    groups = counts.loc[counts["group"] != ALL_STUDENTS]
    wide = groups.pivot_table(index="group", columns="band", values="students", observed=False, sort=False, aggfunc="sum")
    hidden = suppress_groups_two_way(wide, min_n)
    shown = counts.loc[~counts["group"].isin(list(hidden))].reset_index(drop=True)
    note = f"Not shown, to protect groups of fewer than {min_n} students: {', '.join(map(str, hidden))}." if hidden else ""
    return shown, note


def band_mix_over_time(scored, cut_scores, column, min_n=MIN_N):
    """Percent of each group in each band, per window; small groups (and complements) hidden."""
    frame = scored.assign(band=assign_bands(scored, cut_scores), group=[value_label(column, v) for v in scored[column]])
    everyone = frame.assign(group=ALL_STUDENTS)
    counts = pd.concat([everyone, frame]).groupby(["window", "group", "band"], observed=False, sort=False).size().rename("students").reset_index()
    totals = counts.groupby(["window", "group"], observed=True)["students"].transform("sum")
    counts = counts.assign(n=totals, percent=100 * counts["students"] / totals.where(totals > 0))
    sizes = counts.drop_duplicates(["window", "group"])[["window", "group", "n"]]
    decided = apply_shown(sizes, [], min_n).drop(columns="n")
    counts = counts.merge(decided, on=["window", "group"])
    counts.loc[counts["suppressed"], ["students", "percent", "n"]] = float("nan")
    counts["window"] = counts["window"].astype(window_type(counts["window"]))
    return counts.sort_values(["window", "group", "band"], key=_teaching_order, ignore_index=True)


def _teaching_order(column):
    """Windows in teaching order, "All students" first, bands below to above."""
    if column.name == "group":
        return column.ne(ALL_STUDENTS).astype(int).astype(str) + column.astype(str)
    return column


def effect_sizes(scored, column, before, after, min_n=MIN_N):
    """Effect size of growth from `before` to `after` for all students and each group, suppressed."""
    change = growth(scored, before, after)
    everyone = effect_size(change).assign(group=ALL_STUDENTS)
    groups = effect_size(change, by=column)
    groups = groups.assign(group=[value_label(column, v) for v in groups[column]]).drop(columns=column)
    table = pd.concat([everyone, groups], ignore_index=True)
    values = ["n", "mean_before", "mean_after", "sd_before", "sd_after", "r", "d", "ci_low", "ci_high"]
    table = apply_shown(table.assign(counted=table["n"]), values, min_n, count="counted").drop(columns="counted")
    table.attrs["missing"] = change.attrs["missing"]  # students without a score in both windows
    return table


def windows_in_words(table, label):
    """`table` with its window codes in the district's words (`label`), rows in the same order, for a room to read."""
    return table.assign(window=table["window"].astype(str).map(label)) if "window" in table else table


def sentence_in_words(text, windows, label):
    """A summary with each window code ('cycle_1', or 'cycle 1') in the district's words."""
    for code in windows:
        text = re.sub(rf"\b{re.escape(code)}\b|\b{re.escape(code.replace('_', ' '))}\b", label(code), text)
    return text


def run_chart_in_words(chart, label):
    """The run chart with its points named in the district's words (the signals found are unchanged)."""
    return replace(chart, points=chart.points.assign(label=chart.points["label"].astype(str).map(label)))


def school_run_chart(scored):
    """The run chart of all students' mean score, window by window in teaching order."""
    means = scored.groupby("window", observed=True)["score"].mean()
    return run_chart(means.reindex(window_order(means.index)))


def lines_summary(table, people=False):
    """How all students' mean moved, which group changed most and least, which gaps narrowed, and what is not shown.

    With `people` (groups that are teachers: `PEOPLE_COLUMNS`) no group is named as most
    or least: a summary read in a room never ranks people.
    """
    shown = table.loc[~table["suppressed"]]
    windows = window_order(shown["window"].astype(str))
    if len(windows) < 2:
        return " ".join(filter(None, ["There is only one window to show, so no growth can be read yet.", not_shown_sentence(table)]))
    first, last = windows[0], windows[-1]
    wide = shown.astype({"window": str, "group": str}).pivot_table(index="group", columns="window", values="mean")
    change = (wide[last] - wide[first]).dropna().sort_values()
    text = [f"From {first.replace('_', ' ')} to {last.replace('_', ' ')}, the mean score changed by {change.get(ALL_STUDENTS, float('nan')):+.1f} points for all students."]
    groups = change.drop(ALL_STUDENTS, errors="ignore")
    if len(groups) >= 2 and not people:
        text.append(f"{groups.index[-1]} changed most ({groups.iloc[-1]:+.1f}) and {groups.index[0]} least ({groups.iloc[0]:+.1f}).")
    elif len(groups) >= 2:
        text.append(f"The {len(groups)} classes shown changed by {groups.min():+.1f} to {groups.max():+.1f} points (listed by no one's name).")
    trends = gap_trend(shown.loc[shown["group"] != ALL_STUDENTS].astype({"group": str}))
    narrowing = trends.loc[trends["trend"] == "narrowing", "group"].tolist()
    if narrowing and not people:
        text.append(f"The gap to all students narrowed for {', '.join(narrowing)}.")
    return " ".join(filter(None, [*text, not_shown_sentence(table)]))


def effect_summary(table, people=False):
    """How each shown group's growth compares with the 0.40 hinge point (with `people`, how many, never who)."""
    shown = table.loc[~table["suppressed"] & (table["group"] != ALL_STUDENTS)]
    above = shown.loc[shown["d"] >= HINGE, "group"].astype(str).tolist()
    below = shown.loc[shown["d"] < HINGE, "group"].astype(str).tolist()
    parts = [_all_students_effect(table)]
    if people and (above or below):
        parts.append(f"{len(above)} of the {len(above) + len(below)} classes shown are at or above the 0.40 hinge point.")
    elif above or below:
        parts.append(f"At or above the 0.40 hinge point (about a year's growth or more): {', '.join(above) or 'none'}. Below it: {', '.join(below) or 'none'}.")
    return " ".join(filter(None, [*parts, not_shown_sentence(table)])) or "No group has scores in both windows."


def _all_students_effect(table):
    everyone = table.loc[(table["group"] == ALL_STUDENTS) & ~table["suppressed"], "d"].dropna()
    return f"All students: effect size {everyone.iloc[0]:.2f}." if len(everyone) else ""


def run_chart_summary(chart):
    """The signals found, in plain words; with none, which rules were checked and why none fired."""
    found = [s for s in chart.signals if s.name != "too_few_points"]
    if found:
        return f"The median is {chart.median:.1f}. " + " ".join(signal.explanation for signal in chart.signals)
    return f"The median is {chart.median:.1f}. No signal of change: " + no_signal_reasons(chart)


def band_mix_summary(counts):
    """The share at or above proficiency for all students at the first and last window."""
    everyone = counts.loc[(counts["group"] == ALL_STUDENTS) & counts["band"].isin(BANDS[2:])]
    by_window = everyone.groupby("window", observed=True, sort=False)["percent"].sum()
    if by_window.empty:
        return "No scores to show."
    return f"At or above proficiency, all students: {by_window.iloc[0]:.0f}% at {by_window.index[0].replace('_', ' ')}, {by_window.iloc[-1]:.0f}% at {by_window.index[-1].replace('_', ' ')}."
