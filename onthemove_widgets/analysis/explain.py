"""'How was this calculated?': the rule, the students counted, what was left out and the source, beside every number.

Each function takes the very table (or run chart) the number was shown from, so the
explanation and the number cannot disagree. `details_html` makes it one click away in
an app or a report, with no script, and `print_css` opens it on paper.
"""

from dataclasses import dataclass, field
from html import escape

import pandas as pd

from .growth import HINGE
from .subgroups import ALL_STUDENTS

SUMMARY = "How was this calculated?"
EFFECT_SIZE_WORDS = (
    "An effect size says how far the students' mean moved, measured in the spread of their scores: "
    "0 is no change, 0.40 about a year's growth (Hattie's hinge point), 1 is a move by a whole spread. "
    "d = (mean after − mean before) ÷ ((SD before + SD after) ÷ 2), for the students scored in both windows "
    "(Hattie, Visible Learning for Teachers, 2012; the standardized mean difference of Cohen, 1988). "
    "Its 95% interval uses the standard error of a standardized mean change (Becker, 1988)."
)


@dataclass(frozen=True)
class Explanation:
    """What one number is: its `rule`, the students `counted` (with `n`), what was `left_out` and why, and its `source`."""

    rule: str
    counted: str
    n: int
    source: str
    left_out: list = field(default_factory=list)

    def lines(self):
        left = "; ".join(self.left_out) if self.left_out else "nobody"
        return [f"How: {self.rule}", f"Students counted: {self.counted}", f"Left out: {left}.", f"Source: {self.source}"]


def details_html(explanation):
    """A closed <details> under a chart or table: one click on screen, no script, opened by `print_css` on paper."""
    items = "".join(f"<li>{escape(line)}</li>" for line in explanation.lines())
    return f'<details class="how-calculated"><summary>{SUMMARY}</summary><ul>{items}</ul></details>'


def print_css():
    """Print styles that show every explanation open (a closed <details> would print as one line)."""
    return "@media print { details.how-calculated > :not(summary) { display: block !important; } details.how-calculated > summary { font-weight: bold; list-style: none; } }"


def group_means(table, source):
    """For `views.group_means` rows: mean per window and group, the n behind them, the groups hidden and why."""
    everyone = table.loc[table["group"] == ALL_STUDENTS, "n"].dropna()
    n = int(everyone.max()) if len(everyone) else 0
    return Explanation(
        rule="each window's mean is the sum of the students' scores divided by the number of students scored; "
        "a group's gap is its mean minus all students' mean.",
        counted=f"up to {n} students in a window (all students: {_range(everyone)} per window); {_groups_n(table)}.",
        n=n, source=source, left_out=[*_hidden(table), *_unscored(table)],
    )


def effect_sizes(table, source):
    """For `views.effect_sizes`: the formula, the students scored in both windows, the groups hidden and those missing a window."""
    everyone = table.loc[table["group"] == ALL_STUDENTS, "n"].dropna()
    n = int(everyone.iloc[0]) if len(everyone) else 0
    missing = table.attrs.get("missing", 0)
    unscored = [f"{missing} student{'s' if missing != 1 else ''} without a score in both windows (growth is not guessed)"] if missing else []
    return Explanation(
        rule=EFFECT_SIZE_WORDS + f" The dashed line is the hinge point, {HINGE:.2f}.",
        counted=f"{n} students scored in both windows; {_groups_n(table)}.", n=n, source=source,
        left_out=[*_hidden(table), *unscored],
    )


def run_chart(chart, source, measure="the mean score"):
    """For a `runchart.RunChart`: the median and the four rules, the points read, the windows with no value."""
    points = chart.points
    return Explanation(
        rule=f"each point is {measure} in one window; the dashed line is their median. Four rules look for change "
        "that chance rarely makes: 6 or more points in a row on one side of the median (shift), 5 or more each higher "
        "or each lower (trend), too few or too many runs (with 10 or more points off the median), a point beyond 3 "
        "sigma (Perla, Provost and Murray, BMJ Quality & Safety, 2011).",
        counted=f"{len(points)} windows: {', '.join(map(str, points['label']))}.", n=len(points), source=source,
        left_out=[] if chart.runs_limits else ["no runs count: fewer than 10 points off the median"],
    )


def band_counts(counts, source):
    """For `subgroups.band_by_group` counts (the data wall): the band rule, students placed per group, students without a score."""
    groups = counts.drop_duplicates("group")
    everyone = groups.loc[groups["group"] == ALL_STUDENTS]
    n = int(everyone["group_students"].iloc[0]) if len(everyone) else 0
    unscored = int(everyone["no_score"].iloc[0]) if len(everyone) else 0
    per_group = ", ".join(f"{g}: {int(k)}" for g, k in zip(groups["group"], groups["group_students"]) if g != ALL_STUDENTS)
    return Explanation(
        rule="each student is placed in the highest band whose calibrated cut score their score reaches (below the "
        "'near' cut is below); a team's recorded decision moves a student; percents are of the group's students placed.",
        counted=f"{n} students placed ({per_group}).", n=n, source=source,
        left_out=[f"{unscored} student{'s' if unscored != 1 else ''} with no score on these measures"] if unscored else [],
    )


def band_mix(counts, source):
    """For `views.band_mix_over_time`: the band rule per window, the students behind each bar, the groups hidden."""
    sizes = counts.drop_duplicates(["window", "group"])
    everyone = sizes.loc[sizes["group"] == ALL_STUDENTS, "n"].dropna()
    return Explanation(
        rule="in each window, the percent of the group's scored students whose score reaches each band's calibrated cut score.",
        counted=f"all students: {_range(everyone)} per window; {_groups_n(sizes)}.", n=int(everyone.max()) if len(everyone) else 0,
        source=source, left_out=_hidden(sizes),
    )


def counted_table(rows, count, rule, source, what="students"):
    """For a report table with a count column (`count`), e.g. on track per window: the rule, the n per row, the rows hidden."""
    hidden = rows.loc[rows["suppressed"]] if "suppressed" in rows else rows.iloc[:0]
    shown = rows.loc[~rows.index.isin(hidden.index), count].dropna()
    n = int(shown.max()) if len(shown) else 0
    return Explanation(
        rule=rule, counted=f"{_range(shown)} {what} a row.", n=n, source=source,
        left_out=[f"{len(hidden)} row{'s' if len(hidden) != 1 else ''} with fewer students than the reporting minimum"] if len(hidden) else [],
    )


def gap_table(gaps, source):
    """For `report.gap_table`: the gap rule, the n columns it shows, and each hidden group with the rule that hid it."""
    counts = gaps[[c for c in gaps.columns if c.startswith("n ")]].max().max() if len(gaps) else 0
    n = 0 if pd.isna(counts) else int(counts)
    hidden = [f"{g} ({t.removeprefix('not shown (').removesuffix(')')})" for g, t in zip(gaps["group"], gaps["trend"]) if str(t).startswith("not shown")]
    return Explanation(
        rule="a group's mean is the sum of its students' scores divided by how many were scored; its gap is its mean minus "
        "all students' mean; the trend compares the gap's size at the two windows (a change of 2 points or more narrows or widens it).",
        counted=f"the n columns: students scored in each group and window, {n} at most.", n=n, source=source,
        left_out=[*hidden, "complementary: a group hidden so that a smaller hidden group cannot be worked out by subtracting the shown groups from all students"] if hidden else [],
    )


def _hidden(table):
    hidden = table.loc[table["suppressed"]].drop_duplicates("group")
    return [f"{g} ({why})" for g, why in zip(hidden["group"].astype(str), hidden["hidden_because"])]


def _unscored(table):
    missing = table.loc[table["group"] == ALL_STUDENTS, "not_scored"] if "not_scored" in table else []
    total = int(sum(missing))
    return [f"{total} score{'s' if total != 1 else ''} missing (a student on the roll with no score in a window)"] if total else []


def _groups_n(table):
    shown = table.loc[~table["suppressed"] & (table["group"] != ALL_STUDENTS)]
    if shown.empty:
        return "no group shown"
    return "; ".join(f"{g}: {_range(rows['n'].dropna())}" for g, rows in shown.groupby(shown["group"].astype(str), sort=False))


def _range(values):
    values = [int(v) for v in values]
    if not values:
        return "0"
    return f"{min(values)}" if min(values) == max(values) else f"{min(values)} to {max(values)}"
