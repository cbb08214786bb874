"""Run the school report for every school of a district: in parallel, resumable, isolated.

The district is validated once and split into one folder per school. A school whose
inputs are unchanged since its last good report is skipped (`uptodate`); a school with no
students gets no report, and a note on the index page. The others run in contiguous runs
of schools, one per worker process or Dask task (`scheduling`). One school's failure is
recorded and shown on the index page (`index`); it never stops the others.
"""

import json
import time
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path

from tqdm import tqdm

from ..data.settings import CYCLES, read_settings, resolve_settings
from . import DEFAULT_NOTEBOOK
from .engines import ENGINES, ReportResult
from .index import index_page
from .names import file_stem
from .parameters import ParameterError
from .scheduling import local_workers, run_locally, run_on_dask
from .shards import split_district
from .uptodate import plan

MANIFEST = "manifest.json"
SHARDS_DIR = Path(".work") / "shards"


@dataclass
class Summary:
    """What one batch did."""

    results: dict[str, ReportResult]  # the schools run now, by id
    skipped: list[str]  # schools whose report was already up to date
    not_written: dict[str, str]  # schools with no students, by id: why they have no report
    seconds: float
    index: Path

    @property
    def failed(self):
        return [result for result in self.results.values() if not result.ok]


def run_reports(data_dir, out_dir, schools=None, workers=1, min_n=11, engine="warm", scheduler=None,
                timeout=120, show_names=False, notebook=DEFAULT_NOTEBOOK, windows=None) -> Summary:
    """Write `<file_stem(school_id)>.html` for each school (default: all) and `index.html` into `out_dir`.

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
    with local_workers(processes, *task_args) if scheduler is None else nullcontext() as local:
        shards = split_district(data_dir, out_dir / SHARDS_DIR)  # meanwhile the local workers start their kernels
        _check_windows(windows or {}, shards)
        manifest = _read_manifest(out_dir)
        selected = _selected(shards, schools)
        not_written = _without_students(shards, selected, manifest, out_dir)
        jobs, skipped = plan(shards, [s for s in selected if s not in not_written], manifest, notebook, out_dir,
                             {**(windows or {}), "min_n": min_n, "show_names": show_names})
        try:
            runs = run_locally(jobs, task_args, workers, *local) if local else run_on_dask(jobs, task_args, workers, scheduler)
            results = _record(runs, jobs, manifest)
        finally:
            (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    index = out_dir / "index.html"
    index.write_text(index_page(shards, manifest), encoding="utf-8")
    return Summary(results, skipped, not_written, time.perf_counter() - start, index)


def _record(runs, jobs, manifest):
    """Each result into the manifest as it comes, with the progress bar; the results by school."""
    results, input_hashes = {}, {job.school_id: job.input_hash for job in jobs}
    with tqdm(total=len(jobs), unit="school", desc="reports") as bar:
        for result in runs:
            results[result.school_id] = result
            manifest[result.school_id] = {**asdict(result), "input": input_hashes[result.school_id]}
            bar.set_postfix(done=len(results), failed=sum(not r.ok for r in results.values()), refresh=False)
            bar.update()  # the bar itself shows the time left
    return results


def _without_students(shards, selected, manifest, out_dir):
    """The selected schools with no students, by id: a note for each, and no report (an older one is removed)."""
    notes = {}
    for school_id in (s for s in selected if shards[s].students == 0):
        notes[school_id] = f"School {shards[school_id].school_name} ({school_id}) has no students in students.csv; no report was written."
        manifest[school_id] = {"school_id": school_id, "ok": False, "not_written": notes[school_id]}
        (out_dir / f"{file_stem(school_id)}.html").unlink(missing_ok=True)
    return notes


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


def _read_manifest(out_dir):
    path = out_dir / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
