"""CSV and Excel downloads that cannot run a formula when opened.

A name or note typed as `=HYPERLINK(...)` would become a live formula in Excel (CSV
injection). Following OWASP, any text cell that starts with `=`, `+`, `-`, `@`, a tab
or a carriage return gets a leading single quote, so it is shown as text. Numbers are
real numbers and are left alone.
"""

import io

import pandas as pd

FORMULA_START = r"[=+\-@\t\r]"


def neutralise(frame):
    """A copy whose text cells, headers included, cannot be read as formulas."""
    safe = frame.copy()
    safe.columns = _quoted(pd.Series(frame.columns, dtype=object)).to_numpy()
    for column in safe:
        if safe[column].dtype.kind not in "biufcmM":  # numbers, booleans and dates stay as they are
            safe[column] = _quoted(safe[column].astype(object))
    return safe


def _quoted(values):
    risky = values.str.match(FORMULA_START, na=False)
    return values.mask(risky, "'" + values[risky])


def to_csv_bytes(frame):
    """UTF-8 with a byte-order mark, so Excel shows "Héctor", not "HÃ©ctor".

    Rows end in CRLF (RFC 4180), which also makes the writer quote any cell holding a
    carriage return instead of letting it split the row.
    """
    return neutralise(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_excel_bytes(frame, sheet_name="students"):
    """One sheet; neutralised text is stored as text cells, never as formulas."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralise(frame).to_excel(writer, sheet_name=sheet_name, index=False)
    return buffer.getvalue()
