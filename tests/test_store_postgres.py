"""The drafts store against a real PostgreSQL server, started and stopped by the test.

A district points many coaches at one PostgreSQL; revisions, conflicts and concurrent
saves must behave there exactly as on SQLite.
"""

import glob
import multiprocessing
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from onthemove_widgets.store import ConflictError, Store

BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1:] or [""]
ADDRESS = ("plan", "S0001", "SLT", "main")


def as_postgres(args):
    """PostgreSQL refuses to run as root; the Debian package provides a `postgres` user."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@pytest.fixture(scope="module")
def postgres_url():
    initdb = os.path.join(BIN[0], "initdb")
    if not os.path.exists(initdb):
        pytest.fail("PostgreSQL is missing: run `make test-services`")
    # Not under pytest's tmp_path: its folders are private to root, and the server runs as postgres.
    folder = Path(tempfile.mkdtemp(prefix="onthemove-pg-"))
    folder.chmod(0o777)
    data = folder / "data"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run(as_postgres([initdb, "-D", str(data), "-A", "trust", "-U", "onthemove", "--no-sync"]), check=True, capture_output=True)
    ctl = os.path.join(BIN[0], "pg_ctl")
    options = f"-p {port} -h 127.0.0.1 -k {data} -c fsync=off"
    subprocess.run(as_postgres([ctl, "-D", str(data), "-o", options, "-l", str(data / "log"), "-w", "start"]), check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://onthemove@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(as_postgres([ctl, "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def test_revisions_and_conflicts(postgres_url):
    store = Store(postgres_url)
    first = store.save(*ADDRESS, {"focus": "close reading"}, author="Jacob")
    second = store.save(*ADDRESS, {"focus": "close reading <b>and</b> writing"}, based_on=first.number)
    assert [r.number for r in store.history(*ADDRESS)] == [1, 2]
    assert store.revision(*ADDRESS, 1).body == {"focus": "close reading"}
    assert store.latest(*ADDRESS).body["focus"] == "close reading <b>and</b> writing"
    with pytest.raises(ConflictError) as conflict:
        store.save(*ADDRESS, {"focus": "stale edit"}, based_on=first.number)
    assert conflict.value.latest.number == second.number == 2


def test_latest_items_of_every_team(postgres_url):
    store = Store(postgres_url)
    store.save("answer", "S0003", "fall", "r1", {"v": "a"})
    store.save("answer", "S0003", "spring", "r1", {"v": "b"})
    store.save("answer", "S0003", "spring", "r1", {"v": "c"}, based_on=1)
    assert [(r.team, r.key, r.body["v"]) for r in store.latest_items("answer", "S0003")] == [("fall", "r1", "a"), ("spring", "r1", "c")]
    assert [r.body["v"] for r in store.latest_items("answer", "S0003", "spring")] == ["c"]


def _writer(url, index, saves):
    store = Store(url)
    for n in range(saves):
        store.save("note", "S0002", "team", "shared", {"writer": index, "n": n}, force=True)
        store.save("note", "S0002", "team", f"own-{index}", {"n": n}, force=True)


def test_concurrent_writers_lose_nothing(postgres_url):
    writers, saves = 10, 20
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_writer, args=(postgres_url, i, saves)) for i in range(writers)]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * writers
    store = Store(postgres_url)
    shared = store.history("note", "S0002", "team", "shared")
    assert [r.number for r in shared] == list(range(1, writers * saves + 1))
    assert all(len(store.history("note", "S0002", "team", f"own-{i}")) == saves for i in range(writers))
