"""Equity gaps over the year: is growth closing the distance between student groups? (FRAMEWORK §4.4)

Monitoring for impact means knowing whether growth is equitable, so every gap is shown
per window and the trend compares the first window with the last.
"""

import numpy as np
import pandas as pd

from .bands import BANDS
from .growth import as_columns, mean_by_window, window_type
from .subgroups import ALL_STUDENTS, value_label

AT_OR_ABOVE = list(BANDS[BANDS.index("at"):])
GAP_THRESHOLD = 2.0
"""A gap that moves less than this is `steady`. Two points is about one standard error of
a change in a group mean for 100 students on a 0–100 check (SD ≈ 15: 15·√2/√100 ≈ 2.1),
and two percentage points suits percentages; on a wide scale such as SBAC (SD ≈ 90) pass
a larger threshold."""


def equity_gaps(scored, column, reference=None, by=None):
    """Per window (and per group of `by`, e.g. school_id): each value of `column` against all students.

    Rows: "All students" first, then the column's groups (English learners before Not
    English learners; text values sorted), each with `n` students scored, `mean`, and
    `gap` = group mean − all-students mean. With `reference` (a value of `column`, e.g.
    False or "White") there is also `gap_to_reference` = group mean − the reference
    group's mean. When `scored` has a `band` column, `percent_at_or_above` (of the
    students with a band) and its `gap_at_or_above` (percentage points) are added.
    Students with no value in `column` count only in "All students".
    """
    by = as_columns(by)
    keys = [*by, "window"]
    frame = scored[[*keys, column, "score"]]
    sums = {"n": ("score", "count"), "total": ("score", "sum")}
    if "band" in scored:
        frame = frame.assign(at_or_above=100 * scored["band"].isin(AT_OR_ABOVE).where(scored["band"].notna()))
        sums |= {"banded": ("at_or_above", "count"), "percents": ("at_or_above", "sum")}
    # One pass over the rows: each (keys, value) cell's sums; all students add the cells up.
    cells = frame.groupby([*keys, column], observed=True, dropna=False).agg(**sums).reset_index()
    everyone = cells.groupby(keys, observed=True, dropna=False)[list(sums)].sum().reset_index()
    groups = cells.loc[cells[column].notna()]
    values = [True, False] if pd.api.types.is_bool_dtype(frame[column]) else sorted(groups[column].unique())
    if reference is not None and reference not in values:
        raise ValueError(f"no '{reference}' in {column}; its values are: {', '.join(map(str, values))}")
    labels = {value: value_label(column, value) for value in values}
    table = pd.concat([everyone.assign(group=ALL_STUDENTS), groups.assign(group=groups[column].map(labels))], ignore_index=True)
    table["mean"] = table["total"] / table["n"].where(table["n"] > 0)
    table["gap"] = table["mean"] - _lookup(table, table["group"] == ALL_STUDENTS, keys, "mean")
    if reference is not None:
        table["gap_to_reference"] = table["mean"] - _lookup(table, table[column] == reference, keys, "mean")
    if "band" in scored:
        table["percent_at_or_above"] = table["percents"] / table["banded"].where(table["banded"] > 0)
        table["gap_at_or_above"] = table["percent_at_or_above"] - _lookup(table, table["group"] == ALL_STUDENTS, keys, "percent_at_or_above")
    order = {"group": pd.CategoricalDtype([ALL_STUDENTS, *labels.values()], ordered=True), "window": window_type(table["window"])}
    table = table.astype(order).sort_values([*keys, "group"], ignore_index=True)
    measures = [c for c in ("n", "mean", "gap", "gap_to_reference", "percent_at_or_above", "gap_at_or_above") if c in table]
    return table[[*keys, "group", *measures]]


def gap_trend(gaps, by=None, value="gap", threshold=GAP_THRESHOLD):
    """Per group: the gap at its first and last window, the `change` in its size and the `trend`.

    `value` is a gap column of `equity_gaps` (`gap`, `gap_to_reference` or
    `gap_at_or_above`). change = |last gap| − |first gap|: the distance to close, whichever
    side the group is on. `trend` is `narrowing` when the gap shrank by `threshold` or
    more, `widening` when it grew by `threshold` or more, else `steady`; a group seen in
    only one window has no trend (<NA>). "All students" (always 0) is left out.
    """
    by = as_columns(by)
    rows = gaps.loc[(gaps["group"] != ALL_STUDENTS) & gaps[value].notna()].sort_values("window", kind="stable")
    ends = rows.groupby([*by, "group"], observed=True, sort=False)[["window", value]]
    first, last = ends.first(), ends.last()
    table = pd.DataFrame({
        "first_window": first["window"], "last_window": last["window"], "first_gap": first[value], "last_gap": last[value],
    })
    table["change"] = table["last_gap"].abs() - table["first_gap"].abs()
    trend = np.select([table["change"] <= -threshold, table["change"] >= threshold], ["narrowing", "widening"], "steady")
    table["trend"] = pd.Series(trend, index=table.index, dtype="str").where(table["first_window"] != table["last_window"])
    return table.reset_index()


def distance_from_standard(scored, cut_scores, by=None):
    """Per window and group: students scored (`n`) and the mean of score − Met, as the California Dashboard reports status.

    Met is the `at` threshold of the student's measure, subject and grade (Smarter
    Balanced "Standard Met"); a positive distance is above it. Averaging distances, not
    scale scores, lets grades with different Met thresholds share one number.
    """
    by = as_columns(by)
    measure_keys = ["measure", "subject", "grade"]
    merged = scored[list(dict.fromkeys([*by, "window", *measure_keys, "score"]))].merge(
        cut_scores[[*measure_keys, "at"]], on=measure_keys, how="left", validate="many_to_one"
    )
    missing = merged["at"].isna()
    if missing.any():
        combos = merged.loc[missing, measure_keys].drop_duplicates().astype(str).agg(" ".join, axis=1)
        raise ValueError(f"no cut scores for: {', '.join(combos)}")
    table = mean_by_window(merged.assign(score=merged["score"] - merged["at"]), by)
    return table.rename(columns={"mean": "distance_from_standard"})


def _lookup(table, rows, keys, column):
    """For each row of `table`, `column` of the row picked by `rows` that shares its `keys` (NaN if none)."""
    return table[keys].merge(table.loc[rows, [*keys, column]], on=keys, how="left")[column].to_numpy()
