"""Which student groups the team keeps in view, and how each group's bands compare (§9.2, op 6)."""

import numpy as np
import pandas as pd

from .bands import BAND_TYPE, BANDS

STANDARD_GROUPS = {
    "english_learner": "English learners",
    "students_with_disabilities": "Students with disabilities",
    "socioeconomically_disadvantaged": "Socioeconomically disadvantaged",
    "race_ethnicity": "Race/ethnicity",
    "gender": "Gender",
}
NOT_IN_GROUP = {
    "english_learner": "Not English learners",
    "students_with_disabilities": "Students without disabilities",
    "socioeconomically_disadvantaged": "Not socioeconomically disadvantaged",
}
# Student columns that say who and where a student is, not which group they belong to.
# `data.district.STUDENT_COLUMNS` holds the same names; `analysis` does not import `data`.
IDENTITY_COLUMNS = ("student_id", "school_id", "first_name", "last_name", "grade", "teacher", "class_period")
ALL_STUDENTS = "All students"


def group_columns(students):
    """The standard group columns present, then the district's own, in the table's order."""
    standard = [column for column in STANDARD_GROUPS if column in students]
    extra = [column for column in students if column not in STANDARD_GROUPS and column not in IDENTITY_COLUMNS]
    return standard + extra


def group_column(students, preferred=None):
    """`preferred` when the district records it, else its first group (gender and race/ethnicity are always recorded)."""
    columns = group_columns(students)
    return preferred if preferred in columns else columns[0]


def not_recorded_sentence(columns):
    """Which standard groups the data leave empty for every student, said in words ('' when none)."""
    if not columns:
        return ""
    names = [group_label(c) for c in columns]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"{listed}: not recorded for these students, so no table or chart shows {'that group' if len(names) == 1 else 'those groups'}."


def group_label(column):
    """'English learners' for a standard column; 'Foster youth' for `foster_youth`."""
    return STANDARD_GROUPS.get(column, column.replace("_", " ").capitalize())


def band_by_group(frame, column):
    """Students per band for "All students" and for each value of `column`, with the gap.

    Long format, as `band_counts` and the charts use: one row per group and band (all
    four bands, zeros included) with `students`, `percent` (of the group's students with
    a band), `gap` (group percent − all-students percent, in percentage points),
    `group_students` (the group's students with a band) and `no_score` (the group's
    students left out because they have no band). Booleans read as "English learners" /
    "Not English learners", members first; text columns list their values sorted.
    """
    group, names = _groups(frame[column], column)
    band = frame["band"].astype(BAND_TYPE).cat.codes.to_numpy() + 1  # 0: no band
    cells = np.bincount(group * (len(BANDS) + 1) + band, minlength=len(names) * (len(BANDS) + 1)).reshape(len(names), -1)
    cells = np.vstack([cells.sum(axis=0), cells])  # "All students" first
    no_score, counts = cells[:, 0], cells[:, 1:]
    total = counts.sum(axis=1, keepdims=True)
    percent = 100 * counts / np.where(total > 0, total, np.nan)
    per_band = len(BANDS)
    return pd.DataFrame(
        {
            "group": np.repeat([ALL_STUDENTS, *names], per_band),
            "band": pd.Categorical(np.tile(BANDS, len(cells)), dtype=BAND_TYPE),
            "students": counts.ravel(),
            "percent": percent.ravel(),
            "gap": (percent - percent[0]).ravel(),
            "group_students": np.repeat(total.ravel(), per_band),
            "no_score": np.repeat(no_score, per_band),
        }
    )


def value_label(column, value):
    """How one value of a group column reads: 'English learners' / 'Not English learners' / 'English learners: not recorded'."""
    if value is pd.NA:
        return f"{group_label(column)}: not recorded"
    if isinstance(value, (bool, np.bool_)):
        return group_label(column) if value else NOT_IN_GROUP.get(column, f"Not {group_label(column).lower()}")
    return str(value)


def _groups(values, column):
    """Each student's group as a position in the list of group names; a flag not recorded is a group of its own."""
    if pd.api.types.is_bool_dtype(values):
        recorded = values.notna().to_numpy()
        flags = [True, False, *([pd.NA] if not recorded.all() else [])]
        return np.where(~recorded, 2, np.where(values.fillna(False), 0, 1)), [value_label(column, flag) for flag in flags]
    codes, names = pd.factorize(values, sort=True, use_na_sentinel=False)
    return codes, list(names)
