"""Editors for what a protocol step records: notes, a form, or a table of rows.

Each saves a dated revision through `DraftAddress` (a save by someone else in the
meantime is reported, never overwritten) and reads its value back from the store.
"""

from html import escape

import ipywidgets as widgets

from ..protocols.records import choices, from_body, to_body
from .guards import guard
from .saving import DraftAddress, saved_line
from .shared_look import control

BOX = {"width": "100%"}
FULL_LABEL = {"description_width": "initial"}  # a field's label shown whole, not cut to the default width
LABEL = "<b style='font-size:18px'>{}</b>"
STARTERS = {"wall": "Start the stacks from the wall"}


def _field_control(field, value, options):
    """A dropdown for a choice field (an unknown saved value kept as an option), else a text box."""
    if options:
        pairs = [("—", ""), *((label, key) for key, label in options)]
        if value and value not in dict(options):
            pairs.append((value, value))
        return control(widgets.Dropdown, options=pairs, value=value if value in {v for _, v in pairs} else "", description=field.label, style=FULL_LABEL, layout=BOX)
    if field.long:
        return control(widgets.Textarea, value=value, description=field.label, style=FULL_LABEL, layout={"width": "100%", "height": "70px"})
    return control(widgets.Text, value=value, description=field.label, style=FULL_LABEL, layout=BOX)


class RecordEditor(widgets.VBox):
    """One record of one session, with Save and an optional name."""

    def __init__(self, store, address, record, framework, protocol, units=(), starter=None):
        self.record, self.draft = record, DraftAddress(store, *address)
        self._options = {f.key: choices(framework, protocol, f, units) for f in record.fields}
        value = from_body(record, self.draft.latest.body if self.draft.latest else None)
        self.body = control(widgets.VBox, self._controls(value))
        self.author = control(widgets.Text, description="Your name", placeholder="optional")
        self.save_button = control(widgets.Button, description="Save", button_style="primary", icon="save")
        self.save_button.on_click(lambda _: self.save())
        self.status = control(widgets.HTML, saved_line(self.draft.latest))
        extra = [self.add_button()] if record.kind == "table" else []
        if starter is not None:
            extra.append(self.start_button(starter))
        super().__init__([control(widgets.HTML, LABEL.format(escape(record.label))), self.body, *extra,
                          control(widgets.HBox, [self.author, self.save_button]), self.status])
        self.add_class("otm-record")
        guard(self, self.status)

    def _controls(self, value):
        if self.record.kind == "notes":
            self._text = control(widgets.Textarea, value=value, placeholder=self.record.placeholder, layout={"width": "100%", "height": "120px"})
            return [self._text]
        if self.record.kind == "form":
            self._rows = [self._row(value)]
            return [self._rows[0]]
        self._rows = [self._row(row) for row in value] or [self._row({})]
        return list(self._rows)

    def _row(self, row):
        controls = {f.key: _field_control(f, row.get(f.key, ""), self._options[f.key]) for f in self.record.fields}
        kept = {k: v for k, v in row.items() if k not in controls}  # fields no longer declared are kept
        box = control(widgets.VBox, list(controls.values()), layout={"border": "1px solid #bbb", "padding": "6px", "margin": "4px 0"})
        box.controls, box.kept = controls, kept
        return box

    def add_button(self):
        button = control(widgets.Button, description="Add row", icon="plus")
        button.on_click(lambda _: self.add_row())
        return button

    def add_row(self, row=None):
        self._rows.append(self._row(row or {}))
        self.body.children = list(self._rows)

    def start_button(self, starter):
        button = control(widgets.Button, description=STARTERS[self.record.starts_from], icon="th-list")
        button.on_click(lambda _: self.start_from(starter()))
        return button

    def start_from(self, rows):
        """Add rows made elsewhere (the data wall's stacks); a blank first row makes way."""
        if len(self._rows) == 1 and not any(c.value for c in self._rows[0].controls.values()):
            self._rows = []
        for row in rows:
            self._rows.append(self._row(row))
        self.body.children = list(self._rows)

    @property
    def value(self):
        """What is on screen now, in the record's value shape."""
        if self.record.kind == "notes":
            return self._text.value
        rows = [{**box.kept, **{k: c.value for k, c in box.controls.items()}} for box in self._rows]
        return rows[0] if self.record.kind == "form" else rows

    def save(self):
        """Save what is on screen as a new revision; on a conflict show the newer text."""
        saved, message = self.draft.save(to_body(self.record, self.value), self.author.value)
        if saved is None:
            message += f"<pre>{escape(str(from_body(self.record, self.draft.latest.body)))}</pre>"
        self.status.value = message
        return saved
