"""Run charts: is this change a signal or just the ups and downs every measure has? (FRAMEWORK §4.4, §9.6)

The four rules of Perla, Provost and Murray, "The run chart: a simple analytical tool
for learning from variation in healthcare processes", BMJ Quality & Safety 20 (2011)
46–51, the rules improvement teams use to read a measure over time without a
statistician. The centre line is the median, never the mean, so one odd point cannot
move it. Each rule looks for a pattern that chance alone rarely makes.
"""

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

SHIFT = 6  # points in a row on one side of the median
TREND = 5  # points in a row all going up or all going down
RUNS_MIN_POINTS = 10  # points off the median the runs rule needs (Perla et al.'s table starts at 10)
RUNS_Z = NormalDist().inv_cdf(0.975)  # 1.96: about 5% of random charts fall outside, both sides together
ASTRONOMICAL = 3.0  # sigmas from the median
D2 = 1.128  # the mean moving range of two points is 1.128 sigma (Shewhart's d2 for n = 2)


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
    runs_limits: tuple | None  # (low, high); None when there are too few points for the runs rule


def run_chart(values):
    """Read a series in time order (index: window labels; missing values are dropped) by the four rules.

    - shift: 6 or more points in a row above, or below, the median; a point on the
      median neither counts nor breaks the run, and is not flagged.
    - trend: 5 or more points in a row each higher (or each lower) than the last; a
      repeated value counts once, neither adding to nor breaking the trend, and is
      flagged with it.
    - runs: a run is a stretch of points on one side of the median (points on the
      median skipped). With n1 points above and n2 below (N = n1 + n2), the number of
      runs in random data has mean 2·n1·n2/N + 1 and variance
      2·n1·n2·(2·n1·n2 − N) / (N²·(N − 1)) (Swed and Eisenhart, 1943); fewer runs than
      mean − 1.96·SD are too few, more than mean + 1.96·SD too many. It needs at least
      10 points off the median; with fewer, a `too_few_points` entry says so.
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
    limits = _runs_limits(side) if len(useful) >= RUNS_MIN_POINTS else None
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


def _runs_limits(side):
    """(low, high): the number of runs random data usually gives, from the Swed–Eisenhart normal approximation."""
    n1, n2 = int((side > 0).sum()), int((side < 0).sum())
    total = n1 + n2
    mean = 2 * n1 * n2 / total + 1
    sd = math.sqrt(2 * n1 * n2 * (2 * n1 * n2 - total) / (total**2 * (total - 1)))
    return mean - RUNS_Z * sd, mean + RUNS_Z * sd


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
        usual = f"With {useful} points off the median, chance alone usually gives {math.ceil(low)} to {math.floor(high)} runs"
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
