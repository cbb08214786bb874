"""Markdown for notebooks and facilitator guides, built from the framework objects.

Pure functions: the same text reaches a Voilà page, an executed notebook and a
printed guide, so the wording lives in the YAML and the layout lives here.
"""

from __future__ import annotations

from .models import Driver, Framework, Protocol, Step

_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|", "\\": "\\\\", "*": "\\*",
     "_": "\\_", "`": "\\`", "[": "\\[", "]": "\\]", "~": "\\~"}
)


def escape(text: str) -> str:
    """Make content literal in Markdown and HTML, including inside table cells."""
    return text.translate(_ESCAPES)


def _span(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def format_minutes(step: Step, per: bool = True) -> str:
    """A step's minutes as a figure shows them: '5', '30–45', '~10–20 per room',
    '45–90*' (longer with more students) or '—' (no time given). `per=False` leaves
    out the repeat, for an agenda that already names the presenter or room."""
    if step.minutes_min is None:
        return "—"
    text = ("~" if step.approximate else "") + _span(step.minutes_min, step.minutes_max)
    if step.per and per:
        text += f" per {step.per}"
    return text + ("*" if step.longer_with_more_students else "")


def _table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table from cells that are already escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _bold(text: str) -> str:
    return f"**{escape(text)}**"


def _list(items, numbered: bool = False) -> str:
    """A bulleted or numbered list of plain-text items."""
    marks = (f"{i}." if numbered else "-" for i in range(1, len(items) + 1))
    return "\n".join(f"{mark} {escape(item)}" for mark, item in zip(marks, items))


def _glossed(pairs) -> str:
    """A bulleted list of '**name**: text' lines from (name, text) pairs."""
    return "\n".join(f"- {_bold(name)}: {escape(text)}" for name, text in pairs)


def _blocks(*blocks: str) -> str:
    return "\n\n".join(b for b in blocks if b) + "\n"


def purpose_md(fw: Framework) -> str:
    """The aim, what a school on the move is, and the core principle."""
    principle = fw.core_principle
    return _blocks(escape(fw.purpose.aim), escape(fw.purpose.school_on_the_move), f"{_bold(principle.statement)} {escape(principle.meaning)}")


def four_questions_md(fw: Framework) -> str:
    """The four questions leaders ask, with where they come from."""
    items = "\n".join(f"{q.number}. {_bold(q.text)}" for q in fw.questions)
    return _blocks(escape(fw.questions_intro), items)


def four_cs_md(fw: Framework) -> str:
    """The four Cs with shorthand, verb and diagnostic probe."""
    rows = [
        [_bold(c.name), escape(c.shorthand), escape(c.verb),
         escape(c.probe) + (" *(our inference)*" if c.probe_is_inference else "")]
        for c in fw.four_cs
    ]
    table = _table(["C", "Shorthand", "Verb", "Diagnostic probe"], rows)
    return _blocks(escape(fw.four_cs_intro), table)


def phases_md(fw: Framework) -> str:
    """The five phases toward the next normal (Figure 0.1)."""
    rows = [[str(p.number), _bold(p.name), escape(p.gist)] for p in fw.phases]
    return _blocks(escape(fw.phases_intro), _table(["#", "Phase", "Gist"], rows))


def drivers_md(fw: Framework) -> str:
    """The four drivers at a glance, joined by collaborative inquiry."""
    rows = [[str(d.number), _bold(d.name), escape(d.meaning)] for d in fw.drivers]
    path = " → ".join(_bold(d.name) for d in fw.drivers)
    cycle = " → ".join(escape(p.name) for p in fw.inquiry_phases)
    joined = f"{path}, and round again: one path, joined by **collaborative inquiry** ({cycle})."
    return _blocks(escape(fw.drivers_intro), _table(["#", "Driver", "Meaning"], rows), joined)


def driver_md(driver: Driver, level: int = 3) -> str:
    """One driver in full, under a heading of the given level."""
    sections = [
        ("Key facts", _list(driver.key_facts)),
        ("Examples", _list(driver.examples)),
        ("Non-examples", _list(driver.non_examples)),
        *((item_list.name, _list(item_list.items, numbered=True)) for item_list in driver.lists),
        ("Critical questions", _list(driver.critical_questions, numbered=True)),
        ("Article questions", _list(driver.article_questions, numbered=True)),
    ]
    return _blocks(
        f"{'#' * level} {driver.number}. {escape(driver.name)}",
        f"**Meaning.** {escape(driver.meaning)}",
        *(f"{_bold(title)}\n\n{body}" for title, body in sections if body),
        *(f"*Note:* {escape(note)}" for note in driver.notes),
    )


def inquiry_cycle_md(fw: Framework) -> str:
    """The four phases of collaborative inquiry and the evidence each uses."""
    phases = fw.inquiry_phases
    rows = [[str(p.number), _bold(p.name), escape(p.what), escape(p.evidence)] for p in phases]
    cycle = " → ".join(escape(p.name) for p in (*phases, phases[0])) + " …"
    table = _table(["#", "Phase", "What happens", "Evidence"], rows)
    return _blocks(escape(fw.inquiry_intro), table, cycle)


def evidence_md(fw: Framework) -> str:
    """The five sources of evidence and where each is used in the inquiry cycle."""
    phase = {p.key: p.name for p in fw.inquiry_phases}
    category = {c.key: c.term for c in fw.evidence_categories}
    rows = [
        [_bold(s.name) + (f" ({escape(s.description)})" if s.description else ""),
         escape(category[s.category]),
         "; ".join(f"{escape(phase[u.phase])} ({escape(u.how)})" for u in s.used_in)]
        for s in fw.evidence_sources
    ]
    legend = _glossed((c.term, c.meaning) for c in fw.evidence_categories)
    return _blocks(escape(fw.evidence_intro), _table(["Source", "Class", "Used in"], rows), legend)


def indicators_md(fw: Framework) -> str:
    """The six student success indicators (Figure 4.2)."""
    rows = [[str(i.number), _bold(i.name), escape(i.gist)] for i in fw.indicators]
    table = _table(["#", "Indicator", "What it looks like"], rows)
    return _blocks(escape(fw.indicators_intro), table)


def profiles_md(fw: Framework) -> str:
    """The four school profiles of capacity and coherence (Figure 4.1)."""
    headers = ["Profile", "Capacity building", "Instructional coherence", "Impact",
               "Question to consider"]
    rows = [
        [_bold(p.name), escape(p.capacity_building), escape(p.instructional_coherence),
         escape(p.impact), f"*{escape(p.question)}*"]
        for p in fw.profiles
    ]
    return _blocks(escape(fw.profiles_intro), _table(headers, rows))


def protocol_cycle_md(fw: Framework) -> str:
    """The School Site Protocol Cycle (Figure 4.3) with the protocols each stage runs."""
    phase = {p.key: p.name for p in fw.inquiry_phases}

    def named(key: str) -> str:
        protocol = fw.protocol(key)
        return f"{escape(protocol.name)} ({protocol.figure})"

    def sequence(stage) -> str:
        steps = [" or ".join(named(key) for key in choice) for choice in stage.protocols]
        return " → ".join(steps + (["repeat"] if stage.repeats else [])) or "—"

    rows = [[_bold(s.label), escape(phase[s.phase]), escape(s.activity), sequence(s)]
            for s in fw.protocol_cycle]
    table = _table(["Stage", "Phase", "Activity", "Protocols"], rows)
    return _blocks(table, escape(fw.protocols_intro))


def protocol_agenda_md(protocol: Protocol) -> str:
    """A protocol's timed steps as a table, with the total time."""
    rows = [
        [str(i), _bold(s.name), escape(format_minutes(s)),
         " ".join([escape(s.what), *(f"*{escape(p)}*" for p in s.prompts)])]
        for i, s in enumerate(protocol.steps, 1)
    ]
    units = dict.fromkeys(s.per for s in protocol.steps if s.per)
    total = " + ".join([f"{_span(*protocol.minutes_range())} min",
                        *(f"{_span(*protocol.minutes_range(u))} min per {u}" for u in units)])
    longer = any(s.longer_with_more_students for s in protocol.steps)
    return _blocks(
        _table(["#", "Step", "Minutes", "What happens"], rows),
        "\\* Longer with more students." if longer else "",
        f"**Total:** {total}",
    )


def step_md(protocol: Protocol, key: str) -> str:
    """One step as a notebook section: heading with minutes, what happens, its
    data operations and the questions to put to the team."""
    number, step = next((i, s) for i, s in enumerate(protocol.steps, 1) if s.key == key)
    operations = [f"{o.number}. {escape(o.text)}" for o in protocol.data_operations if o.step == key]
    prompts = [f"> *{escape(p)}*" for p in step.prompts]
    return _blocks(
        f"## Step {number}. {escape(step.name)} ({escape(format_minutes(step))} min)",
        escape(step.what),
        "\n".join(operations),
        "\n>\n".join(prompts),
    )


def protocol_md(protocol: Protocol) -> str:
    """A protocol in full for a facilitator guide: purpose, roles, agenda and its lists."""
    p = protocol
    lists = [
        ("Data operations", _list([o.text for o in p.data_operations], numbered=True)),
        ("Plan components", _glossed((c.name, " ".join(c.questions)) for c in p.plan_components)),
        ("Lesson components", _list([c.text for c in p.lesson_components], numbered=True)),
        ("Question sets", _glossed((q.name, " ".join(q.questions)) for q in p.question_sets)),
        ("Rounds", _glossed((r.name, f"{r.purpose} Stem: “{r.stem}”") for r in p.rounds)),
        ("Norms", _list([" ".join(filter(None, (n.text, n.detail))) for n in p.norms], True)),
    ]
    return _blocks(
        f"{_bold(protocol.name)} (Figure {protocol.figure})",
        f"**Purpose.** {escape(protocol.purpose)}",
        f"**Roles:** {escape(', '.join(protocol.roles))}" if protocol.roles else "",
        protocol_agenda_md(protocol).rstrip("\n"),
        *(f"{_bold(title)}\n\n{body}" for title, body in lists if body),
        *(f"*Note:* {escape(note)}" for note in protocol.notes),
    )


def glossary_md(fw: Framework) -> str:
    """The glossary as a two-column table."""
    rows = [[_bold(g.term), escape(g.meaning)] for g in fw.glossary]
    return _blocks(_table(["Term", "Meaning"], rows))
