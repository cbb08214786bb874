"""`onthemove validate`: list every problem in a district data folder."""

import click


@click.command("validate")
@click.argument("source", type=click.Path(exists=True))
def command(source):
    """Check a district folder (or .xlsx workbook); exit 1 if anything is wrong."""
    from ..data.validate import validate_district  # pandas loads only when a command needs it

    problems = validate_district(source)
    if not problems:
        click.echo(f"{source}: no problems found.")
        return
    for problem in problems:
        click.echo(str(problem))
    click.echo(f"\n{len(problems)} problem(s) in {source}. Nothing was changed; fix them and run this again.", err=True)
    raise SystemExit(1)
