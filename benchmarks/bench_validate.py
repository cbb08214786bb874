"""Peak memory and time of validating a large district, as a ratio to the file's size.

Run:  python benchmarks/bench_validate.py            (an assessments.csv of about 200 MB)
      python benchmarks/bench_validate.py --mb 20    (a quicker check)

Generates a district with the demo generator, then runs `validate_district` and
`load_district` each in a fresh child process (so one run's memory cannot hide in the
next) and prints the child's peak resident memory against the size of assessments.csv.
The "import only" row is what the interpreter and libraries cost before any data.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from onthemove_widgets.data.demo import generate_district

MB_PER_SCHOOL = 0.42  # assessments.csv megabytes a generated school of default size writes

# VmHWM, not getrusage: a child's ru_maxrss starts at its parent's size (fork before exec).
CHILD = """
import re, sys, time
from onthemove_widgets.data import load_district, validate_district
start = time.perf_counter()
result = {work}
seconds = time.perf_counter() - start
print(seconds, int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read())[1]) * 1024)
"""
CASES = {
    "import only": "None",
    "validate_district": "validate_district(sys.argv[1])",
    "load_district": "load_district(sys.argv[1])",
}


def measure(work, folder):
    """Seconds of `work` and the peak resident bytes of the child process that ran it."""
    out = subprocess.run([sys.executable, "-c", CHILD.format(work=work), str(folder)], check=True, capture_output=True, text=True)
    seconds, peak = out.stdout.split()[-2:]
    return float(seconds), int(peak)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=200, help="approximate size of assessments.csv in MB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = generate_district(folder, schools=max(1, round(args.mb / MB_PER_SCHOOL)))
        size = (out / "assessments.csv").stat().st_size
        total = sum(f.stat().st_size for f in Path(out).iterdir())
        print(f"assessments.csv {size / 1e6:,.1f} MB (all four files {total / 1e6:,.1f} MB)\n")
        print(f"{'case':<20}{'seconds':>9}{'peak MB':>10}{'× file':>8}")
        for label, work in CASES.items():
            seconds, peak = measure(work, out)
            print(f"{label:<20}{seconds:>9.1f}{peak / 1e6:>10,.0f}{peak / size:>8.1f}")


if __name__ == "__main__":
    main()
