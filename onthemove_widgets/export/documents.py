"""A theory of action, implementation plan or learning progression as Markdown, a printable HTML page, or a Word file.

All three take the same ``sections`` — ``[(heading, text or [bullet, …]), …]`` — and
read them through one function, so the formats never disagree. Everything in them was
typed by someone, so nothing is trusted: HTML escapes every text, Markdown escapes the
characters that would make markup (``<script>``, links, headings, lists), and the Word
file holds plain text runs.
"""

import html
import io
import re
from dataclasses import dataclass


from ..focus import component_prompts, evidence_names, indicator_names, progression_indicator_names, span_line, statement
from ..framework import load_framework

NOT_WRITTEN = "Not written yet."
# Characters XML 1.0 (and so Word) cannot hold; a pasted control character must not break the export.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MD_INLINE = re.compile(r"([\\`*_\[\]#|~])")
_MD_LINE_START = re.compile(r"^([+=-])|^(\d+)([.)])")
CSS = """
body{font-family:Georgia,"Times New Roman",serif;color:#111;background:#fff;line-height:1.5;max-width:46rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.8rem;margin:0 0 .25rem}
h2{font-size:1.2rem;margin:1.5rem 0 .25rem;border-bottom:1px solid #ccc}
.meta{color:#444;margin:0}
p,li{overflow-wrap:anywhere}
@page{margin:2cm}
@media print{body{max-width:none;margin:0;padding:0;font-size:11pt}h2{break-after:avoid}li,p{break-inside:avoid}}
"""


@dataclass(frozen=True)
class _Block:
    """One section, ready to write: a heading and either paragraphs or bullets."""

    heading: str
    bullets: bool
    lines: tuple[str, ...]


def _clean(text):
    return _NOT_XML.sub("", str(text))


def _blocks(sections):
    """Text becomes one paragraph per non-blank line; a list becomes one bullet per item."""
    blocks = []
    for heading, content in sections:
        bullets = not isinstance(content, str)
        if bullets:
            lines = [" ".join(_clean(item).split()) for item in content]
        else:
            lines = [line.strip() for line in _clean(content).splitlines()]
        lines = tuple(line for line in lines if line)
        blocks.append(_Block(_clean(heading), bullets and bool(lines), lines or (NOT_WRITTEN,)))
    return blocks


def _byline(revision_number, saved_at, byline=None):
    """'Revision 3, saved 2026-05-01'; a draft never saved says so; a session's
    document says whose session it was instead (`byline`)."""
    if byline:
        return byline
    if revision_number is None:
        return "Draft, not saved yet"
    return f"Revision {revision_number}, saved {saved_at:%Y-%m-%d}"


def _md(text):
    """Text that Markdown shows as typed: entities for <, > and &, backslashes for markup."""
    text = html.escape(text, quote=False)
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def to_markdown(title, school_name, revision_number, saved_at, sections, byline=None):
    """A Markdown document: title, school, revision line, then a ``##`` heading per section."""
    parts = [f"# {_md(_clean(title))}"]
    if school_name.strip():
        parts.append(_md(_clean(school_name).strip()))
    parts.append(f"*{_byline(revision_number, saved_at, byline)}*")
    for block in _blocks(sections):
        parts.append(f"## {_md(block.heading)}")
        if block.bullets:
            parts.append("\n".join(f"- {_md(line)}" for line in block.lines))
        else:
            parts.extend(_md(line) for line in block.lines)
    return "\n\n".join(parts) + "\n"


def to_html(title, school_name, revision_number, saved_at, sections, byline=None):
    """A complete, self-contained page (inline CSS, no scripts or external files) that prints cleanly."""
    esc = html.escape
    body = [f"<h1>{esc(_clean(title))}</h1>"]
    if school_name.strip():
        body.append(f'<p class="meta">{esc(_clean(school_name).strip())}</p>')
    body.append(f'<p class="meta">{esc(_byline(revision_number, saved_at, byline))}</p>')
    for block in _blocks(sections):
        items = "".join(f"<li>{esc(line)}</li>" for line in block.lines)
        content = f"<ul>{items}</ul>" if block.bullets else "".join(f"<p>{esc(line)}</p>" for line in block.lines)
        body.append(f"<section><h2>{esc(block.heading)}</h2>{content}</section>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(_clean(title))}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def to_docx(title, school_name, revision_number, saved_at, sections, byline=None, author=None):
    """A Word file (bytes): title, school, revision line, then a heading and paragraphs or bullets per section.

    Its author is `author` (who saved it, or the school and team), else the school: never "python-docx".
    """
    from docx import Document  # python-docx loads only when someone downloads a Word file

    document = Document()
    document.core_properties.title = _clean(title)
    document.core_properties.author = _clean(author or school_name or "On the Move").strip()
    document.core_properties.last_modified_by = document.core_properties.author
    document.add_heading(_clean(title), level=0)
    if school_name.strip():
        document.add_paragraph(_clean(school_name).strip())
    document.add_paragraph().add_run(_byline(revision_number, saved_at, byline)).italic = True
    for block in _blocks(sections):
        document.add_heading(block.heading, level=1)
        for line in block.lines:
            document.add_paragraph(line, style="List Bullet" if block.bullets else None)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def theory_of_action_sections(toa):
    """The statement first, then each part of the draft, headed with the framework's own terms."""
    framework = load_framework()
    terms = {term.key: term.term for term in framework.glossary}
    components = {key: name for key, name, _ in component_prompts()}
    weeks = "" if toa.cycle_weeks is None else f"{toa.cycle_weeks} weeks"
    return [
        (terms["theory_of_action"], statement(toa)),
        (terms["problem_of_practice"], toa.problem_of_practice),
        (components["student_success_indicators"], indicator_names(toa)),
        (components["staff_practices"], list(toa.practices)),
        (components["evidence_of_learning"], evidence_names(toa)),
        ("Outcome", toa.outcome),
        ("Student group", toa.equity_focus),
        ("Cycle length", weeks),
    ]


def plan_sections(plan):
    """One section per plan component, in the framework's order and under its names."""
    return [(name, getattr(plan, key)) for key, name, _ in component_prompts()]


def progression_sections(progression):
    """The unit's aims, its indicators, its span, then one section per task with its formative check."""
    sections = [
        ("Title", progression.title),
        ("Subject and grade", progression.subject_grade),
        ("Learning target", progression.learning_target),
        ("Performance outcome", progression.performance_outcome),
        ("Success indicators in focus", progression_indicator_names(progression)),
        ("Span", span_line(progression) if progression.tasks else ""),
    ]
    for number, task in enumerate(progression.tasks, 1):
        days = f"{task.days} day" + ("s" if task.days > 1 else "")
        check = f"Formative check: {task.formative_check.strip()}" if task.formative_check.strip() else "Formative check: not written yet."
        sections.append((f"Task {number}: {task.name.strip() or 'untitled'} ({days})", f"{task.description}\n{check}"))
    return sections
