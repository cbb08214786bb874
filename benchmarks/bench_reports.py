"""Reports per minute: the analyst's hand loop against `onthemove reports`.

Run:  python benchmarks/bench_reports.py              (80 schools x 300 students; ~7 minutes)
      python benchmarks/bench_reports.py --province   (only the warm engine on 4,800 schools x 50 students; ~30 minutes,
                                                       then the same on a Dask LocalCluster: ~30 more)

Cases, all on one generated district and the report notebook (the real one when it exists):
  (a) the hand loop: a shell loop running the `papermill` CLI, then
      `jupyter nbconvert --to html --no-input`, per school, on the whole district folder
      (as an analyst's loop does), on a subset of schools;
  (b) `--engine papermill` (a kernel per school, in-process export), on a subset;
  (c) `--engine warm` (one kept-alive kernel per worker), on every school;
  (e) the warm engine on a Dask LocalCluster of as many single-threaded worker processes
      (started before the clock starts), on every school: what scaling out costs on one machine;
  (d) the warm engine's time per school, split into its steps (one worker, on a subset):
      load (opening the school's folder), charts (building them with Altair), drawing
      (vl-convert turning them into SVG), analysis (the rest of the notebook's cells),
      export (to HTML) and write, so the next slow step is always named.
Batch wall times include validating and splitting the district. Prints per-school seconds,
schools per minute, the speed-up over the hand loop and the processor time each case used
(all processes, both cores), and what a speed-up of 40x would leave a school.
"""

import argparse
import os
import statistics
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from onthemove_widgets.reports import DEFAULT_NOTEBOOK

FALLBACK_NOTEBOOK = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "reports" / "echo_report.ipynb"
BIN = Path(sys.executable).parent


def busy_seconds(run):
    """`run()`'s result and the processor seconds the whole machine was busy meanwhile (every process, every core)."""
    import psutil

    not_ours = {"idle", "iowait", "steal", "guest", "guest_nice"}  # Linux counts guest time in user time already
    before = psutil.cpu_times()
    result = run()
    after = psutil.cpu_times()
    return result, sum(getattr(after, field) - getattr(before, field) for field in after._fields if field not in not_ours)


def hand_loop(notebook, data_dir, schools, out_dir):
    """Wall seconds of the shell loop an analyst writes (stops at the first failure)."""
    out_dir.mkdir(parents=True)
    steps = [
        f"{BIN / 'papermill'} {shlex.quote(str(notebook))} {out_dir}/{school}.ipynb -p data_dir {shlex.quote(str(data_dir))} "
        f"-p school_id {school} --execution-timeout 120 --no-progress-bar --cwd {shlex.quote(str(notebook.parent))} && "
        f"{BIN / 'jupyter'} nbconvert --to html --no-input {out_dir}/{school}.ipynb"
        for school in schools
    ]
    start = time.perf_counter()
    subprocess.run(["bash", "-ec", "\n".join(steps)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def batch(data_dir, out_dir, schools, **options):
    """Wall seconds of one `run_reports` call; fails loudly if any school failed."""
    from onthemove_widgets.reports.batch import run_reports  # here: worker processes re-import this script

    summary = run_reports(data_dir, out_dir, schools=schools, **options)
    if summary.failed:
        raise SystemExit(f"{len(summary.failed)} school(s) failed, e.g. {summary.failed[0].school_id}: {summary.failed[0].error}")
    return summary.seconds


def on_dask(workers, run):
    """`run(client)` against a Dask LocalCluster of `workers` single-threaded worker processes.

    Its workers' statistical profiler is off, as the README advises for a cluster that runs
    reports: it samples every thread every 10 ms, and measured on 24 schools it made each
    school 17% slower (0.76 s against 0.65 s with it off).
    """
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set({"distributed.worker.profile.enabled": False}), \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        return run(client)


# Timers the split case puts into a copy of the report notebook, around what it opens and draws.
TIMERS = """\
import time as _time, altair as _altair
from onthemove_widgets import charts as _charts
from onthemove_widgets.widgets import chooser as _chooser
import vl_convert as _vl_convert
_split, _inside = {"load": 0.0, "charts": 0.0, "drawing": 0.0}, set()
def _timed(step, function):
    def timed(*args, **kwargs):
        if step in _inside:  # a chart function calling another: count the outermost call only
            return function(*args, **kwargs)
        _inside.add(step)
        start = _time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _split[step] += _time.perf_counter() - start
            _inside.discard(step)
    return timed
_chooser.open_app = _timed("load", _chooser.open_app)
_altair.TopLevelMixin._repr_mimebundle_ = _timed("charts", _altair.TopLevelMixin._repr_mimebundle_)
_printers = get_ipython().display_formatter.mimebundle_formatter  # charts.py draws through its own printer
_printers.for_type(_altair.TopLevelMixin, _timed("charts", _printers.lookup_by_type(_altair.TopLevelMixin)))
for _name in [n for n in dir(_charts) if not n.startswith("_") and callable(getattr(_charts, n))]:
    setattr(_charts, _name, _timed("charts", getattr(_charts, _name)))
_vl_convert.vegalite_to_svg = _timed("drawing", _vl_convert.vegalite_to_svg)  # Altair looks it up at each call
"""
REPORT_SPLIT = """display({"application/x.onthemove-summary+json": {**summary, "_split": _split}}, raw=True)"""


def timed_notebook(notebook, folder):
    """A copy of the report notebook that times its loading and its charts (see TIMERS)."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    after = next(i for i, cell in enumerate(nb.cells) if "parameters" in cell.metadata.get("tags", [])) + 1
    nb.cells[after:after] = [nbformat.v4.new_code_cell(TIMERS)]
    nb.cells.append(nbformat.v4.new_code_cell(REPORT_SPLIT))
    path = folder / "timed_report.ipynb"
    nbformat.write(nb, str(path))
    return path


def split_per_school(data_dir, out_dir, schools, notebook):
    """Median seconds per school of each step of the warm engine (one worker; the first school, which warms up, left out)."""
    from onthemove_widgets.reports.batch import run_reports

    out_dir.mkdir(parents=True)
    summary = run_reports(data_dir, out_dir, schools=schools, workers=1, engine="warm", notebook=timed_notebook(notebook, out_dir.parent))
    if summary.failed:
        raise SystemExit(f"the timed report failed: {summary.failed[0].error}")
    rows = []
    for result in list(summary.results.values())[1:]:
        inside, outside = result.summary["_split"], result.split
        rows.append({"load": inside["load"], "charts": inside["charts"] - inside["drawing"], "drawing": inside["drawing"],
                     "analysis": outside["run"] - inside["load"] - inside["charts"], "export": outside["export"], "write": outside["write"]})
    return {step: statistics.median(row[step] for row in rows) for step in rows[0]}


def main():
    from onthemove_widgets.data.demo import generate_district

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=80)
    parser.add_argument("--students", type=int, default=300, help="students per school")
    parser.add_argument("--hand-schools", type=int, default=8, help="schools the hand loop runs")
    parser.add_argument("--papermill-schools", type=int, default=16, help="schools the papermill engine runs")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--split-schools", type=int, default=12, help="schools the per-step split runs")
    parser.add_argument("--notebook", type=Path, default=DEFAULT_NOTEBOOK if DEFAULT_NOTEBOOK.exists() else FALLBACK_NOTEBOOK)
    parser.add_argument("--province", action="store_true", help="run only the warm engine, on 4,800 schools x 50 students")
    args = parser.parse_args()

    print(f"machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load average before {os.getloadavg()[0]:.1f}")
    print(f"notebook: {args.notebook}")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        if args.province:
            start = time.perf_counter()
            province = generate_district(folder / "province", schools=4800, students_per_school=50)
            generated = time.perf_counter() - start
            options = dict(engine="warm", workers=args.workers, notebook=args.notebook)
            seconds = batch(province, folder / "province_reports", None, **options)
            print(f"province: 4,800 schools x 50 students, generated in {generated:.0f} s; warm engine with {args.workers} workers: "
                  f"{seconds:.0f} s wall ({seconds / 60:.1f} min, {4800 * 60 / seconds:.0f} schools/min); "
                  f"load average after: {os.getloadavg()[0]:.1f}", flush=True)
            dask = on_dask(args.workers, lambda client: batch(province, folder / "province_dask", None, scheduler=client, **options))
            print(f"the same on a Dask LocalCluster of {args.workers} workers: {dask:.0f} s wall ({dask / 60:.1f} min), "
                  f"{100 * (dask / seconds - 1):+.0f}% against the local engine; load average after: {os.getloadavg()[0]:.1f}")
            return
        data = generate_district(folder / "district", schools=args.schools, students_per_school=args.students)
        ids = [f"S{i:04d}" for i in range(1, args.schools + 1)]
        cases = [
            ("(a) hand loop: papermill + nbconvert CLIs", 1, args.hand_schools,
             lambda n: hand_loop(args.notebook, data, ids[:n], folder / "hand")),
            ("(b) onthemove reports --engine papermill", args.workers, args.papermill_schools,
             lambda n: batch(data, folder / "papermill", ids[:n], engine="papermill", workers=args.workers, notebook=args.notebook)),
            ("(c) onthemove reports --engine warm", args.workers, args.schools,
             lambda n: batch(data, folder / "warm", None, engine="warm", workers=args.workers, notebook=args.notebook)),
            ("(e) the same on a Dask LocalCluster", args.workers, args.schools,
             lambda n: on_dask(args.workers, lambda client: batch(data, folder / "dask", None, engine="warm", workers=args.workers,
                                                                 notebook=args.notebook, scheduler=client))),
        ]
        rows = [(label, workers, n, *busy_seconds(lambda: run(n))) for label, workers, n, run in cases]
        split = split_per_school(data, folder / "split" / "reports", ids[:args.split_schools], args.notebook)
        print(f"district: {args.schools} schools x {args.students} students; (a) and (b) ran the first "
              f"{args.hand_schools} and {args.papermill_schools} schools only\n")
        print(f"{'case':<44}{'workers':>8}{'schools':>8}{'wall s':>9}{'s/school':>10}{'schools/min':>13}{'x hand loop':>13}{'cpu s/school':>14}")
        hand = rows[0][3] / rows[0][2]
        for label, workers, n, seconds, busy in rows:
            print(f"{label:<44}{workers:>8}{n:>8}{seconds:>9.1f}{seconds / n:>10.2f}{60 * n / seconds:>13.1f}{hand / (seconds / n):>13.1f}"
                  f"{busy / n:>14.3f}")
        cores = os.cpu_count()
        print(f"\n40x the hand loop leaves a school {hand / 40:.3f} s of wall time: at most {cores * hand / 40:.3f} processor seconds "
              f"on {cores} cores, startup and splitting included; (c) used {rows[2][4] / rows[2][2]:.3f}.")
        total = sum(split.values())
        print(f"\n(d) warm engine, one worker, median of schools 2–{args.split_schools}: {total:.3f} s a school")
        for step, seconds in split.items():
            print(f"    {step:<10}{seconds:>8.3f} s{100 * seconds / total:>6.0f}%")
        print(f"\nload average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
