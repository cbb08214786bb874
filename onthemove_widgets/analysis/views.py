"""What each growth view shows, aggregated and with small groups suppressed.

Every function returns group-level rows only (never a student), with groups under the
reporting minimum blanked (and their complements, so a hidden value cannot be worked
back from the total), and a plain-language summary for people who would rather read.
"""

import pandas as pd

from .bands import BANDS, assign_bands
from .gaps import equity_gaps, gap_trend
from .growth import HINGE, effect_size, growth, window_type
from .runchart import run_chart
from .scores import window_order
from .subgroups import ALL_STUDENTS, value_label
from .suppress import MIN_N, suppress, suppress_groups_two_way


def group_means(scored, column, min_n=MIN_N):
    """Mean score per window for all students and each group of `column`, suppressed."""
    table = equity_gaps(scored, column)
    return suppress(table, "n", ["n", "mean", "gap"], ["window", "group"], min_n=min_n, total_row=ALL_STUDENTS)


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
    hidden = suppress(sizes, "n", [], ["window", "group"], min_n=min_n, total_row=ALL_STUDENTS)
    counts = counts.merge(hidden[["window", "group", "suppressed"]], on=["window", "group"])
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
    return suppress(table.assign(set=0), "n", values, ["set", "group"], min_n=min_n, total_row=ALL_STUDENTS).drop(columns="set")


def school_run_chart(scored):
    """The run chart of all students' mean score, window by window in teaching order."""
    means = scored.groupby("window", observed=True)["score"].mean()
    return run_chart(means.reindex(window_order(means.index)))


def lines_summary(table):
    """Which group grew most and least, and whether gaps narrowed, in one or two sentences."""
    shown = table.loc[~table["suppressed"]]
    windows = window_order(shown["window"].astype(str))
    if len(windows) < 2:
        return "There is only one window to show, so no growth can be read yet."
    first, last = windows[0], windows[-1]
    wide = shown.astype({"window": str, "group": str}).pivot_table(index="group", columns="window", values="mean")
    wide = wide.dropna(subset=[first, last])
    change = (wide[last] - wide[first]).sort_values()
    text = [f"From {first.replace('_', ' ')} to {last.replace('_', ' ')}, the mean score changed by {change.get(ALL_STUDENTS, float('nan')):+.1f} points for all students."]
    groups = change.drop(ALL_STUDENTS, errors="ignore")
    if len(groups) >= 2:
        text.append(f"{groups.index[-1]} changed most ({groups.iloc[-1]:+.1f}) and {groups.index[0]} least ({groups.iloc[0]:+.1f}).")
    trends = gap_trend(shown.loc[shown["group"] != ALL_STUDENTS].astype({"group": str}))
    narrowing = trends.loc[trends["trend"] == "narrowing", "group"].tolist()
    if narrowing:
        text.append(f"The gap to all students narrowed for {', '.join(narrowing)}.")
    hidden = sorted(set(table.loc[table["suppressed"], "group"].astype(str)))
    if hidden:
        text.append(f"Not shown (fewer than the reporting minimum, or needed to protect one that is): {', '.join(hidden)}.")
    return " ".join(text)


def effect_summary(table):
    """How each shown group's growth compares with the 0.40 hinge point."""
    shown = table.loc[~table["suppressed"]]
    above = shown.loc[shown["d"] >= HINGE, "group"].tolist()
    below = shown.loc[shown["d"] < HINGE, "group"].tolist()
    parts = []
    if above:
        parts.append(f"At or above the 0.40 hinge point (about a year's growth or more): {', '.join(above)}.")
    if below:
        parts.append(f"Below it: {', '.join(below)}.")
    hidden = table.loc[table["suppressed"], "group"].tolist()
    if hidden:
        parts.append(f"Not shown: {', '.join(hidden)}.")
    return " ".join(parts) or "No group has scores in both windows."


def run_chart_summary(chart):
    """The signals found, in plain words, or a sentence saying there are none."""
    if not chart.signals:
        return f"The median is {chart.median:.1f}. No signal of change beyond ordinary ups and downs."
    return f"The median is {chart.median:.1f}. " + " ".join(signal.explanation for signal in chart.signals)


def band_mix_summary(counts):
    """The share at or above proficiency for all students at the first and last window."""
    everyone = counts.loc[(counts["group"] == ALL_STUDENTS) & counts["band"].isin(BANDS[2:])]
    by_window = everyone.groupby("window", observed=True, sort=False)["percent"].sum()
    if by_window.empty:
        return "No scores to show."
    return f"At or above proficiency, all students: {by_window.iloc[0]:.0f}% at {by_window.index[0].replace('_', ' ')}, {by_window.iloc[-1]:.0f}% at {by_window.index[-1].replace('_', ' ')}."
