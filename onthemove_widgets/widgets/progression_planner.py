"""`ProgressionPlanner`: design a 3-week learning progression together, coached as you type.

The widget holds the fields and the task rows; `focus.progression` validates tasks and
runs the checks; the base editor saves revisions and makes the Markdown, Word and HTML
files from `export.documents.progression_sections`.
"""

from html import escape

import ipywidgets as widgets

from ..export.documents import progression_sections
from ..focus import LearningProgression, Task, progression_checks, span_line
from ..focus.progression import MAX_TASK_DAYS, MIN_TASK_DAYS, SPAN_DAYS
from ..framework import load_framework
from .editor import RevisionedEditor
from .html import STYLE

LABELS = {"layout": widgets.Layout(width="95%"), "style": {"description_width": "210px"}}  # the longest label at 16 px


class TaskRow(widgets.VBox):
    """One task's fields and its Remove button."""

    def __init__(self, task, on_change, on_remove):
        self.name = widgets.Text(value=task.name, description="Task", placeholder="What students do", layout=widgets.Layout(width="60%"))
        self.days = widgets.BoundedIntText(value=task.days, min=MIN_TASK_DAYS, max=MAX_TASK_DAYS, description="Days", layout=widgets.Layout(width="140px"))
        self.description = widgets.Textarea(value=task.description, placeholder="The task, its resources and strategies", layout=widgets.Layout(width="95%"))
        self.formative_check = widgets.Text(value=task.formative_check, description="Formative check", placeholder="How the team will see who is learning", **LABELS)
        self.remove_button = widgets.Button(description="Remove", icon="trash", layout=widgets.Layout(width="110px"))
        self.remove_button.on_click(lambda _: on_remove(self))
        for control in (self.name, self.days, self.description, self.formative_check):
            control.observe(on_change, "value")
        super().__init__([widgets.HBox([self.name, self.days, self.remove_button]), self.description, self.formative_check], layout=widgets.Layout(border="1px solid #ddd", padding="4px", margin="2px 0"))

    def value(self):
        return Task(name=self.name.value, days=self.days.value, description=self.description.value, formative_check=self.formative_check.value)


class ProgressionPlanner(RevisionedEditor):
    """One team's 3-week learning progression: aims, indicators in focus, 1–3-day tasks, checks."""

    title = "3-week learning progression"
    kind = "learning_progression"

    def __init__(self, store, school_id, school_name, team, key="main"):
        self.progression_title = widgets.Text(description="Title", placeholder="What the unit is called", **LABELS)
        self.subject_grade = widgets.Text(description="Subject and grade", placeholder="e.g. Grade 7 science", **LABELS)
        self.learning_target = widgets.Textarea(description="Learning target", placeholder="What students will know and be able to do", **LABELS)
        self.performance_outcome = widgets.Textarea(description="Performance outcome", placeholder="The work that shows they can", **LABELS)
        self.indicator_boxes = {
            indicator.key: widgets.Checkbox(description=indicator.name, indent=False, layout=widgets.Layout(width="auto"))
            for indicator in load_framework().indicators
        }
        self.task_rows, self.task_list = [], widgets.VBox()
        self.add_task_button = widgets.Button(description="Add task", icon="plus")
        self.add_task_button.on_click(lambda _: self.add_task())
        self.preview, self.checks = widgets.HTML(), widgets.HTML()
        fields = (self.progression_title, self.subject_grade, self.learning_target, self.performance_outcome, *self.indicator_boxes.values())
        for control in fields:
            control.observe(self._refresh_preview, "value")
        super().__init__(store, school_id, school_name, team, key)
        self._refresh_preview()
        self.children = [
            *fields[:4],
            widgets.HTML("<b>Success indicators in focus</b>"),
            widgets.VBox(list(self.indicator_boxes.values())),
            widgets.HTML(f"<b>Learning tasks</b> ({MIN_TASK_DAYS}–{MAX_TASK_DAYS} days each)"),
            self.task_list,
            self.add_task_button,
            widgets.HTML("<b>Your progression</b>"),
            self.preview,
            widgets.HTML("<b>Checks</b>"),
            self.checks,
            *self.toolbar(),
        ]

    def add_task(self, task=None):
        """A new task row (blank, or filled from `task`) at the end of the list."""
        row = TaskRow(task or Task(), self._refresh_preview, self.remove_task)
        self.task_rows.append(row)
        self.task_list.children = tuple(self.task_rows)
        self._refresh_preview()
        return row

    def remove_task(self, row):
        self.task_rows.remove(row)
        self.task_list.children = tuple(self.task_rows)
        self._refresh_preview()

    def value(self):
        """The progression as the fields hold it."""
        return LearningProgression(
            title=self.progression_title.value, subject_grade=self.subject_grade.value, learning_target=self.learning_target.value,
            performance_outcome=self.performance_outcome.value, indicators=tuple(key for key, box in self.indicator_boxes.items() if box.value),
            tasks=tuple(row.value() for row in self.task_rows), school_name=self.school_name,
        )

    def body(self):
        return self.value().to_body()

    def sections(self):
        return progression_sections(self.value())

    def show(self, body):
        """Fill the fields and task rows from a saved body (the latest, or an older revision)."""
        progression = LearningProgression.from_body(body)
        self.progression_title.value, self.subject_grade.value = progression.title, progression.subject_grade
        self.learning_target.value, self.performance_outcome.value = progression.learning_target, progression.performance_outcome
        for key, box in self.indicator_boxes.items():
            box.value = key in progression.indicators
        self.task_rows = []
        for task in progression.tasks:
            self.add_task(task)
        self.task_list.children = tuple(self.task_rows)
        self._refresh_preview()

    def _refresh_preview(self, _=None):
        progression = self.value()
        self.preview.value = preview_html(progression)
        items = (f"<li>{'✅' if c.passed else '⚠️'} {escape(c.message)}</li>" for c in progression_checks(progression))
        self.checks.value = f"<ul style='list-style:none;padding-left:0'>{''.join(items)}</ul>"


def preview_html(progression):
    """The span line, then a table of the tasks and the school days each one takes."""
    over = progression.total_days > SPAN_DAYS
    span = f"<p style='color:{'#b35806' if over else 'inherit'}'>{escape(span_line(progression))}</p>"
    rows, start = [], 1
    for task in progression.tasks:
        end = start + task.days - 1
        days = f"Day {start}" if start == end else f"Days {start}–{end}"
        rows.append(f"<tr><td>{days}</td><td>{escape(task.name)}</td><td>{escape(task.formative_check) or '<i>none yet</i>'}</td></tr>")
        start = end + 1
    heading = f"<p><b>{escape(progression.title) or '<i>Untitled</i>'}</b> {escape(progression.subject_grade)}</p>"
    if not rows:
        return heading + span
    return heading + span + STYLE + f"<table class='otm-table'><tr><th>When</th><th>Task</th><th>Formative check</th></tr>{''.join(rows)}</table>"
