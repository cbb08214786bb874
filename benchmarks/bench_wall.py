"""Time re-rendering the data wall for one 3,000-student school.

Run:  python benchmarks/bench_wall.py [--students 3000]

A team changing a threshold waits for: the data wall (bands, targets, overrides, sort,
labels) and its HTML (one escaped view of four paged columns). Both are timed (best of
5) against plain pandas doing the least comparable work: a band merge with np.select,
a sort, and `DataFrame.to_html` of the shown rows. Printed as seconds and ratios.
"""

import argparse
import os
import platform
import tempfile

import numpy as np
import pandas as pd
from timing import best_of

from onthemove_widgets.analysis.subgroups import group_columns
from onthemove_widgets.analysis.wall import WallSettings, data_wall
from onthemove_widgets.data import load_district
from onthemove_widgets.data.demo import generate_district
from onthemove_widgets.widgets.html import wall_html

PAGE_SIZE = 40
NO_OVERRIDES = pd.DataFrame(columns=["student_id", "band", "reason"])


def plain_pandas(district):
    """Bands for one measure, sorted, and the first page of each band as a table."""
    scores = district.assessments.query("measure == 'cycle_check' and window == 'baseline'").merge(district.students, on="student_id")
    cuts = district.cut_scores.query("measure == 'cycle_check'")
    merged = scores.merge(cuts, on=["measure", "subject", "grade"])
    merged["band"] = np.select([merged.score >= merged.above, merged.score >= merged["at"], merged.score >= merged.near], ["above", "at", "near"], "below")
    merged = merged.sort_values(["class_period", "band", "score"])
    return "".join(part.head(PAGE_SIZE)[["student_id", "class_period", "score"]].to_html() for _, part in merged.groupby("band"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        generate_district(folder, schools=1, students_per_school=args.students)
        school = load_district(folder)
    settings = WallSettings(measures=(("cycle_check", "ELA"),))
    groups = group_columns(school.students)
    wall_seconds, frame = best_of(5, lambda: data_wall(school.students, school.assessments, school.cut_scores, NO_OVERRIDES, settings))
    html_seconds, html = best_of(5, lambda: wall_html(frame, groups, page_size=PAGE_SIZE))
    plain_seconds, _ = best_of(5, lambda: plain_pandas(school))
    ours = wall_seconds + html_seconds
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    cards = html.count('class="otm-card')
    print(f"school: {len(school.students):,} students; wall HTML {len(html) / 1024:.0f} KiB, {cards} cards on a page\n")
    print(f"{'step (best of 5)':<42}{'seconds':>10}")
    for name, seconds in (("data wall (bands, targets, sort, labels)", wall_seconds), ("wall HTML, one page per band", html_seconds), ("ours, total", ours), ("plain pandas: bands, sort, to_html", plain_seconds)):
        print(f"{name:<42}{seconds:>10.3f}")
    print(f"{'ratio ours / plain pandas':<42}{ours / plain_seconds:>10.2f}")


if __name__ == "__main__":
    main()
