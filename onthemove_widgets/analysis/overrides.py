"""The team's judgment over the data: a band set by hand, with the reason written down.

The protocol asks teams to calibrate and to know their students; a band the data gives
can be wrong (a student who was ill on test day). An override keeps both: what the data
says (`computed_band`) and what the team decided (`band`), so the wall shows both.
"""

import numpy as np

from .bands import BAND_TYPE, BANDS


def apply_overrides(frame, overrides):
    """`frame` with `computed_band`, `band` (overridden where the team said so), `overridden`, `override_reason`.

    `overrides` has student_id, band and reason (optionally author and saved_at). Several
    rows for one student: the latest wins, by `saved_at` when present, else the last row.
    """
    _check(frame, overrides)
    chosen = _latest(overrides).set_index("student_id")
    override = frame["student_id"].map(chosen["band"])
    overridden = override.notna().to_numpy()
    result = frame.copy()
    result["computed_band"] = frame["band"].astype(BAND_TYPE)
    result["band"] = override.astype(BAND_TYPE).where(overridden, result["computed_band"])
    result["overridden"] = overridden
    result["override_reason"] = np.where(overridden, frame["student_id"].map(chosen["reason"]).to_numpy(dtype=object), "")
    return result


def _latest(overrides):
    ordered = overrides.sort_values("saved_at", kind="stable") if "saved_at" in overrides else overrides
    return ordered.drop_duplicates("student_id", keep="last")


def _check(frame, overrides):
    unknown_band = overrides.loc[~overrides["band"].isin(BANDS)]
    if len(unknown_band):
        row = unknown_band.iloc[0]
        raise ValueError(f"override for student {row['student_id']}: unknown band '{row['band']}'; use one of: {', '.join(BANDS)}")
    no_reason = overrides.loc[overrides["reason"].fillna("").astype(str).str.strip() == ""]
    if len(no_reason):
        raise ValueError(f"override for student {no_reason['student_id'].iloc[0]} has no reason; write down why the band was changed")
    unknown = overrides.loc[~overrides["student_id"].isin(frame["student_id"]), "student_id"]
    if len(unknown):
        raise ValueError(f"override for student {', '.join(map(str, unknown))}: not on this wall")
