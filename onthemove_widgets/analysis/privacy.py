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
        return _distinct(_initial(frame["first_name"]) + "." + _initial(frame["last_name"]) + ".", frame["student_id"].astype(str))
    if mode == "ids":
        return frame["student_id"].copy()
    raise ValueError(f"unknown label mode '{mode}'; choose one of: {', '.join(LABEL_MODES)}")


def _initial(names):
    """First letter, composed first so "É" written as E + accent stays one letter."""
    return names.str.normalize("NFC").str[0]


def _distinct(labels, ids):
    """Initials that repeat ("S.G." three times) get the fewest last digits of the id that tell them apart: "S.G. ·07"."""
    repeated = labels.duplicated(keep=False)
    if not repeated.any():
        return labels
    longest = int(ids[repeated].str.len().max())
    for digits in range(2, longest + 1):
        tagged = labels[repeated] + " ·" + ids[repeated].str[-digits:]
        if not tagged.duplicated().any():
            break
    return labels.where(~repeated, tagged)
