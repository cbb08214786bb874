"""Where the drafts database is, and one engine per database per process.

``database_url(value=None)`` picks the database, first match wins:

1. ``value`` (the ``url=`` given to ``Store``);
2. the ``ONTHEMOVE_DB`` environment variable;
3. ``~/.local/share/onthemove/drafts.db``.

Each may be a full SQLAlchemy URL (``sqlite:///…``, ``postgresql+psycopg://…``) or a
file path, which becomes a SQLite URL. The folder of a SQLite file is created on first use.

SQLite is set up for ~30 kernels saving into one file: WAL, so readers never wait for a
writer; ``busy_timeout`` of 15 s, so a writer queues for the lock instead of failing; and
saves begin with ``BEGIN IMMEDIATE``, so a save's read-then-write holds the write lock
from its first read (no two saves can both read revision N and both write N+1, and no
transaction fails when upgrading a read lock, which ``busy_timeout`` does not cover).
"""

import os
import random
import threading
import time
from pathlib import Path

from sqlalchemy import create_engine, event, exc, make_url

from .errors import StoreError
from .tables import metadata

ENV_VAR = "ONTHEMOVE_DB"
BUSY_TIMEOUT_MS = 15_000
ATTEMPTS = 4
BACKOFF_SECONDS = 0.2
IMMEDIATE = "onthemove_begin_immediate"

_engines = {}
_engines_lock = threading.Lock()


def default_path():
    """The per-user SQLite file used when nothing else is configured."""
    return Path.home() / ".local" / "share" / "onthemove" / "drafts.db"


def database_url(value=None):
    """The SQLAlchemy URL for ``value``, else ``$ONTHEMOVE_DB``, else the default file."""
    value = str(value or os.environ.get(ENV_VAR) or default_path())
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().absolute()}"


def engines(url):
    """``(reader, writer)`` engines for ``url``, made once per process with the table in place.

    Keyed by process id too: a forked kernel must not share its parent's connections.
    """
    key = (os.getpid(), url)
    with _engines_lock:
        if key not in _engines:
            _engines[key] = _create(url)
        return _engines[key]


def _create(url):
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed)
    if parsed.get_backend_name() == "sqlite":
        _configure_sqlite(engine)
    writer = engine.execution_options(**{IMMEDIATE: True})
    with_retries(lambda: metadata.create_all(writer), "open the drafts database", engine)
    return engine, writer


def _configure_sqlite(engine):
    """WAL, busy_timeout, and SQLAlchemy (not the sqlite3 module) emitting BEGIN."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # sqlite3 must not emit its own deferred BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        immediate = connection.get_execution_options().get(IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def with_retries(action, what, engine):
    """``action()``, tried again after a growing, jittered pause while the database is busy.

    Retried: SQLite still locked after ``busy_timeout``, and (PostgreSQL) another writer
    taking the same revision number first. Anything else, or running out of tries, is a
    ``StoreError`` that says what could not be done, never "database is locked".
    """
    where = engine.url.render_as_string(hide_password=True)
    for attempt in range(ATTEMPTS):
        try:
            return action()
        except exc.IntegrityError:
            pass
        except exc.OperationalError as error:
            if "locked" not in str(error.orig):
                raise StoreError(f"Could not {what} ({where}): {error.orig}") from error
        except exc.DBAPIError as error:
            raise StoreError(f"Could not {what} ({where}): {error.orig}") from error
        time.sleep(BACKOFF_SECONDS * 2**attempt * random.uniform(0.5, 1.5))
    raise StoreError(f"Could not {what}: the drafts database ({where}) stayed busy with other saves. Nothing was lost; try again in a minute.")
