"""Everything people type in the widgets, kept as dated revisions that are never overwritten.

A draft is one item, named by ``kind`` (``"plan"``, ``"override"``, …), ``school_id``,
``team`` and ``key`` (``"main"``, a student id, …), so teams in one workshop never see
or overwrite each other's work. Each save adds revision 1, 2, 3, … of its item; history
stays readable and any two revisions can be compared. A save names the revision its
editor started from (``based_on``) and fails with ``ConflictError`` if someone saved
since, rather than silently replacing their work.
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, func, insert, select, text

from .engine import database_url, engines, with_retries
from .errors import ConflictError
from .tables import ITEM, drafts


@dataclass(frozen=True)
class Revision:
    """One saved version of one item; ``saved_at`` is a tz-aware UTC datetime."""

    kind: str
    school_id: str
    team: str
    key: str
    number: int
    body: dict
    author: str
    saved_at: datetime


@dataclass(frozen=True)
class FieldChange:
    """One top-level body field that differs; a side without the field shows ``None``."""

    field: str
    before: object
    after: object


class Store:
    """The drafts database at ``url`` (a SQLAlchemy URL or a file path; see ``database_url``)."""

    def __init__(self, url=None):
        self.url = database_url(url)
        self._reader, self._writer = engines(self.url)

    def save(self, kind, school_id, team, key, body, *, author="", based_on=None, force=False):
        """Save ``body`` as the item's next revision and return it.

        ``based_on`` is the revision number the editor opened (``None`` for a new item);
        if the item has moved on since, ``ConflictError`` carries the newest revision.
        ``force=True`` saves anyway, as the newest revision; nothing is ever replaced.
        """
        item = _item(kind, school_id, team, key)
        if not isinstance(body, dict):
            raise TypeError(f"a draft body is a dict of fields, not {type(body).__name__}")
        text = json.dumps(body, ensure_ascii=False, allow_nan=False)

        def attempt():
            with self._writer.begin() as connection:
                _lock_item(connection, item)
                current = connection.scalar(select(func.max(drafts.c.number)).where(*_matching(item)))
                if current != based_on and not force:
                    raise ConflictError(_newest(connection, item), based_on)
                row = dict(item, number=(current or 0) + 1, body=text, author=author, saved_at=datetime.now(UTC))
                connection.execute(insert(drafts).values(row))
            return _revision(row)

        return with_retries(attempt, f"save {kind} '{key}'", self._writer)

    def latest(self, kind, school_id, team, key):
        """The newest revision of the item, or ``None`` if it was never saved."""
        item = _item(kind, school_id, team, key)
        return self._read(lambda connection: _newest(connection, item), f"read {kind} '{key}'")

    def history(self, kind, school_id, team, key):
        """Every revision of the item, oldest first."""
        item = _item(kind, school_id, team, key)
        query = select(drafts).where(*_matching(item)).order_by(drafts.c.number)
        return self._read(lambda connection: [_revision(row) for row in connection.execute(query).mappings()], f"read the history of {kind} '{key}'")

    def revision(self, kind, school_id, team, key, number):
        """Revision ``number`` of the item; ``KeyError`` if there is no such revision."""
        item = _item(kind, school_id, team, key)
        query = select(drafts).where(*_matching(item), drafts.c.number == number)
        row = self._read(lambda connection: connection.execute(query).mappings().first(), f"read {kind} '{key}'")
        if row is None:
            raise KeyError(f"{kind} '{key}' (school {school_id}, team {team}) has no revision {number}")
        return _revision(row)

    def latest_items(self, kind, school_id, team=None):
        """The newest revision of every key of ``kind`` for one school and team, by key.

        ``team=None`` reads every team's items (a survey keeps each round as a team),
        ordered by team, then key.
        """
        group = [drafts.c.kind == kind, drafts.c.school_id == school_id] + ([] if team is None else [drafts.c.team == team])
        newest = select(drafts.c.team, drafts.c.key, func.max(drafts.c.number).label("number")).where(*group).group_by(drafts.c.team, drafts.c.key).subquery()
        same = and_(drafts.c.team == newest.c.team, drafts.c.key == newest.c.key, drafts.c.number == newest.c.number)
        query = select(drafts).join(newest, same).where(*group).order_by(drafts.c.team, drafts.c.key)
        return self._read(lambda connection: [_revision(row) for row in connection.execute(query).mappings()], f"read the {kind} items")

    def _read(self, action, what):
        def attempt():
            with self._reader.connect() as connection:
                return action(connection)

        return with_retries(attempt, what, self._reader)


def compare(old, new):
    """The top-level fields whose values differ from ``old`` to ``new``.

    In ``new``'s field order, then the fields ``new`` no longer has, so the list reads
    like the form and is the same every time.
    """
    fields = list(new.body) + [field for field in old.body if field not in new.body]
    return [
        FieldChange(field, old.body.get(field), new.body.get(field))
        for field in fields
        if field not in old.body or field not in new.body or old.body[field] != new.body[field]
    ]


def _item(kind, school_id, team, key):
    item = dict(zip(ITEM, (kind, school_id, team, key), strict=True))
    wrong = [name for name, value in item.items() if not isinstance(value, str)]
    if wrong:
        raise TypeError(f"{', '.join(wrong)} must be text (str), so '7' and 7 can never name two different drafts")
    return item


def _matching(item):
    return [drafts.c[name] == value for name, value in item.items()]


def _newest(connection, item):
    row = connection.execute(select(drafts).where(*_matching(item)).order_by(drafts.c.number.desc()).limit(1)).mappings().first()
    return None if row is None else _revision(row)


def _revision(row):
    saved_at = row["saved_at"]
    saved_at = saved_at.replace(tzinfo=UTC) if saved_at.tzinfo is None else saved_at.astimezone(UTC)
    return Revision(**{name: row[name] for name in ITEM}, number=row["number"], body=json.loads(row["body"]), author=row["author"], saved_at=saved_at)


def _lock_item(connection, item):
    """On PostgreSQL, queue saves of one item, as BEGIN IMMEDIATE queues them on SQLite.

    Without it, concurrent saves all read revision N and all but one fail on the unique
    revision number; a transaction-level advisory lock makes them wait their turn instead.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:item, 0))"), {"item": "\x1f".join(map(str, item.values()))})
