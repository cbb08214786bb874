"""The wall's HTML escapes whatever came from a file or a person."""

import pandas as pd

from onthemove_widgets.analysis.bands import BAND_TYPE
from onthemove_widgets.analysis.subgroups import band_by_group
from onthemove_widgets.widgets.html import counts_html, wall_html

HOSTILE = "<img src=x onerror=alert(1)>"


def frame():
    return pd.DataFrame(
        {
            "student_id": ["1", "2"],
            "label": [HOSTILE, "Ana <script>alert(1)</script>"],
            "class_period": [1, 2],
            "band": pd.Categorical(["below", "above"], dtype=BAND_TYPE),
            "score": [2300.0, float("nan")],
            "target": [2350.0, float("nan")],
            "overridden": [True, False],
            "override_reason": ['moved "up" & <b>why</b>', ""],
            "english_learner": [True, False],
            "race_ethnicity": ["<i>x</i>", "White"],
        }
    )


def test_wall_escapes_names_and_reasons():
    html = wall_html(frame(), ["english_learner"])
    assert "<img" not in html and "<script" not in html and "<b>why" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert '<span class="otm-reason">Moved by the team: moved &quot;up&quot; &amp; &lt;b&gt;why&lt;/b&gt;</span>' in html  # on the card, not on hover
    assert '<span class="otm-badge">EL</span>' in html
    assert "score – → target –" in html  # a missing score reads as a dash


def test_subgroup_headings_are_escaped():
    html = wall_html(frame(), [], subgroup="race_ethnicity")
    assert '<div class="otm-sub">&lt;i&gt;x&lt;/i&gt;</div>' in html


def test_counts_table_cells_carry_group_and_band():
    counts = band_by_group(frame(), "race_ethnicity")
    html = counts_html(counts)
    assert '<td data-group="All students" data-band="below">1</td>' in html
    assert '<td data-group="&lt;i&gt;x&lt;/i&gt;" data-band="below">1</td>' in html
    assert "<i>x</i>" not in html
