"""One step of a guide: what the framework says happens there, then how to run it.

The first half (what happens, prompts, data operations, records, the protocol's lists
that belong to the step) is read from the framework data; the second half is the
hand-written text.
"""

from ..framework.render import format_minutes
from .blocks import Bullets, Heading, Paragraph, Table

TOOLS = {
    "student_wall": "the student wall (the sorter): cut scores, bands, growth targets and student groups",
    "growth_views": "the growth views: the school's growth by group, cycle by cycle",
    "plan_editor": "the plan editor: each plan component with its review questions and a dated revision log",
}


def _record_line(record):
    kind = {"form": "a form", "table": "a table"}.get(record.kind, "notes")
    fields = f" ({'; '.join(f.label for f in record.fields)})" if record.fields else ""
    notes = ["Kept with the team's commitments." if record.commitment else "",
             "It stays in the room: the summary never carries it." if record.stays_in_room else ""]
    return " ".join([f"{record.label}: {kind}{fields}.", *filter(None, notes)])


def _choices(step):
    return {f.choices_from for r in step.records for f in r.fields if f.choices_from}


def _lists(fw, protocol, step):
    """The protocol's and framework's lists a step works with, found from what its records choose from."""
    chosen, blocks = _choices(step), []
    if "rounds" in chosen:
        blocks.append(Table(("Round", "Purpose", "Stem"), tuple((r.name, r.purpose, r.stem) for r in protocol.rounds)))
    if "dok_levels" in chosen:
        blocks.append(Bullets(tuple(f"{d.number}. {d.text}: {d.detail}" for d in fw.dok_levels), lead="Depth of Knowledge levels"))
    if "lesson_components" in chosen:
        blocks.append(Bullets(tuple(c.text for c in protocol.lesson_components), numbered=True, lead="Lesson components"))
        blocks += [Bullets(q.questions, lead=q.name) for q in protocol.question_sets]
    if "indicators" in chosen:
        blocks.append(Bullets(tuple(i.name for i in fw.indicators), numbered=True, lead="Student success indicators"))
    if step.tool == "plan_editor":
        blocks.append(Table(("Plan component", "Review questions"), tuple((c.name, " ".join(c.questions)) for c in protocol.plan_components)))
    return blocks


def framework_blocks(fw, protocol, step):
    """What the data says about a step."""
    operations = tuple(o.text for o in protocol.data_operations if o.step == step.key)
    blocks = [Paragraph(step.what, lead="What happens:")]
    if step.prompts:
        blocks.append(Bullets(step.prompts, lead="Questions for the team"))
    if operations:
        blocks.append(Bullets(operations, numbered=True, lead="Data operations"))
    if step.tool:
        blocks.append(Paragraph(f"The app shows {TOOLS[step.tool]}.", lead="On screen:"))
    if step.records:
        blocks.append(Bullets(tuple(_record_line(r) for r in step.records), lead="What the team records"))
    return blocks + _lists(fw, protocol, step)


def coaching_blocks(text):
    """The hand-written half: say, click, moves, stems, what good looks like, recoveries, equity."""
    blocks = [Paragraph(text.say, lead="Say:"), Bullets(text.click, lead="Click"), Bullets(text.moves, lead="Facilitation moves")]
    if text.stems:
        blocks.append(Bullets(text.stems, lead="Sentence stems"))
    blocks += [
        Paragraph(text.good, lead="What good looks like:"),
        Bullets(tuple(f"{p.pitfall} Recover: {p.recover}" for p in text.pitfalls), lead="Pitfalls, and how to recover"),
        Paragraph(text.equity, lead="Equity:"),
    ]
    return blocks


def step_blocks(fw, protocol, number, step, text):
    """A step's heading, its framework content, then its coaching text."""
    minutes = format_minutes(step)
    minutes = "no time given" if minutes == "—" else minutes.replace(" per", " min per") if step.per else minutes + " min"
    heading = Heading(3, f"Step {number}. {step.name} ({minutes})")
    return [heading, *framework_blocks(fw, protocol, step), *coaching_blocks(text)]
