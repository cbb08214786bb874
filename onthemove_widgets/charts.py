"""Altair chart builders: aggregated DataFrame in, chart out.

The SVG renderer is enabled here, once, so every chart is drawn in the kernel and
shows with no internet (Altair's default renderer loads its scripts from a CDN); it
also gives each chart its title as alt text, which exported HTML (the school reports)
puts on the chart's image for screen readers. Charts receive counts, never student
rows, so no name can end up in a chart's data.
"""

import html
from urllib.parse import quote

import altair as alt
import pandas as pd

from .analysis.bands import BAND_LABELS, BANDS
from .framework import load_framework

SVG_RENDERER = "onthemove_svg"


THEME = "onthemove_projector"
TEXT_SIZE, TITLE_SIZE = 14, 18
"""Chart text in px as drawn: 12 px is the least a room reads off a projector."""


def _text(value):
    if isinstance(value, dict):
        value = value.get("text", "")
    if isinstance(value, list):
        value = " ".join(map(str, value))
    return str(value or "").strip()


def alt_text(spec):
    """What a screen reader says for a chart: 'Chart: <title>. <summary>' (a layered chart's title from its first layer)."""
    parts = spec.get("layer") or spec.get("vconcat") or spec.get("hconcat") or spec.get("concat") or [{}]
    title = _text(spec.get("title") or parts[0].get("title"))
    summary = _text(spec.get("description") or parts[0].get("description"))
    text = f"{title.rstrip('.')}. {summary}" if title and summary else title or summary
    return f"Chart: {text}" if text else "Chart"


def described(chart, summary, caption=True):
    """The chart carrying its plain-language summary: the second half of its alt text, and its
    caption on the page unless the app shows the summary beside it itself (`caption=False`)."""
    if not summary:
        return chart
    return chart.properties(description=summary, usermeta={"caption": caption})


def _projector_theme():
    """Text sizes a room reads from the back (Vega-Lite's 10–11 px defaults are too small)."""
    text = {"labelFontSize": TEXT_SIZE, "titleFontSize": TEXT_SIZE + 1}
    return {"config": {
        "axis": text, "legend": {**text, "symbolSize": 140}, "header": text, "title": {"fontSize": TITLE_SIZE, "anchor": "start"},
        "text": {"fontSize": TEXT_SIZE}, "view": {"continuousWidth": 640, "continuousHeight": 300},
    }}


def caption_text(spec):
    """The summary shown under a chart: its plain-language summary, unless the app shows it beside the chart itself."""
    return _text(spec.get("description")) if (spec.get("usermeta") or {}).get("caption", True) else ""


def svg_of(spec):
    """The chart's SVG, drawn in this process (vl-convert), from its Vega-Lite spec."""
    return alt.renderers.get()(spec)[0]["image/svg+xml"]


def figure_html(svg, spec):
    """The chart as an image with its alt text, and its summary under it for everyone in the room.

    Front ends draw a bare `image/svg+xml` output with no alt text (JupyterLab and Voilà
    ignore its metadata), so the HTML form, which they prefer, carries it; the image
    scales down with the page and never up.
    """
    source = quote(svg, safe=" =:/;,'")
    summary = caption_text(spec)
    caption = f'<figcaption class="otm-chart-summary" style="max-width:46em;font-size:16px">{html.escape(summary)}</figcaption>' if summary else ""
    return (
        f'<figure class="otm-chart" style="margin:0 0 1em"><img src="data:image/svg+xml,{source}" alt="{html.escape(alt_text(spec))}"'
        f' style="max-width:100%;height:auto">{caption}</figure>'
    )


def _register_renderer():
    alt.renderers.enable("svg")
    svg = alt.renderers.get()

    def svg_with_alt_text(spec, **options):
        bundle = svg(spec, **options)
        return {**bundle, "text/html": figure_html(bundle["image/svg+xml"], spec)}, {"image/svg+xml": {"alt": alt_text(spec)}}

    alt.renderers.register(SVG_RENDERER, svg_with_alt_text)
    alt.renderers.enable(SVG_RENDERER)


def _skip_second_validation():
    """In a kernel, display a chart without Altair checking its spec against the schema again.

    Altair validates a spec each time a chart is shown (about 15 ms, a quarter of drawing
    one); our builders' specs are checked once, by the tests (`to_dict()` validates). An
    IPython printer registered for Altair's charts takes precedence over their
    `_repr_mimebundle_`, and hands the same spec to the same renderer.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.mimebundle_formatter.for_type(
            alt.TopLevelMixin, lambda chart, **_: alt.renderers.get()(chart.to_dict(validate=False, context={"pre_transform": False})))


alt.theme.register(THEME, enable=True)(_projector_theme)
_register_renderer()
_skip_second_validation()


def warm_up():
    """Draw a small chart and throw it away.

    A kernel's first chart costs about a second more than the next ones (the renderer
    starts, Altair compiles its schema); a report batch pays it before its first school
    (the report notebook's `onthemove.warm_up` metadata calls this).
    """
    frame = pd.DataFrame({"window": ["baseline", "cycle_1"], "mean": [1.0, 2.0]})
    alt.Chart(frame, title="warm-up").mark_line(point=True).encode(x="window:O", y="mean:Q", color="window:N")._repr_mimebundle_()

# Stacked bars follow their colour's sort: an `order` channel would put its rank field into
# every bar's description, which a screen reader reads out as a code.

# A diverging orange-to-blue palette (ColorBrewer PuOr/RdBu family) that stays
# distinguishable with the common colour-vision deficiencies.
BAND_COLOURS = {"below": "#d95f02", "near": "#fdb863", "at": "#92c5de", "above": "#2166ac"}


def at_or_above_words(counts, group="group"):
    """The plain-language summary of a band mix: each group's students at or above proficiency."""
    parts = []
    for name, part in counts.groupby(group, sort=False):
        total = int(part["students"].sum())
        above = int(part.loc[part["band"].isin(["at", "above"]), "students"].sum())
        parts.append(f"{name}: {above} of {total} at or above proficiency.")
    return " ".join(parts)


def band_mix_by_group(counts, group, title, group_title=None):
    """Stacked horizontal bars: the percent of students in each band, one bar per group, summarised in words."""
    return described(_band_mix_bars(counts, group, title, group_title), at_or_above_words(counts, group))


def _band_mix_bars(counts, group, title, group_title):
    data = counts.assign(band_label=counts["band"].map(BAND_LABELS).astype(str))
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
            tooltip=[alt.Tooltip(f"{group}:N", title=group_title or group), alt.Tooltip("band_label:N", title="Band"), alt.Tooltip("students:Q", title="Students"), alt.Tooltip("percent:Q", title="Percent", format=".0f")],
        )
        .properties(width=640, height=alt.Step(34))
    )

# Okabe–Ito: eight colours told apart with every common colour-vision deficiency.
GROUP_COLOURS = ["#000000", "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442"]
HINGE_COLOUR = "#D55E00"


def _shown(table):
    """Rows a chart may draw: suppressed groups leave no point, bar or tooltip behind."""
    return table.loc[~table["suppressed"]].astype({"window": str, "group": str}, errors="ignore")


def _windows(table):
    return list(dict.fromkeys(table["window"].astype(str)))


def growth_lines(means, title):
    """Mean score per window, one line per group (all students in black)."""
    data = _shown(means)[["window", "group", "n", "mean"]]
    groups = list(dict.fromkeys(data["group"]))
    return (
        alt.Chart(data, title=title)
        .mark_line(point=True)
        .encode(
            x=alt.X("window:O", title="Assessment window", sort=_windows(means)),
            y=alt.Y("mean:Q", title="Mean score", scale=alt.Scale(zero=False)),
            color=alt.Color("group:N", title="Group", sort=groups, scale=alt.Scale(domain=groups, range=GROUP_COLOURS[: len(groups)])),
            tooltip=[alt.Tooltip("group:N", title="Group"), alt.Tooltip("window:O", title="Window"), alt.Tooltip("mean:Q", title="Mean", format=".1f"), alt.Tooltip("n:Q", title="Students")],
        )
        .properties(width=720, height=320)
    )


def slope_chart(means, before, after, title):
    """Each group's mean at two windows, joined by a line: steeper is faster growth."""
    chosen = means.loc[means["window"].astype(str).isin([before, after])]
    return growth_lines(chosen, title).properties(width=420)


def band_mix_over_time(counts, title):
    """Stacked bars of the band mix per window, one row of bars per group."""
    data = _shown(counts).assign(band_label=lambda f: f["band"].map(BAND_LABELS).astype(str))
    labels = [BAND_LABELS[b] for b in BANDS]
    return (
        alt.Chart(data, title=title)
        .mark_bar()
        .encode(
            x=alt.X("window:O", title="Assessment window", sort=_windows(counts)),
            y=alt.Y("percent:Q", title="Percent of students", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("band_label:N", title="Proficiency band", sort=labels, scale=alt.Scale(domain=labels, range=[BAND_COLOURS[b] for b in BANDS])),
            row=alt.Row("group:N", title=None, sort=list(dict.fromkeys(data["group"]))),
            tooltip=[alt.Tooltip("group:N", title="Group"), alt.Tooltip("window:O", title="Window"), alt.Tooltip("band_label:N", title="Band"), alt.Tooltip("percent:Q", title="Percent", format=".0f")],
        )
        .properties(width=640, height=130)
    )


def run_chart_plot(chart, title):
    """Points in time order, the median line, and the points that belong to a signal."""
    points = chart.points.assign(signal=chart.points[["shift", "trend", "astronomical"]].any(axis=1).map({True: "part of a signal", False: "ordinary"}))
    order = list(points["label"])
    base = alt.Chart(points, title=title).encode(x=alt.X("label:O", title="Assessment window", sort=order))
    line = base.mark_line(color="#777777").encode(y=alt.Y("value:Q", title="Mean score", scale=alt.Scale(zero=False)))
    dots = base.mark_point(filled=True, size=70).encode(
        y="value:Q",
        color=alt.Color("signal:N", title=None, scale=alt.Scale(domain=["ordinary", "part of a signal"], range=["#0072B2", HINGE_COLOUR])),
        tooltip=[alt.Tooltip("label:O", title="Window"), alt.Tooltip("value:Q", title="Mean", format=".1f")],
    )
    median = alt.Chart(pd.DataFrame({"median": [chart.median], "text": [f"median {chart.median:.1f}"]})).mark_rule(strokeDash=[6, 4], color="#000000").encode(y="median:Q")
    return (line + dots + median).properties(width=720, height=300)


def effect_size_bars(effects, title, hinge=0.40):
    """Effect size of growth per group with its 95% interval, against the 0.40 hinge point."""
    data = effects.loc[~effects["suppressed"], ["group", "n", "d", "ci_low", "ci_high"]].astype({"group": str})
    groups = list(data["group"])
    base = alt.Chart(data, title=title).encode(y=alt.Y("group:N", title=None, sort=groups))
    bars = base.mark_bar(color="#0072B2").encode(
        x=alt.X("d:Q", title="Effect size (d)"),
        tooltip=[alt.Tooltip("group:N", title="Group"), alt.Tooltip("d:Q", format=".2f"), alt.Tooltip("ci_low:Q", title="95% from", format=".2f"), alt.Tooltip("ci_high:Q", title="to", format=".2f"), alt.Tooltip("n:Q", title="Students")],
    )
    whiskers = base.mark_rule(color="#000000").encode(x="ci_low:Q", x2="ci_high:Q")
    rule = alt.Chart(pd.DataFrame({"hinge": [hinge]})).mark_rule(color=HINGE_COLOUR, strokeDash=[6, 4], size=2).encode(x="hinge:Q")
    return (bars + whiskers + rule).properties(width=640, height=max(80, 36 * len(groups)))


def evidence_per_indicator(coverage, title):
    """Horizontal bars: how many evidence entries name each success indicator, in the framework's order (zeros kept)."""
    data = coverage[["name", "entries"]]
    return described(
        alt.Chart(data, title=title)
        .mark_bar(color="#0072B2")
        .encode(
            y=alt.Y("name:N", title=None, sort=list(data["name"])),
            x=alt.X("entries:Q", title="Evidence entries", axis=alt.Axis(tickMinStep=1)),
            tooltip=[alt.Tooltip("name:N", title="Indicator"), alt.Tooltip("entries:Q", title="Entries")],
        )
        .properties(width=560, height=alt.Step(30)),
        _coverage_words(data),
    )


def _coverage_words(data):
    """How the evidence spreads over the indicators, in a sentence or two."""
    if not data["entries"].sum():
        return "No evidence entries yet."
    most = data.loc[data["entries"].idxmax()]
    missing = list(data.loc[data["entries"] == 0, "name"])
    text = f"{int(data['entries'].sum())} evidence entries; the most ({int(most['entries'])}) name {most['name']}."
    return text + (f" None yet for: {', '.join(missing)}." if missing else "")


# Okabe–Ito again: warm for the profiles still building capacity, blues as coherence nears.
PROFILE_COLOURS = {"compliant": "#E69F00", "resistant": "#D55E00", "fragmented": "#56B4E9", "coherent": "#0072B2"}


def profile_shares(shares, title):
    """Stacked horizontal bars: the percent of respondents choosing each profile, one bar per key indicator.

    `shares` is `analysis.capacity`'s indicator × profile table of percents.
    """
    fw = load_framework()
    indicators = {i.key: i.name for i in fw.capacity_survey}
    names = [p.name for p in fw.profiles]
    data = (
        shares.rename_axis(index="indicator", columns="profile").stack().rename("percent").reset_index()
        .assign(indicator=lambda f: f["indicator"].map(indicators), profile=lambda f: f["profile"].map(lambda k: fw.profile(k).name))
    )
    return (
        alt.Chart(data, title=title)
        .mark_bar()
        .encode(
            y=alt.Y("indicator:N", title=None, sort=list(indicators.values())),
            x=alt.X("percent:Q", title="Percent of respondents", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("profile:N", title="Profile", sort=names, scale=alt.Scale(domain=names, range=[PROFILE_COLOURS[p.key] for p in fw.profiles])),
            tooltip=[alt.Tooltip("indicator:N", title="Indicator"), alt.Tooltip("profile:N", title="Profile"), alt.Tooltip("percent:Q", title="Percent", format=".0f")],
        )
        .properties(width=640, height=alt.Step(34))
    )
