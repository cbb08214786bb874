"""`TheoryOfActionDrafter`: write an if–then theory of action, coached as you type.

The widget holds the fields; `focus.theory_of_action` writes the statement and runs
the checks; the store keeps every saved revision; `export.documents` makes the files.
"""

from html import escape

import ipywidgets as widgets

from ..analysis.subgroups import STANDARD_GROUPS
from ..export.documents import theory_of_action_sections
from ..focus import TheoryOfAction, quality_checks, statement
from ..focus.theory_of_action import problem_line
from ..framework import load_framework
from .editor import RevisionedEditor

LABELS = {"layout": widgets.Layout(width="95%"), "style": {"description_width": "300px"}}


class TheoryOfActionDrafter(RevisionedEditor):
    """One school team's theory of action: fields, live statement, checks, revisions."""

    title = "Theory of action"
    kind = "theory_of_action"

    def __init__(self, store, school_id, school_name, team, key="main"):
        framework = load_framework()
        # Each label is the statement's own words, so the form reads as the sentence it writes.
        self.problem = widgets.Textarea(description="Our problem of practice:", placeholder="What gets in the way of learning, at the desk?", **LABELS)
        self.practices = widgets.Textarea(description="If we … (staff practices)", placeholder="plan lessons around text-dependent questions (one practice per line, each saying what staff do)", **LABELS)
        self.equity_focus = widgets.Combobox(description="then … (student group)", options=list(STANDARD_GROUPS.values())[:3], placeholder="Which students must this reach?", **LABELS)
        self.indicators = widgets.SelectMultiple(description="will grow in … (success indicators)", options=[(i.name, i.key) for i in framework.indicators], rows=6, **LABELS)
        self.outcome = widgets.Text(description="(outcome: how much, by when)", placeholder="from 40% to 55% at or above near by May 2027", **LABELS)
        self.evidence = widgets.SelectMultiple(description="as measured by … (evidence)", options=[(e.name, e.key) for e in framework.evidence_sources], rows=5, **LABELS)
        self.cycle_weeks = widgets.BoundedIntText(description="Cycle (weeks)", value=6, min=1, max=52, style=LABELS["style"])
        self.preview, self.checks = widgets.HTML(), widgets.HTML()
        fields = (self.problem, self.practices, self.equity_focus, self.indicators, self.outcome, self.evidence, self.cycle_weeks)
        super().__init__(store, school_id, school_name, team, key)
        for control in fields:
            control.observe(self._refresh_preview, "value")
        self._refresh_preview()
        self.children = [*fields, widgets.HTML("<b>Your theory of action</b>"), self.preview, widgets.HTML("<b>Checks</b>"), self.checks, *self.toolbar()]

    def value(self):
        """The draft as the fields hold it."""
        practices = tuple(line.strip() for line in self.practices.value.splitlines() if line.strip())
        return TheoryOfAction(
            problem_of_practice=self.problem.value, indicators=tuple(self.indicators.value), practices=practices,
            evidence=tuple(self.evidence.value), cycle_weeks=self.cycle_weeks.value, outcome=self.outcome.value,
            equity_focus=self.equity_focus.value, school_name=self.school_name,
        )

    def body(self):
        return self.value().to_body()

    def sections(self):
        return theory_of_action_sections(self.value())

    def show(self, body):
        """Fill the fields from a saved body (the latest, or an older revision)."""
        toa = TheoryOfAction.from_body(body)
        self.problem.value, self.practices.value = toa.problem_of_practice, "\n".join(toa.practices)
        self.indicators.value, self.evidence.value = toa.indicators, toa.evidence
        self.outcome.value, self.equity_focus.value = toa.outcome, toa.equity_focus
        self.cycle_weeks.value = toa.cycle_weeks or self.cycle_weeks.value

    def _refresh_preview(self, _=None):
        toa = self.value()
        self.preview.value = f"<blockquote style='font-size:1.1em'><p>{escape(problem_line(toa))}</p><p>{escape(statement(toa))}</p></blockquote>"
        items = (f"<li>{'✅' if c.passed else '⚠️'} {escape(c.message)}</li>" for c in quality_checks(toa))
        self.checks.value = f"<ul style='list-style:none;padding-left:0'>{''.join(items)}</ul>"
