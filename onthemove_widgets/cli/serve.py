"""`onthemove serve`: present the curriculum as Voilà apps, code hidden."""

import os
import sys

import click

from ..serve import voila_arguments, voila_environment


@click.command("serve")
@click.option("--port", default=8866, show_default=True, type=int)
@click.option("--ip", default="127.0.0.1", show_default=True, help="Address to listen on (127.0.0.1 keeps it on this computer).")
@click.option("--no-browser", is_flag=True, help="Do not open a browser tab.")
def command(port, ip, no_browser):
    """Serve every notebook as a Voilà app, opening on the landing page."""
    args = voila_arguments(port=port, ip=ip, open_browser=not no_browser)
    # This process becomes Voilà, so stopping it (Ctrl+C, a service manager's SIGTERM)
    # stops Voilà and its kernels; a child process would be left running.
    os.execve(sys.executable, [sys.executable, "-m", "voila", *args], voila_environment())
