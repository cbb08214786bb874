"""Run charts: is this change a signal or just the ups and downs every measure has? (FRAMEWORK §4.4, §9.6)

The four rules of Perla, Provost and Murray, "The run chart: a simple analytical tool
for learning from variation in healthcare processes", BMJ Quality & Safety 20 (2011)
46–51, the rules improvement teams use to read a measure over time without a
statistician. The centre line is the median, never the mean, so one odd point cannot
move it. Each rule looks for a pattern that chance alone rarely makes.
"""

import math
from dataclasses import dataclass
from fractions import Fraction
from itertools import accumulate

import numpy as np
import pandas as pd

SHIFT = 6  # points in a row on one side of the median
TREND = 5  # points in a row all going up or all going down
RUNS_MIN_POINTS = 10  # points off the median the runs rule needs (Perla et al.'s table starts at 10)
RUNS_TAIL = Fraction(1, 40)  # 2.5% each side, about 5% in all: the convention that gives the table's limits at 10 points
ASTRONOMICAL = 3.0  # sigmas from the median
D2 = 1.128  # the mean moving range of two points is 1.128 sigma (Shewhart's d2 for n = 2)

PERLA_RUNS_LIMITS = {
    10: (3, 9), 11: (3, 10), 12: (3, 11), 13: (4, 11), 14: (4, 12), 15: (5, 12), 16: (5, 13), 17: (5, 13), 18: (6, 14),
    19: (6, 15), 20: (6, 16), 21: (7, 16), 22: (7, 17), 23: (7, 17), 24: (8, 18), 25: (8, 18), 26: (9, 19),
}
"""Useful points (off the median) → (lower, upper) limit for the number of runs: fewer
than the lower or more than the upper is a signal. Perla, Provost and Murray (2011),
Table 1 ("Tests for number of runs above and below the median"), built from Swed and
Eisenhart (1943); it keeps the chance of a false signal at or under about 5%, and at
11, 12, 17, 20, 22, 23 and 25 points it is wider than the exact 2.5%-a-side limits.
Only 10–26 are kept: the published table goes on past 26, but the copies we could check
disagree there, so larger charts use `exact_runs_limits`."""


@dataclass(frozen=True)
class Signal:
    """One pattern found: its `name`, the labels of its `points` and a plain-words `explanation`.

    Names: shift, trend, too_few_runs, too_many_runs, astronomical, and too_few_points
    (not a signal: it says why the runs rule was not applied).
    """

    name: str
    points: list
    explanation: str


@dataclass(frozen=True)
class RunChart:
    """The median line, one row per point, the signals found, and the runs with their usual range."""

    median: float
    points: pd.DataFrame  # label, value, side (above/below/on), shift, trend, astronomical
    signals: list
    runs: int
    runs_limits: tuple | None  # (low, high) whole runs; None when there are too few points for the runs rule


def run_chart(values):
    """Read a series in time order (index: window labels; missing values are dropped) by the four rules.

    - shift: 6 or more points in a row above, or below, the median; a point on the
      median neither counts nor breaks the run, and is not flagged.
    - trend: 5 or more points in a row each higher (or each lower) than the last; a
      repeated value counts once, neither adding to nor breaking the trend, and is
      flagged with it.
    - runs: a run is a stretch of points on one side of the median (points on the
      median skipped). Fewer runs than the lower limit are too few, more than the upper
      limit too many. The limits are Perla et al.'s published table for 10–26 points
      off the median split evenly; otherwise the exact Swed–Eisenhart distribution of
      the number of runs for the actual counts above and below, 2.5% each side
      (`runs_limits`). It needs at least 10 points off the median; with fewer, a
      `too_few_points` entry says so.
    - astronomical: a point more than 3 sigma from the median, sigma = mean moving range
      / 1.128 (the individuals-chart estimate), that also jumps by more than 3 sigma from
      each neighbour (its one neighbour at either end). The neighbour test keeps the
      first and last points of a steady climb from being flagged. These are flagged for
      the team to judge, not treated as proven.
    """
    values = values.dropna().astype(float)
    value, labels = values.to_numpy(), list(values.index)
    median = float(np.median(value)) if len(value) else math.nan
    side = np.sign(value - median).astype(int)
    useful = np.flatnonzero(side)
    run = np.concatenate([[0], np.cumsum(side[useful][1:] != side[useful][:-1])]) if len(useful) else np.array([], int)
    runs = int(run[-1]) + 1 if len(run) else 0
    shifts = [useful[run == k] for k in np.flatnonzero(np.bincount(run, minlength=runs) >= SHIFT)]
    trends = _trends(value)
    limit = ASTRONOMICAL * np.abs(np.diff(value)).mean() / D2 if len(value) > 1 else math.nan
    astronomical = _astronomical(value, median, side, limit)
    points = pd.DataFrame({
        "label": labels,
        "value": value,
        "side": np.array(["below", "on", "above"])[side + 1],
        "shift": _flags(len(value), shifts),
        "trend": _flags(len(value), [span for span, _ in trends]),
        "astronomical": astronomical,
    })
    limits = runs_limits(int((side > 0).sum()), int((side < 0).sum())) if len(useful) >= RUNS_MIN_POINTS else None
    text = _Words(points, median)
    signals = [Signal("shift", text.labels(s), text.shift(s)) for s in shifts]
    signals += [Signal("trend", text.labels(span), text.trend(span, count)) for span, count in trends]
    signals += text.runs(runs, len(useful), limits)
    signals += [Signal("astronomical", text.labels([i]), text.astronomical(i, limit)) for i in np.flatnonzero(astronomical)]
    return RunChart(median, points, signals, runs, limits)


def _trends(value):
    """Each trend as (positions it spans, points it counts): repeated values are collapsed first."""
    kept = np.flatnonzero(np.concatenate([[True], value[1:] != value[:-1]])) if len(value) else np.array([], int)
    if len(kept) < TREND:
        return []
    step = np.sign(np.diff(value[kept]))
    segment = np.concatenate([[0], np.cumsum(step[1:] != step[:-1])])
    steps = np.bincount(segment)
    trends = []
    for k in np.flatnonzero(steps + 1 >= TREND):
        where = np.flatnonzero(segment == k)
        trends.append((np.arange(kept[where[0]], kept[where[-1] + 1] + 1), int(steps[k]) + 1))
    return trends


def _astronomical(value, median, side, limit):
    """Points beyond median ± `limit` that also jump by more than `limit` from each neighbour, towards their side."""
    if len(value) < 2:
        return np.zeros(len(value), dtype=bool)
    step_in = np.concatenate([[np.inf], (value[1:] - value[:-1]) * side[1:]])
    step_out = np.concatenate([(value[:-1] - value[1:]) * side[:-1], [np.inf]])
    return (np.abs(value - median) > limit) & (step_in > limit) & (step_out > limit)


def runs_limits(above, below):
    """(low, high) for `above` and `below` points off the median: the published table where it applies, else exact.

    Perla et al.'s table assumes the points split evenly (they do when the median is
    the data's own and no point ties it), so it is used for 10–26 useful points split
    evenly or one apart; any other size or split gets `exact_runs_limits`.
    """
    if abs(above - below) <= 1 and above + below in PERLA_RUNS_LIMITS:
        return PERLA_RUNS_LIMITS[above + below]
    return exact_runs_limits(above, below)


def exact_runs_limits(above, below, tail=RUNS_TAIL):
    """(low, high) such that fewer than `low` runs, or more than `high`, each happen by chance at most `tail` of the time."""
    chance = runs_distribution(above, below)
    counts = sorted(chance)
    low = next(r for r, p in zip(counts, accumulate(chance[r] for r in counts)) if p > tail)
    high = next(r for r, p in zip(counts[::-1], accumulate(chance[r] for r in counts[::-1])) if p > tail)
    return low, high


def runs_distribution(above, below):
    """{runs: exact chance} when `above` and `below` points come in random order (Swed and Eisenhart, 1943).

    Of the C(N, above) orders, 2·C(above−1, k−1)·C(below−1, k−1) make 2k runs and
    C(above−1, k)·C(below−1, k−1) + C(above−1, k−1)·C(below−1, k) make 2k + 1.
    """
    if not above or not below:
        return {1: Fraction(1)}
    orders = math.comb(above + below, above)
    ways = {}
    for k in range(1, min(above, below) + 1):
        ways[2 * k] = 2 * math.comb(above - 1, k - 1) * math.comb(below - 1, k - 1)
        ways[2 * k + 1] = math.comb(above - 1, k) * math.comb(below - 1, k - 1) + math.comb(above - 1, k - 1) * math.comb(below - 1, k)
    return {r: Fraction(w, orders) for r, w in ways.items() if w}


def no_signal_reasons(chart):
    """Each rule checked on `chart`, and why it found nothing, in plain words (for a chart with no signal).

    The same four rules `run_chart` applies (Perla, Provost and Murray 2011): the longest
    run on one side against `SHIFT`, the longest steady climb or fall against `TREND`,
    the number of runs against its limits (or too few points to count them), and no point
    beyond 3 sigma.
    """
    points = chart.points
    sides = points.loc[points["side"] != "on", "side"]
    longest = int(sides.groupby((sides != sides.shift()).cumsum()).size().max()) if len(sides) else 0
    steps = _longest_trend(points["value"].to_numpy())
    runs = (
        f"the line makes {chart.runs} runs, within the {chart.runs_limits[0]} to {chart.runs_limits[1]} chance usually gives"
        if chart.runs_limits else
        f"only {len(sides)} points are off the median, and counting runs needs at least {RUNS_MIN_POINTS}, so that rule could not be checked yet"
    )
    return (
        f"{len(points)} points were read by the four run-chart rules. Shift: the longest stretch on one side of the median is "
        f"{longest} point{'s' if longest != 1 else ''} (a signal needs {SHIFT}). Trend: the longest steady climb or fall is "
        f"{steps} point{'s' if steps != 1 else ''} (a signal needs {TREND}). Runs: {runs}. Astronomical: no point stands more "
        "than 3 sigma from the median."
    )


def _longest_trend(value):
    """Points in the longest stretch each higher (or each lower) than the last, repeated values counted once."""
    kept = value[np.concatenate([[True], value[1:] != value[:-1]])] if len(value) else value
    if len(kept) < 2:
        return len(kept)
    step = np.sign(np.diff(kept))
    segment = np.concatenate([[0], np.cumsum(step[1:] != step[:-1])])
    return int(np.bincount(segment).max()) + 1


def _flags(length, groups):
    flags = np.zeros(length, dtype=bool)
    for positions in groups:
        flags[positions] = True
    return flags


class _Words:
    """Explanations a principal can read aloud at the data meeting."""

    def __init__(self, points, median):
        self.points, self.median = points, _number(median)

    def labels(self, positions):
        return self.points["label"].iloc[list(positions)].tolist()

    def _span(self, positions):
        first, last = self.labels([positions[0], positions[-1]])
        return f"{first} to {last}"

    def shift(self, positions):
        where = self.points["side"].iloc[positions[0]]
        on_median = (self.points["side"].iloc[positions[0] : positions[-1] + 1] == "on").any()
        skipped = " (a point on the median was skipped: it neither counts nor breaks the run)" if on_median else ""
        return (
            f"{len(positions)} points in a row, {self._span(positions)}, are {where} the median ({self.median}){skipped}. "
            "Six or more in a row on one side rarely happens by chance: the measure has probably moved. "
            "What was different in those windows?"
        )

    def trend(self, span, count):
        values = self.points["value"].iloc[span]
        rising = values.iloc[-1] > values.iloc[0]
        repeats = " (a repeated value counts once)" if count < len(span) else ""
        return (
            f"{count} points in a row, {self._span(span)}, each {'higher' if rising else 'lower'} than the one before{repeats}. "
            f"Five or more steady steps rarely happen by chance: what could be driving this {'rise' if rising else 'fall'}?"
        )

    def runs(self, runs, useful, limits):
        if limits is None:
            return [Signal("too_few_points", [], (
                f"Only {useful} points are off the median; counting runs needs at least {RUNS_MIN_POINTS}, so that rule was not "
                "checked. Shifts, trends and astronomical points were still looked for; add points as the year goes on."
            ))]
        low, high = limits
        usual = f"With {useful} points off the median, chance alone usually gives {low} to {high} runs"
        crosses = f"The line crosses the median {runs - 1} time{'s' if runs != 2 else ''} ({runs} runs)"
        if runs < low:
            return [Signal("too_few_runs", [], (
                f"{crosses}. {usual}. Too few crossings means the points stay on one side for long stretches: "
                "the measure has probably moved during the year."
            ))]
        if runs > high:
            return [Signal("too_many_runs", [], (
                f"{crosses}. {usual}. Crossing this often is unusual: look for something that alternates, "
                "such as two versions of the check or two groups taking turns."
            ))]
        return []

    def astronomical(self, position, limit):
        label, value = self.labels([position])[0], self.points["value"].iloc[position]
        return (
            f"{label} ({_number(value)}) stands far from the rest: more than {_number(limit)} from the median ({self.median}) "
            "and a jump that size from the points beside it. Flagged for the team to judge, not proven: first check it is "
            "not a data error, then ask what happened at that time."
        )


def _number(value):
    """62.25 → '62.25', 80.0 → '80', 53.4567 → '53.46'."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")
