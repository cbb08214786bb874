"""Join scores to the students who earned them, and order assessment windows."""

CYCLES = 10
"""Inquiry cycles in the school year the data dictionary describes (cycle_1 … cycle_10)."""


def window_order(windows):
    """Windows in teaching order: baseline, cycle_1, cycle_2, …, end_of_year."""

    def position(window):
        if window == "baseline":
            return 0
        if window == "end_of_year":
            return 10**6
        return int(window.removeprefix("cycle_"))

    return sorted(set(windows), key=position)


def school_year(cycles=CYCLES):
    """Every window of a school year with `cycles` inquiry cycles, assessed or not yet."""
    return ["baseline", *(f"cycle_{k}" for k in range(1, cycles + 1)), "end_of_year"]


def up_to(frame, window):
    """The rows of `frame` from `window` or earlier in teaching order: the year as it stood then."""
    order = window_order([*frame["window"], window])
    return frame.loc[frame["window"].isin(order[: order.index(window) + 1])]


def latest_window(frame):
    """The last window, in teaching order, that `frame` has rows for (None when it has none)."""
    return window_order(frame["window"])[-1] if len(frame) else None


def student_scores(students, assessments, measure, subject, window=None):
    """One row per student and window for a measure, with the student's columns beside it."""
    chosen = assessments.loc[(assessments["measure"] == measure) & (assessments["subject"] == subject)]
    if window is not None:
        chosen = chosen.loc[chosen["window"] == window]
    return chosen.merge(students, on="student_id", how="inner", validate="many_to_one")
