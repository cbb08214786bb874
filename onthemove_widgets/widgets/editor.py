"""The parts every revisioned editor shares: save, reopen a revision, download files.

A subclass says what its fields are (`fields`, `body()`, `show()`) and how it reads as
a document (`title`, `sections()`); saving, revisions and exports work the same for all.
"""

import ipywidgets as widgets

from ..export.documents import to_docx, to_html, to_markdown
from .guards import guard
from .saving import MIME, DraftAddress, download_links, saved_line


class RevisionedEditor(widgets.VBox):
    """Base for `TheoryOfActionDrafter` and `PlanEditor`."""

    title = ""
    kind = ""

    def __init__(self, store, school_id, school_name, team, key="main"):
        super().__init__()
        self.school_name = school_name
        self.draft = DraftAddress(store, self.kind, school_id, team, key)
        self.author = widgets.Text(description="Your name", placeholder="optional")
        self.status, self.exports = widgets.HTML(saved_line(self.draft.latest)), widgets.HTML()
        self.revisions = widgets.Dropdown(description="Open revision")
        self.save_button = widgets.Button(description="Save revision", button_style="primary", icon="save")
        self.export_button = widgets.Button(description="Prepare downloads", icon="download")
        self.save_button.on_click(lambda _: self.save())
        self.export_button.on_click(lambda _: self.export())
        if self.draft.latest:
            self.show(self.draft.latest.body)
        self._list_revisions()
        self.revisions.observe(self._open_revision, "value")
        guard(self, self.status)  # the subclass's fields are guarded when it sets `children`

    def toolbar(self):
        """Save, reopen and download controls, for the subclass to place."""
        return [widgets.HBox([self.author, self.save_button, self.revisions]), self.status, widgets.HBox([self.export_button, self.exports])]

    def save(self):
        saved, self.status.value = self.draft.save(self.body(), self.author.value)
        self._list_revisions()
        return saved

    def export(self):
        """Markdown, Word and a print-friendly page of what is on screen, labelled with its revision
        only when that is what was saved; an edit not yet saved is labelled an unsaved draft."""
        revision = self.draft.latest
        number, saved_at = (revision.number, revision.saved_at) if revision else (None, None)
        byline = unsaved_byline(revision) if revision and revision.body != self.body() else None
        sections, author = self.sections(), self.author.value.strip() or f"{self.school_name}, {self.draft.item[2]}"
        stem = f"{self.kind}_{self.school_name}".replace(" ", "_")
        self.exports.value = download_links([
            (f"{stem}.md", to_markdown(self.title, self.school_name, number, saved_at, sections, byline).encode(), MIME["md"]),
            (f"{stem}.docx", to_docx(self.title, self.school_name, number, saved_at, sections, byline, author=author), MIME["docx"]),
            (f"{stem}.html", to_html(self.title, self.school_name, number, saved_at, sections, byline).encode(), MIME["html"]),
        ])

    def _list_revisions(self):
        history = self.draft.history()
        self._by_number = {r.number: r for r in history}
        options = [("—", None)] + [(f"{r.number}: {r.saved_at:%Y-%m-%d %H:%M}" + (f" ({r.author})" if r.author else ""), r.number) for r in reversed(history)]
        with self.revisions.hold_trait_notifications():
            self.revisions.unobserve_all("value")
            self.revisions.options, self.revisions.value = options, None
            self.revisions.observe(self._open_revision, "value")
        self.revision_list_changed(history)

    def revision_list_changed(self, history):
        """Hook for editors that show the history (the plan's revision log)."""

    def _open_revision(self, change):
        if change["new"] is not None:
            self.show(self._by_number[change["new"]].body)
            self.status.value = f"<i>Showing revision {change['new']}; saving makes it the newest revision.</i>"


def unsaved_byline(revision):
    """The label of a file that carries edits made after the last save."""
    return f"Unsaved draft: changed since revision {revision.number} was saved {revision.saved_at:%Y-%m-%d %H:%M} UTC"
