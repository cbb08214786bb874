"""Altair chart builders: aggregated DataFrame in, chart out.

The SVG renderer is enabled here, once, so every chart is drawn in the kernel and
shows with no internet (Altair's default renderer loads its scripts from a CDN).
Charts receive counts, never student rows, so no name can end up in a chart's data.
"""

import altair as alt

from .analysis.bands import BAND_LABELS, BANDS

alt.renderers.enable("svg")

# A diverging orange-to-blue palette (ColorBrewer PuOr/RdBu family) that stays
# distinguishable with the common colour-vision deficiencies.
BAND_COLOURS = {"below": "#d95f02", "near": "#fdb863", "at": "#92c5de", "above": "#2166ac"}


def band_mix_by_group(counts, group, title, group_title=None):
    """Stacked horizontal bars: the percent of students in each band, one bar per group."""
    data = counts.assign(band_label=counts["band"].map(BAND_LABELS).astype(str), band_rank=counts["band"].map(BANDS.index).astype(int))
    return (
        alt.Chart(data, title=title)
        .mark_bar()
        .encode(
            y=alt.Y(f"{group}:N", title=group_title or group, sort=None),
            x=alt.X("percent:Q", title="Percent of students", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color(
                "band_label:N",
                title="Proficiency band",
                sort=[BAND_LABELS[b] for b in BANDS],
                scale=alt.Scale(domain=[BAND_LABELS[b] for b in BANDS], range=[BAND_COLOURS[b] for b in BANDS]),
            ),
            order=alt.Order("band_rank:Q"),
            tooltip=[alt.Tooltip(f"{group}:N", title=group_title or group), alt.Tooltip("band_label:N", title="Band"), alt.Tooltip("students:Q", title="Students"), alt.Tooltip("percent:Q", title="Percent", format=".0f")],
        )
        .properties(width=420)
    )
