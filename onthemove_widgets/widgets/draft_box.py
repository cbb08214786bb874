"""A text box whose every save is a dated revision in the store, never only widget state."""

from html import escape

import ipywidgets as widgets

from ..store import ConflictError


class DraftBox(widgets.VBox):
    """Notes, commitments or next steps for one school and team, saved durably.

    It remembers the revision it was opened from, so when someone else saved in
    between, the user is told and shown their text beside the newer one instead of
    overwriting it.
    """

    def __init__(self, store, kind, school_id, team, key="main", label="Notes", placeholder=""):
        self.store, self.address = store, (kind, school_id, team, key)
        latest = store.latest(*self.address)
        self.based_on = latest.number if latest else None
        self.text = widgets.Textarea(value=latest.body.get("text", "") if latest else "", placeholder=placeholder, layout=widgets.Layout(width="100%", height="120px"))
        self.author = widgets.Text(description="Your name", placeholder="optional")
        self.save_button = widgets.Button(description="Save", button_style="primary", icon="save")
        self.status = widgets.HTML(self._saved_line(latest))
        self.save_button.on_click(lambda _: self.save())
        super().__init__([widgets.HTML(f"<b>{label}</b>"), self.text, widgets.HBox([self.author, self.save_button]), self.status])

    def save(self):
        """Save the text as a new revision; on a conflict keep both texts in view."""
        try:
            saved = self.store.save(*self.address, {"text": self.text.value}, author=self.author.value, based_on=self.based_on)
        except ConflictError as conflict:
            newer = conflict.latest
            self.status.value = (
                f"<span style='color:#b35806'>Someone saved revision {newer.number} while you were typing. "
                "Your text is still in the box; their version is below. Copy what you need, then save again.</span>"
                f"<pre>{escape(newer.body.get('text', ''))}</pre>"
            )
            self.based_on = newer.number
            return None
        self.based_on = saved.number
        self.status.value = self._saved_line(saved)
        return saved

    @staticmethod
    def _saved_line(revision):
        if revision is None:
            return "<i>Not saved yet.</i>"
        who = f" by {escape(revision.author)}" if revision.author else ""
        return f"<i>Saved revision {revision.number}{who}, {revision.saved_at:%Y-%m-%d %H:%M} UTC.</i>"
