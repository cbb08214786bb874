"""How the curriculum is served with Voilà: offline template, code hidden, local only."""

import os
from pathlib import Path

from ..paths import NOTEBOOKS_DIR

TEMPLATE = "onthemove"
SHARE_DIR = Path(__file__).resolve().parent / "share" / "jupyter"
START_HERE = NOTEBOOKS_DIR / "00_start_here.ipynb"


def voila_arguments(notebook=START_HERE, port=8866, ip="127.0.0.1", open_browser=False):
    """The `voila` command-line arguments for one app."""
    return [
        str(notebook),
        f"--port={port}",
        f"--Voila.ip={ip}",
        f"--Voila.open_browser={open_browser}",
        f"--template={TEMPLATE}",
        "--theme=light",
        "--strip_sources=True",
    ]


def voila_environment(base=None):
    """The environment Voilà needs to find our template (JUPYTER_PATH adds a data folder)."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(SHARE_DIR), env.get("JUPYTER_PATH", "")]))
    return env
