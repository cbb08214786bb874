"""One guide as a sequence of blocks: framework data where the data has it, hand-written text around it."""

from dataclasses import dataclass

from ..curriculum import CURRICULUM
from ..framework import load_framework
from ..framework.render import format_minutes
from . import cycle
from .apps import app_link, entry_for, room_urls, takes_grade
from .blocks import Bullets, Command, Heading, Link, Paragraph, Table
from .parts import notebook_parts
from .plan import PlanOptions, agenda_blocks, session_plan_blocks
from .steps import coaching_blocks, step_blocks
from .text import TEXT_DIR, GuideTextError, load_text

GUIDE_KEYS = tuple(entry.guide for entry in CURRICULUM)
"""Every guide, in the curriculum's order: one per protocol and driver, start here, the school report."""


@dataclass(frozen=True)
class Guide:
    key: str
    title: str
    blocks: tuple


def _purpose(framework_purpose, text, cycle_line):
    blocks = [Heading(2, "Purpose, and when to use it")]
    if framework_purpose:
        blocks.append(Paragraph(framework_purpose, lead="In the framework:"))
    blocks.append(Paragraph(text.purpose, lead="In practice:"))
    if cycle_line:
        blocks.append(Paragraph(cycle_line, lead="In the cycle:"))
    return blocks + [Paragraph(text.when, lead="When:")]


def _who(text, data_roles=()):
    missing = [role for role in data_roles if role not in text.roles]
    if missing:
        raise GuideTextError(f"facilitator_guides/text/{text.name}.yaml: roles: no text for the framework's role(s) {missing}")
    rows = tuple((role.capitalize(), what) for role, what in text.roles.items())
    return [Heading(2, "Who is in the room"), Paragraph(text.who), *([Table(("Role", "What they do"), rows)] if rows else [])]


def _before(text, link):
    before, grade = text.before, "&grade=" in link.app_url
    blocks = [Heading(2, "Before the session"), Bullets(before.materials, lead="Materials"), Bullets(before.data, lead="Data to prepare")]
    for command in before.commands:
        blocks += [Paragraph(command.why), Command(command.command)]
    if "?" not in link.app_url:  # an app that opens no school's data: nothing to fill in
        return blocks + [link, Bullets(before.room, lead="Room set-up")]
    fill = "SCHOOL_ID, GRADE and TEAM_NAME" if grade else "SCHOOL_ID and TEAM_NAME"
    blocks += [link, Paragraph(f"Replace {fill} in the address with the school's id (the app's chooser lists it)"
                               + (", the grade" if grade else "") + " and the team's name (spaces as +); or open the app, choose, "
                               "and copy the address it reloads with: hand that link to each table. When the server was started "
                               "on a folder of districts (its --data option), add &district= and the district's folder name.")]
    return blocks + [Bullets(before.room, lead="Room set-up")]


def _room(entry, href):
    """How one facilitator leads several tables through the protocol at once (the runner's room)."""
    lead, table = room_urls(entry)
    notebook = f"{href}/{entry.path}"
    return [Heading(3, "Several tables at once"), Paragraph(
        "Pick a short room code (letters, digits, - or _) and replace ROOM_CODE with it. Open the facilitator's "
        "view on the projector (it needs no school) and hand each table its own link with the same code. Each "
        "table's clock then follows your Start, Pause, Back and Next step (its own buttons are hidden), and your "
        "view lists every table that joined, the step it is on and how many records it has saved."),
        Link("The facilitator's view", notebook, lead), Link("A table's link", notebook, table)]


def _closing(text, part_names, next_from_data=()):
    return [
        Heading(2, "Debrief"), Bullets(text.debrief),
        Heading(2, "What to carry into what comes next"), *([Bullets(next_from_data, lead="From the cycle")] if next_from_data else []),
        Bullets(text.next),
        Heading(2, "Equity: keeping every student group in view"),
        Table(("Part", "The question about student groups"), tuple((name, t.equity) for name, t in zip(part_names, text.steps.values()))),
        Bullets(text.equity, lead="When a gap is explained away"),
    ]


def _protocol_guide(fw, protocol, options, href, text_dir):
    text = load_text(protocol.key, step_keys=[s.key for s in protocol.steps], folder=text_dir)
    stage = cycle.stage_of(fw, protocol.key)
    phase = {p.key: p.name for p in fw.inquiry_phases}[stage.phase]
    roles = ", ".join(protocol.roles) or "none named"
    blocks = [
        Paragraph(f"Protocol {protocol.number} of the school-site cycle (Figure {protocol.figure}). Roles the framework names: {roles}."),
        *_purpose(protocol.purpose, text, f"{stage.label} ({phase}): {stage.activity}"),
        *_who(text, protocol.roles),
        *_before(text, app_link(protocol.key, href, takes_grade(entry_for(protocol.key)))),
        *_room(entry_for(protocol.key), href),
    ]
    if protocol.norms:
        norms = tuple(" ".join(filter(None, (n.text, n.detail))) for n in protocol.norms)
        blocks += [Heading(2, "Norms"), Bullets(norms, numbered=True)]
    blocks += [Heading(2, "Agenda"), *agenda_blocks(protocol), Heading(2, "Session plan"), *session_plan_blocks(protocol, protocol.key, options)]
    blocks.append(Heading(2, "The steps"))
    for number, step in enumerate(protocol.steps, 1):
        blocks += step_blocks(fw, protocol, number, step, text.steps[step.key])
    blocks += _closing(text, [s.name for s in protocol.steps], cycle.next_lines(fw, protocol.key))
    return Guide(protocol.key, f"{protocol.name}: facilitator guide", tuple(blocks))


def _driver_blocks(driver):
    blocks = [Paragraph(driver.meaning, lead="Meaning:"), Bullets(driver.key_facts, lead="Key facts"),
              Bullets(driver.examples, lead="Examples"), Bullets(driver.non_examples, lead="Non-examples")]
    blocks += [Bullets(item_list.items, numbered=True, lead=item_list.name) for item_list in driver.lists]
    blocks.append(Bullets(driver.critical_questions, numbered=True, lead="Critical questions"))
    if driver.article_questions:
        blocks.append(Bullets(driver.article_questions, numbered=True, lead="Questions from the article"))
    return blocks


def _start_here_blocks(fw):
    return [
        Bullets(tuple(q.text for q in fw.questions), numbered=True, lead="The four questions leaders ask"),
        Table(("C", "In short", "Probe"), tuple((c.name, c.shorthand, c.probe) for c in fw.four_cs)),
        Bullets(tuple(f"{d.name}: {d.meaning}" for d in fw.drivers), numbered=True, lead="The four key drivers"),
        Bullets(tuple(f"{p.name}: {p.what}" for p in fw.inquiry_phases), numbered=True, lead="The inquiry cycle"),
    ]


def _report_blocks(fw):
    protocol = fw.protocol("examining_data")
    steps = tuple(f"{s.name} ({format_minutes(s)} min)" for s in protocol.steps)
    return [Paragraph(f"The report is the data a team brings to {protocol.name}; its steps are:"), Bullets(steps, numbered=True)]


def _import_blocks(fw):
    from ..importers.uploads import KIND_WORDS, READS

    readers = (fw.protocol("determining_student_learning_needs").name, fw.protocol("examining_data").name)
    return [Paragraph(f"The cycle starts from a team's own students: {readers[0]} and {readers[1]} read the data this app brings in."),
            Table(("Kind of file", "Read from"), tuple((words, ", ".join(READS[kind])) for kind, words in KIND_WORDS.items()))]


def _framework_blocks(fw, key):
    if key == "start_here":
        return _start_here_blocks(fw)
    if key == "school_report":
        return _report_blocks(fw)
    if key == "import_your_data":
        return _import_blocks(fw)
    return _driver_blocks(fw.driver(key))


def _notebook_guide(fw, key, href, text_dir):
    entry = entry_for(key)
    parts = notebook_parts(entry.path)
    text = load_text(key, part_headings=parts, folder=text_dir)
    purpose = fw.driver(key).meaning.split(". ")[0].rstrip(".") + "." if entry.driver else ""
    blocks = [*_purpose(purpose, text, ""), *_who(text), *_before(text, app_link(key, href, takes_grade(entry)))]
    blocks += [Heading(2, "What the framework says"), *_framework_blocks(fw, key), Heading(2, "The parts of the app")]
    for heading, part in text.steps.items():
        blocks += [Heading(3, heading), *coaching_blocks(part)]
    blocks += _closing(text, parts)
    return Guide(key, f"{entry.name}: facilitator guide", tuple(blocks))


def build_guide(key, options=PlanOptions(), notebooks_href="../notebooks", text_dir=TEXT_DIR):
    """The guide `key` (a protocol or driver key, start_here or school_report) as blocks."""
    fw = load_framework()
    if key in {p.key for p in fw.protocols}:
        return _protocol_guide(fw, fw.protocol(key), options, notebooks_href, text_dir)
    if key not in GUIDE_KEYS:
        raise KeyError(f"no guide {key!r}; valid keys: {', '.join(GUIDE_KEYS)}")
    return _notebook_guide(fw, key, notebooks_href, text_dir)
