"""`onthemove import KIND SOURCE... --out DIR`: a real export in, a district folder out."""

import importlib

import click

# Each kind's reader: module and function, `read(sources, supplement=None) -> ImportResult`.
KINDS = {
    "oneroster": ("oneroster", "read_oneroster"),
    "caaspp": ("caaspp", "read_caaspp"),
    "nwea-map": ("nwea_map", "read_nwea_map"),
    "spreadsheet": ("spreadsheet", "read_spreadsheet"),
}


def reader(kind):
    """The reader for `kind`, imported only when asked (pandas loads with it)."""
    module, function = KINDS[kind]
    return getattr(importlib.import_module(f"onthemove_widgets.importers.{module}"), function)


@click.command("import")
@click.argument("kind", type=click.Choice(list(KINDS)))
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", type=click.Path(file_okay=False), help="A new district folder to write.")
@click.option("--into", type=click.Path(exists=True, file_okay=False), help="An existing district folder to add this source to.")
@click.option("--supplement", type=click.Path(exists=True, dir_okay=False),
              help="OneRoster: a CSV keyed by student id with english_learner, students_with_disabilities, socioeconomically_disadvantaged.")
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False),
              help="Spreadsheet: a YAML mapping of fields to the file's columns (else matches are suggested).")
@click.option("--save-mapping", type=click.Path(dir_okay=False), help="Spreadsheet: write the mapping used, for next year's file.")
def command(kind, sources, out, into, supplement, mapping, save_mapping):
    """Turn SOURCES of KIND into a district folder that `onthemove validate` passes."""
    from pathlib import Path

    from ..data.validate import validate_district
    from ..importers.faults import ImportFault
    from ..importers.write import add_into, write_district

    if bool(out) == bool(into):
        raise click.UsageError("Give exactly one of --out (a new folder) or --into (an existing district folder).")
    if (mapping or save_mapping) and kind != "spreadsheet":
        raise click.UsageError("--mapping and --save-mapping are for the spreadsheet kind only.")
    if out and Path(out).exists() and any(Path(out).iterdir()):
        raise click.UsageError(f"{out} is not empty; nothing was written. Choose a new folder, or add to it with --into.")
    try:
        options = {"mapping": mapping, "save_to": save_mapping} if kind == "spreadsheet" else {}
        result = reader(kind)([Path(s) for s in sources], supplement=Path(supplement) if supplement else None, **options)
    except ImportFault as fault:
        click.echo(str(fault), err=True)
        raise SystemExit(1) from None
    target = out or into
    if out:
        write_district(result, out)
    else:
        unmatched = add_into(result, into)
        result.left_out(", ".join(Path(s).name for s in sources), f"scores of students {into} does not hold; import the roster first",
                        len(unmatched))
    click.echo(result.report())
    problems = validate_district(target)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"\n{target}: written, with {len(problems)} problem(s) to fix before it loads.", err=True)
        raise SystemExit(1)
    click.echo(f"\n{target}: written; `onthemove validate` finds no problems.")
