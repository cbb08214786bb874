"""Proficiency bands from calibrated cut scores: below, near, at, above."""

import numpy as np
import pandas as pd

BANDS = ("below", "near", "at", "above")
BAND_LABELS = {"below": "Below proficiency", "near": "Near proficiency", "at": "At proficiency", "above": "Above proficiency"}
BAND_TYPE = pd.CategoricalDtype(BANDS, ordered=True)


def assign_bands(scores, cut_scores):
    """The band of each row of `scores` (measure, subject, grade, score).

    A score at or above a threshold is in that band; below `near` is below. A row with
    no calibrated criteria for its measure, subject and grade raises, because guessing
    a band for a student is worse than asking the team to calibrate.
    """
    keys = ["measure", "subject", "grade"]
    merged = scores[keys + ["score"]].merge(cut_scores[keys + ["near", "at", "above"]], on=keys, how="left", validate="many_to_one")
    missing = merged["near"].isna()
    if missing.any():
        combos = merged.loc[missing, keys].drop_duplicates().astype(str).agg(" ".join, axis=1)
        raise ValueError(f"no cut scores for: {', '.join(combos)}")
    score = merged["score"].to_numpy()
    band = np.select([score >= merged["above"], score >= merged["at"], score >= merged["near"]], ["above", "at", "near"], "below")
    return pd.Series(pd.Categorical(band, dtype=BAND_TYPE), index=scores.index, name="band")


def band_counts(frame, by):
    """Students per band for each group in `by`, with the percent of the group.

    Every band appears for every group (zero counts included) so charts and tables
    never silently drop a band.
    """
    counts = frame.groupby([*by, "band"], observed=False).size().rename("students").reset_index()
    counts["percent"] = 100 * counts["students"] / counts.groupby(by, observed=False)["students"].transform("sum")
    return counts
