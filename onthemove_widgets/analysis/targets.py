"""Growth targets of at least one year of growth per student (protocol §9.2, op 2).

One year of growth is how far the `at` ("Met") threshold rises from a grade to the
next. Where the next grade has no cut scores (SBAC 8 → 9), it is the average yearly
rise to the nearest calibrated grade above ((Met 11 − Met 8) ÷ 3); the top grade uses
the yearly rise into it; a measure calibrated for one grade only has no rise (0), and
neither has a grade whose next Met is lower.

A measure scored against each grade's own standards (cycle_check: Met is 60 in every
grade) has no rise, so "the same distance from Met" would mean no growth at all; there
`same_distance` targets the next band instead, and the student's `target_rule` says so.
Targets never exceed the highest score the measure reports in the student's grade.
"""

import numpy as np
import pandas as pd

from .bands import BAND_LABELS, BANDS

TARGET_RULES = {
    "same_distance": "keep the same distance from the 'met' (at) threshold into the next grade",
    "next_band": "reach the next band by the end of the year",
    "fixed_points": "a fixed number of points",
}


def growth_targets(frame, cut_scores, measure, subject, rule, points=None):
    """`target` and a short `target_rule` explaining it, for every row of `frame`.

    The score is `<measure>_<subject>_score` when `frame` has it, else `score`. Rows with
    no score get no target ("no baseline score"). `fixed_points` needs `points` > 0 and,
    like every rule, never sets less than one year of growth.
    """
    if rule not in TARGET_RULES:
        raise ValueError(f"unknown target rule '{rule}'; choose one of: {', '.join(TARGET_RULES)}")
    if rule == "fixed_points" and not (points is not None and points > 0):
        raise ValueError(f"fixed_points needs a number of points above 0; got {points}")
    column = f"{measure}_{subject}_score"
    score = frame[column if column in frame else "score"].to_numpy(dtype=float)
    scored = ~np.isnan(score)
    grades = _grades(cut_scores, measure, subject)
    pair_grade, pair_score, inverse = _distinct_pairs(frame["grade"].to_numpy()[scored], score[scored])
    missing = sorted(set(pair_grade) - set(grades.index))
    if missing:
        raise ValueError(f"no cut scores for {measure} {subject} grade {', '.join(map(_grade, missing))}")
    by_pair = grades.reindex(pair_grade)
    pair = {name: by_pair[name].to_numpy() for name in ("near", "at", "above", "highest_score", "rise")}
    pair["rise_text"] = by_pair["rise_text"].to_numpy(dtype=object)
    pair["score"] = pair_score
    target, text = RULES[rule](pair, points)
    capped = target > pair["highest_score"]
    target = np.where(capped, pair["highest_score"], target)
    text = np.where(capped, text + " (capped at the highest score, " + _text(pair["highest_score"]) + ")", text)
    all_targets, all_texts = np.full(len(frame), np.nan), np.full(len(frame), "no baseline score", dtype=object)
    all_targets[scored], all_texts[scored] = target[inverse], text[inverse]
    return pd.DataFrame({"target": all_targets, "target_rule": all_texts}, index=frame.index)


def _distinct_pairs(grade, score):
    """Each distinct (grade, score) once, and which pair each row is.

    A target depends only on these two, and a district's scores repeat: 70,000 students
    have a few thousand pairs, so the text is written a few thousand times, not 70,000.
    """
    grade_code, grades = pd.factorize(grade)
    score_code, scores = pd.factorize(score)
    _, first, inverse = np.unique(grade_code * len(scores) + score_code, return_index=True, return_inverse=True)
    return grade[first], score[first], inverse


def _grades(cut_scores, measure, subject):
    """Per calibrated grade: thresholds, one year of growth (`rise`) and how it was found."""
    cuts = cut_scores.loc[(cut_scores["measure"] == measure) & (cut_scores["subject"] == subject)]
    if cuts.empty:
        raise ValueError(f"no cut scores for {measure} {subject}")
    cuts = cuts.set_index("grade").sort_index()[["near", "at", "above", "highest_score"]]
    rises, texts = [], []
    for grade, next_grade in zip(cuts.index, [*cuts.index[1:], None]):
        met = cuts.at[grade, "at"]
        if next_grade is None:
            rise = rises[-1] if rises else 0.0
            texts.append(f"Met's yearly rise into grade {_grade(grade)}, {_signed(rise)}")
        else:
            years, gain = next_grade - grade, cuts.at[next_grade, "at"] - met
            rise = max(gain / years, 0.0)  # a Met that falls counts as no rise
            per_year = f" over {years} years, {_signed(rise)} a year" if years > 1 else ""
            texts.append(f"Met {cuts.at[next_grade, 'at']:g} in grade {_grade(next_grade)} − {met:g} in grade {_grade(grade)} = {_signed(gain)}{per_year}")
        rises.append(rise)
    return cuts.assign(rise=rises, rise_text=texts)


def _one_year(s):
    return s["score"] + s["rise"], _sum(s["score"], s["rise"])


def _same_distance(s, points=None):
    """Score + the rise of Met; the next band where Met does not rise."""
    target, text = _one_year(s)
    band_target, band_text = _next_band(s)
    flat = s["rise"] <= 0
    return (
        np.where(flat, band_target, target),
        np.where(flat, "Met does not rise with grade on this measure, so: " + band_text, "same distance from Met (" + s["rise_text"] + "): " + text),
    )


def _next_band(s, points=None):
    """The next band's threshold in the student's grade, or one year of growth if that is more."""
    score = s["score"]
    band = np.select([score >= s["above"], score >= s["at"], score >= s["near"]], [3, 2, 1], 0)
    threshold = np.select([band == 0, band == 1, band == 2], [s["near"], s["at"], s["above"]], np.nan)
    next_label = np.array([BAND_LABELS[b] for b in BANDS[1:]] + [""], dtype=object)[band]
    year_target, year_text = _one_year(s)
    target = np.fmax(threshold, year_target)
    reach = "reach " + next_label + " (" + _text(threshold) + ") by the end of the year: " + _signed_text(threshold - score)
    past = "one year of growth (" + s["rise_text"] + ") goes past " + next_label + " (" + _text(threshold) + "): " + year_text
    above = np.where(
        s["rise"] > 0,
        "already Above proficiency; one year of growth (" + s["rise_text"] + "): " + year_text,
        "already Above proficiency: keep " + _text(score) + " or more",
    )
    return target, np.select([band == 3, threshold >= year_target], [above, reach], past)


def _fixed_points(s, points):
    """Score + the team's points, or one year of growth when that is more."""
    enough = points >= s["rise"]
    year_target, year_text = _one_year(s)
    return (
        np.where(enough, s["score"] + points, year_target),
        np.where(
            enough,
            f"{points:g} points: " + _sum(s["score"], np.full(len(s["score"]), float(points))),
            f"{points:g} points is less than one year of growth (" + s["rise_text"] + "): " + year_text,
        ),
    )


RULES = {"same_distance": _same_distance, "next_band": _next_band, "fixed_points": _fixed_points}


def _grade(grade):
    return "K" if grade == 0 else str(grade)


def _signed(value):
    return f"{value:+.1f}".removesuffix(".0")


def _text(values):
    """Numbers as short text, vectorised: 2441.0 → '2441', 5.333 → '5.3'."""
    return pd.Series(values, dtype=float).round(1).astype(str).str.removesuffix(".0").fillna("").to_numpy(dtype=object)


def _signed_text(values):
    return np.where(np.asarray(values) >= 0, "+", "") + _text(values)


def _sum(score, rise):
    """'2400 + 41 = 2441'."""
    return _text(score) + " " + np.where(rise >= 0, "+ ", "− ") + _text(np.abs(rise)) + " = " + _text(score + rise)
