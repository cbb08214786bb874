"""Reading the values real exports carry: yes/no flags, dates, ids, and renamed headers."""

import re

import pandas as pd

YES = {"y", "yes", "true", "t", "1", "x"}
NO = {"n", "no", "false", "f", "0", ""}
# Date forms seen in OneRoster bundles and vendor files, tried in order; day-first forms are never guessed.
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%S.%fZ", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S",
                "%m/%d/%Y", "%m/%d/%y", "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S")
SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")


def header_key(name):
    """A header as compared: case, spaces, dots, dashes and underscores do not matter."""
    return re.sub(r"[\s._\-]+", "", str(name)).lower()


def find_columns(columns, wanted, by_name=True):
    """{field: the file's column} for each field of `wanted` ({field: [accepted names]}) the file has.

    A field is also found by its own name unless `by_name` is False (internal names such
    as 'term' that would match a foreign layout's header)."""
    present = {header_key(column): column for column in columns}
    found = {}
    for name, aliases in wanted.items():
        for alias in ([name] if by_name else []) + list(aliases):
            if header_key(alias) in present:
                found[name] = present[header_key(alias)]
                break
    return found


def yes_no(values):
    """('true'/'false'/'' per value, the values that are neither): every common coding of a flag."""
    words = values.fillna("").astype(str).str.strip().str.lower()
    out = pd.Series("", index=values.index, dtype=object)
    out[words.isin(YES)] = "true"
    out[words.isin(NO - {""})] = "false"
    unknown = values[~words.isin(YES | NO)]
    return out, unknown


def iso_dates(values):
    """(YYYY-MM-DD text per value, '' where empty, the values no known form reads)."""
    text = values.fillna("").astype(str).str.strip()
    parsed = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    for fmt in DATE_FORMATS:
        missing = parsed.isna() & (text != "")
        if not missing.any():
            break
        parsed[missing] = pd.to_datetime(text[missing], format=fmt, errors="coerce")
    out = parsed.dt.strftime("%Y-%m-%d").fillna("")
    return out, text[(text != "") & parsed.isna()]


def latest_per_window(scores):
    """One score per student, measure, subject and window: a retest replaces the earlier event, as vendors report it."""
    keys = [c for c in ("student_id", "measure", "subject", "window") if c in scores]
    return scores.sort_values("date", kind="stable").drop_duplicates(keys, keep="last").sort_index()


def mangled_ids(values):
    """Ids that a spreadsheet turned into scientific notation (1.23457E+11): the digits are gone."""
    text = values.fillna("").astype(str).str.strip()
    return text[text.str.match(SCIENTIFIC)]


def grade_code(value, kindergarten):
    """'K' for any of the source's `kindergarten` codes, a grade without leading zeros ('05' is 5), else as given."""
    text = str(value).strip().upper()
    return "K" if text in kindergarten else (str(int(text)) if text.isdigit() else text)


def school_span(grades):
    """(level, grades) of a school from the grades its students are in: 'K-5', and the level the
    lowest grade says (K–5 elementary, 6–8 middle, 9–12 high); codes that are not grades are skipped."""
    numbers = sorted({0 if g == "K" else int(g) for g in grades if g == "K" or str(g).isdigit()})
    if not numbers:
        return "", ""
    low, high = numbers[0], numbers[-1]
    level = "high" if low >= 9 else "middle" if low >= 6 else "elementary"
    span = "K" if low == 0 else str(low)
    return level, span if low == high else f"{span}-{high}"


def examples(values, shown=3):
    """A few distinct values for a message: 'Maybe', 'N/A' and 2 more."""
    distinct = list(dict.fromkeys(str(v) for v in values))
    listed = ", ".join(f"'{v}'" for v in distinct[:shown])
    return listed + (f" and {len(distinct) - shown} more" if len(distinct) > shown else "")
