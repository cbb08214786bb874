"""What a worker process runs: a contiguous run of schools on one engine.

Kept apart from the batch so a worker imports only the engines (no pandas): local
workers start, and warm their kernels, while the main process splits the district.
"""

import multiprocessing.util
import os
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

from .engines import ENGINES

PARENT_CHECK_SECONDS = 1.0


@dataclass(frozen=True)
class Job:
    """One school to run: its validated parameters, where its report goes, its input hash."""

    school_id: str
    params: dict
    html: Path
    input_hash: str


_started = None  # a local worker process's engine, started before its first school
_progress = None  # and the queue it reports each school's result on


def run_chunk(jobs, notebook, engine, timeout, progress):
    """Run a contiguous list of schools on one engine (one warm kernel), reporting each result.

    Uses the engine this worker process started already, if any.
    """
    global _started
    runner, _started = _started or ENGINES[engine](notebook, timeout=timeout), None
    with runner:
        for job in jobs:
            progress.put(asdict(runner.run(job.params, job.html)))


def start_worker(notebook, engine, timeout, progress):
    """Pool initializer: start this process's engine now, while the district is being split."""
    global _started, _progress
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), name="exit-with-batch", daemon=True).start()
    _started, _progress = ENGINES[engine](notebook, timeout=timeout), progress
    multiprocessing.util.Finalize(None, _close_started, exitpriority=10)  # a worker left without a chunk
    try:
        _started.start()
    except Exception:  # the first school starts the kernel again, and reports why if it fails again
        pass


def run_local_chunk(jobs, notebook, engine, timeout):
    """`run_chunk` on this process's started engine, reporting on the queue it was given."""
    run_chunk(jobs, notebook, engine, timeout, _progress)


def _exit_with_parent(parent, every=PARENT_CHECK_SECONDS):
    """Watchdog: once the batch that started this worker is gone (killed), stop its kernels and exit.

    Left alone, an orphaned worker would run its whole run of schools, unwatched.
    """
    while os.getppid() == parent:
        time.sleep(every)
    for kernel in psutil.Process().children(recursive=True):
        kernel.kill()
    os._exit(1)


def _close_started():
    if _started is not None:
        _started.close()
