"""Rows as integer codes, so comparing millions of rows costs a few arrays, not objects.

Each column is factorized with a small size hint, so its hash table is the size of its
distinct values rather than of its rows, and the columns' codes are combined in place.
"""

import numpy as np
import pandas as pd

INT64_ROOM = 2**62


def row_keys(columns):
    """One int64 per row, equal exactly for rows equal in every column (not numbered)."""
    key, bound = np.zeros(len(columns[0]), dtype=np.int64), 1
    for values in columns:
        codes, uniques = pd.factorize(values.to_numpy() if isinstance(values, pd.Series) else values, size_hint=1024)
        if bound * (len(uniques) + 1) >= INT64_ROOM:  # renumber before the product overflows
            key, distinct = pd.factorize(key, size_hint=1024)
            bound = len(distinct)
        key *= len(uniques) + 1
        key += codes
        key += 1
        bound *= len(uniques) + 1
    return key


def row_codes(columns):
    """Row keys numbered 0, 1, … by first appearance (for few distinct combinations)."""
    return pd.factorize(row_keys(columns), size_hint=1024)[0]


def first_appearances(code):
    """Whether each row is the first with its code (codes numbered by first appearance)."""
    return code > np.maximum.accumulate(np.concatenate([[-1], code[:-1]]))


def later_copies(key):
    """Positions of rows whose key an earlier row has, and the position of that first row.

    Sorting (not hashing) keeps this to a few arrays the size of the rows, and a table
    without copies, the usual case, costs one sorted copy of the keys.
    """
    ordered = np.sort(key)
    if not (ordered[1:] == ordered[:-1]).any():
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    del ordered
    order = np.argsort(key, kind="stable")  # stable: each key's first row comes first
    starts = np.concatenate([[True], key[order[1:]] != key[order[:-1]]])
    group = np.cumsum(starts) - 1
    later = ~starts
    return order[later], order[np.flatnonzero(starts)[group[later]]]
