"""Where the schools run: contiguous runs of schools, one per local worker process or Dask task.

Each run keeps one warm kernel for all its schools; results come back one school at a
time, as each is done, so the progress bar and the manifest follow the batch as it goes.
"""

import multiprocessing
import queue
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from .engines import ReportResult, first_lines
from .workers import run_chunk, run_local_chunk, start_worker

POLL_SECONDS = 0.2


@contextmanager
def local_workers(workers, notebook, engine, timeout):
    """`workers` processes that start their engines at once, and the queue they report on."""
    context = multiprocessing.get_context("spawn")
    progress = context.Queue()  # handed over as the processes start: no manager process needed
    with ProcessPoolExecutor(workers, mp_context=context, initializer=start_worker, initargs=(notebook, engine, timeout, progress)) as pool:
        for _ in range(workers):  # a pool starts a process per task as tasks arrive, not when it is made
            pool.submit(int)
        yield pool, progress


def run_locally(jobs, task_args, workers, pool, progress):
    """Yield each school's result as soon as a worker reports it."""
    if not jobs:
        return
    futures = {pool.submit(run_local_chunk, chunk, *task_args): chunk for chunk in _contiguous(jobs, workers)}
    yield from _collect(futures, lambda: _drain(progress))


def run_on_dask(jobs, task_args, workers, scheduler):
    """Yield each school's result as a Dask worker reports it; runs are cut for at least the cluster's threads."""
    if not jobs:
        return
    from distributed import Client, Queue

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        threads = sum(client.nthreads().values())
        progress = Queue(client=client)
        futures = {client.submit(run_chunk, chunk, *task_args, progress, pure=False): chunk
                   for chunk in _contiguous(jobs, max(workers, threads))}

        def poll():
            items = progress.get(batch=True)
            if not items:
                time.sleep(POLL_SECONDS)
            return items

        yield from _collect(futures, poll)
    finally:
        if client is not scheduler:
            client.close()


def _collect(futures, poll):
    """Results as workers put them; a worker that died fails the schools it had not reported."""
    reported = set()
    while True:
        finished = all(future.done() for future in futures)  # before polling: nothing put later is missed
        for item in poll():
            reported.add(item["school_id"])
            yield ReportResult(**item)
        if finished:
            break
    for future, chunk in futures.items():
        error = future.exception()
        reason = first_lines(error) if error is not None else "it ended without a result"
        for job in chunk:
            if job.school_id not in reported:
                yield ReportResult(job.school_id, False, 0.0, error=f"the worker running this school stopped: {reason}")


def _drain(progress):
    try:
        items = [progress.get(timeout=POLL_SECONDS)]
    except queue.Empty:
        return []
    while True:
        try:
            items.append(progress.get_nowait())
        except queue.Empty:
            return items


def _contiguous(jobs, parts):
    """`parts` runs of consecutive jobs, sizes differing by at most one (none empty)."""
    parts = max(1, min(parts, len(jobs)))
    size, extra = divmod(len(jobs), parts)
    bounds = [i * size + min(i, extra) for i in range(parts + 1)]
    return [jobs[a:b] for a, b in zip(bounds, bounds[1:])]
