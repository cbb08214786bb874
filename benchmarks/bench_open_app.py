"""What an app pays to open one school: in a 12-school district and in an 80-school one.

Run:  python benchmarks/bench_open_app.py [--students 300] [--repeats 5]

An app opens "this school" through the session seam (`session.open_school`): the server
has split each district into school folders once (`school_index`, timed here too), so
an app reads its school's folder alone. Printed: the split of each district, the best
of `--repeats` opens of its first school, the ratio of the two opens (about 1 when the
cost does not grow with the district), and what loading the whole district (the old
way) costs beside it.
"""

import argparse
import os
import tempfile
from pathlib import Path

from timing import best_of

from onthemove_widgets.data import load_district
from onthemove_widgets.data.demo import generate_district
from onthemove_widgets.session import Choice, open_school, school_index


def measure(folder, schools, students, repeats):
    """(split seconds, open-one-school seconds, whole-district load seconds) for a generated district."""
    source = generate_district(Path(folder) / f"d{schools}", schools=schools, students_per_school=students)
    split, index = best_of(1, lambda: school_index(source))
    first = sorted(index)[0]
    opened, _ = best_of(repeats, lambda: open_school(Choice(data_dir=str(source), school_id=first)))
    whole, _ = best_of(1, lambda: load_district(source, school_id=first))
    return split, opened, whole


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=300, help="students per school")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ONTHEMOVE_CACHE"] = str(Path(folder) / "cache")
        rows = {n: measure(folder, n, args.students, args.repeats) for n in (12, 80)}
    print(f"{'schools':>8} {'split once s':>13} {'open one school s':>18} {'load whole district s':>22}")
    for n, (split, opened, whole) in rows.items():
        print(f"{n:>8} {split:>13.2f} {opened:>18.3f} {whole:>22.2f}")
    print(f"open one school, 80 / 12 schools: {rows[80][1] / rows[12][1]:.2f}x; whole-district load, 80 / 12: {rows[80][2] / rows[12][2]:.2f}x")


if __name__ == "__main__":
    main()
