"""What every benchmark script shares (run them from the repo root): timing and a district."""

import argparse
import tempfile
import time

from onthemove_widgets.data import load_district
from onthemove_widgets.data.demo import generate_district


def best_of(repeats, work):
    """Fastest of `repeats` runs, in seconds, and the last result."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def district_arguments(description, schools=100, students=700):
    """The options every district-sized benchmark takes: --schools, --students, --repeats."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--schools", type=int, default=schools)
    parser.add_argument("--students", type=int, default=students, help="students per school")
    parser.add_argument("--repeats", type=int, default=5)
    return parser.parse_args()


def generated_district(schools, students):
    """A generated district, loaded, and the seconds generating and loading it took."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        district = load_district(generate_district(folder, schools=schools, students_per_school=students))
        return district, time.perf_counter() - start
