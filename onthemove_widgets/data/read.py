"""Read the four district tables as text, exactly as they are in the files.

Every cell is kept as a string (ids keep their leading zeros, nothing is guessed), so
validation sees what the user typed. Surrounding spaces are trimmed; blank rows are
skipped but still counted, so row numbers match what a spreadsheet shows. A row
with more values than the header is kept (others may refer to it) and reported.
"""

import csv
import datetime as dt
import io
from pathlib import Path

import pandas as pd

from .problems import Problem

TABLES = ("schools", "students", "assessments", "cut_scores")
ENCODINGS = ("utf-8-sig", "cp1252")
OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def read_tables(source):
    """Read every table of a district folder (or one workbook).

    Returns ``(tables, problems)``: a dict of raw string DataFrames, indexed by
    spreadsheet row number, and the problems that stopped a table from being read.
    """
    source = Path(source)
    if source.suffix.lower() == ".xlsx":
        return _read_workbook(source)
    if not source.is_dir():
        return {}, [Problem(str(source), None, None, "no such folder or .xlsx workbook")]
    tables, problems = {}, []
    for name in TABLES:
        csv_path, xlsx_path = source / f"{name}.csv", source / f"{name}.xlsx"
        if csv_path.exists():
            frame, found = read_csv_table(csv_path)
        elif xlsx_path.exists():
            frame, found = _rows_to_frame(xlsx_path.name, _sheet_rows(xlsx_path, None))
        else:
            frame, found = None, [Problem(f"{name}.csv", None, None, "file is missing from the folder")]
        problems += found
        if frame is not None:
            tables[name] = frame
    return tables, problems


def read_csv_table(path):
    """Read one CSV file in UTF-8 (with or without BOM) or Windows-1252."""
    path = Path(path)
    data = path.read_bytes()
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return None, [Problem(path.name, None, None, "is neither UTF-8 nor Windows-1252 text; save it again as CSV UTF-8")]
    return _rows_to_frame(path.name, csv.reader(io.StringIO(text, newline="")))


def _read_workbook(path):
    """Read a workbook holding one sheet per table."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        return {}, [Problem(path.name, None, None, f"cannot be opened as an Excel workbook ({exc})")]
    tables, problems = {}, []
    for name in TABLES:
        label = f"{path.name} [{name}]"
        if name not in book.sheetnames:
            problems.append(Problem(label, None, None, f"sheet '{name}' is missing (sheets found: {', '.join(book.sheetnames)})"))
            continue
        frame, found = _rows_to_frame(label, _values(book[name].iter_rows(values_only=True)))
        problems += found
        if frame is not None:
            tables[name] = frame
    book.close()
    return tables, problems


def _sheet_rows(path, sheet):
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = list(_values((book[sheet] if sheet else book.worksheets[0]).iter_rows(values_only=True)))
    book.close()
    return rows


def _values(rows):
    """Excel cells as the text a person sees: 3.0 → '3', dates → ISO dates."""
    for row in rows:
        yield [_cell_text(value) for value in row]


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _rows_to_frame(label, rows):
    """Build a string DataFrame indexed by spreadsheet row; report ragged rows."""
    rows = iter(rows)
    header = next(rows, None)
    if header is None or not any(cell.strip() for cell in header):
        return None, [Problem(label, None, None, "file is empty (no header row)")]
    header = [cell.strip() for cell in header]
    while header and header[-1] == "":
        header.pop()
    if len(header) == 1:
        for delimiter, word in OTHER_DELIMITERS.items():
            if delimiter in header[0]:
                return None, [Problem(label, 1, None, f"columns are separated by {word}, not commas; save the file as comma-separated CSV")]
    problems, records, index = [], [], []
    for row_number, row in enumerate(rows, start=2):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if any(cells[len(header):]):
            problems.append(Problem(label, row_number, None, f"has {len(cells)} values but the header has {len(header)} columns"))
        records.append(cells[: len(header)] + [""] * (len(header) - len(cells)))
        index.append(row_number)
    if not records and not problems:
        problems.append(Problem(label, None, None, "file has a header but no rows"))
    frame = pd.DataFrame(records, columns=header, index=pd.Index(index, name="row"), dtype=str)
    frame.attrs["file"] = label
    # Ragged rows stay in the table, so other tables can still refer to them, but
    # they are reported once, by the reader, and never checked cell by cell.
    frame.attrs["bad_rows"] = {p.row for p in problems if p.row is not None}
    return frame, problems
