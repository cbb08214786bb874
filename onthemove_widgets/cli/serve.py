"""`onthemove serve`: present the curriculum as Voilà apps, code hidden."""

import os
import sys
from pathlib import Path

import click

from ..serve import VOILA_MODULE, serve_guides, voila_arguments, voila_environment
from ..serve.pool import room_options


@click.command("serve")
@click.option("--port", default=8866, show_default=True, type=int)
@click.option("--ip", default="127.0.0.1", show_default=True, help="Address to listen on (127.0.0.1 keeps it on this computer).")
@click.option("--no-browser", is_flag=True, help="Do not open a browser tab.")
@click.option("--data", "data_root", type=click.Path(exists=True, file_okay=False), default=None,
              help="A folder of district data folders; each app's chooser offers them by name, beside the demo.")
@click.option("--room", "room", type=click.IntRange(min=1), default=None,
              help="Participants who open an app together: keep that many kernels warm for each room app.")
@click.option("--room-app", "room_app", multiple=True,
              help="An app the room opens (e.g. protocols/examining_data.ipynb); repeat it. Default: every protocol and driver app.")
def command(port, ip, no_browser, data_root, room, room_app):
    """Serve every notebook as a Voilà app, opening on the landing page."""
    env = voila_environment()
    if data_root is not None:
        env["ONTHEMOVE_DATA_ROOT"] = str(Path(data_root).resolve())
    _prepare(env)
    serve_guides(env)
    args = voila_arguments(port=port, ip=ip, open_browser=not no_browser)
    args += room_options(room, room_app, ip, env)
    # This process becomes Voilà, so stopping it (Ctrl+C, a service manager's SIGTERM)
    # stops Voilà and its kernels; a child process would be left running.
    os.execve(sys.executable, [sys.executable, "-m", VOILA_MODULE, *args], env)


def _prepare(env):
    """Validate and split each district into school folders now, so no app kernel waits for it."""
    from ..errors import DistrictDataError
    from ..session import DATA_ROOT, district_folders, school_index

    os.environ[DATA_ROOT] = env.get(DATA_ROOT, "")
    for name, folder in district_folders().items():
        try:
            school_index(folder)
        except DistrictDataError as error:
            click.echo(f"District '{name}' has {len(error.problems)} problem(s); its apps will list them (run `onthemove validate {folder}`).", err=True)
