"""Many failing rows of one cause become one problem, so one fault never buries the rest.

Rules hand over every failing row at once (a frame, never a Python object per row), so a
whole 4-million-row column that fails costs a group-by, not four million problems.
"""

import numpy as np

from .problems import Problem

MAX_CAUSES = 3  # more distinct causes than this in one rule and column: one summary problem
EXAMPLES = 3


def rows_problem(file, rows, column, message):
    """One Problem for every row in `rows` (row numbers), all of one cause."""
    rows = tuple(np.unique(np.asarray(rows, dtype=np.int64)).tolist())
    return Problem(file, rows[0], column, message, rows if len(rows) > 1 else ())


def by_cause(file, column, failing, keys, one, many):
    """Problems for the rows of `failing` (a frame with a 'row' column), grouped by `keys`.

    Up to MAX_CAUSES causes get one problem each, worded by ``one(key, group)``; more get
    one summary, ``many(examples, count)``, with the first few causes (by row) as examples.
    """
    if failing.empty:
        return []
    groups = failing.groupby(list(keys), sort=False, dropna=False).indices
    if len(groups) <= MAX_CAUSES:
        return [rows_problem(file, failing["row"].to_numpy()[at], column, one(_tuple(key), failing.iloc[at])) for key, at in groups.items()]
    first = sorted(groups, key=lambda key: groups[key][0])
    return [rows_problem(file, failing["row"], column, many([_tuple(key) for key in first[:EXAMPLES]], len(groups)))]


def listing(values, total=None):
    """'a', 'b' and 'c' — or 'a', 'b', 'c' and 4 others — from the first few of `total` values."""
    shown = [f"'{value}'" for value in values[:EXAMPLES]]
    others = (len(values) if total is None else total) - len(shown)
    if others > 0:
        return f"{', '.join(shown)} and {others:,} other{'s' if others > 1 else ''}"
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def distinct(values):
    """The distinct values in the order they first appear."""
    return list(dict.fromkeys(values))


def _tuple(key):
    return key if isinstance(key, tuple) else (key,)
