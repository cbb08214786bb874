"""The one table of the drafts store: every revision of every draft, never updated.

The body is JSON kept as text, so SQLite and PostgreSQL store exactly the same bytes and
field order. The primary key is the item plus the revision number: two writers that
both try to save revision N+1 of one item cannot both succeed, whatever the database.
"""

from sqlalchemy import Column, DateTime, Integer, MetaData, PrimaryKeyConstraint, String, Table, Text

metadata = MetaData()

ITEM = ("kind", "school_id", "team", "key")

drafts = Table(
    "drafts",
    metadata,
    Column("kind", String, nullable=False),
    Column("school_id", String, nullable=False),
    Column("team", String, nullable=False),
    Column("key", String, nullable=False),
    Column("number", Integer, nullable=False),
    Column("body", Text, nullable=False),
    Column("author", String, nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint(*ITEM, "number", name="one_revision_per_number"),
)
