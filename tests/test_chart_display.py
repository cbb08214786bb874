"""In a kernel, a chart is shown through our printer: the bundle Altair's own display gives, without validating twice."""

import altair as alt
import pandas as pd
from IPython.core.interactiveshell import InteractiveShell

from onthemove_widgets import charts


def test_a_shell_shows_a_chart_as_altairs_display_does_without_validating_again(monkeypatch):
    shell = InteractiveShell.instance()
    charts._skip_second_validation()
    chart = charts.described(alt.Chart(pd.DataFrame({"window": ["Fall", "Spring"], "mean": [1.0, 2.0]}), title="Means")
                             .mark_line().encode(x="window:O", y="mean:Q"), "The mean rose from 1 to 2.")
    data, metadata = shell.display_formatter.format(chart)
    own, own_metadata = chart._repr_mimebundle_()
    assert data["image/svg+xml"] == own["image/svg+xml"] and data["text/html"] == own["text/html"]
    assert metadata == own_metadata and metadata["image/svg+xml"]["alt"] == "Chart: Means. The mean rose from 1 to 2."
    checked = []
    monkeypatch.setattr(alt.Chart, "validate", lambda self, *a, **k: checked.append(1))
    shell.display_formatter.format(chart)
    assert checked == []
