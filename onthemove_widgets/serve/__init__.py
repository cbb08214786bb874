"""How the curriculum is served with Voilà: offline template, code hidden, local only."""

import os
from pathlib import Path

from ..importers.uploads import UPLOAD_LIMIT
from ..paths import NOTEBOOKS_DIR

TEMPLATE = "onthemove"
SHARE_DIR = Path(__file__).resolve().parent / "share" / "jupyter"
VOILA_MODULE = "onthemove_widgets.serve.voila_app"  # Voilà, with app pages that set the `_xsrf` cookie
UNCONNECTED_KERNEL_SECONDS = 45  # a kernel whose page has gone, idle this long, is shut down
CULL_EVERY_SECONDS = 10
WEBSOCKET_MARGIN = 4 * 1024 * 1024  # the widget message around an upload's bytes
IOPUB_WAIT_SECONDS = 60  # how long a cell's output may take to reach Voilà before the page goes without it


def voila_arguments(root=NOTEBOOKS_DIR, port=8866, ip="127.0.0.1", open_browser=False):
    """The `voila` arguments that serve every notebook under `root` as an app.

    Opening the root redirects to the landing app (the template's tree page). A closed
    tab shuts its kernel down; a kernel whose page connected and went (a crashed
    browser, a lost network) is culled within a minute, and a connected one never is
    (`kernels.AppKernelManager`).
    """
    return [
        str(root),
        f"--port={port}",
        f"--Voila.ip={ip}",
        f"--Voila.open_browser={open_browser}",
        f"--template={TEMPLATE}",
        "--theme=light",
        "--strip_sources=True",
        f"--MappingKernelManager.cull_idle_timeout={UNCONNECTED_KERNEL_SECONDS}",
        f"--MappingKernelManager.cull_interval={CULL_EVERY_SECONDS}",
        "--MappingKernelManager.cull_connected=False",
        f"--VoilaExecutor.iopub_timeout={IOPUB_WAIT_SECONDS}",
        "--VoilaConfiguration.multi_kernel_manager_class=onthemove_widgets.serve.kernels.AppKernelManager",
        # An upload reaches the kernel as one websocket message; Tornado's default cap (10 MB)
        # would drop the connection silently before the import app could say the file is too big.
        f"--Voila.tornado_settings={{'websocket_max_message_size': {UPLOAD_LIMIT + WEBSOCKET_MARGIN}}}",
    ]


def voila_environment(base=None):
    """The environment Voilà needs to find our template (JUPYTER_PATH adds a data folder)."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(SHARE_DIR), env.get("JUPYTER_PATH", "")]))
    return env


def served_share_dir(cache=None):
    """A Jupyter data folder for the files we write to be served (the guides, the charts' script),
    in the cache (ONTHEMOVE_CACHE or ~/.cache/onthemove)."""
    root = Path(cache or os.environ.get("ONTHEMOVE_CACHE") or Path.home() / ".cache" / "onthemove")
    return root / "share" / "jupyter"


def serve_template_files(env):
    """Write the HTML guides and the charts' script where Voilà serves our template's static files,
    and add that folder to JUPYTER_PATH.

    Voilà serves notebooks, plus `/voila/templates/<template>/static/…` from every Jupyter
    data folder; so the landing page's guide links (curriculum.GUIDES_URL) and the apps'
    charts (`chart_bundle`) work offline, with no change to which files of notebooks/ Voilà allows.
    """
    from ..guides import write_guides
    from . import chart_bundle

    share = served_share_dir(env.get("ONTHEMOVE_CACHE"))
    static = share / "voila" / "templates" / TEMPLATE / "static"
    write_guides(static / "guides", formats=("html",))
    chart_bundle.write(static)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(share), env.get("JUPYTER_PATH", "")]))
    return env
