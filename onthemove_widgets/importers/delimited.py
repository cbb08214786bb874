"""Reading a vendor's delimited text export lean: its header, then only the columns we map.

A state-test or benchmark export carries dozens of columns the importers never read, and
can be hundreds of megabytes. pandas' C parser reads just the mapped columns, in chunks,
as text (a categorical read would turn '0012' into 12); each chunk becomes categoricals
at once, so a cell costs a small code and each distinct value one string. The columns
handed back are plain text whose cells share those strings, indexed by the file's row
numbers (the header is row 1), blank rows left out.
"""

import csv

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from ..data.problems import Problem
from .faults import ImportFault

CHUNK_ROWS = 100_000


def read_header(path, sep):
    """The first line's field names, stripped; an unreadable or empty file is refused by name."""
    try:
        with open(path, "rb") as file:
            first = file.readline()
    except OSError as error:
        raise ImportFault([Problem(path.name, None, None, f"cannot be read ({error.strerror or error})")]) from None
    if not first.strip():
        raise ImportFault([Problem(path.name, None, None, f"is empty: expected a header row of {_name(sep)}-separated fields")])
    line = _decode(first).rstrip("\r\n")
    fields = next(csv.reader([line], delimiter=sep, quoting=_quoting(sep)))
    return [name.strip() for name in fields]


def read_columns(path, sep, header, wanted):
    """The `wanted` columns (names from `header`) as text, in UTF-8 or else Windows-1252."""
    positions = sorted({header.index(name) for name in wanted})
    if not positions:
        return pd.DataFrame()
    try:
        columns = _columns(path, sep, positions, "utf-8-sig")
    except UnicodeDecodeError:  # an export saved by Excel on Windows
        columns = _columns(path, sep, positions, "cp1252")
    except pd.errors.ParserError as error:
        raise ImportFault([Problem(path.name, None, None, f"cannot be read as {_name(sep)}-separated text "
                                   f"({str(error).splitlines()[0].removeprefix('Error tokenizing data. ')})")]) from None
    frame = pd.DataFrame({header[p]: columns[p] for p in positions})
    frame.index = frame.index + 2
    blank = np.logical_and.reduce([frame[c].eq("").to_numpy() for c in frame.columns])
    return frame.loc[~blank]


def _columns(path, sep, positions, encoding):
    chunks = pd.read_csv(path, sep=sep, header=None, skiprows=1, usecols=positions, dtype=str, encoding=encoding, chunksize=CHUNK_ROWS,
                         quoting=_quoting(sep), keep_default_na=False, na_filter=False, skip_blank_lines=False, engine="c")
    parts = {position: [] for position in positions}
    for chunk in chunks:
        for position in positions:
            parts[position].append(chunk[position].str.strip().astype("category"))
    if not parts[positions[0]]:
        return {position: pd.Series([], dtype=object) for position in positions}
    whole = {position: union_categoricals(part) for position, part in parts.items()}
    return {position: pd.Series(np.asarray(c.categories, dtype=object)[c.codes]) for position, c in whole.items()}


def _decode(raw):
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _quoting(sep):
    """A caret file (CAASPP) has no quoting: a quote in a name is a character. A CSV quotes as CSV does."""
    return csv.QUOTE_NONE if sep == "^" else csv.QUOTE_MINIMAL


def _name(sep):
    return {"^": "caret (^)", ",": "comma"}.get(sep, repr(sep))
