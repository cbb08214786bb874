"""The two ways a save can fail that a coach has to hear about."""

from ..errors import OnTheMoveError


class StoreError(OnTheMoveError):
    """The drafts database could not be read or written; nothing was half-saved."""


class ConflictError(StoreError):
    """Someone saved this item after the editor opened it; ``latest`` is what they saved.

    Raised instead of overwriting, so the widget can show both versions and let the
    person choose (``save(..., force=True)`` keeps theirs as the newest revision).
    """

    def __init__(self, latest, based_on):
        self.latest = latest
        self.based_on = based_on
        opened = f"revision {based_on}" if based_on else "a new, empty item"
        if latest is None:
            found = "it has no saved revisions"
        else:
            by = f" by {latest.author}" if latest.author else ""
            found = f"revision {latest.number} was saved{by} at {latest.saved_at:%Y-%m-%d %H:%M} UTC"
        super().__init__(f"You started from {opened}, but {found}. Review it, then save yours as the newest if you still want it.")
