"""What a file's bytes are: not text at all, UTF-8, Windows-1252, or a mix of the two.

The reader parses every CSV as Latin-1, which maps each byte to one character and so
never fails; this module then decodes each column's *distinct* values for real, which is
cheap however long the file. All valid UTF-8: a UTF-8 file. No UTF-8 beyond ASCII: a
Windows-1252 file (what Excel on Windows saves as "CSV"). Some of each: a UTF-8 file with
lines pasted in from a Windows-1252 one; it is refused, because either reading would
silently turn some names into 'GarcÃ­a'.
"""

SNIFF_BYTES = 4096
UTF8_BOM = "\ufeff"

# (how the file starts, what it is): checked on the first bytes, before any parsing
NOT_CSV = (
    ((b"\xff\xfe", b"\xfe\xff"), 'looks like UTF-16 text (Excel\'s "Unicode Text"); save it as CSV UTF-8'),
    ((b"PK\x03\x04",), "is an Excel workbook (.xlsx) named .csv; save it as CSV UTF-8, or rename it to .xlsx"),
    ((b"\xd0\xcf\x11\xe0",), "is an old Excel workbook (.xls) named .csv; save it as CSV UTF-8"),
    ((b"<!doctype html", b"<html", b"<head", b"<table", b"<body"), "is a web page (HTML) saved as .csv, not CSV text; download or export the table as CSV UTF-8 instead"),
    ((b"<?xml",), "is an XML file (perhaps Excel's \"XML Spreadsheet\"), not CSV; save it as CSV UTF-8"),
    ((b"%pdf",), "is a PDF, not CSV; export the table from its source as CSV UTF-8"),
)


def sniff(prefix):
    """Why a file whose first bytes are `prefix` is not CSV text, or None if it may be."""
    head = prefix.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    found = next((message for starts, message in NOT_CSV if prefix.startswith(starts)), None)
    if found is None and prefix.count(b"\x00") > len(prefix) // 4:  # UTF-16 without a byte-order mark
        found = NOT_CSV[0][1]
    return found or next((message for starts, message in NOT_CSV if head.startswith(starts)), None)


def decode(columns):
    """Decode each column's distinct Latin-1 values; flag those not in the file's encoding.

    `columns` is a list of lists of str. Returns ``(decoded, wrong)`` per column: the
    values as text, and for each value None or why it is wrong: "windows-1252" (a
    Windows-1252 value in a UTF-8 file, decoded as Windows-1252 to show it) or "bytes"
    (neither encoding).
    """
    as_utf8 = [[_utf8(value) for value in column] for column in columns]
    if all(value is not None for column in as_utf8 for value in column):
        return as_utf8, [[None] * len(column) for column in columns]
    utf8_seen = any(u is not None and not v.isascii() for column, utf8 in zip(columns, as_utf8) for v, u in zip(column, utf8))
    decoded, wrong = [], []
    for column, utf8 in zip(columns, as_utf8):
        cp1252 = [_cp1252(value) for value in column]
        if utf8_seen:  # a UTF-8 file with some Windows-1252 values
            decoded.append([u if u is not None else (c or v) for v, u, c in zip(column, utf8, cp1252)])
            wrong.append([None if u is not None else "windows-1252" for u in utf8])
        else:  # a Windows-1252 file
            decoded.append([c if c is not None else v for v, c in zip(column, cp1252)])
            wrong.append([None if c is not None else "bytes" for c in cp1252])
    return decoded, wrong


def _utf8(text):
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return None


def _cp1252(text):
    try:
        return text.encode("latin-1").decode("cp1252")
    except UnicodeDecodeError:
        return None
