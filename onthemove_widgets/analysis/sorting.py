"""The data wall's order (protocol §9.2, ops 4 and 6).

Class period, then band from below to above, then score from lowest, so the students
who need the most sit first in every period. Re-sorting by a subgroup keeps the bands
and groups each band's students by the subgroup's value before their score.
"""

import pandas as pd

from .bands import BAND_TYPE


def sort_students(frame, subgroup=None):
    """A new frame in wall order with a fresh index; ties fall back to last name and id.

    Students with no band or no score come last in their period or band. A boolean
    subgroup puts the group's members (True) first within each band.
    """
    keys = ["class_period", "band", *([subgroup] if subgroup else []), "score", "last_name", "student_id"]
    return frame.sort_values(keys, key=lambda column: _order(column, subgroup), kind="stable", na_position="last").reset_index(drop=True)


def _order(column, subgroup):
    if column.name == "band":
        return column.astype(BAND_TYPE)
    if column.name == subgroup and pd.api.types.is_bool_dtype(column):
        return ~column  # members first; a flag not recorded (<NA>) sorts last
    return column
