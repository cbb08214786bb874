"""`onthemove serve`: present the curriculum as Voilà apps, code hidden."""

import os
import sys
from pathlib import Path

import click

from ..serve import VOILA_MODULE, files, security, serve_template_files, voila_arguments, voila_environment
from ..serve.pool import room_options


@click.command("serve")
@click.option("--port", default=8866, show_default=True, type=int)
@click.option("--ip", default="127.0.0.1", show_default=True, help="Address to listen on (127.0.0.1 keeps it on this computer).")
@click.option("--no-browser", is_flag=True, help="Do not open a browser tab.")
@click.option("--data", "data_root", type=click.Path(exists=True, file_okay=False), default=None,
              help="A folder of district data folders; each app's chooser offers them by name, beside the demo. "
                   "Default: $ONTHEMOVE_DATA_ROOT, else ~/.local/share/onthemove/districts (where the import app writes).")
@click.option("--room", "room", type=click.IntRange(min=1), default=None,
              help="Participants who open an app together: keep that many kernels warm for each room app.")
@click.option("--room-app", "room_app", multiple=True,
              help="An app the room opens (e.g. protocols/examining_data.ipynb); repeat it. Default: every protocol and driver app.")
@click.option("--token", default=None, help="The token participants must give (made for you when --ip is not 127.0.0.1).")
@click.option("--no-token", is_flag=True, help="Ask no token even beyond this computer (anyone on the network can open the apps).")
def command(port, ip, no_browser, data_root, room=None, room_app=(), token=None, no_token=False):
    """Serve every notebook as a Voilà app, opening on the landing page."""
    from ..session import DATA_ROOT
    from ..session import data_root as default_root

    token = _token(ip, port, token, no_token)
    env = voila_environment()
    env[DATA_ROOT] = str(Path(default_root() if data_root is None else data_root).resolve())
    _prepare(env)
    serve_template_files(env)
    args = voila_arguments(port=port, ip=ip, open_browser=not no_browser)
    args += room_options(room, room_app, ip, env)
    env, args = security.token_environment(env, token), [*args, *security.token_arguments(token), *files.file_arguments()]
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


def _token(ip, port, token, no_token):
    """The token to ask for; print the links to hand out, and a warning when the apps are open to the network."""
    try:
        token = security.choose_token(ip, token, no_token)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    if token is None and not security.is_loopback(ip):
        click.secho("\n".join(security.open_warning(ip)), fg="red", bold=True, err=True)
    click.secho("\n".join(security.share_lines(security.reachable_addresses(ip), port, token)), bold=True)
    return token
