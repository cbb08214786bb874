"""`onthemove guides`: write the facilitator guides, with a session plan from the coach's own start."""

from datetime import datetime

import click

from ..guides.build import GUIDE_KEYS
from ..guides.plan import PlanOptions
from ..guides.write import FORMATS, write_guides


def _clock(ctx, param, value):
    try:
        return datetime.strptime(value, "%H:%M").time()
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a time such as 15:30") from None


@click.command("guides")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder to write the guides into.")
@click.option("--guide", "keys", multiple=True, type=click.Choice(GUIDE_KEYS), help="Only this guide (repeat for more) [default: all].")
@click.option("--start", default="15:30", show_default=True, callback=_clock, help="When the session starts (HH:MM), for the plan's clock times.")
@click.option("--presenters", default=3, show_default=True, type=click.IntRange(min=1), help="Presenters, for protocols that repeat steps per presenter.")
@click.option("--rooms", default=3, show_default=True, type=click.IntRange(min=1), help="Rooms visited, for Learning Rounds.")
@click.option("--pace", default="longest", show_default=True, type=click.Choice(["shortest", "longest"]), help="Plan each step at its shortest or longest time.")
@click.option("--format", "formats", multiple=True, type=click.Choice(list(FORMATS)), help="md, html or docx (repeat for more) [default: all three].")
def command(out_dir, keys, start, presenters, rooms, pace, formats):
    """Write each guide as Markdown, a page to print (HTML) and a Word file."""
    options = PlanOptions(start=start, presenters=presenters, rooms=rooms, pace=pace)
    written = write_guides(out_dir, options, keys=keys or GUIDE_KEYS, formats=formats or tuple(FORMATS))
    click.echo(f"Wrote {len(written)} file(s) to {out_dir}")
