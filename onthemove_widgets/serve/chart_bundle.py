"""Vega, Vega-Lite and Vega-Embed as one script that `onthemove serve` hands out, so an app's
charts draw in the browser with no internet (`widgets.chart_view`).

Drawing a chart in the kernel (vl-convert's SVG) costs ~40 ms of CPU at each move of a
control; a room of 30 moving them shares 2 cores. Drawn in the browser, the kernel only
sends the spec (~2 ms). The script is the one vl-convert bundles (the same Vega-Lite it
draws reports with), written once per version into our template's static folder; its
name carries the version, so browsers may keep it for good.
"""

import os
from pathlib import Path

from . import TEMPLATE


def _version():
    from importlib.metadata import version

    return version("vl-convert-python")


def file_name():
    """The bundle's name under the template's static folder: a new vl-convert is a new name."""
    return f"vega/vega-embed-{_version()}.js"


def url_path():
    """Where the bundle is served, from the server's base URL."""
    return f"voila/templates/{TEMPLATE}/static/{file_name()}?v={_version()}"


def write(static_dir):
    """Write the bundle under `static_dir` unless this version is there already; the path written."""
    path = Path(static_dir) / file_name()
    if not path.exists():
        import vl_convert

        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_text(vl_convert.javascript_bundle(), encoding="utf-8")
        partial.replace(path)  # two servers starting at once never serve half a file
    return path
