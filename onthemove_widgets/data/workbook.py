"""Read district tables from Excel workbooks, each cell as the text a person sees.

A workbook is opened twice, for the saved values and for the formulas: a formula Excel
never calculated (a file written by a script) has no saved value, and is reported as a
formula rather than as an empty cell.
"""

import datetime as dt

import openpyxl
import pandas as pd

from .problems import Problem
from .read import TABLES, build_table
from .schemas import SCHEMAS


def read_workbook(path):
    """Read a workbook holding one sheet per table, named after the tables."""
    books, problem = _open(path)
    if problem:
        return {}, [problem]
    tables, problems = {}, []
    for name in TABLES:
        label = f"{path.name} [{name}]"
        sheet = next((s for s in _names(books[0]) if _plain(s) == name), None)
        if sheet is None:
            problems.append(Problem(label, None, None, f"sheet '{name}' is missing (sheets found: {', '.join(_names(books[0]))})"))
            continue
        frame, found = _sheet_table(books, sheet, f"{path.name} [{sheet}]")
        problems += found
        if frame is not None:
            tables[name] = frame
    _close(books)
    return tables, problems


def read_table_workbook(path, name):
    """Read `<name>.xlsx`: the sheet named like the table, else the one with its header."""
    books, problem = _open(path)
    if problem:
        return None, [problem]
    sheet = _table_sheet(books[0], name)
    if sheet is None:
        required = ", ".join(SCHEMAS[name].columns)
        frame, found = None, [Problem(path.name, None, None, f"no sheet has the {name} header on row 1 ({required}); sheets: {', '.join(_names(books[0]))}")]
    else:
        frame, found = _sheet_table(books, sheet, path.name if len(_names(books[0])) == 1 else f"{path.name} [{sheet}]")
    _close(books)
    return frame, found


def _table_sheet(book, name):
    """The sheet named `name`, else the first whose row 1 has the most of the table's columns."""
    for sheet in _names(book):
        if _plain(sheet) == name:
            return sheet
    required = set(SCHEMAS[name].columns)
    found = {sheet: len(required & {_cell_text(v).strip() for v in next(book[sheet].iter_rows(max_row=1, values_only=True), ())}) for sheet in _names(book)}
    best = max(found.values(), default=0)
    return next(sheet for sheet, count in found.items() if count == best) if best else None


def _names(book):
    """The worksheets' names (chart sheets hold no cells)."""
    return [sheet.title for sheet in book.worksheets]


def _plain(sheet_name):
    return sheet_name.strip().lower().replace(" ", "_")


def _open(path):
    """The workbook's saved values and its formulas, or the problem that stopped opening it."""
    if path.is_dir():
        return None, Problem(path.name, None, None, "is a folder, not a file; put the workbook itself here")
    try:
        return (openpyxl.load_workbook(path, read_only=True, data_only=True), openpyxl.load_workbook(path, read_only=True, data_only=False)), None
    except Exception as exc:  # openpyxl raises many types for a damaged or foreign file
        return None, Problem(path.name, None, None, f"cannot be opened as an Excel workbook ({exc}); save it again from Excel as .xlsx")


def _close(books):
    for book in books:
        book.close()


def _sheet_table(books, sheet, label):
    """One sheet as a table; formulas without a saved value are problems, not empty cells."""
    try:
        rows, formulas = _sheet_rows(books, sheet)
    except Exception as exc:  # a damaged sheet fails only when read, as openpyxl reads lazily
        return None, [Problem(label, None, None, f"cannot be read ({exc}); save the workbook again from Excel")]
    if not rows:
        return None, [Problem(label, None, None, "sheet is empty (no header row)")]
    header = [cell.strip() for cell in rows[0]]
    found = [
        Problem(label, number, header[i] if i < len(header) and header[i] else None, f"holds a formula ({_formula(text)}) with no saved value; open the file in Excel and save it, or paste values instead")
        for number, i, text in formulas
    ]
    raw = pd.DataFrame(rows, dtype=object).fillna("").astype("category")
    return build_table(label, raw, problems=found)


def _sheet_rows(books, sheet):
    """Every row as text, and (row, column index, formula) of formulas without a value."""
    rows, formulas = [], []
    values, written = books[0][sheet].iter_rows(values_only=True), books[1][sheet].iter_rows(values_only=True)
    for number, (row, source) in enumerate(zip(values, written), start=1):
        rows.append([_cell_text(v) for v in row])
        formulas += [(number, i, text) for i, (v, text) in enumerate(zip(row, source)) if v is None and _formula(text)]
    return rows, formulas


def _formula(value):
    text = getattr(value, "text", value)  # array formulas are objects holding their text
    return text if isinstance(text, str) and text.startswith("=") else None


def _cell_text(value):
    """Excel cells as the text a person sees: 3.0 → '3', dates → ISO dates."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
