"""Run the school report for every school of a district: in parallel, resumable, isolated.

The district is validated once and split into one folder per school. A school whose
inputs (its folder, the notebook, the parameters) are unchanged since its last good
report is skipped. The others are cut into contiguous runs of schools, one per worker
process (or Dask task), each keeping one warm kernel for its whole run. One school's
failure is recorded and shown on the index page; it never stops the others.
"""

import hashlib
import html
import json
import multiprocessing
import queue
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote

from tqdm import tqdm

from ..data.settings import CYCLES, read_settings, resolve_settings
from . import DEFAULT_NOTEBOOK
from .engines import ENGINES, ReportResult, first_lines
from .parameters import ParameterError, validate_parameters
from .shards import safe_name, split_district
from .workers import Job, run_chunk, run_local_chunk, start_worker

MANIFEST = "manifest.json"
SHARDS_DIR = Path(".work") / "shards"
POLL_SECONDS = 0.2


@dataclass
class Summary:
    """What one batch did."""

    results: dict[str, ReportResult]  # the schools run now, by id
    skipped: list[str]  # schools whose report was already up to date
    seconds: float
    index: Path

    @property
    def failed(self):
        return [result for result in self.results.values() if not result.ok]


def run_reports(data_dir, out_dir, schools=None, workers=1, min_n=11, engine="warm", scheduler=None,
                timeout=120, show_names=False, notebook=DEFAULT_NOTEBOOK, windows=None) -> Summary:
    """Write `<school_id>.html` for each school (default: all) and `index.html` into `out_dir`.

    `windows` sets the notebook's window parameters (`before`, `after`, `cycles`); left
    out, the notebook's defaults hold.

    `workers` processes run in parallel, each with its own kernel; with `scheduler` (a
    Dask scheduler address or a `distributed.Client`) the runs go to that cluster
    instead, cut into at least as many runs as it has threads (its workers must see
    `out_dir` at the same path). `timeout` is per cell, in seconds.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    start = time.perf_counter()
    out_dir, notebook = Path(out_dir), Path(notebook)
    out_dir.mkdir(parents=True, exist_ok=True)
    task_args = (notebook, engine, timeout)
    processes = min(workers, len(schools)) if schools else workers
    with _local_workers(processes, *task_args) if scheduler is None else nullcontext() as local:
        shards = split_district(data_dir, out_dir / SHARDS_DIR)  # meanwhile the local workers start their kernels
        _check_windows(windows or {}, shards)
        manifest = _read_manifest(out_dir)
        jobs, skipped = _plan(shards, _selected(shards, schools), manifest, notebook, out_dir, {**(windows or {}), "min_n": min_n, "show_names": show_names})

        results, input_hashes = {}, {job.school_id: job.input_hash for job in jobs}
        bar = tqdm(total=len(jobs), unit="school", desc="reports")
        try:
            runs = _run_locally(jobs, task_args, workers, *local) if local else _run_on_dask(jobs, task_args, workers, scheduler)
            for result in runs:
                results[result.school_id] = result
                manifest[result.school_id] = {**asdict(result), "input": input_hashes[result.school_id]}
                bar.set_postfix(done=len(results), failed=sum(not r.ok for r in results.values()), refresh=False)
                bar.update()  # the bar itself shows the time left
        finally:
            bar.close()
            (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    index = out_dir / "index.html"
    index.write_text(index_page(shards, manifest), encoding="utf-8")
    return Summary(results, skipped, time.perf_counter() - start, index)


def index_page(shards, manifest):
    """A self-contained index: each school's summary numbers and report link, then the failures."""
    entries = {school_id: manifest.get(school_id) for school_id in shards}
    columns = []
    for entry in entries.values():
        for key in (entry or {}).get("summary") or {}:
            if key not in columns and key not in ("school_id", "school_name"):
                columns.append(key)
    rows, failures = [], []
    for school_id, entry in entries.items():
        name = _text(shards[school_id].school_name)
        if entry is None:
            status = "not run yet"
        elif entry["ok"]:
            status = f'<a href="{_text(quote(safe_name(school_id) + ".html"))}">report</a>'
        else:
            status = f'<a href="#failed-{_text(quote(school_id))}">failed</a>'
            failures.append(f'<li id="failed-{_text(quote(school_id))}"><strong>{_text(school_id)} {name}</strong><pre>{_text(entry["error"])}</pre></li>')
        summary = (entry or {}).get("summary") or {}
        cells = "".join(f"<td>{_value(summary.get(column))}</td>" for column in columns)
        rows.append(f"<tr><td>{_text(school_id)}</td><td>{name}</td><td>{status}</td>{cells}</tr>")
    done = sum(1 for e in entries.values() if e and e["ok"])
    header = "".join(f"<th>{_text(column)}</th>" for column in ["school_id", "school_name", "report", *columns])
    failed = f'<h2 id="failures">Failures ({len(failures)})</h2>\n<ul>{"".join(failures)}</ul>' if failures else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>School reports</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; }}
pre {{ background: #f6f6f6; padding: 0.5rem; white-space: pre-wrap; }}
</style>
</head>
<body>
<h1>School reports</h1>
<p>{len(entries)} schools: {done} reports, {len(failures)} failed.</p>
<table>
<thead><tr>{header}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
{failed}
</body>
</html>
"""


def _check_windows(windows, shards):
    """Refuse windows the district does not have, and a `before` that is not before `after`."""
    named = [windows[k] for k in ("before", "after") if windows.get(k) is not None]
    if not named or not shards:
        return
    raw, _ = read_settings(next(iter(shards.values())).path)
    settings, _ = resolve_settings(raw, None)
    year = settings.school_year(windows.get("cycles") or CYCLES)
    unknown = [w for w in named if w not in year]
    if unknown:
        raise ParameterError(f"the district has no window {', '.join(map(repr, unknown))}; its windows are {', '.join(year)}")
    if len(named) == 2 and year.index(named[0]) >= year.index(named[1]):
        raise ParameterError(f"the window growth is measured from ({named[0]}) must come before the one it is measured to ({named[1]})")


def _selected(shards, schools):
    if schools is None:
        return list(shards)
    unknown = [school for school in schools if school not in shards]
    if unknown:
        raise ParameterError(f"school(s) not in the district: {', '.join(unknown)}")
    return list(dict.fromkeys(schools))


def _plan(shards, selected, manifest, notebook, out_dir, settings):
    """The jobs to run, and the schools skipped because their report is up to date."""
    notebook_hash = hashlib.sha256(notebook.read_bytes()).hexdigest()
    jobs, skipped = [], []
    for school_id in selected:
        shard = shards[school_id]
        params = validate_parameters(notebook, {"data_dir": str(shard.path), "school_id": school_id, **settings}, shard.path.parent)
        # data_dir is left out: the shard's own hash covers its content wherever it lies.
        described = {"shard": shard.sha256, "notebook": notebook_hash, "parameters": {k: v for k, v in params.items() if k != "data_dir"}}
        input_hash = hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()
        job = Job(school_id, params, out_dir / f"{safe_name(school_id)}.html", input_hash)
        previous = manifest.get(school_id, {})
        if previous.get("input") == input_hash and previous.get("ok") and job.html.exists():
            skipped.append(school_id)
        else:
            jobs.append(job)
    return jobs, skipped


@contextmanager
def _local_workers(workers, notebook, engine, timeout):
    """`workers` processes that start their engines at once, and the queue they report on."""
    context = multiprocessing.get_context("spawn")
    progress = context.Queue()  # handed over as the processes start: no manager process needed
    with ProcessPoolExecutor(workers, mp_context=context, initializer=start_worker, initargs=(notebook, engine, timeout, progress)) as pool:
        for _ in range(workers):  # a pool starts a process per task as tasks arrive, not when it is made
            pool.submit(int)
        yield pool, progress


def _run_locally(jobs, task_args, workers, pool, progress):
    """Yield each school's result as soon as a worker reports it."""
    if not jobs:
        return
    futures = {pool.submit(run_local_chunk, chunk, *task_args): chunk for chunk in _contiguous(jobs, workers)}
    yield from _collect(futures, lambda: _drain(progress))


def _run_on_dask(jobs, task_args, workers, scheduler):
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


def _read_manifest(out_dir):
    path = out_dir / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _text(value):
    return html.escape(str(value), quote=True)


def _value(value):
    if value is None:
        return "—"
    if isinstance(value, float):
        value = round(value, 2)
    elif isinstance(value, (dict, list)):
        value = json.dumps(value)
    return _text(value)
