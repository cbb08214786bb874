"""`onthemove import KIND SOURCE... --out DIR`: a real export in, a district folder out."""

import click

from ..importers.run import KINDS


@click.command("import")
@click.argument("kind", type=click.Choice(list(KINDS)))
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", type=click.Path(file_okay=False), help="A new district folder to write.")
@click.option("--into", type=click.Path(exists=True, file_okay=False), help="An existing district folder to add this source to.")
@click.option("--supplement", type=click.Path(exists=True, dir_okay=False),
              help="OneRoster or MAP: a CSV keyed by student id with english_learner, students_with_disabilities, socioeconomically_disadvantaged.")
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False),
              help="Spreadsheet: a YAML mapping of fields to the file's columns (else matches are suggested).")
@click.option("--save-mapping", type=click.Path(dir_okay=False), help="Spreadsheet: write the mapping used, for next year's file.")
def command(kind, sources, out, into, supplement, mapping, save_mapping):
    """Turn SOURCES of KIND into a district folder that `onthemove validate` passes."""
    from ..importers.faults import ImportFault
    from ..importers.run import ImportRefused, import_into_folder

    try:
        imported = import_into_folder(kind, sources, out=out, into=into, supplement=supplement, mapping=mapping, save_to=save_mapping,
                                      progress=_progress())
    except ImportRefused as refused:
        raise click.UsageError(str(refused)) from None
    except ImportFault as fault:
        click.echo(str(fault), err=True)
        raise SystemExit(1) from None
    click.echo(imported.result.report())
    for problem in imported.problems:
        click.echo(str(problem))
    target = out or into
    if imported.problems:
        click.echo(f"\n{target}: written, with {len(imported.problems)} problem(s) to fix before it loads.", err=True)
        raise SystemExit(1)
    click.echo(f"\n{target}: written; `onthemove validate` finds no problems.")


def _progress():
    """Each step on standard error with the seconds since the start, so a long import is seen to move."""
    import time

    start = time.perf_counter()
    return lambda message: click.echo(f"[{time.perf_counter() - start:5.1f} s] {message}", err=True)
