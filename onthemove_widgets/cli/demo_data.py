"""`onthemove demo-data`: build the synthetic Anywhere School District."""

import click

from ..paths import DEMO_SEED


@click.command("demo-data")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder to write the four CSV files into.")
@click.option("--schools", default=12, show_default=True, type=click.IntRange(min=1), help="Number of schools (the first five tell the framework's stories).")
@click.option("--students-per-school", type=click.IntRange(min=1), default=None, help="Students in every school [default: varies by school level].")
@click.option("--seed", default=DEMO_SEED, show_default=True, type=int, help="Same seed, same files, byte for byte.")
def command(out_dir, schools, students_per_school, seed):
    """Write a synthetic district data folder (never real students)."""
    from ..data.demo import generate_district  # pandas loads only when a command needs it

    out = generate_district(out_dir, schools=schools, students_per_school=students_per_school, seed=seed)
    click.echo(f"Wrote {schools} schools to {out}")
