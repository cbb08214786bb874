"""The per-school report's tables: each a plain function, suppressed before it is shown.

The report notebook only calls these and displays what they return, so the numbers a
principal reads are the numbers the tests check.
"""

import pandas as pd

from .bands import BANDS, assign_bands, band_counts
from .baseline import baseline_bands
from .gaps import distance_from_standard, equity_gaps, gap_trend
from .growth import effect_size, growth, on_track, percent_on_track, year_fraction
from .scores import student_scores, window_order
from .subgroups import ALL_STUDENTS, STANDARD_GROUPS, group_label
from .suppress import MIN_N, format_percent, suppress
from .targets import growth_targets


def state_test_status(scored, cut_scores, min_n=MIN_N):
    """Per subject: students tested, distance from standard and the band mix; small counts hidden."""
    scored = scored.assign(band=assign_bands(scored, cut_scores))
    distance = distance_from_standard(scored, cut_scores, by="subject").drop(columns="window")
    bands = band_counts(scored, ["subject"]).pivot_table(index="subject", columns="band", values="percent", observed=False)
    table = distance.merge(bands.reset_index(), on="subject")
    table = suppress(table.assign(set=table["subject"]), "n", ["distance_from_standard", *BANDS], ["set", "subject"], min_n=min_n)
    return table.drop(columns=["set", "suppression"])


def on_track_by_window(students, assessments, cut_scores, measure, subject, target_rule="same_distance", min_n=MIN_N):
    """Percent of students on their path to an end-of-year target, window by window.

    Targets come from the sorter's rules (at least one year of growth from the baseline);
    a window's expected score is the straight line from baseline to target.
    """
    rows = [percent_on_track(frame).assign(window=window) for window, frame in _paths(students, assessments, cut_scores, measure, subject, target_rule)]
    table = pd.concat(rows, ignore_index=True)[["window", "students", "on_track", "percent"]]
    return suppress(table.assign(set=table["window"]), "students", ["on_track", "percent"], ["set", "window"], min_n=min_n).drop(columns=["set", "suppression"])


def _paths(students, assessments, cut_scores, measure, subject, target_rule, latest_only=False):
    """(window, students with their on-track status) for every window after the baseline (or the latest)."""
    scored = student_scores(students, assessments, measure, subject)
    windows = window_order(scored["window"])
    base = baseline_bands(students, assessments, cut_scores, [(measure, subject)], window=windows[0])
    targets = base[["student_id"]].join(growth_targets(base, cut_scores, measure, subject, target_rule))
    for window in windows[-1:] if latest_only else windows[1:]:
        yield window, on_track(growth(scored, windows[0], window), targets, year_fraction(windows, windows[0], window))


def off_track(students, assessments, cut_scores, measure, subject, show_names=False, target_rule="same_distance"):
    """Students below their path at the latest window: names only when the report allows them."""
    [(window, latest)] = _paths(students, assessments, cut_scores, measure, subject, target_rule, latest_only=True)
    behind = latest.loc[latest["on_track"].eq(False)].sort_values(["class_period", "last_name", "first_name"])
    if not show_names:
        return len(behind), window, None
    return len(behind), window, behind[["first_name", "last_name", "class_period", "after", "expected"]].round(1).reset_index(drop=True)


def state_band_counts(scored, cut_scores, min_n=MIN_N):
    """Band mix per subject for a chart, leaving out any subject with fewer than `min_n` tested."""
    counts = band_counts(scored.assign(band=assign_bands(scored, cut_scores)), ["subject"])
    tested = counts.groupby("subject", observed=True)["students"].transform("sum")
    return counts.loc[tested >= min_n].reset_index(drop=True)


def next_questions(gaps):
    """Questions for the team's next Examining Data session, led by what the data shows."""
    questions = [f"What could be the cause of the widening gap for {row['group']}?" for row in gaps.loc[gaps["trend"] == "widening"].to_dict("records")]
    questions += [f"What have we been doing that narrowed the gap for {row['group']}, and how could every classroom do it?" for row in gaps.loc[gaps["trend"] == "narrowing"].head(2).to_dict("records")]
    return questions


def gap_table(scored, before, after, columns=tuple(STANDARD_GROUPS), min_n=MIN_N):
    """Each student group against all students at two windows, and whether the gap narrows."""
    two = scored.loc[scored["window"].isin([before, after])]
    parts = []
    for column in [c for c in columns if c in scored]:
        gaps = equity_gaps(two, column)
        gaps = suppress(gaps, "n", ["n", "mean", "gap"], ["window", "group"], min_n=min_n, total_row=ALL_STUDENTS)
        shown = gaps.loc[(gaps["group"] != ALL_STUDENTS)].astype({"group": str, "window": str})
        wide = shown.pivot_table(index="group", columns="window", values=["mean", "gap"], dropna=False)
        hidden = shown.groupby("group")["suppressed"].any()
        protecting = shown.groupby("group")["suppression"].agg(lambda reasons: "complementary" in set(reasons))
        trend = gap_trend(shown.loc[~shown["group"].isin(hidden[hidden].index)]).set_index("group")["trend"]
        for group in wide.index:
            parts.append({
                "student group": group_label(column), "group": group,
                f"mean {before}": wide.at[group, ("mean", before)] if ("mean", before) in wide else float("nan"),
                f"mean {after}": wide.at[group, ("mean", after)] if ("mean", after) in wide else float("nan"),
                f"gap {before}": wide.at[group, ("gap", before)] if ("gap", before) in wide else float("nan"),
                f"gap {after}": wide.at[group, ("gap", after)] if ("gap", after) in wide else float("nan"),
                "trend": _hidden_reason(protecting.get(group, False)) if hidden.get(group, False) else str(trend.get(group, "—")),
            })
    return pd.DataFrame(parts)


def _hidden_reason(protects):
    return "not shown (would reveal a small group)" if protects else "not shown (small group)"


def school_summary(school, state_scored, local_scored, cut_scores, before, after, min_n=MIN_N):
    """The few numbers the district index lists for this school (suppressed like the rest)."""
    status = state_test_status(state_scored.loc[state_scored["window"] == after], cut_scores, min_n) if len(state_scored) else pd.DataFrame()
    change = growth(local_scored, before, after)
    effect = effect_size(change) if len(change) else pd.DataFrame({"n": [0], "d": [float("nan")]})
    n = int(effect["n"].iloc[0])
    summary = {"school_id": school["school_id"], "school_name": school["school_name"], "students": int(local_scored["student_id"].nunique())}
    for row in status.to_dict("records"):
        at_or_above = row["at"] + row["above"] if not row["suppressed"] else float("nan")
        summary[f"{row['subject']} at or above"] = format_percent(at_or_above, row["n"], min_n)
    summary["growth effect size"] = "—" if n < min_n else f"{effect['d'].iloc[0]:.2f}"
    return summary


def table_for_people(table, percent_columns=(), number_columns=(), min_n=MIN_N, count_column=None):
    """A styled table for reading (no index): numbers rounded, suppressed cells "—", extreme small-group percents coded."""
    out = table.copy()
    for column in percent_columns:
        counts = out[count_column] if count_column else pd.Series(min_n * 100, index=out.index)
        out[column] = [format_percent(v, n, min_n) for v, n in zip(out[column], counts)]
    for column in number_columns:
        out[column] = ["—" if pd.isna(v) else f"{v:.1f}" for v in out[column]]
    return out.drop(columns=["suppressed"], errors="ignore").style.hide(axis="index")
