"""The durable drafts store: every save of every widget, as dated revisions.

Imports nothing else of On the Move but its errors, so any widget, notebook or command
can use it without pulling in ipywidgets, IPython or the analysis code.
"""

from .drafts import FieldChange, Revision, Store, compare
from .engine import database_url
from .errors import ConflictError, StoreError

__all__ = ["ConflictError", "FieldChange", "Revision", "Store", "StoreError", "compare", "database_url"]
