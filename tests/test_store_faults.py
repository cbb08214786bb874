"""The drafts store survives a kernel killed mid-save and a room of writers, one of them killed.

Each writer is a plain Python process using `Store`, as a kernel does; it prints a line
only after a save has returned, so the test knows which saves a person was told were made.
SIGKILL gives the writer no chance to tidy up, as when a kernel is killed.
"""

import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from onthemove_widgets.store import Store

WRITER = """
import sys
from onthemove_widgets.store import Store
store, name, count = Store(sys.argv[1]), sys.argv[2], int(sys.argv[3])
print("ready", flush=True)
for i in range(1, count + 1):
    store.save("protocol_note", "S1", "Team", name, {"i": i, "text": "a note " * 50}, force=True)
    store.save("protocol_note", "S1", "Team", "shared", {"by": name, "i": i}, force=True)
    print(i, flush=True)
"""


def start_writer(db, name, count):
    return subprocess.Popen([sys.executable, "-c", WRITER, str(db), name, str(count)], stdout=subprocess.PIPE, text=True)


def read_until(writer, saves, seconds=60):
    """The saves the writer reported, once it has reported `saves` of them (or ended)."""
    deadline, reported = time.monotonic() + seconds, 0
    assert writer.stdout.readline().strip() == "ready"
    while reported < saves and time.monotonic() < deadline:
        line = writer.stdout.readline()
        if not line:
            break
        reported = int(line)
    return reported


def numbers(store, key):
    return [revision.number for revision in store.history("protocol_note", "S1", "Team", key)]


def assert_whole(db):
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.timeout(120)
def test_a_writer_killed_mid_burst_leaves_every_reported_save(tmp_path):
    db = tmp_path / "drafts.db"
    for round_, kill_after in enumerate((5, 23, 41), start=1):
        writer = start_writer(db, f"w{round_}", 10_000)
        reported = read_until(writer, kill_after)
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
        reported = max(reported, *(int(line) for line in writer.stdout.read().split() or [0]))
        assert_whole(db)
        saved = numbers(Store(db), f"w{round_}")
        assert saved == list(range(1, len(saved) + 1))  # no gap, no half-written revision
        assert reported <= len(saved) <= reported + 1  # at most the save in flight is extra
        assert [r.body["i"] for r in Store(db).history("protocol_note", "S1", "Team", f"w{round_}")] == saved


@pytest.mark.timeout(240)  # ~75 s on 2 cores, nearly all of it 30 processes importing SQLAlchemy
def test_thirty_writers_one_killed_the_others_lose_nothing(tmp_path):
    db, each = tmp_path / "drafts.db", 4
    Store(db)  # the table exists before the room arrives, as `onthemove serve` leaves it
    writers = {f"w{n:02}": start_writer(db, f"w{n:02}", each) for n in range(30)}
    victim = writers["w07"]
    reported = read_until(victim, 2)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    for name, writer in writers.items():
        if writer is not victim:
            assert writer.wait(timeout=180) == 0, name
    assert_whole(db)
    store = Store(db)
    for name in writers:
        if name != "w07":
            assert numbers(store, name) == list(range(1, each + 1)), name
    killed = numbers(store, "w07")
    assert killed == list(range(1, len(killed) + 1)) and reported <= len(killed) <= reported + 1
    shared = store.history("protocol_note", "S1", "Team", "shared")
    assert [r.number for r in shared] == list(range(1, len(shared) + 1))
    assert sum(r.body["by"] != "w07" for r in shared) == 29 * each
    assert reported <= sum(r.body["by"] == "w07" for r in shared) <= reported + 1
