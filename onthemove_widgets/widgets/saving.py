"""What every drafting widget shares: saving revisions safely and offering downloads."""

import base64
from html import escape

from ..store import ConflictError

RECORD_KINDS = ("protocol_note", "commitment")
"""The store kinds protocol records are filed under (`protocols.records.store_kind`)."""
WARN = "<span style='color:#b35806'>{}</span>"


class DraftAddress:
    """One draft in the store, and the revision the person on this screen started from.

    Saving passes that revision as `based_on`, so a save made by someone else in the
    meantime is reported instead of silently overwritten.
    """

    def __init__(self, store, kind, school_id, team, key="main"):
        self.store, self.item = store, (kind, school_id, team, key)
        self.latest = store.latest(*self.item)
        self.based_on = self.latest.number if self.latest else None

    def save(self, body, author=""):
        """Save `body`; return (revision, message) or (None, conflict message)."""
        try:
            saved = self.store.save(*self.item, body, author=author, based_on=self.based_on)
        except ConflictError as conflict:
            self.latest, self.based_on = conflict.latest, conflict.latest.number
            who = f" by {escape(conflict.latest.author)}" if conflict.latest.author else ""
            return None, WARN.format(f"Revision {conflict.latest.number} was saved{who} while you were working. Your text is still here; compare, then save again.")
        self.latest, self.based_on = saved, saved.number
        return saved, saved_line(saved)

    def history(self):
        return self.store.history(*self.item)


def saved_records(store, school_id, team):
    """The newest revision of every protocol record a school's team has saved (notes and commitments)."""
    return [item for kind in RECORD_KINDS for item in store.latest_items(kind, school_id, team)]


def saved_line(revision):
    """'Saved revision 3 by Ana, 2026-11-23 14:05 UTC.' or 'Not saved yet.'"""
    if revision is None:
        return "<i>Not saved yet.</i>"
    who = f" by {escape(revision.author)}" if revision.author else ""
    return f"<i>Saved revision {revision.number}{who}, {revision.saved_at:%Y-%m-%d %H:%M} UTC.</i>"


def download_links(files):
    """Links that download `files` [(name, bytes, mime)] from the page itself: no server
    round trip, and nothing written to the server's disk."""
    links = (f'<a download="{escape(name)}" href="data:{mime};base64,{base64.b64encode(data).decode()}">{escape(name)}</a>' for name, data, mime in files)
    return " · ".join(links)


MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "md": "text/markdown",
    "html": "text/html",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
