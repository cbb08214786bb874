"""Join scores to the students who earned them, and order assessment windows."""

import pandas as pd

from ..data.settings import STANDARD_WINDOW


def window_order(windows):
    """The windows present in `windows`, in teaching order.

    A district's windows are an ordered categorical (`data.District`), whose order is the
    district's own. Plain standard names are ordered baseline, cycle_1, …, end_of_year;
    other plain names keep the order they come in (a name alone says nothing of when).
    """
    dtype = getattr(windows, "dtype", None)
    if isinstance(dtype, pd.CategoricalDtype) and dtype.ordered:
        present = set(windows)
        return [w for w in dtype.categories if w in present]
    names = list(dict.fromkeys(windows))
    return sorted(names, key=_position) if all(STANDARD_WINDOW.match(str(w)) for w in names) else names


def _position(window):
    if window == "end_of_year":
        return 10**9
    return int(STANDARD_WINDOW.match(window).group(2) or 0)


def up_to(frame, window, year=None):
    """The rows of `frame` from `window` or earlier in teaching order: the year as it stood then.

    `year` is the whole year's windows in order (`DistrictSettings.school_year`); without
    it, the order of `frame`'s own windows is used.
    """
    order = list(year) if year is not None else window_order(frame["window"])
    if window not in order:
        raise ValueError(f"unknown window '{window}'; the windows are: {', '.join(order)}")
    return frame.loc[frame["window"].isin(order[: order.index(window) + 1])]


def latest_window(frame):
    """The last window, in teaching order, that `frame` has rows for (None when it has none)."""
    return window_order(frame["window"])[-1] if len(frame) else None


def student_scores(students, assessments, measure, subject, window=None):
    """One row per student and window for a measure, with the student's columns beside it."""
    chosen = assessments.loc[(assessments["measure"] == measure) & (assessments["subject"] == subject)]
    if window is not None:
        chosen = chosen.loc[chosen["window"] == window]
    if isinstance(chosen["window"].dtype, pd.CategoricalDtype):  # only this measure's windows, still in order
        chosen = chosen.assign(window=chosen["window"].cat.remove_unused_categories())
    return chosen.merge(students, on="student_id", how="inner", validate="many_to_one")
