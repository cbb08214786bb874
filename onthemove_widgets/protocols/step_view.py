"""A step of a running protocol as HTML for the projector: what happens, the questions
to put to the team, and the lists the step leans on (norms, rounds and their stems,
question sets, data operations). Framework words only, escaped."""

from __future__ import annotations

from html import escape

from ..framework.models import Framework, Protocol
from ..framework.render import format_minutes

STYLE = ("<style>.otm-step{font-size:18px;line-height:1.5;max-width:60em}.otm-step h2{font-size:26px;margin:8px 0}"
         ".otm-step blockquote{border-left:4px solid #1b7837;margin:8px 0;padding:2px 12px;font-style:italic}"
         ".otm-step .otm-stem{font-style:italic}</style>")


def _items(texts, numbered=False) -> str:
    tag = "ol" if numbered else "ul"
    return f"<{tag}>" + "".join(f"<li>{t}</li>" for t in texts) + f"</{tag}>" if texts else ""


def _section(title: str, body: str) -> str:
    return f"<h3>{escape(title)}</h3>{body}" if body else ""


def norms_html(framework: Framework, protocol: Protocol) -> str:
    """The protocol's norms, or (where the data lists none) the convention that every
    protocol opens and closes with the team's own norms."""
    if protocol.norms:
        return _items([f"<b>{escape(n.text)}</b>" + (f" {escape(n.detail)}" if n.detail else "") for n in protocol.norms], True)
    return f"<p>{escape(framework.protocol_conventions[0])} Use the norms your team agreed.</p>"


def _lists(protocol: Protocol, step) -> str:
    """The protocol's lists that this step's records draw on."""
    sources = {f.choices_from for r in step.records for f in r.fields}
    parts = [_items([f"{o.number}. {escape(o.text)}" for o in protocol.data_operations if o.step == step.key])]
    if "rounds" in sources:
        parts.append(_section("The three rounds", _items(
            [f"<b>{escape(r.name)}</b>: {escape(r.purpose)} <span class='otm-stem'>“{escape(r.stem)}”</span>" for r in protocol.rounds])))
    if "lesson_components" in sources:
        parts.append(_section("For each lesson component, ask", "".join(
            f"<p><b>{escape(q.name)}</b></p>" + _items([escape(x) for x in q.questions]) for q in protocol.question_sets)))
    return "".join(parts)


def step_html(framework: Framework, protocol: Protocol, item, number: int) -> str:
    """Heading with minutes, what happens, the prompts, and norms at the opening and the debrief."""
    step = item.step
    prompts = "".join(f"<blockquote>{escape(p)}</blockquote>" for p in step.prompts)
    first, last = step.key == protocol.steps[0].key, step.key == protocol.steps[-1].key
    norms = _section("Our norms" if first else "How did our norms hold?", norms_html(framework, protocol)) if first or last else ""
    return (f"{STYLE}<div class='otm-step'><h2>Step {number}. {escape(item.title)} "
            f"<small>({escape(format_minutes(step, per=False))} min)</small></h2>"
            f"<p>{escape(step.what)}</p>{prompts}{_lists(protocol, step)}{norms}</div>")
