"""What a text cell may hold, checked on each column's distinct values.

Surrounding whitespace is trimmed (including no-break spaces). Inside a value, a
character nobody can see makes '0001' differ from the '0001' it looks like, and a
control character (a NUL from a damaged export) breaks the Excel export later, so both
are refused. A quoted cell may hold line breaks (an address, "Birch\nMiddle"), but one
whose later lines look like records is a stray quote that swallowed the rows after it:
those rows are hidden, so the whole table is unreadable until it is fixed.
"""

import re
import unicodedata

MAX_LENGTH = 1000  # no district value comes near this; a longer one is a damaged export
CONTROL = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")
INVISIBLE = re.compile("[\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufeff\ufff9-\ufffb]")
LINE_BREAK = re.compile("\r\n|\r|\n")
SWALLOWED_LINES = 10  # more line breaks than this in one cell is a stray quote whatever they hold
CONTROL_NAMES = {"\x00": "NUL", "\x09": "TAB"}


SUSPECT = re.compile(f"{LINE_BREAK.pattern}|{CONTROL.pattern}|{INVISIBLE.pattern}")


def faults(values, width):
    """{position: (kind, key)} of the `values` that may not stand; one regex pass if none."""
    if not SUSPECT.search(" ".join(values)) and max(map(len, values), default=0) <= MAX_LENGTH:
        return {}
    return {i: found for i, value in enumerate(values) if (found := fault(value, width))}


def fault(value, width):
    """(kind, key) of what is wrong with a trimmed cell of a `width`-column table, or None."""
    if swallowed(value, width):
        return "quote", None
    if len(value) > MAX_LENGTH:
        return ("long", None)
    for kind, pattern in (("control", CONTROL), ("invisible", INVISIBLE)):
        found = pattern.search(value)
        if found:
            return kind, found[0]
    return None


def swallowed(value, width):
    """Whether the lines of a cell after its first look like records of the table."""
    lines = LINE_BREAK.split(value)[1:]
    return len(lines) > SWALLOWED_LINES or any(line.count(",") >= max(1, width // 2) for line in lines)


def message(kind, key, values):
    """The sentence for cells of one fault, with a few of their values as examples."""
    shown = ", ".join(f"'{visible(v)}'" for v in values[:3])
    if kind == "quote":
        lines = max(len(LINE_BREAK.findall(v)) for v in values)
        return f'a quote (") opens in this cell and is closed only {lines:,} line(s) further down, so those lines are read as part of it; remove the stray quote'
    if kind == "long":
        return f"holds {max(map(len, values)):,} characters (longest allowed: {MAX_LENGTH:,}); the export is probably damaged"
    if kind == "windows-1252":
        return f"{shown} is Windows-1252 text in a file that is otherwise UTF-8; save the whole file again as CSV UTF-8"
    if kind == "bytes":
        return f"{shown} holds bytes that are neither UTF-8 nor Windows-1252; save the file again as CSV UTF-8"
    if kind == "control":
        return f"{shown} holds a control character ({character_name(key)}) that no one typed: the export is damaged; retype the value"
    return f"{shown} holds an invisible character ({character_name(key)}), so it differs from the value it looks like; retype the value"


def character_name(char):
    """'U+200B ZERO WIDTH SPACE'; control characters have no Unicode name, so a short one."""
    name = CONTROL_NAMES.get(char) or unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".strip()


def visible(value, width=40):
    """A value with its invisible characters shown as <U+200B>, cut to `width` characters."""
    shown = INVISIBLE.sub(lambda m: f"<U+{ord(m[0]):04X}>", CONTROL.sub(lambda m: f"<U+{ord(m[0]):04X}>", value))
    return shown if len(shown) <= width else shown[: width - 1] + "…"
