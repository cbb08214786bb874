"""`ChartView` sends an app's chart to the browser as its spec, and draws the SVG in the kernel
only where the browser says it cannot load the charts' script."""

import os
import re

import pandas as pd
import pytest

from onthemove_widgets import charts
from onthemove_widgets.serve import chart_bundle
from onthemove_widgets.widgets.chart_view import ChartView

COUNTS = pd.DataFrame({"group": ["All students"] * 4 + ["<b>Oak</b>"] * 4, "band": ["below", "near", "at", "above"] * 2,
                       "students": [1, 2, 3, 4, 4, 3, 2, 1], "percent": [10.0, 20, 30, 40, 40, 30, 20, 10]})


@pytest.fixture
def chart():
    return charts.band_mix_by_group(COUNTS, "group", "Students in each band", "Group")


def test_show_sends_the_spec_its_alt_text_and_summary_and_no_svg(chart):
    view = ChartView()
    view.show(chart)
    assert view.spec == chart.to_dict()  # the same spec the tests validate
    assert view.alt == "Chart: Students in each band. All students: 7 of 10 at or above proficiency. <b>Oak</b>: 3 of 10 at or above proficiency."
    assert view.summary == "All students: 7 of 10 at or above proficiency. <b>Oak</b>: 3 of 10 at or above proficiency."  # shown as text
    assert view.svg == ""


def test_a_chart_whose_app_shows_its_summary_itself_has_no_caption(chart):
    view = ChartView()
    view.show(charts.described(chart, "Said beside it.", caption=False))
    assert view.summary == "" and view.alt.endswith("Said beside it.")


def test_a_browser_that_cannot_load_the_script_gets_the_svg_from_then_on(chart):
    view = ChartView()
    view.show(chart)
    view._message(view, {"something": "else"}, [])
    assert view.svg == "" and not view.in_kernel  # anything but the one message is ignored
    view._message(view, {"cannot_draw": "TypeError: Failed to fetch"}, [])
    assert view.svg.startswith("<svg") and view.svg.count('aria-roledescription="bar"') == 8 and "<script" not in view.svg
    view.show(charts.band_mix_by_group(COUNTS.head(4), "group", "Only the school", "Group"))
    assert view.svg.count('aria-roledescription="bar"') == 4  # the next chart is drawn in the kernel too


def test_the_bundle_is_written_once_under_its_version_and_served_under_that_name(tmp_path):
    path = chart_bundle.write(tmp_path)
    assert path.relative_to(tmp_path).as_posix() == chart_bundle.file_name()
    assert chart_bundle.url_path() == f"voila/templates/onthemove/static/{chart_bundle.file_name()}?v={chart_bundle._version()}"
    assert "window.vegaEmbed=" in path.read_text()
    stamp = path.stat().st_mtime_ns
    os.utime(path, ns=(stamp - 10**9, stamp - 10**9))
    assert chart_bundle.write(tmp_path).stat().st_mtime_ns == stamp - 10**9  # not made again
    assert list(path.parent.iterdir()) == [path]  # no partial file left behind


def test_stacked_bars_keep_band_order_and_read_out_no_codes():
    shuffled = COUNTS.sample(frac=1, random_state=3)
    svg = charts.band_mix_by_group(shuffled, "group", "Students in each band", "Group")._repr_mimebundle_()[0]["image/svg+xml"]
    bars = re.findall(r'<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="bar" d="M([\d.]+),', svg)
    assert len(bars) == 8 and not any("rank" in label or "band_" in label for label, _ in bars)
    for group in ("All students", "&lt;b&gt;Oak&lt;/b&gt;"):
        starts = {re.search(r"Band: (\w+)", label)[1]: float(x) for label, x in bars if f"Group: {group};" in label}
        assert sorted(starts, key=starts.get) == ["Below", "Near", "At", "Above"]  # left to right, whatever the rows' order
