"""The drafts store: revisions, keying, conflicts, location, and many kernels at once."""

import json
import multiprocessing
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC

import pytest

from onthemove_widgets.errors import OnTheMoveError
from onthemove_widgets.store import ConflictError, FieldChange, Store, StoreError, compare, database_url
from onthemove_widgets.store import engine as store_engine

PLAN = ("plan", "s01", "team-a", "main")
WRITERS, SAVES_EACH = 30, 100


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "drafts.db")


def test_each_save_is_a_new_numbered_revision_and_nothing_is_overwritten(store):
    first = store.save(*PLAN, {"aim": "read by grade 3", "steps": ["a"]}, author="Ana")
    second = store.save(*PLAN, {"aim": "read by grade 3", "steps": ["a", "b"]}, author="Ben", based_on=1)
    third = store.save(*PLAN, {"aim": "read well by grade 3", "steps": ["a", "b"], "owner": "Cy"}, based_on=2)
    assert [first.number, second.number, third.number] == [1, 2, 3]
    history = store.history(*PLAN)
    assert [r.number for r in history] == [1, 2, 3]
    assert history == [first, second, third]
    assert store.revision(*PLAN, 1).body == {"aim": "read by grade 3", "steps": ["a"]}
    assert store.revision(*PLAN, 1).author == "Ana"
    assert store.latest(*PLAN) == third
    assert history[0].saved_at.tzinfo is UTC and history[0].saved_at <= history[2].saved_at
    with pytest.raises(KeyError):
        store.revision(*PLAN, 4)
    assert store.latest("plan", "s01", "team-a", "never-saved") is None


def test_compare_lists_exactly_the_changed_fields(store):
    old = store.save(*PLAN, {"aim": "x", "steps": ["a"], "note": "keep", "gone": 1})
    new = store.save(*PLAN, {"aim": "y", "steps": ["a"], "note": "keep", "added": True}, based_on=1)
    assert compare(old, new) == [
        FieldChange("aim", "x", "y"),
        FieldChange("added", None, True),
        FieldChange("gone", 1, None),
    ]
    assert compare(new, new) == []


def test_latest_items_gives_the_newest_revision_of_every_key(store):
    store.save("override", "s01", "team-a", "stu-2", {"band": "strategic"})
    store.save("override", "s01", "team-a", "stu-1", {"band": "core"})
    store.save("override", "s01", "team-a", "stu-2", {"band": "intensive"}, based_on=1)
    store.save("override", "s01", "team-b", "stu-3", {"band": "core"})
    items = store.latest_items("override", "s01", "team-a")
    assert [(r.key, r.number, r.body["band"]) for r in items] == [("stu-1", 1, "core"), ("stu-2", 2, "intensive")]


def test_latest_items_of_every_team_keeps_teams_apart(store):
    store.save("answer", "s01", "fall", "r1", {"v": "a"})
    store.save("answer", "s01", "spring", "r1", {"v": "b"})
    store.save("answer", "s01", "spring", "r1", {"v": "c"}, based_on=1)
    store.save("answer", "s01", "fall", "r2", {"v": "d"})
    store.save("answer", "s02", "fall", "r3", {"v": "other school"})
    store.save("plan", "s01", "fall", "main", {"v": "other kind"})
    items = store.latest_items("answer", "s01")
    assert [(r.team, r.key, r.number, r.body["v"]) for r in items] == [("fall", "r1", 1, "a"), ("fall", "r2", 1, "d"), ("spring", "r1", 2, "c")]


def test_the_same_key_in_other_teams_and_schools_is_independent(store):
    store.save("plan", "s01", "team-a", "main", {"aim": "a"})
    store.save("plan", "s01", "team-b", "main", {"aim": "b"})
    store.save("plan", "s02", "team-a", "main", {"aim": "c"})
    assert store.save("plan", "s01", "team-a", "main", {"aim": "a2"}, based_on=1).number == 2
    assert [r.body["aim"] for r in store.history("plan", "s01", "team-b", "main")] == ["b"]
    assert [r.body["aim"] for r in store.history("plan", "s02", "team-a", "main")] == ["c"]
    assert store.latest("commitment", "s01", "team-a", "main") is None


def test_keys_must_be_text(store):
    with pytest.raises(TypeError, match="school_id"):
        store.save("plan", 1, "team-a", "main", {})


def test_a_stale_save_is_a_conflict_and_force_saves_it_as_newest(store):
    store.save(*PLAN, {"aim": "start"})
    store.save(*PLAN, {"aim": "first editor"}, author="Ana", based_on=1)
    with pytest.raises(ConflictError) as raised:
        store.save(*PLAN, {"aim": "second editor"}, author="Ben", based_on=1)
    assert raised.value.latest.number == 2 and raised.value.latest.body == {"aim": "first editor"}
    assert isinstance(raised.value, StoreError) and isinstance(raised.value, OnTheMoveError)
    assert [r.number for r in store.history(*PLAN)] == [1, 2]
    forced = store.save(*PLAN, {"aim": "second editor"}, author="Ben", based_on=1, force=True)
    assert forced.number == 3
    assert [r.body["aim"] for r in store.history(*PLAN)] == ["start", "first editor", "second editor"]


def test_a_new_item_that_already_exists_is_a_conflict(store):
    store.save(*PLAN, {"aim": "theirs"})
    with pytest.raises(ConflictError) as raised:
        store.save(*PLAN, {"aim": "mine"}, based_on=None)
    assert raised.value.latest.number == 1
    assert len(store.history(*PLAN)) == 1


def test_what_people_type_round_trips_unchanged(store):
    body = {"note": "<script>alert('hi')</script> & \"quotes\" — é 中文 \n\ttabs", "n": 1.5, "none": None, "list": [1, "2"]}
    store.save(*PLAN, body)
    assert store.latest(*PLAN).body == body


def test_onthemove_db_as_a_path_or_url_is_honoured(tmp_path, monkeypatch):
    monkeypatch.setenv("ONTHEMOVE_DB", str(tmp_path / "from-env" / "path.db"))
    Store().save(*PLAN, {"aim": "path"})
    assert (tmp_path / "from-env" / "path.db").exists()
    monkeypatch.setenv("ONTHEMOVE_DB", f"sqlite:///{tmp_path}/url.db")
    assert database_url() == f"sqlite:///{tmp_path}/url.db"
    Store().save(*PLAN, {"aim": "url"})
    rows = sqlite3.connect(tmp_path / "url.db").execute("SELECT body FROM drafts").fetchall()
    assert [json.loads(body) for (body,) in rows] == [{"aim": "url"}]
    assert database_url(tmp_path / "given.db") == f"sqlite:///{tmp_path}/given.db"


def test_default_database_lives_under_home(tmp_path, monkeypatch):
    monkeypatch.delenv("ONTHEMOVE_DB", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    path = tmp_path / ".local" / "share" / "onthemove" / "drafts.db"
    assert database_url() == f"sqlite:///{path}"
    Store().save(*PLAN, {"aim": "home"})
    assert path.exists()


IMPORTED = """
import sys
import onthemove_widgets.store
ours = {"onthemove_widgets", "onthemove_widgets.errors"}
print(sorted(name for name in sys.modules if name.split(".")[0] in {"ipywidgets", "IPython", "pandas"}
             or name.startswith("onthemove_widgets") and name not in ours and not name.startswith("onthemove_widgets.store")))
"""


def test_store_imports_no_widget_or_analysis_code():
    result = subprocess.run([sys.executable, "-c", IMPORTED], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_sqlite_is_set_up_for_many_kernels(store, tmp_path):
    _, writer = store_engine.engines(store.url)
    with writer.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15_000
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    with sqlite3.connect(tmp_path / "drafts.db") as raw:  # WAL is kept in the file, for every client
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_save_waits_for_another_writer_instead_of_failing(store, tmp_path):
    store.save(*PLAN, {"aim": "one"})
    blocker = sqlite3.connect(tmp_path / "drafts.db", isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    threading.Timer(1.0, blocker.rollback).start()
    started = time.monotonic()
    assert store.save(*PLAN, {"aim": "two"}, based_on=1).number == 2
    assert time.monotonic() - started >= 0.9  # it really waited for the other writer


def test_a_database_locked_for_too_long_gives_a_clear_store_error(tmp_path, monkeypatch):
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", 20)
    monkeypatch.setattr(store_engine, "BACKOFF_SECONDS", 0.01)
    store = Store(tmp_path / "locked.db")
    blocker = sqlite3.connect(tmp_path / "locked.db", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    with pytest.raises(StoreError) as raised:
        store.save(*PLAN, {"aim": "mine"})
    blocker.rollback()
    assert "busy" in str(raised.value) and "database is locked" not in str(raised.value)
    assert store.save(*PLAN, {"aim": "mine"}).number == 1


def _writer(path, index, start):
    """One kernel: the first half force-save one shared item, the rest their own item.

    Any error ends the process with a non-zero exit code, which the test checks.
    """
    store = Store(path)
    start.wait()
    for n in range(SAVES_EACH):
        if index < WRITERS // 2:
            store.save("plan", "s01", "shared", "main", {"writer": index, "n": n}, force=True)
        else:
            store.save("plan", "s01", f"team-{index}", "main", {"writer": index, "n": n}, based_on=n or None)


def test_thirty_kernels_saving_at_once_lose_nothing(tmp_path):
    path = tmp_path / "drafts.db"
    Store(path)
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(WRITERS)
    processes = [context.Process(target=_writer, args=(path, i, start)) for i in range(WRITERS)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=240)
    assert [p.exitcode for p in processes] == [0] * WRITERS
    store = Store(path)
    shared = store.history("plan", "s01", "shared", "main")
    assert [r.number for r in shared] == list(range(1, WRITERS // 2 * SAVES_EACH + 1))
    for index in range(WRITERS // 2):
        assert [r.body["n"] for r in shared if r.body["writer"] == index] == list(range(SAVES_EACH))
    for index in range(WRITERS // 2, WRITERS):
        assert [r.body["n"] for r in store.history("plan", "s01", f"team-{index}", "main")] == list(range(SAVES_EACH))
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT count(*) FROM drafts").fetchone() == (WRITERS * SAVES_EACH,)


KILLED_WRITER = """
import sys
from onthemove_widgets.store import Store
store = Store(sys.argv[1])
latest = store.latest("plan", "s01", "team-a", "main")
number = latest.number if latest else 0
while True:
    number = store.save("plan", "s01", "team-a", "main", {"n": number + 1, "text": "x" * 5000}, based_on=number or None).number
    print(number, flush=True)
"""


def test_a_writer_killed_mid_save_loses_at_most_that_save(tmp_path):
    path = tmp_path / "drafts.db"
    for round_, saves_before_kill in enumerate((40, 137, 263), start=1):
        writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(path)], stdout=subprocess.PIPE, text=True)
        printed = [int(writer.stdout.readline()) for _ in range(saves_before_kill)]
        time.sleep(0.005 * round_)
        writer.send_signal(signal.SIGKILL)
        printed += [int(line) for line in writer.stdout.read().split()]
        writer.wait()
        with sqlite3.connect(path) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        history = Store(path).history("plan", "s01", "team-a", "main")
        numbers = [r.number for r in history]
        assert numbers == list(range(1, len(numbers) + 1))
        assert [r.body["n"] for r in history] == numbers
        assert len(numbers) - printed[-1] in (0, 1)  # every save reported as done is there
