"""How students are named on a shared screen: full names, initials or ids only."""

LABEL_MODES = ("names", "initials", "ids")


def student_labels(frame, mode):
    """One label per row: "Ana Reyes", "A.R." or the student id.

    Teams project the wall in a room; initials or ids let them study it without
    showing names to people who should not see them.
    """
    if mode == "names":
        return frame["first_name"] + " " + frame["last_name"]
    if mode == "initials":
        return _initial(frame["first_name"]) + "." + _initial(frame["last_name"]) + "."
    if mode == "ids":
        return frame["student_id"].copy()
    raise ValueError(f"unknown label mode '{mode}'; choose one of: {', '.join(LABEL_MODES)}")


def _initial(names):
    """First letter, composed first so "É" written as E + accent stays one letter."""
    return names.str.normalize("NFC").str[0]
