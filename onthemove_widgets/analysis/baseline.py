"""Each student's baseline band from one to three calibrated measures (protocol §9.2, ops 1 and 3).

A team may judge current proficiency on more than one measure. Each measure gives a
band from its own cut scores; a combining rule the team agrees on turns them into one
band per student. Only the measures a student was scored on take part; a student with
no score on any chosen measure keeps a row with no band ("no score"), so nobody drops
off the data wall unnoticed.
"""

import numpy as np
import pandas as pd

from .bands import BAND_TYPE, BANDS, assign_bands
from .scores import window_order

COMBINING_RULES = {
    "lowest": "the lowest band across the measures",
    "majority": "the band most measures agree on; ties go to the lower band",
    "two_of_three": "at proficiency or above when at least two measures are at or above; otherwise the lowest band",
}
"""How one band is made from several. `two_of_three`, precisely: when at least two of
the student's scored measures are at or above proficiency, the band is the highest band
two of them reach (at, or above if two are above); otherwise it is the lowest band. With
one or two measures this is the same as `lowest`; it differs only with three."""

AT = BANDS.index("at")


def measure_column(measure, subject, what):
    """`sbac_ELA_score`, `sbac_ELA_band`: the per-measure columns of a baseline frame."""
    return f"{measure}_{subject}_{what}"


def baseline_bands(students, assessments, cut_scores, measures, rule="lowest", window=None):
    """One row per student with each measure's score and band and the combined `band`.

    `window` is where the year starts (default: the first window the assessments have,
    in the district's teaching order).
    `score` is the first measure's score: the performance level the wall sorts by.
    `measures_scored` counts the measures the student has a score on.
    """
    measures = [tuple(chosen) for chosen in measures]
    _check_choice(cut_scores, measures, rule)
    if window is None:
        window = (window_order(assessments["window"]) or [None])[0]
    scores = _window_scores(students, assessments, window)
    grades = students["grade"].to_numpy()
    columns, codes = {}, []
    for measure, subject in measures:
        score = scores(measure, subject)
        code = np.full(len(students), -1, dtype="int8")
        scored = ~np.isnan(score)
        rows = pd.DataFrame({"measure": measure, "subject": subject, "grade": grades[scored], "score": score[scored]})
        code[scored] = assign_bands(rows, cut_scores).cat.codes.to_numpy()
        columns[measure_column(measure, subject, "score")] = score
        columns[measure_column(measure, subject, "band")] = pd.Categorical.from_codes(code, dtype=BAND_TYPE)
        codes.append(code)
    codes = np.column_stack(codes)
    frame = students.assign(score=columns[measure_column(*measures[0], "score")], **columns)
    frame["band"] = pd.Categorical.from_codes(COMBINE[rule](codes), dtype=BAND_TYPE)
    frame["measures_scored"] = (codes >= 0).sum(axis=1)
    return frame


def with_cut_scores(cut_scores, measure, subject, grade, near, at, above):
    """A copy of `cut_scores` with one row recalibrated by the team.

    Refuses thresholds that do not rise inside the measure's range, because such a row
    would make a band empty or overlap another.
    """
    row = (cut_scores["measure"] == measure) & (cut_scores["subject"] == subject) & (cut_scores["grade"] == grade)
    if not row.any():
        raise ValueError(f"no cut scores for {measure} {subject} grade {grade} to change")
    lowest, highest = cut_scores.loc[row, ["lowest_score", "highest_score"]].iloc[0]
    if not lowest <= near < at < above <= highest:
        raise ValueError(
            f"{measure} {subject} grade {grade}: thresholds must rise, "
            f"lowest {lowest:g} ≤ near < at < above ≤ highest {highest:g}; got near {near:g}, at {at:g}, above {above:g}"
        )
    changed = cut_scores.copy()
    changed.loc[row, ["near", "at", "above"]] = [float(near), float(at), float(above)]
    return changed


def _check_choice(cut_scores, measures, rule):
    if not 1 <= len(measures) <= 3:
        raise ValueError(f"choose one to three measures; got {len(measures)}")
    if len(set(measures)) != len(measures):
        raise ValueError("a measure was chosen twice; choose each measure and subject once")
    if rule not in COMBINING_RULES:
        raise ValueError(f"unknown combining rule '{rule}'; choose one of: {', '.join(COMBINING_RULES)}")
    calibrated = set(zip(cut_scores["measure"], cut_scores["subject"]))
    for measure, subject in measures:
        if (measure, subject) not in calibrated:
            known = ", ".join(f"{m} {s}" for m, s in sorted(calibrated))
            raise ValueError(f"no cut scores for {measure} {subject}; calibrated measures: {known}")


def _window_scores(students, assessments, window):
    """A function giving one measure's scores in `students` order (NaN: no score).

    The window's rows are matched to students once, with plain numpy comparisons, so a
    district of 70,000 students recomputes in a fraction of a second. Scores of students
    not in `students` (another class) are ignored; two scores for one student are an error.
    """
    rows = assessments.loc[assessments["window"].to_numpy() == window]
    position = pd.Index(students["student_id"]).get_indexer(rows["student_id"])
    measures, subjects, values = rows["measure"].to_numpy(), rows["subject"].to_numpy(), rows["score"].to_numpy(dtype=float)

    def scores(measure, subject):
        chosen = (measures == measure) & (subjects == subject) & (position >= 0)
        repeated = np.bincount(position[chosen], minlength=len(students)) > 1
        if repeated.any():
            raise ValueError(f"{measure} {subject} {window}: more than one score for student {students['student_id'].iloc[repeated.argmax()]}")
        score = np.full(len(students), np.nan)
        score[position[chosen]] = values[chosen]
        return score

    return scores


def _lowest(codes):
    """Band codes (-1 = no score) combined by the lowest scored band."""
    scored = np.where(codes >= 0, codes, len(BANDS))
    lowest = scored.min(axis=1)
    return np.where(lowest == len(BANDS), -1, lowest)


def _majority(codes):
    """The band most scored measures share; argmax takes the first, so ties go lower."""
    votes = np.stack([(codes == band).sum(axis=1) for band in range(len(BANDS))], axis=1)
    return np.where(votes.sum(axis=1) > 0, votes.argmax(axis=1), -1)


def _two_of_three(codes):
    """The second-highest scored band when it is at or above; otherwise the lowest."""
    second = np.sort(codes, axis=1)[:, -2] if codes.shape[1] > 1 else np.full(len(codes), -1)
    return np.where(second >= AT, second, _lowest(codes))


COMBINE = {"lowest": _lowest, "majority": _majority, "two_of_three": _two_of_three}
