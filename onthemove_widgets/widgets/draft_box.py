"""A text box whose every save is a dated revision in the store, never only widget state."""

from html import escape

import ipywidgets as widgets

from .guards import guard
from .saving import DraftAddress, saved_line


class DraftBox(widgets.VBox):
    """Notes, commitments or next steps for one school and team, saved durably.

    When someone else saved in between, the user is told and shown the newer text
    beside their own instead of overwriting it.
    """

    def __init__(self, store, kind, school_id, team, key="main", label="Notes", placeholder=""):
        self.draft = DraftAddress(store, kind, school_id, team, key)
        latest = self.draft.latest
        self.text = widgets.Textarea(value=latest.body.get("text", "") if latest else "", placeholder=placeholder, layout=widgets.Layout(width="100%", height="120px"))
        self.author = widgets.Text(description="Your name", placeholder="optional")
        self.save_button = widgets.Button(description="Save", button_style="primary", icon="save")
        self.status = widgets.HTML(saved_line(latest))
        self.save_button.on_click(lambda _: self.save())
        super().__init__([widgets.HTML(f"<b>{escape(label)}</b>"), self.text, widgets.HBox([self.author, self.save_button]), self.status])
        guard(self, self.status)

    def save(self):
        """Save the text as a new revision; on a conflict keep both texts in view."""
        saved, message = self.draft.save({"text": self.text.value}, self.author.value)
        if saved is None:
            message += f"<pre>{escape(self.draft.latest.body.get('text', ''))}</pre>"
        self.status.value = message
        return saved
