"""The `onthemove` command: one module per subcommand, registered here."""

import click

from . import demo_data, guides, imports, reports, serve, validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="onthemove-widgets")
def main():
    """On the Move: run the Schools on the Move framework on your students' data."""


for module in (demo_data, validate, imports, serve, reports, guides):
    main.add_command(module.command)
