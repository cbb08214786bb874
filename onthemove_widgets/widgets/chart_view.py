"""`ChartView`: an app's chart, drawn in the browser by Vega from the script `onthemove serve`
hands out (`serve.chart_bundle`), with its alt text and its summary.

A control's move then costs the kernel the spec (~2 ms) instead of an SVG (~40 ms). Where
the script cannot load (JupyterLab, which serves no such file), the browser says so and
the kernel draws the SVG instead, as `charts` does for cells; nothing else changes.
"""

from pathlib import Path

import anywidget
import traitlets

from .. import charts
from ..serve import chart_bundle

_HERE = Path(__file__).parent


class ChartView(anywidget.AnyWidget):
    """One chart that a widget redraws (`show`); the browser draws it from `spec`."""

    _esm = _HERE / "chart_view.js"
    _css = _HERE / "chart_view.css"
    spec = traitlets.Dict().tag(sync=True)
    alt = traitlets.Unicode("Chart").tag(sync=True)
    summary = traitlets.Unicode().tag(sync=True)  # the caption: empty where the app shows the summary itself
    bundle = traitlets.Unicode(chart_bundle.url_path()).tag(sync=True)
    svg = traitlets.Unicode().tag(sync=True)  # only where the browser could not load the bundle

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.in_kernel = False  # set once the browser says it cannot draw
        self.on_msg(self._message)

    def show(self, chart):
        """Draw an Altair chart: its spec to the browser, or the SVG where the browser cannot draw it."""
        spec = chart.to_dict(validate=False, context={"pre_transform": False})  # the builders' specs are checked by the tests
        with self.hold_sync():
            self.spec, self.alt, self.summary = spec, charts.alt_text(spec), charts.caption_text(spec)
            self.svg = charts.svg_of(spec) if self.in_kernel else ""

    def _message(self, _widget, content, _buffers):
        """The browser could not load the bundle: from now on draw in the kernel."""
        if isinstance(content, dict) and content.get("cannot_draw") and not self.in_kernel:
            self.in_kernel = True
            self.svg = charts.svg_of(self.spec) if self.spec else ""
