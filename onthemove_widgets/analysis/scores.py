"""Join scores to the students who earned them, and order assessment windows."""


def window_order(windows):
    """Windows in teaching order: baseline, cycle_1, cycle_2, …, end_of_year."""

    def position(window):
        if window == "baseline":
            return 0
        if window == "end_of_year":
            return 10**6
        return int(window.removeprefix("cycle_"))

    return sorted(set(windows), key=position)


def student_scores(students, assessments, measure, subject, window=None):
    """One row per student and window for a measure, with the student's columns beside it."""
    chosen = assessments.loc[(assessments["measure"] == measure) & (assessments["subject"] == subject)]
    if window is not None:
        chosen = chosen.loc[chosen["window"] == window]
    return chosen.merge(students, on="student_id", how="inner", validate="many_to_one")
