"""The per-school report's tables: each a plain function, suppressed before it is shown.

The report notebook only calls these and displays what they return, so the numbers a
principal reads are the numbers the tests check.
"""

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .bands import BANDS, assign_bands, band_counts
from .baseline import baseline_bands
from .gaps import distance_from_standard, equity_gaps, gap_trend
from .growth import effect_size, growth, growth_by_window, on_track, percent_on_track, year_fraction
from .scores import student_scores, window_order
from .subgroups import ALL_STUDENTS, STANDARD_GROUPS, group_label, value_label
from .suppress import COMPLEMENTARY, MIN_N, format_percent, suppress
from .views import apply_shown
from .targets import growth_targets

WHO = ("student_id", "class_period", "last_name", "first_name")  # the student columns an off-track list names


def state_test_status(scored, cut_scores, min_n=MIN_N):
    """Per subject: students tested, distance from standard and the band mix; small counts hidden."""
    scored = scored.assign(band=assign_bands(scored, cut_scores))
    distance = distance_from_standard(scored, cut_scores, by="subject").drop(columns="window")
    bands = band_counts(scored, ["subject"]).pivot_table(index="subject", columns="band", values="percent", observed=False).reindex(columns=BANDS)
    table = distance.merge(bands.reset_index(), on="subject")
    table = suppress(table.assign(set=table["subject"]), "n", ["distance_from_standard", *BANDS], ["set", "subject"], min_n=min_n)
    return table.drop(columns=["set", "suppression"])


@dataclass(frozen=True)
class StudentPaths:
    """One measure's scores and each student's end-of-year target: what on-track and off-track both read.

    The report asks both questions of the same students; computing the targets once
    (`student_paths`) halves that part of every school's report.
    """

    scored: pd.DataFrame  # one row per student and window, with the student's id, class period and names
    windows: list  # the windows assessed, in teaching order
    calendar: list  # the whole year's windows (assessed or not), for where each path is drawn
    targets: pd.DataFrame  # student_id, target


def student_paths(students, assessments, cut_scores, measure, subject, target_rule="same_distance", year=None):
    """The scores and targets of `measure` `subject` behind `on_track_by_window` and `off_track`.

    Targets come from the sorter's rules (at least one year of growth from the baseline,
    the band at the first window); `year` is the whole school year's windows
    (`DistrictSettings.school_year`; default: the windows assessed), so mid-year a window
    is not mistaken for the year's end.
    """
    scored = student_scores(students[list(WHO)], assessments, measure, subject)
    windows = window_order(scored["window"])
    base = baseline_bands(students, assessments, cut_scores, [(measure, subject)], window=windows[0])
    targets = base[["student_id"]].join(growth_targets(base, cut_scores, measure, subject, target_rule)[["target"]])
    return StudentPaths(scored, windows, list(year) if year is not None else windows, targets)


def on_track_by_window(paths, min_n=MIN_N):
    """Percent of students on their path to their end-of-year target, window by window.

    A window's expected score is the straight line from the baseline score to the target,
    drawn over the whole year of `paths`.
    """
    windows, calendar = paths.windows, paths.calendar
    later = growth_by_window(paths.scored.drop(columns=list(WHO[1:])), windows[0])
    fraction = later["window"].map({window: year_fraction(calendar, windows[0], window) for window in windows[1:]})
    table = percent_on_track(on_track(later, paths.targets, fraction.to_numpy(dtype=float)), by="window")
    table = table.astype({"window": str})[["window", "students", "on_track", "percent"]]
    return suppress(table.assign(set=table["window"]), "students", ["on_track", "percent"], ["set", "window"], min_n=min_n).drop(columns=["set", "suppression"])


def off_track(paths, show_names=False, min_n=MIN_N):
    """Students below their path at the latest window: `(count, window, names)`.

    `count` is None when fewer than `min_n` students had a path to measure then: the
    count of a small group is close to naming them. `names` is None unless the report
    allows names (a team's own list of whom to help, so it is not suppressed).
    """
    windows = paths.windows
    latest = on_track(growth(paths.scored, windows[0], windows[-1]), paths.targets, year_fraction(paths.calendar, windows[0], windows[-1]))
    behind = latest.loc[latest["on_track"].eq(False)].sort_values(["class_period", "last_name", "first_name"])
    count = len(behind) if latest["on_track"].notna().sum() >= min_n else None
    if not show_names:
        return count, windows[-1], None
    names = behind[["first_name", "last_name", "class_period", "after", "expected"]].round(1).reset_index(drop=True)
    return count, windows[-1], names.assign(class_period=names["class_period"].astype("string").fillna(""))


def off_track_sentence(count, window, min_n=MIN_N):
    """The report's sentence on `off_track`'s count (`window` as shown to people); a suppressed count (None) is not printed."""
    when = window
    if count is None:
        return f"Fewer than {min_n} students had a path to measure at {when}, so how many were below it is not reported."
    return f"{count} student{' was' if count == 1 else 's were'} below their path at {when}."


def state_band_counts(scored, cut_scores, min_n=MIN_N):
    """Band mix per subject for a chart, leaving out any subject with fewer than `min_n` tested."""
    counts = band_counts(scored.assign(band=assign_bands(scored, cut_scores)), ["subject"])
    tested = counts.groupby("subject", observed=True)["students"].transform("sum")
    return counts.loc[tested >= min_n].reset_index(drop=True)


def next_questions(gaps):
    """Questions for the team's next Examining Data session, led by what the data shows.

    A widening gap is asked about as a cause only for a group below all students and
    falling further behind; a group above them pulling further ahead is asked about as such.
    """
    widening = gaps.loc[gaps["trend"] == "widening"]
    below = widening[widening.columns[widening.columns.str.startswith("gap ")][-1]] < 0 if len(widening) else []
    questions = [
        f"What could be the cause of the widening gap for {row['group']}, below all students and falling further behind?" if low
        else f"The group {row['group']} is above all students and moving further ahead: what is working there, and does every group get it?"
        for row, low in zip(widening.to_dict("records"), below)
    ]
    questions += [f"What have we been doing that narrowed the gap for {row['group']}, and how could every classroom do it?" for row in gaps.loc[gaps["trend"] == "narrowing"].head(2).to_dict("records")]
    return questions


def gap_table(scored, before, after, columns=tuple(STANDARD_GROUPS), min_n=MIN_N, label=str):
    """Each student group against all students at two windows, with its n, and whether the gap narrows.

    All group columns are stacked into one long frame, so gaps and trends are worked out
    once for every group. Which groups are shown is `views.apply_shown`'s one decision per
    kind of group (a group hidden in one window is hidden in both, n included); `trend`
    says which rule hid a hidden group. `label` names the windows in the headers.
    """
    present = [c for c in columns if c in scored]
    if not present:
        return pd.DataFrame(columns=["student group", "group", *_gap_columns(before, after, label), "trend"])
    gaps = _decided_gaps(scored.loc[scored["window"].isin([before, after])], present, min_n)
    shown = gaps.loc[gaps["group"] != ALL_STUDENTS].astype({"group": str, "window": str})
    keys = ["student group", "group"]
    wide = shown.set_index([*keys, "window"])[["n", "mean", "gap"]].unstack("window")
    wide = wide.reindex(columns=pd.MultiIndex.from_product([["n", "mean", "gap"], [before, after]]))
    wide.columns = _gap_columns(before, after, label)
    rows = shown.drop_duplicates(keys).set_index(keys)
    trend = gap_trend(shown.loc[~shown["suppressed"]], by="student group").set_index(keys)["trend"]
    table = wide.reset_index()
    table["trend"] = [
        _not_shown(rows.loc[key], min_n) if rows.at[key, "suppressed"] else str(trend.get(key, "—"))
        for key in zip(table["student group"], table["group"])
    ]
    position = {group_label(c): i for i, c in enumerate(present)}
    return table.sort_values(["student group", "group"], key=lambda v: v.map(position) if v.name == "student group" else v, ignore_index=True)


def _not_shown(row, min_n):
    """A hidden group's cell, short enough for a printed column: the rule, and whom a complement protects."""
    if row["suppression"] == COMPLEMENTARY:
        return f"not shown (complementary: protects {row['protects']})"
    return f"not shown (fewer than {min_n} students)"


def _decided_gaps(two, present, min_n):
    """`equity_gaps` of every group column, each kind of group given its one shown/hidden decision.

    The kinds are stacked into one long frame, so the means are worked out in one pass
    (the same sums, in the same order, as one pass per kind).
    """
    kinds = [group_label(c) for c in present]
    stacked = pd.DataFrame({
        "student group": np.repeat(kinds, len(two)),
        "window": pd.concat([two["window"]] * len(present), ignore_index=True),
        "score": np.tile(two["score"].to_numpy(), len(present)),
        "value": pd.concat([_labelled(two[c], c) for c in present], ignore_index=True),
    })
    gaps = equity_gaps(stacked, "value", by="student group")
    parts = [apply_shown(gaps.loc[gaps["student group"] == kind].reset_index(drop=True), ["n", "mean", "gap"], min_n) for kind in kinds]
    return pd.concat(parts, ignore_index=True)


def _labelled(values, column):
    """Each value of a group column as it reads ('English learners'), worked out once per distinct value; missing stays missing."""
    return values.map({value: value_label(column, value) for value in values.dropna().unique()})


def _gap_columns(before, after, label=str):
    return [f"{kind} {label(window)}" for kind in ("n", "mean", "gap") for window in (before, after)]


def school_summary(school, status, local_scored, before, after, min_n=MIN_N):
    """The few numbers the district index lists for this school (suppressed like the rest).

    `status` is the school's `state_test_status` table (empty when nobody was tested).
    `_totals` holds the counts behind them, which the index adds up for its district row
    and never shows school by school.
    """
    change = growth(local_scored, before, after)
    effect = effect_size(change) if len(change) else pd.DataFrame({"n": [0], "d": [float("nan")]})
    n, d = int(effect["n"].iloc[0]), float(effect["d"].iloc[0])
    summary = {"school_id": school["school_id"], "school_name": school["school_name"], "students": int(local_scored["student_id"].nunique())}
    totals = {"students": summary["students"], "tested": {}, "at_or_above": {}, "growth_n": n, "growth_d": None if pd.isna(d) or n < min_n else d}
    for row in status.to_dict("records"):
        at_or_above = row["at"] + row["above"] if not row["suppressed"] else float("nan")
        summary[f"{row['subject']} at or above"] = format_percent(at_or_above, row["n"], min_n)
        if not row["suppressed"]:  # a hidden school's counts stay out of the district row too
            totals["tested"][row["subject"]] = int(row["n"])
            totals["at_or_above"][row["subject"]] = round(at_or_above * row["n"] / 100)
    summary["growth effect size"] = "—" if n < min_n else f"{d:.2f}"
    return summary | {"_totals": totals}


def table_for_people(table, percent_columns=(), number_columns=(), min_n=MIN_N, count_column=None, labels=None):
    """A styled table for reading (no index): numbers rounded, suppressed cells "—", extreme small-group percents coded.

    Any other missing value also reads "—" (never nan or None), and whole-number floats
    (counts that a suppressed row turned into floats) lose their ".0". `labels` renames
    the columns for people. Every cell and header is HTML-escaped: a group or school name
    from a district's file is shown as text, never run as markup. A Styler shows every
    row, where a DataFrame shows 10 of a long list.
    """
    out = table.drop(columns=["suppressed"], errors="ignore").astype(object)
    for column in percent_columns:
        counts = out[count_column] if count_column else pd.Series(min_n * 100, index=out.index)
        out[column] = [format_percent(v, n, min_n) for v, n in zip(out[column], counts)]
    for column in number_columns:
        out[column] = ["—" if pd.isna(v) else f"{v:.1f}" for v in out[column]]
    if labels is not None:
        out.columns = list(labels)
    shown = out.map(_cell)
    # The table's HTML id from its content, not at random: the same data makes the same page, byte for byte.
    uuid = hashlib.sha256(shown.to_csv().encode()).hexdigest()[:10]
    return shown.style.set_uuid(uuid).hide(axis="index").format(escape="html").format_index(escape="html", axis=1)


def _cell(value):
    if pd.isna(value):
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value
