"""The import app's views as HTML: the preview, the report, the problems and the links on.

File names, column names and cell values come from someone's export, so every one of
them goes through `html.escape`; fields are shown in words (labels.FIELD_WORDS).
"""

import base64
from html import escape
from urllib.parse import quote

from ..curriculum import CURRICULUM, FIRST_HOUR
from .labels import FIELD_WORDS

STYLE = """<style>
.otm-import{font-size:16px;line-height:1.5;max-width:60em}
.otm-import h3{font-size:18px;margin:14px 0 4px}
.otm-import table{border-collapse:collapse;font-size:16px}
.otm-import td,.otm-import th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}
.otm-import code{font-size:16px}
</style>"""
HEADINGS = {"mapped": "Brought in", "left_out": "Left out, and why", "warning": "Check these"}
SHOWN = 200  # problems listed on the page; `onthemove validate` lists them all


def preview_html(frame):
    """The first rows as they will import, one column per field matched, headed in words."""
    if not len(frame.columns):
        return STYLE + '<div class="otm-import"><p>Match at least one column to see the first rows as they will import.</p></div>'
    header = "".join(f"<th>{escape(FIELD_WORDS.get(c, c))}</th>" for c in frame.columns)
    rows = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>" for row in frame.itertuples(index=False))
    return STYLE + (f'<div class="otm-import"><h3>The first {len(frame)} rows, as they will import</h3>'
                    f'<div style="overflow-x:auto"><table><tr>{header}</tr>{rows}</table></div></div>')


def items_html(lines):
    """An escaped list, the first SHOWN lines of it and a count of the rest."""
    lines = [str(line) for line in lines]
    more = f"<li>… and {len(lines) - SHOWN} more: run <code>onthemove validate</code> on the folder.</li>" if len(lines) > SHOWN else ""
    return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines[:SHOWN]) + more + "</ul>"


def fault_html(fault):
    """Why a file could not be imported; nothing was written."""
    return STYLE + ('<div class="otm-import"><h3>This file cannot be imported as it is</h3>'
                    f"<p>Nothing was written. Fix what is listed, or match other columns, and import again.</p>{items_html(fault.problems)}</div>")


def report_html(imported, name, mapping_file=None):
    """What the import brought in, left out and wants checked, validate's problems, and where to go next."""
    parts = [STYLE, '<div class="otm-import">', f"<h3>{escape(name)}: imported</h3>",
             f"<p>Written to <code>{escape(str(imported.folder))}</code>.</p>"]
    for kind, heading in HEADINGS.items():
        notes = [note for note in imported.result.notes if note.kind == kind]
        if notes:
            parts.append(f"<h3>{heading}</h3>{items_html(notes)}")
    if imported.problems:
        parts.append(f"<h3>To fix before the apps can open it ({len(imported.problems)})</h3>{items_html(imported.problems)}"
                     "<p>Fix these in the folder's files (or import the missing file with <code>onthemove import … --into</code>); "
                     "the apps read the folder again as soon as it changes.</p>")
    else:
        parts.append("<p>The district's files pass every check.</p>")
    if mapping_file is not None:
        parts.append(mapping_html(mapping_file))
    return "".join([*parts, links_html(name), "</div>"])


def mapping_html(path):
    """Where the mapping was kept, a download of it, and the one command that uses it next year."""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    command = f"onthemove import spreadsheet NEXT_YEARS_FILE --mapping {path} --out NEW_FOLDER"
    return (f"<h3>The column matching, kept for next year</h3><p>Saved as <code>{escape(str(path))}</code> "
            f'(<a download="import_mapping.yaml" href="data:text/yaml;base64,{data}">download it</a>). '
            f"Next year's file of the same layout imports with one command:</p><p><code>{escape(command)}</code></p>")


def links_html(name):
    """The first hour's apps, opened on the new district (the chooser reads ?district=)."""
    entries = [entry for path, _ in FIRST_HOUR for entry in CURRICULUM if entry.path == path]
    links = "".join(f'<li><a href="{escape(entry.path)}?district={escape(quote(name))}">{escape(entry.name)}</a></li>' for entry in entries)
    return f"<h3>Open the apps on {escape(name)}</h3><ul>{links}</ul>"
