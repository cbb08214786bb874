"""Learning progress, not only outcomes: growth, being on track, and effect sizes (FRAMEWORK §4.4, §9.6).

Continuous improvement asks what growth the team wants and whether practice is moving
students toward it. Every function here takes the long rows of `scores.student_scores`
for ONE measure and subject (student_id, window, score and the student's columns).
"""

from statistics import NormalDist

import numpy as np
import pandas as pd

from .scores import window_order

HINGE = 0.40
"""Hattie's hinge point (Visible Learning, 2009): the average effect of the influences he
synthesised, roughly a year's progress for a year's input. Effects above it are worth
keeping; effects below it ask what to change."""

PER_WINDOW = ("window", "date", "score", "band")  # what changes from one window to the next


def as_columns(by):
    """`by` as a list of columns: None → [], 'school_id' → ['school_id']."""
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def window_type(windows):
    """An ordered categorical of the windows in teaching order, so tables and charts sort right."""
    return pd.CategoricalDtype(window_order(windows), ordered=True)


def grouped(frame, by):
    """`frame` grouped by the columns in `by`; everyone as one group when `by` is empty."""
    return frame.groupby(by or np.zeros(len(frame), dtype=int), observed=True, dropna=False, sort=True)


def growth(scored, before=None, after=None):
    """One row per student scored in both windows: the student's columns, `before`, `after`, `growth`.

    `before` and `after` default to the first and the last window of `scored`, in the
    district's teaching order.
    The student's columns are all of `scored`'s but the per-window ones (window, date,
    score, band). `growth` is after − before. A student missing either window is left
    out rather than guessed at; how many were left out is ``frame.attrs["missing"]``
    (students in `scored` without a score in both windows), so a table can say so. Two
    scores for one student in one window raise: the team must decide which one counts.
    """
    order = window_order(scored["window"])
    before = order[0] if before is None and order else before
    after = order[-1] if after is None and order else after
    if before == after:
        raise ValueError(f"choose two different windows; got '{before}' twice")
    frame, _, students = _growth_to(scored, before, [after])
    frame.attrs["missing"] = students - len(frame)
    return frame


def growth_by_window(scored, before=None):
    """`growth` from `before` (default: the first window) to every later window, stacked, with the later `window` in each row.

    Windows come in teaching order. Pass `scored` with only the columns you need: each
    window's rows carry all of them. The rows and errors are `growth`'s, window by window,
    worked out in one pass over `scored` (a loop of `growth` calls was a tenth of a report).
    """
    order = window_order(scored["window"])
    before = order[0] if before is None and order else before
    if before not in order:
        raise ValueError(f"no scores in window '{before}'; the data has: {', '.join(order)}")
    later = order[order.index(before) + 1:]
    frame, sizes, _ = _growth_to(scored, before, later)
    frame["window"] = pd.Categorical(np.repeat(np.array(later, dtype=object), sizes), categories=later, ordered=True)
    return frame


def _growth_to(scored, before, later):
    """What `growth` and `growth_by_window` both build: growth from `before` to each window of `later`, stacked in
    that order; with the rows each window gave and the number of students in `scored`."""
    keep, after, students = _later_scores(scored, before, later)
    rows = np.concatenate(keep) if keep else np.array([], dtype=int)
    frame = scored.iloc[rows][[c for c in scored.columns if c not in PER_WINDOW]].reset_index(drop=True)
    score = scored["score"].to_numpy(dtype=float)
    frame["before"], frame["after"] = score[rows], np.concatenate(after) if after else np.array([])
    frame["growth"] = frame["after"] - frame["before"]
    return frame, [len(k) for k in keep], students


def _later_scores(scored, before, later):
    """Per later window: the positions in `scored` of the `before` rows kept (the student has one score in both),
    and those students' later scores; and how many students `scored` has.

    Two scores for one student raise, at the first window (in teaching order) where they occur.
    """
    student, ids = pd.factorize(scored["student_id"])
    window, score = scored["window"].to_numpy(), scored["score"].to_numpy(dtype=float)
    scored_in = ~np.isnan(score)
    is_before = (window == before) & scored_in
    scores_before = np.bincount(student[is_before], minlength=len(ids))
    keep, after = [], []
    for name in later:
        is_after = (window == name) & scored_in
        scores_after = np.bincount(student[is_after], minlength=len(ids))
        repeated = (scores_before > 1) | (scores_after > 1)
        if repeated.any():
            first = repeated.argmax()
            raise ValueError(f"{before if scores_before[first] > 1 else name}: more than one score for student {ids[first]}")
        value = np.full(len(ids), np.nan)
        value[student[is_after]] = score[is_after]
        rows = np.flatnonzero(is_before & (scores_after[student] == 1))
        keep.append(rows)
        after.append(value[student[rows]])
    return keep, after, len(ids)


def year_fraction(windows, before, after):
    """How far along the straight-line path from `before` to the year's last window `after` is.

    Windows are taken as evenly spaced (3-week cycles): with baseline, cycle_1 … cycle_10
    and end_of_year, cycle_k is k/11 of the way and end_of_year is 1. `windows` must
    list the whole year in teaching order, including windows not yet assessed.
    """
    order = window_order(windows)
    unknown = [w for w in (before, after) if w not in order]
    if unknown:
        raise ValueError(f"unknown window {', '.join(unknown)}; the year has: {', '.join(order)}")
    start, at = order.index(before), order.index(after)
    if at <= start:
        raise ValueError(f"'{after}' must come after '{before}'")
    return (at - start) / (len(order) - 1 - start)


def on_track(growth_frame, targets, fraction=1.0):
    """`growth_frame` with each student's `target`, `expected` score and `on_track`.

    `targets` has `student_id` and `target` (other columns, e.g. `target_rule`, come along).
    A student is on track when their `after` score is at or above the straight line from
    their `before` score to their end-of-year target at that point in the year:
    expected = before + (target − before) × fraction, with `fraction` from `year_fraction`
    (1 at the end of the year, where on track means after ≥ target). A student with no
    target is neither on nor off track (`on_track` is <NA>). For the stacked rows of
    `growth_by_window`, pass one `fraction` per row.
    """
    frame = growth_frame.merge(targets, on="student_id", how="left", validate="many_to_one")
    frame["expected"] = frame["before"] + (frame["target"] - frame["before"]) * fraction
    frame["on_track"] = pd.array(frame["after"] >= frame["expected"], dtype="boolean")
    frame.loc[frame["target"].isna(), "on_track"] = pd.NA
    return frame


def percent_on_track(frame, by=None):
    """Per group: `students` with a target, how many are `on_track`, the `percent`, and `no_target`."""
    by = as_columns(by)
    known = frame["on_track"].notna()
    counts = frame[by].assign(students=known, on_track=frame["on_track"].fillna(False).astype(bool), no_target=~known)
    table = grouped(counts, by)[["students", "on_track", "no_target"]].sum().reset_index(drop=not by)
    table["percent"] = 100 * table["on_track"] / table["students"].where(table["students"] > 0)
    return table[[*by, "students", "on_track", "percent", "no_target"]]


def effect_size(growth_frame, by=None, confidence=0.95):
    """Per group: n, means and SDs before and after, their correlation `r`, `d` and its interval.

    d = (mean after − mean before) / ((sd before + sd after) / 2), the pre/post form of
    Hattie's Visible Learning for Teachers (2012) that teams compare with `HINGE`. SDs are
    sample SDs (n − 1). The interval is d ± z·se with the large-sample standard error of
    a standardized mean change (Becker, 1988), se = √(2(1 − r)/n + d²/(2n)), where r is
    the before/after correlation of the same students; with r = 0.5 it is √(1/n + d²/(2n)).
    Groups of one student, or with no spread at all, have no d (NaN).
    """
    by = as_columns(by)
    centre = growth_frame["before"].mean()  # centring keeps the sums of squares accurate
    x, y = growth_frame["before"] - centre, growth_frame["after"] - centre
    sums = grouped(growth_frame[by].assign(x=x, y=y, xx=x * x, yy=y * y, xy=x * y, n=1), by)
    sums = sums[["n", "x", "y", "xx", "yy", "xy"]].sum().reset_index(drop=not by)
    n = sums["n"].to_numpy(dtype=float)
    mean_x, mean_y = sums["x"] / n, sums["y"] / n
    var_x, var_y = (sums["xx"] - n * mean_x**2) / (n - 1), (sums["yy"] - n * mean_y**2) / (n - 1)
    sd_x, sd_y = np.sqrt(var_x.clip(lower=0)), np.sqrt(var_y.clip(lower=0))
    r = ((sums["xy"] - n * mean_x * mean_y) / (n - 1) / (sd_x * sd_y)).clip(-1, 1)
    spread = (sd_x + sd_y) / 2
    d = (mean_y - mean_x) / spread.where(spread > 0)
    se = np.sqrt(2 * (1 - r) / n + d**2 / (2 * n))
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    return sums[by].assign(
        n=sums["n"], mean_before=mean_x + centre, mean_after=mean_y + centre, sd_before=sd_x, sd_after=sd_y,
        r=r, d=d, ci_low=d - z * se, ci_high=d + z * se,
    )


def mean_by_window(scored, by=None):
    """Mean score and number of students scored, per group and window, windows in teaching order."""
    by = as_columns(by)
    table = scored.groupby([*by, "window"], observed=True, dropna=False)["score"].agg(n="count", mean="mean").reset_index()
    table["window"] = table["window"].astype(window_type(table["window"]))
    return table.sort_values([*by, "window"], ignore_index=True)
