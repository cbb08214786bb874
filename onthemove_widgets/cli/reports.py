"""`onthemove reports`: one HTML report per school, and an index page."""

import click

from ..errors import OnTheMoveError
from ..reports import DEFAULT_NOTEBOOK


@click.command("reports")
@click.option("--data", "data_dir", required=True, type=click.Path(exists=True), help="District data folder (or .xlsx workbook).")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for the reports, index.html and the resume manifest.")
@click.option("--schools", default=None, help="Comma-separated school ids [default: every school].")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1), help="Parallel processes, each with its own kernel.")
@click.option("--before", default=None, help="Window growth is measured from [default: the district's first window].")
@click.option("--after", default=None, help="Window growth is measured to; reports show the year as it stood then, e.g. cycle_4 [default: the district's last window].")
@click.option("--cycles", default=None, type=click.IntRange(min=1), help="Inquiry cycles in the school year, cycle_1 … cycle_N [default: the notebook's, 10].")
@click.option("--min-n", default=11, show_default=True, type=click.IntRange(min=1), help="Smallest group a report shows.")
@click.option("--engine", default="warm", show_default=True, type=click.Choice(["warm", "papermill"]),
              help="warm: one kept-alive kernel per worker; papermill: a kernel per school, executed notebooks kept.")
@click.option("--scheduler", default=None, help="Dask scheduler address (tcp://host:8786): run on that cluster instead.")
@click.option("--timeout", default=120, show_default=True, type=click.IntRange(min=1), help="Seconds a cell may run before the school is retried, then failed.")
@click.option("--show-names", is_flag=True, help="Show student names in the reports.")
@click.option("--notebook", default=DEFAULT_NOTEBOOK, show_default=True, type=click.Path(exists=True, dir_okay=False), help="The report notebook.")
def command(data_dir, out_dir, schools, workers, before, after, cycles, min_n, engine, scheduler, timeout, show_names, notebook):
    """Write one HTML report per school and index.html into --out; exit 1 if any school failed.

    A school with no students gets no report and a note, which is not a failure.
    """
    from ..reports.batch import run_reports  # papermill and nbconvert load only when reports run

    try:
        summary = run_reports(data_dir, out_dir, schools=schools.split(",") if schools else None, workers=workers, min_n=min_n,
                              engine=engine, scheduler=scheduler, timeout=timeout, show_names=show_names, notebook=notebook,
                              windows={k: v for k, v in {"before": before, "after": after, "cycles": cycles}.items() if v is not None})
    except OnTheMoveError as error:
        raise click.ClickException(str(error)) from error
    written = len(summary.results) - len(summary.failed)
    without = f", {len(summary.not_written)} without students" if summary.not_written else ""
    click.echo(f"{written} report(s) written, {len(summary.skipped)} up to date, {len(summary.failed)} failed{without} "
               f"in {summary.seconds:.1f} s. Index: {summary.index}")
    for note in summary.not_written.values():
        click.echo(f"NO REPORT: {note}", err=True)
    for result in summary.failed:
        click.echo(f"FAILED {result.school_id}: {result.error}", err=True)
    if summary.failed:
        raise SystemExit(1)
