"""The student-groups supplement: a small CSV, keyed by student id, for sources that carry no flags.

OneRoster and MAP exports say nothing of English learners, disabilities or economic
disadvantage. A district keeps those in its student information system; a CSV of id and
the three flags (any common coding, any of the aliases below) fills them in. Without one,
the three columns stay empty: not recorded, and every app and report says so.
"""

from pathlib import Path

import pandas as pd

from .faults import ImportFault
from .fields import examples, find_columns, yes_no

GROUPS = {"english_learner": ["el", "ell", "englishlearner", "lep"],
          "students_with_disabilities": ["swd", "iep", "disability", "special_education"],
          "socioeconomically_disadvantaged": ["sed", "ses", "economically_disadvantaged", "frl"]}
STUDENT_ID = ["studentid", "id", "identifier", "student_number", "sourcedId"]


def add_groups(students, supplement, result, source):
    """Fill `students`' three group columns from `supplement` (a path, or None: left empty and said)."""
    for name in GROUPS:
        students[name] = ""
    if supplement is None:
        result.warn("students.csv", f"{source} carries no English learner, disability or economic flags: english_learner, "
                                    "students_with_disabilities and socioeconomically_disadvantaged are left empty (not recorded): "
                                    "those three student groups are unknown, and no app or report shows them, until you add them "
                                    "(give --supplement FILE)")
        return
    rows, found, name = _read(supplement)
    result.warn(name, "supplement ids that are not students in the source", int((~rows.index.isin(students["student_id"])).sum()))
    result.warn(name, "students the supplement does not list: their groups are empty", int((~students["student_id"].isin(rows.index)).sum()))
    for group in GROUPS:
        if group not in found:
            result.warn(name, f"no {group} column: that student group is unknown")
            continue
        flags, unknown = yes_no(rows[found[group]])
        result.warn(name, f"{group} values that are not yes/no ({examples(unknown)}), left empty", len(unknown))
        students[group] = students["student_id"].map(flags).fillna("")
    result.mapped(name, "student groups from the supplement, matched on student_id", int(students["student_id"].isin(rows.index).sum()))


def _read(supplement):
    """(rows indexed by student id, {field: column}, file name); a file without an id column is refused."""
    name = Path(supplement).name
    try:
        raw = pd.read_csv(supplement, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as error:
        raise ImportFault([(name, None, None, f"cannot be read as CSV ({error})")]) from None
    found = find_columns(raw.columns, {"student_id": STUDENT_ID, **GROUPS})
    if "student_id" not in found:
        raise ImportFault([(name, 1, "student_id", "required column is missing")])
    return raw.assign(_id=raw[found["student_id"]].str.strip()).drop_duplicates("_id").set_index("_id"), found, name
