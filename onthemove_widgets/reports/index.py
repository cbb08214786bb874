"""The district's index page: each school's summary numbers and report link, then what went wrong.

Every value on it comes from the district's files or from a kernel (school names and
ids, summary numbers, error messages), so every one is HTML-escaped.
"""

import html
import json
import math

from .names import file_stem


def index_page(shards, manifest):
    """A self-contained index: each school's summary numbers and report link, then the failures and the schools without a report."""
    entries = {school_id: manifest.get(school_id) for school_id in shards}
    columns = _summary_columns(entries.values())
    rows, failures, notes = [], [], []
    for school_id, entry in entries.items():
        anchor = _text(file_stem(school_id))
        if entry is None:
            status = "not run yet"
        elif entry["ok"]:
            status = f'<a href="{anchor}.html">report</a>'
        elif entry.get("not_written"):
            status = f'<a href="#no-report-{anchor}">no report</a>'
            notes.append(f'<li id="no-report-{anchor}">{_text(entry["not_written"])}</li>')
        else:
            status = f'<a href="#failed-{anchor}">failed</a>'
            failures.append(f'<li id="failed-{anchor}"><strong>{_text(school_id)} {_text(shards[school_id].school_name)}</strong><pre>{_text(entry["error"])}</pre></li>')
        summary = (entry or {}).get("summary") or {}
        cells = "".join(f"<td>{_value(summary.get(column))}</td>" for column in columns)
        rows.append(f"<tr><td>{_text(school_id)}</td><td>{_text(shards[school_id].school_name)}</td><td>{status}</td>{cells}</tr>")
    done = sum(1 for e in entries.values() if e and e["ok"])
    header = "".join(f"<th>{_text(column)}</th>" for column in ["school_id", "school_name", "report", *columns])
    counts = f"{len(entries)} schools: {done} reports, {len(failures)} failed" + (f", {len(notes)} without a report" if notes else "")
    return _PAGE.format(counts=counts, header=header, rows="\n".join(rows),
                        failed=_section("failures", "Failures", failures), notes=_section("no-report", "No report", notes))


def _summary_columns(entries):
    """The summary numbers any school's report gave, in the order they first appear."""
    columns = []
    for entry in entries:
        for key in (entry or {}).get("summary") or {}:
            if key not in columns and key not in ("school_id", "school_name"):
                columns.append(key)
    return columns


def _section(anchor, title, items):
    return f'<h2 id="{anchor}">{title} ({len(items)})</h2>\n<ul>{"".join(items)}</ul>' if items else ""


def _text(value):
    return html.escape(str(value), quote=True)


def _value(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, float):
        value = round(value, 2)
    elif isinstance(value, (dict, list)):
        value = json.dumps(value)
    return _text(value)


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>School reports</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; }}
pre {{ background: #f6f6f6; padding: 0.5rem; white-space: pre-wrap; }}
</style>
</head>
<body>
<h1>School reports</h1>
<p>{counts}.</p>
<table>
<thead><tr>{header}</tr></thead>
<tbody>
{rows}
</tbody>
</table>
{failed}
{notes}
</body>
</html>
"""
