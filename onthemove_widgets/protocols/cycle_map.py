"""The school-site protocol cycle (Figure 4.3) as a map a team reads at the start of a
session: where this protocol sits, what comes next, and what the team has saved so far.

Plain HTML with inline styles and no scripts, for an ipywidgets HTML view (Voilà
would turn Markdown links into downloads); every word is escaped.
"""

from __future__ import annotations

from html import escape

from ..curriculum import CURRICULUM
from ..framework.models import CycleStage, Framework

BOX = "border:2px solid #666;border-radius:8px;padding:12px 16px;margin:0"
HERE = "border:4px solid #111;border-radius:6px;padding:4px 8px;font-weight:bold;display:inline-block"
ARROW = '<div aria-hidden="true" style="font-size:24px;line-height:1;margin:4px 0 4px 24px">↓</div>'


def saved_counts(latest_items, framework: Framework) -> dict[str, int]:
    """How many records each protocol has saved, from the store's newest items.

    A key is ``protocol/session/step/record[/unit]`` or a record's ``saved_as`` key
    (an earlier app's), mapped back through the framework; other keys are not protocol
    notes and are skipped, as are items whose body holds nothing typed."""
    protocols = {p.key for p in framework.protocols}
    earlier = {r.saved_as: p.key for p in framework.protocols for s in p.steps for r in s.records if r.saved_as}
    counts: dict[str, int] = {}
    for item in latest_items:
        key = str(getattr(item, "key", ""))
        head = key.split("/", 1)[0]
        protocol = head if "/" in key and head in protocols else earlier.get(key)
        if protocol and _has_text(getattr(item, "body", True)):
            counts[protocol] = counts.get(protocol, 0) + 1
    return counts


def _has_text(value) -> bool:
    """Whether a saved body holds anything typed (a blank note or empty table does not)."""
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, dict):
        return any(_has_text(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_text(v) for v in value)
    return bool(value)


def saved_words(count: int) -> str:
    """ "3 notes saved", "1 note saved" or "nothing saved yet"."""
    if not count:
        return "nothing saved yet"
    return f"{count} note{'s' * (count != 1)} saved"


def _protocol_item(framework: Framework, key: str, current, saved, prefix) -> str:
    """One protocol: a link to its notebook (or its name, if it has none yet), what is saved,
    and for the current one a visible "You are here" and aria-current."""
    paths = {entry.protocol: entry.path for entry in CURRICULUM if entry.protocol}
    name = escape(framework.protocol(key).name)
    here = key == current
    attrs = ' aria-current="step"' if here else ""
    link = f'<a href="{escape(prefix + paths[key])}"{attrs}>{name}</a>' if key in paths else f"<span{attrs}>{name} (no app yet)</span>"
    if here:
        link = f'<span style="{HERE}"><span aria-hidden="true">▶ </span>You are here: {link}</span>'
    return f'<li style="margin:6px 0">{link} <span style="color:#333">— {escape(saved_words(saved.get(key, 0)))}</span></li>'


def _choices(framework: Framework, stage: CycleStage, current, saved, prefix) -> str:
    """A stage's protocols in order; where a team runs one of several, they are listed under "One of:"."""
    parts = []
    for choice in stage.protocols:
        items = "".join(_protocol_item(framework, key, current, saved, prefix) for key in choice)
        if len(choice) > 1:
            items = f'<li style="margin:6px 0">One of:<ul style="margin:4px 0">{items}</ul></li>'
        parts.append(items)
    tag = "ol" if len(stage.protocols) > 1 else "ul"
    return f'<{tag} style="margin:8px 0;padding-left:28px">{"".join(parts)}</{tag}>' if parts else ""


def _stage(framework: Framework, stage: CycleStage, current, saved, prefix) -> str:
    """A stage's box: its label and inquiry phase, what happens, its protocols, and whether it repeats."""
    phases = {p.key: p.name for p in framework.inquiry_phases}
    repeat = '<p style="margin:8px 0 0"><span aria-hidden="true">↻ </span>Repeat these for each teaching and learning cycle.</p>' if stage.repeats else ""
    return (
        f'<div style="{BOX}"><h4 style="font-size:18px;margin:0 0 4px">{escape(stage.label)}: {escape(phases.get(stage.phase, stage.phase))}</h4>'
        f'<p style="margin:0">{escape(stage.activity)}</p>{_choices(framework, stage, current, saved, prefix)}{repeat}</div>'
    )


def cycle_map_html(framework: Framework, current: str | None = None, saved: dict | None = None, prefix: str = "") -> str:
    """The cycle from analyze to refine, each protocol linked to its notebook.

    ``current`` is the protocol being run (marked "You are here"); ``saved`` maps
    protocol keys to saved counts (`saved_counts`); ``prefix`` leads every link
    ("../" from a notebook in notebooks/protocols/)."""
    if current is not None:
        framework.protocol(current)  # a misspelt key fails loudly, with the valid ones
    boxes = [_stage(framework, stage, current, saved or {}, prefix) for stage in framework.protocol_cycle]
    stages = "".join(f"<li>{box}{ARROW if i < len(boxes) - 1 else ''}</li>" for i, box in enumerate(boxes))
    return (
        '<nav aria-label="The school-site protocol cycle" style="font-size:16px;line-height:1.5;max-width:48em">'
        '<h3 style="font-size:20px;margin:0 0 8px">The school-site protocol cycle</h3>'
        f'<ol style="list-style:none;padding:0;margin:0">{stages}</ol></nav>'
    )
