"""Time the demo-district generator: the bundled district and a 4,800-school province.

Run:  python benchmarks/bench_demo.py          (12 schools; 4,800 schools x 50 students)
      python benchmarks/bench_demo.py --full   (adds 4,800 schools at default sizes, ~2.3 GB)

Prints one row per case: students, assessment rows, wall time, rows per second and
the size on disk. Timings stay out of the unit tests, where they would only be noise.
"""

import argparse
import tempfile
import time
from pathlib import Path

from onthemove_widgets.data.demo import generate_district

CASES = [("bundled district", 12, None), ("province, 50 a school", 4800, 50)]
FULL_CASE = ("province, default sizes", 4800, None)


def count_lines(path):
    """Data rows in a CSV (lines minus the header), read in blocks to stay fast on GB files."""
    with open(path, "rb") as file:
        return sum(block.count(b"\n") for block in iter(lambda: file.read(1 << 24), b"")) - 1


def run(label, schools, students_per_school):
    """Generate one case into a temporary folder and measure it."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        out = generate_district(folder, schools=schools, students_per_school=students_per_school)
        seconds = time.perf_counter() - start
        rows = count_lines(out / "assessments.csv")
        size = sum(f.stat().st_size for f in Path(out).iterdir())
        return label, schools, count_lines(out / "students.csv"), rows, seconds, size


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also time 4,800 schools at default sizes")
    cases = CASES + ([FULL_CASE] if parser.parse_args().full else [])
    print(f"{'case':<26}{'schools':>8}{'students':>11}{'rows':>12}{'seconds':>9}{'rows/s':>12}{'MB':>8}")
    for label, schools, students, rows, seconds, size in (run(*case) for case in cases):
        print(f"{label:<26}{schools:>8,}{students:>11,}{rows:>12,}{seconds:>9.1f}{rows / seconds:>12,.0f}{size / 1e6:>8.1f}")


if __name__ == "__main__":
    main()
