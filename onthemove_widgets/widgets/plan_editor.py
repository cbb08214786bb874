"""`PlanEditor`: the school implementation plan, component by component, with its log.

Each component shows the framework's review questions beside its text. Every save is
a dated revision (the framework's advice: never overwrite a plan), listed in the log,
and any two revisions can be read side by side.
"""

from html import escape

import ipywidgets as widgets

from ..export.documents import plan_sections
from ..focus import ImplementationPlan, component_prompts, revision_log, side_by_side
from .editor import RevisionedEditor
from .html import STYLE


class PlanEditor(RevisionedEditor):
    """One school's implementation plan, revised every 9–12-week cycle."""

    title = "School implementation plan"
    kind = "implementation_plan"

    def __init__(self, store, school_id, school_name, team="School leadership team", key="main"):
        self.texts = {}
        panels = []
        for key_, name, questions in component_prompts():
            self.texts[key_] = widgets.Textarea(layout=widgets.Layout(width="95%", height="110px"))
            prompts = "".join(f"<li>{escape(q)}</li>" for q in questions)
            panels.append(widgets.VBox([widgets.HTML(f"<ul>{prompts}</ul>"), self.texts[key_]]))
        self.components = widgets.Accordion(children=panels, titles=tuple(name for _, name, _ in component_prompts()))
        self.revision_table, self.comparison = widgets.HTML(), widgets.HTML()
        self.older, self.newer = widgets.Dropdown(description="Compare"), widgets.Dropdown(description="with")
        super().__init__(store, school_id, school_name, team, key)
        self.older.observe(self._show_comparison, "value")
        self.newer.observe(self._show_comparison, "value")
        self.children = [self.components, *self.toolbar(), widgets.HTML("<b>Revision log</b>"), self.revision_table, widgets.HBox([self.older, self.newer]), self.comparison]

    def value(self):
        return ImplementationPlan(school_name=self.school_name, **{key: text.value for key, text in self.texts.items()})

    def body(self):
        return self.value().to_body()

    def sections(self):
        return plan_sections(self.value())

    def show(self, body):
        plan = ImplementationPlan.from_body(body)
        for key, text in self.texts.items():
            text.value = getattr(plan, key)

    def revision_list_changed(self, history):
        rows = "".join(
            f"<tr><td>{row['number']}</td><td>{row['saved_at']}</td><td>{escape(row['author'] or 'name not given')}</td><td>{escape(', '.join(row['changed']) or 'no change')}</td></tr>"
            for row in revision_log(history)
        )
        self.revision_table.value = STYLE + f"<table class='otm-table'><tr><th>#</th><th>Saved</th><th>By</th><th>Changed</th></tr>{rows}</table>" if rows else "<i>No revisions yet.</i>"
        numbers = [(str(r.number), r.number) for r in history]
        self.older.options, self.newer.options = numbers, numbers
        if len(history) >= 2:
            self.older.value, self.newer.value = history[-2].number, history[-1].number

    def _show_comparison(self, _=None):
        if self.older.value is None or self.newer.value is None:
            return
        rows = "".join(
            f"<tr style='background:{'#fff3cd' if changed else 'transparent'}'><th>{escape(name)}</th><td>{escape(before)}</td><td>{escape(after)}</td></tr>"
            for name, before, after, changed in side_by_side(self._by_number[self.older.value], self._by_number[self.newer.value])
        )
        self.comparison.value = STYLE + f"<table class='otm-table' style='white-space:pre-wrap'><tr><th></th><th>Revision {self.older.value}</th><th>Revision {self.newer.value}</th></tr>{rows}</table>"
