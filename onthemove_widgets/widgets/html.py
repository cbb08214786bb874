"""HTML for the data wall and its tables, as plain functions on DataFrames.

Every piece of text that came from a file or a person goes through `html.escape`, so
a name like `<img onerror=…>` shows as text. One HTML view for a whole wall keeps a
3,000-student school usable (no widget per student).
"""

from html import escape

import pandas as pd

from ..analysis.bands import BAND_LABELS, BANDS
from ..analysis.subgroups import value_label

BADGES = {"english_learner": "EL", "students_with_disabilities": "SWD", "socioeconomically_disadvantaged": "SED"}
STYLE = """<style>
.otm-wall{display:grid;grid-template-columns:repeat(4,1fr);gap:8px;font-size:16px}
.otm-col{background:#f6f6f6;border-radius:6px;padding:6px;min-height:80px}
.otm-col h4{margin:2px 0 6px;font-size:18px}
.otm-card{background:#fff;border:1px solid #ccc;border-left:5px solid var(--band);border-radius:4px;padding:2px 6px;margin-bottom:3px;line-height:1.3}
.otm-card.override{outline:2px dashed #6a3d9a}
.otm-badge{display:inline-block;background:#e8e8e8;border-radius:3px;padding:0 3px;margin-right:2px;font-size:16px}
.otm-sub{font-size:16px;color:#444;margin:6px 0 2px}
.otm-reason{display:block;color:#4a2a7a;font-style:italic}
.otm-more{font-size:16px;font-weight:bold;color:#7a3b00;margin:6px 0 2px}
.otm-table{border-collapse:collapse;font-size:16px}.otm-table td,.otm-table th{border:1px solid #ddd;padding:2px 6px;text-align:right}
.otm-table th:first-child,.otm-table td:first-child{text-align:left}
</style>"""
BAND_COLOURS = {"below": "#d95f02", "near": "#fdb863", "at": "#92c5de", "above": "#2166ac"}


def _number(value):
    return "–" if value != value else f"{value:.0f}"  # NaN is the only value not equal to itself


def _badges(row, group_columns):
    badges = [BADGES.get(c, c.replace("_", " ")) for c in group_columns if row.get(c) is True]
    return "".join(f'<span class="otm-badge">{escape(b)}</span>' for b in badges)


def _card(row, group_columns):
    """One student; a student the team moved says why on the card itself, not only on hover."""
    moved = row.get("overridden")
    reason = f'<span class="otm-reason">Moved by the team: {escape(str(row["override_reason"]))}</span>' if moved else ""
    return (
        f'<div class="{"otm-card override" if moved else "otm-card"}" style="--band:{BAND_COLOURS[row["band"]]}" data-student="{escape(str(row["student_id"]))}">'
        f'<b>{escape(row["label"])}</b>{_period(row["class_period"])}<br>'
        f'{_badges(row, group_columns)} score {_number(row["score"])} → target {_number(row["target"])}{reason}</div>'
    )


def _period(period):
    """' · Period 3' on a card, nothing where the district did not record a period."""
    return "" if pd.isna(period) else f" · Period {escape(str(period))}"


def _more(shown, total, page, page_size):
    """Where the rest of a column is: 'Cards 1–40 of 44. 4 more on page 2 (Page, below the wall).'"""
    if total <= page_size:
        return ""
    first, pages = page * page_size + 1, -(-total // page_size)
    later = total - page * page_size - shown
    where = f"{later} more on page {page + 2} of {pages}" if later > 0 else f"the first {first - 1} are on earlier pages"
    return f'<div class="otm-more">Cards {first}–{first + shown - 1} of {total}; {where} (change Page, under the wall).</div>'



def wall_html(frame, group_columns, page=0, page_size=50, subgroup=None):
    """Four columns (below … above) of student cards, `page_size` cards per column.

    `frame` is sorted already and has `label`, `band`, `score`, `target`, and the
    override columns; `subgroup` adds a heading whenever its value changes.
    """
    columns = []
    for band in BANDS:
        rows = frame.loc[frame["band"] == band]
        shown = rows.iloc[page * page_size : (page + 1) * page_size]
        cards, current = [], object()
        for row in shown.to_dict("records"):
            if subgroup and row[subgroup] != current:
                current = row[subgroup]
                cards.append(f'<div class="otm-sub">{escape(value_label(subgroup, current))}</div>')
            cards.append(_card(row, group_columns))
        more = _more(len(shown), len(rows), page, page_size)
        columns.append(f'<div class="otm-col" data-band="{band}"><h4>{BAND_LABELS[band]} ({len(rows)})</h4>{"".join(cards)}{more}</div>')
    return STYLE + f'<div class="otm-wall">{"".join(columns)}</div>'


def counts_html(counts):
    """`band_by_group`'s table: students, percent and gap to all students, per band.

    Each count cell carries `data-group` and `data-band`, so a browser test can read
    the numbers a room sees and compare them with the package's.
    """
    header = "".join(f"<th colspan=2>{BAND_LABELS[b]}</th>" for b in BANDS)
    rows = []
    for group, part in counts.groupby("group", sort=False):
        part, name = part.set_index("band"), escape(str(group))
        cells = "".join(
            f'<td data-group="{name}" data-band="{b}">{int(part.at[b, "students"])}</td><td>{_percent(part.at[b, "percent"])}{_gap(part.at[b, "gap"])}</td>'
            for b in BANDS
        )
        rows.append(f"<tr><td>{name}</td>{cells}</tr>")
    return STYLE + f'<table class="otm-table"><tr><th>Group</th>{header}</tr>{"".join(rows)}</table>'


def _percent(value):
    return "–" if value != value else f"{value:.0f}%"


def _gap(gap):
    return "" if gap != gap or round(gap) == 0 else f" ({gap:+.0f})"
