"""The district's index page: each school's summary numbers and report link, then what went wrong.

Every value on it comes from the district's files or from a kernel (school names and
ids, summary numbers, error messages), so every one is HTML-escaped.
"""

import html
import json
import math

from ..analysis.explain import EFFECT_SIZE_WORDS
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
            status = "ready"
        elif entry.get("not_written"):
            status = f'<a href="#no-report-{anchor}">no report</a>'
            notes.append(f'<li id="no-report-{anchor}">{_text(entry["not_written"])}</li>')
        else:
            status = f'<a href="#failed-{anchor}">failed</a>'
            failures.append(f'<li id="failed-{anchor}"><strong>{_text(school_id)} {_text(shards[school_id].school_name)}</strong><pre>{_text(entry["error"])}</pre></li>')
        summary = (entry or {}).get("summary") or {}
        cells = "".join(f"<td>{_value(summary.get(column))}</td>" for column in columns)
        name = _text(shards[school_id].school_name)
        name = f'<a href="{anchor}.html">{name}</a>' if entry and entry["ok"] else name
        rows.append(f"<tr><td>{_text(school_id)}</td><td>{name}</td><td>{status}</td>{cells}</tr>")
    done = sum(1 for e in entries.values() if e and e["ok"])
    rows.append(district_row(entries.values(), columns))
    header = "".join(f"<th>{_text(column)}</th>" for column in ["School id", "School", "Report", *columns])
    counts = f"{len(entries)} schools: {done} reports, {len(failures)} failed" + (f", {len(notes)} without a report" if notes else "")
    return _PAGE.format(counts=counts, header=header, rows="\n".join(rows), effect=_text(EFFECT_SIZE_WORDS),
                        failed=_section("failures", "Failures", failures), notes=_section("no-report", "No report", notes))


def district_row(entries, columns):
    """The district's totals: students added up, each subject's share at or above from the schools' counts
    (schools whose result is hidden left out), and the growth effect size as the schools' mean weighted by
    the students scored in both windows."""
    totals = [(e.get("summary") or {}).get("_totals") for e in entries if e and e.get("ok")]
    totals = [t for t in totals if t]
    cells = []
    for column in columns:
        if column == "students":
            value = str(sum(t["students"] for t in totals))
        elif column.endswith(" at or above"):
            subject = column.removesuffix(" at or above")
            tested = sum(t["tested"].get(subject, 0) for t in totals)
            value = f"{100 * sum(t['at_or_above'].get(subject, 0) for t in totals) / tested:.0f}%" if tested else "—"
        elif column == "growth effect size":
            weighted = [(t["growth_n"], t["growth_d"]) for t in totals if t["growth_d"] is not None]
            n = sum(k for k, _ in weighted)
            value = f"{sum(k * d for k, d in weighted) / n:.2f}" if n else "—"
        else:
            value = "—"
        cells.append(f"<td>{_text(value)}</td>")
    return f'<tr class="district"><td></td><th scope="row">District ({len(totals)} schools)</th><td></td>{"".join(cells)}</tr>'


def _summary_columns(entries):
    """The summary numbers any school's report gave, in the order they first appear."""
    columns = []
    for entry in entries:
        for key in (entry or {}).get("summary") or {}:
            if key not in columns and key not in ("school_id", "school_name") and not key.startswith("_"):
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
tr.district {{ font-weight: bold; border-top: 2px solid #333; }}
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
<details class="how-calculated" open><summary>How was this calculated?</summary>
<p><strong>At or above:</strong> the percent of the school's students tested on the state test who scored at or above the standard; schools with fewer than the reporting minimum tested show "—" and are left out of the district row.</p>
<p><strong>Growth effect size:</strong> {effect} The district row weights each school's effect size by its students scored in both windows.</p>
</details>
{failed}
{notes}
</body>
</html>
"""
