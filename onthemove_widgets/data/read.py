"""Read the four district tables as text, exactly as they are in the files.

Every cell is kept as a string (ids keep their leading zeros, nothing is guessed), so
validation sees what the user typed. Surrounding spaces are trimmed; blank rows are
skipped but still counted, so row numbers match what a spreadsheet shows. A row
with more values than the header is kept (others may refer to it) and reported.

CSV goes through pandas' C parser as categoricals: each distinct value becomes one
Python string and each cell a small integer, so a 200 MB file costs a few times its
size, and the checks on cell text (encoding, invisible characters) run once per
distinct value. Each column is then handed over as plain text.
"""

import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from . import cells
from .encoding import SNIFF_BYTES, UTF8_BOM, decode, sniff
from .grouping import by_cause, distinct
from .problems import Problem

TABLES = ("schools", "students", "assessments", "cut_scores")
OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}
OLD_EXCEL = "is an old Excel workbook (.xls); open it in Excel and save it as .xlsx or CSV UTF-8"
# Latin-1 maps every byte to a character, so parsing never fails on encoding (see encoding.py).
PARSE = dict(header=None, dtype="category", encoding="latin-1", keep_default_na=False, na_filter=False, skip_blank_lines=False, engine="c")


def read_tables(source):
    """Read every table of a district folder (or one workbook).

    Returns ``(tables, problems)``: a dict of raw string DataFrames, indexed by
    spreadsheet row number, and the problems that stopped a table from being read.
    """
    source = Path(source)
    if source.suffix.lower() == ".xlsx" and source.is_file():
        from .workbook import read_workbook

        return read_workbook(source)
    if source.suffix.lower() == ".xls" and source.is_file():
        return {}, [Problem(source.name, None, None, OLD_EXCEL)]
    if source.is_file():
        return {}, [Problem(source.name, None, None, "is a file; give the district folder (or one .xlsx workbook holding every table)")]
    if not source.is_dir():
        return {}, [Problem(str(source), None, None, "no such folder or .xlsx workbook")]
    tables, problems = {}, []
    for name in TABLES:
        frame, found = _read_table(source, name)
        problems += found
        if frame is not None:
            tables[name] = frame
    return tables, problems


def read_written_tables(source):
    """`read_tables` for a folder this package wrote itself (a stamped school folder, `data.stamp`).

    Its files are UTF-8 CSV with no blank rows, padding or faults, so pandas reads them
    as text directly, in a fifth of the time, to the same tables. A table with no rows,
    or any file this reading cannot take, is read the careful way, so it gets the same
    messages as anywhere else.
    """
    tables, problems = {}, []
    for name in TABLES:
        frame = _read_written(Path(source) / f"{name}.csv")
        if frame is None:
            frame, found = _read_table(Path(source), name)
            problems += found
        if frame is not None:
            tables[name] = frame
    return tables, problems


def _read_written(path):
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8", engine="c")
    except (OSError, ValueError, pd.errors.ParserError):  # UnicodeDecodeError is a ValueError
        return None
    if frame.empty:
        return None
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")  # row 1 is the header, as a spreadsheet counts
    frame.attrs.update(file=path.name, bad_rows=set())
    return frame


def _read_table(folder, name):
    csv_path, xlsx_path, xls_path = (folder / f"{name}{suffix}" for suffix in (".csv", ".xlsx", ".xls"))
    if csv_path.exists():
        return read_csv_table(csv_path)
    if xlsx_path.exists():
        from .workbook import read_table_workbook

        return read_table_workbook(xlsx_path, name)
    if xls_path.exists():
        return None, [Problem(xls_path.name, None, None, OLD_EXCEL)]
    near = sorted(p.name for p in folder.iterdir() if p.name.lower().strip() in {f"{name}.csv", f"{name}.xlsx"})
    hint = f" (found {', '.join(near)}: rename it to {name}.csv)" if near else ""
    return None, [Problem(f"{name}.csv", None, None, f"file is missing from the folder{hint}")]


def read_csv_table(path):
    """Read one CSV file in UTF-8 (with or without BOM) or Windows-1252."""
    path = Path(path)
    if path.is_dir():
        return None, [Problem(path.name, None, None, "is a folder, not a file; put the CSV file itself here")]
    try:
        with open(path, "rb") as file:
            prefix = file.read(SNIFF_BYTES)
        not_csv = sniff(prefix)
        if not_csv:
            return None, [Problem(path.name, None, None, not_csv)]
        raw = _parse(path, _first_width(prefix))
    except OSError as exc:
        return None, [Problem(path.name, None, None, f"cannot be read ({exc.strerror or exc})")]
    except pd.errors.ParserError as exc:
        return None, [_parser_problem(path.name, exc)]
    if raw.empty:
        return None, [Problem(path.name, None, None, "file is empty (no header row)")]
    return build_table(path.name, raw, text=True)


def _first_width(prefix):
    """Fields on the first non-blank line, counted generously: the parser needs a width
    up front when the file starts with blank lines, and wider rows are re-read anyway."""
    line = next((line for line in prefix.splitlines() if line.strip(b" ,\t")), b"")
    return line.count(b",") + 1


def _parse(path, width):
    """Every record as categorical columns; rows wider than `width` make it parse again."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", pd.errors.ParserWarning)
        raw = pd.read_csv(path, names=range(width), on_bad_lines="warn", **PARSE)
    widths = [int(w) for warning in caught for w in re.findall(r"saw (\d+)", str(warning.message))]
    if widths:
        raw = pd.read_csv(path, names=range(max(widths)), **PARSE)
    if not all(pd.api.types.is_string_dtype(raw[c].cat.categories) for c in raw.columns):
        # A column whose every value (header cell included) looks like a number or a
        # boolean gets converted categories ('0001' → 1): read that file as plain text.
        raw = pd.read_csv(path, names=raw.columns, **{**PARSE, "dtype": str}).astype("category")
    return raw


def _parser_problem(label, exc):
    opened = re.search(r"EOF inside string starting at row (\d+)", str(exc))
    if opened:  # the parser counts records from 0: the header is its row 0
        return Problem(label, int(opened[1]) + 1, None, 'a quote (") opens in this row and is never closed, so the rest of the file reads as one cell; remove the stray quote')
    return Problem(label, None, None, f"cannot be read as CSV ({str(exc).removeprefix('Error tokenizing data. ')})")


def build_table(label, raw, text=False, problems=()):
    """A string DataFrame indexed by spreadsheet row, from categorical columns of every record.

    `text` says the values are Latin-1 readings of a file's bytes still to be decoded.
    `problems` are faults the caller found in cells (they exclude their rows from checks).
    """
    columns = [raw[c].array for c in raw.columns]
    codes = [np.asarray(column.codes) for column in columns]
    values = [list(column.categories) for column in columns]
    values, wrong = decode(values) if text else (values, [[None] * len(v) for v in values])
    values = [[value.strip() for value in column] for column in values]
    blank = [np.append(np.array([v == "" for v in column], dtype=bool), True)[c] for column, c in zip(values, codes)]
    keep = ~np.logical_and.reduce(blank)
    if not keep.any():
        return None, [*problems, Problem(label, None, None, "file is empty (no header row)")]
    header, problems = _header(label, values, codes, list(problems))
    if header is None:
        return None, problems
    width = len(header)
    keep[0] = False  # the header
    if not keep.any():
        return None, problems + [Problem(label, None, None, "file has a header but no rows")]
    problems += _ragged(label, blank, keep, width)
    faults = {name: _faults(values[i], wrong[i], width) for i, name in enumerate(header) if name is not None}
    found = [p for i, name in enumerate(header) if faults.get(name) for p in _cell_problems(label, name, values[i], faults[name], codes[i], keep)]
    if any(kind == "quote" for column in faults.values() for kind, _ in column.values()):
        return None, problems + found  # rows are hidden inside a cell: checking the rest would mislead
    return _frame(label, header, values, codes, keep, problems + found)


def _header(label, values, codes, problems):
    """Column names (None for a column to drop) and the problems of row 1."""
    header = [column[c[0]] for column, c in zip(values, codes)]
    if header and header[0].startswith(UTF8_BOM):
        header[0] = header[0].removeprefix(UTF8_BOM).strip()
    while header and header[-1] == "":
        header.pop()
    if not header:
        return None, problems + [Problem(label, 1, None, "is blank, but the header (the column names) must be on row 1")]
    if len(header) == 1:
        for delimiter, word in OTHER_DELIMITERS.items():
            if delimiter in header[0]:
                return None, problems + [Problem(label, 1, None, f"columns are separated by {word}, not commas; save the file as comma-separated CSV")]
    names = []
    for i, name in enumerate(header):
        if name == "":
            problems.append(Problem(label, 1, None, f"column {column_letter(i)} has no name in the header; name it or delete the column"))
        elif name in names:
            first = column_letter(names.index(name))
            problems.append(Problem(label, 1, name, f"column name appears twice in the header (columns {first} and {column_letter(i)}); only column {first} is read"))
        names.append(name)
    return [name if name and name not in names[:i] else None for i, name in enumerate(names)], problems


def column_letter(index):
    """Spreadsheet letters for a 0-based column index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _ragged(label, blank, keep, width):
    """Rows with values beyond the header's columns, grouped by how many values they have."""
    if len(blank) <= width:
        return []
    counts = np.zeros(len(keep), dtype=np.int64)
    for i, column in enumerate(blank):
        counts[~column] = i + 1
    ragged = np.flatnonzero(keep & (counts > width))
    failing = pd.DataFrame({"row": ragged + 1, "count": counts[ragged]})
    one = lambda key, _: f"has {key[0]} values but the header has {width} columns"
    many = lambda keys, n: f"have more values than the header's {width} columns ({', '.join(str(k[0]) for k in keys)}, …)"
    return by_cause(label, None, failing, ["count"], one, many)


def _faults(values, wrong, width):
    """{code: (kind, key)} for the distinct values of a column that may not stand."""
    return cells.faults(values, width) | {code: (kind, "") for code, kind in enumerate(wrong) if kind}


def _cell_problems(label, name, values, faults, codes, keep):
    """Problems in one column's cells, grouped by fault."""
    at = np.flatnonzero(keep & np.isin(codes, list(faults)))
    kinds, keys, texts = (np.empty(len(values), dtype=object) for _ in range(3))
    for code, (kind, key) in faults.items():
        kinds[code], keys[code], texts[code] = kind, key or "", values[code]
    found = pd.DataFrame({"row": at + 1, "kind": kinds[codes[at]], "key": keys[codes[at]], "value": texts[codes[at]]})
    one = lambda key, group: cells.message(key[0], key[1], distinct(group["value"]))
    many = lambda keys, n: f"holds {n} kinds of text that do not belong in a cell ({', '.join(cells.character_name(k) if k else kind for kind, k in keys)}, …)"
    return by_cause(label, name, found, ["kind", "key"], one, many)


def _frame(label, header, values, codes, keep, problems):
    """The kept rows as text columns, and the rows the reader already reported."""
    rows = np.flatnonzero(keep) + 1
    contiguous = rows[-1] - rows[0] + 1 == len(rows)
    index = pd.RangeIndex(rows[0], rows[-1] + 1, name="row") if contiguous else pd.Index(rows, name="row")
    data = {name: pd.Series(np.asarray(values[i], dtype=object)[codes[i][keep]], index=index, dtype=str) for i, name in enumerate(header) if name is not None}
    frame = pd.DataFrame(data, index=index, copy=False)
    frame.attrs["file"] = label
    # Rows the reader reported stay in the table, so other tables can still refer to
    # them, but they are never checked cell by cell (each fault is reported once).
    frame.attrs["bad_rows"] = {row for p in problems for row in (p.rows or [p.row]) if row is not None and row > 1}
    return frame, problems
