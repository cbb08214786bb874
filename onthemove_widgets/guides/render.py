"""A guide's blocks as Markdown, a print-friendly HTML page and a Word file.

Each renderer walks the same blocks, so the three never disagree. Text is escaped for
its format (framework.render.escape for Markdown, html.escape for HTML; Word holds
plain runs), so nothing in a guide can become markup or script.
"""

import html
import io
import re

from docx import Document
from docx.shared import Pt

from ..export.documents import CSS
from ..framework.render import escape
from .blocks import Bullets, Command, Heading, Link, Paragraph, Table

GUIDE_CSS = CSS + """
h3{font-size:1.05rem;margin:1.2rem 0 .25rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
pre{background:#f4f4f4;padding:.5rem;white-space:pre-wrap;overflow-wrap:anywhere}
@media print{table,pre{break-inside:avoid}h3{break-after:avoid}}
"""
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _code(text):
    if "`" in text or "\n" in text:
        raise ValueError(f"a command or address cannot hold a backtick or a new line: {text!r}")
    return text


def _md_block(block):
    if isinstance(block, Heading):
        return f"{'#' * block.level} {escape(block.text)}"
    if isinstance(block, Paragraph):
        return (f"**{escape(block.lead)}** " if block.lead else "") + escape(block.text)
    if isinstance(block, Bullets):
        marks = [f"{i}." if block.numbered else "-" for i in range(1, len(block.items) + 1)]
        items = "\n".join(f"{mark} {escape(item)}" for mark, item in zip(marks, block.items))
        return (f"**{escape(block.lead)}**\n\n" if block.lead else "") + items
    if isinstance(block, Table):
        lines = ["| " + " | ".join(escape(h) for h in block.headers) + " |", "|" + "---|" * len(block.headers)]
        return "\n".join(lines + ["| " + " | ".join(escape(c) for c in row) + " |" for row in block.rows])
    if isinstance(block, Command):
        return f"```bash\n{_code(block.text)}\n```"
    if isinstance(block, Link):
        return f"**{escape(block.label)}**: [the notebook]({block.href}); served at `{_code(block.app_url)}`"
    raise TypeError(f"not a guide block: {block!r}")


def to_markdown(guide):
    """The guide as Markdown, as committed in facilitator_guides/."""
    return "\n\n".join([f"# {escape(guide.title)}", *map(_md_block, guide.blocks)]) + "\n"


def _html_block(block):
    esc = html.escape
    lead = f"<strong>{esc(block.lead)}</strong> " if getattr(block, "lead", "") else ""
    if isinstance(block, Heading):
        return f"<h{block.level}>{esc(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p>{lead}{esc(block.text)}</p>"
    if isinstance(block, Bullets):
        tag = "ol" if block.numbered else "ul"
        items = "".join(f"<li>{esc(item)}</li>" for item in block.items)
        return (f"<p>{lead}</p>" if lead else "") + f"<{tag}>{items}</{tag}>"
    if isinstance(block, Table):
        head = "".join(f"<th>{esc(h)}</th>" for h in block.headers)
        rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in block.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    if isinstance(block, Command):
        return f"<pre><code>{esc(block.text)}</code></pre>"
    if isinstance(block, Link):
        return f"<p><strong>{esc(block.label)}</strong>: served at <code>{esc(block.app_url)}</code></p>"
    raise TypeError(f"not a guide block: {block!r}")


def to_html(guide):
    """A self-contained page (inline CSS, no script, nothing fetched) that prints like the exported plans."""
    title = html.escape(guide.title)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{GUIDE_CSS}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n"
        + "\n".join(map(_html_block, guide.blocks))
        + "\n</main>\n</body>\n</html>\n"
    )


def _clean(text):
    return _NOT_XML.sub("", text)


def _docx_paragraph(document, text, lead="", style=None):
    paragraph = document.add_paragraph(style=style)
    if lead:
        paragraph.add_run(_clean(lead) + " ").bold = True
    paragraph.add_run(_clean(text))
    return paragraph


def _docx_table(document, block):
    table = document.add_table(rows=1, cols=len(block.headers), style="Table Grid")
    for cell, text in zip(table.rows[0].cells, block.headers):
        cell.paragraphs[0].add_run(_clean(text)).bold = True
    for row in block.rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = _clean(text)


def _docx_block(document, block):
    if isinstance(block, Heading):
        document.add_heading(_clean(block.text), level=block.level - 1)
    elif isinstance(block, Paragraph):
        _docx_paragraph(document, block.text, block.lead)
    elif isinstance(block, Bullets):
        if block.lead:
            _docx_paragraph(document, "", block.lead)
        for item in block.items:
            _docx_paragraph(document, item, style="List Number" if block.numbered else "List Bullet")
    elif isinstance(block, Table):
        _docx_table(document, block)
    elif isinstance(block, (Command, Link)):
        lead, text = ("", block.text) if isinstance(block, Command) else (block.label + ": served at", block.app_url)
        run = _docx_paragraph(document, text, lead).runs[-1]
        run.font.name, run.font.size = "Courier New", Pt(9)
    else:
        raise TypeError(f"not a guide block: {block!r}")


def to_docx(guide):
    """The guide as a Word file (bytes), headed and styled like the exported plans."""
    document = Document()
    document.core_properties.title = _clean(guide.title)
    document.add_heading(_clean(guide.title), level=0)
    for block in guide.blocks:
        _docx_block(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
