"""Peak memory and time of importing a large export, as a ratio to the file's size.

Run:  python benchmarks/bench_import.py            (a CAASPP file and a MAP file of about 200 MB each)
      python benchmarks/bench_import.py --mb 20    (a quicker check)

Writes a CAASPP Student Score Data File and a MAP Growth AssessmentResults.csv of the
asked size (the importers' own header names, plus filler fields standing for the
layouts' many columns the importers do not read), then, each in a fresh child process,
reads it, writes the district folder and validates it, and prints the child's peak
resident memory against the file's size.
"""

import argparse
import csv
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from onthemove_widgets.importers import caaspp, nwea_map

FILLER = 40  # fields a real layout carries that no importer reads (claim levels, lexiles, growth columns)

CHILD = """
import re, sys, time
from onthemove_widgets.importers.run import import_into_folder
start = time.perf_counter()
problems = import_into_folder(sys.argv[1], [sys.argv[2]], out=sys.argv[3]).problems
seconds = time.perf_counter() - start
assert not problems, [str(p)[:300] for p in problems[:3]]
print(seconds, int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read())[1]) * 1024)
"""
IDLE = """
import re
import onthemove_widgets.importers.run, onthemove_widgets.importers.write, onthemove_widgets.data.validate, pandas
print(0, int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read())[1]) * 1024)
"""


def caaspp_rows(rng, schools):
    """Header and an endless supply of Smarter Balanced records, two subjects per student, scores in the grade's range."""
    with open(caaspp.REFERENCE, encoding="utf-8") as file:
        ranges = {(r["subject"], int(r["grade"])): (int(r["lowest_score"]), int(r["highest_score"])) for r in csv.DictReader(file)}
    header = [caaspp.REQUIRED[k][0] for k in caaspp.REQUIRED] + [caaspp.OPTIONAL[k][0] for k in caaspp.OPTIONAL]
    header += [f"Filler Field {i}" for i in range(FILLER)]
    student = 0
    yield header
    while True:
        student += 1
        grade = rng.choice(["03", "04", "05", "06", "07", "08", "11"])
        school = f"{rng.randrange(schools):07d}"
        for subject in ("ELA", "Math"):
            score = str(rng.randint(*ranges[subject, int(grade)]))
            values = {"ssid": f"{student:010d}", "record_type": f"SB {subject}", "grade": grade, "school_code": school, "scale_score": score,
                      "last_name": f"Last{student % 997}", "first_name": f"First{student % 89}", "school_name": f"School {school}",
                      "district_name": "Benchmark Unified", "gender": rng.choice("FM"), "ethnicity": rng.choice(list(caaspp.ETHNICITY)),
                      "elas": rng.choice(["EO", "EL", "RFEP"]), "disabilities": rng.choice(["Yes", "No"]),
                      "disadvantaged": rng.choice(["Yes", "No"]), "level": "", "include": "Y", "condition": "",
                      "completed": "05/14/2024", "year": "2024"}
            yield [values[k] for k in [*caaspp.REQUIRED, *caaspp.OPTIONAL]] + [str(rng.randint(1, 4)) for _ in range(FILLER)]


def map_rows(rng, schools):
    """Header and an endless supply of MAP test events (the combined file): three terms, two subjects per student."""
    keys = ["term", "school", "student_id", "subject", "date", "percentile", "rit", "grade", "district", "first_name", "last_name",
            "gender", "race_ethnicity"]
    header = [nwea_map.WANTED[k][0] for k in keys] + [f"FillerField{i}" for i in range(FILLER // 2)]
    student = 0
    yield header
    while True:
        student += 1
        school, grade = f"School {rng.randrange(schools)}", str(rng.randint(1, 8))
        for term, date in (("Fall 2023-2024", "08/24/2023"), ("Winter 2023-2024", "1/9/24"), ("Spring 2023-2024", "05/01/2024")):
            for subject in ("Mathematics", "Reading"):
                values = [term, school, f"{student:08d}", subject, date, str(rng.randint(1, 99)), str(rng.randint(140, 260)), grade,
                          "Benchmark USD", f"First{student % 89}", f"Last{student % 997}", "F" if student % 2 else "M", "Asian"]
                yield values + [str(rng.randint(0, 30)) for _ in range(FILLER // 2)]


def write_rows(path, rows, delimiter, mb):
    """Rows to `path` until it holds `mb` megabytes."""
    limit = mb * 1e6
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for row in rows:
            out.write(delimiter.join(row) + "\n")
            if out.tell() >= limit:
                break
    return path


def measure(code, *args):
    """Seconds and peak resident bytes of a child process running `code`."""
    out = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    seconds, peak = out.stdout.split()[-2:]
    return float(seconds), int(peak)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=200, help="approximate size of each export in MB")
    parser.add_argument("--schools", type=int, default=300, help="schools the students are spread over (a province: 4800)")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        files = {"caaspp": write_rows(folder / "scores.txt", caaspp_rows(rng, args.schools), "^", args.mb),
                 "nwea-map": write_rows(folder / "AssessmentResults.csv", map_rows(rng, args.schools), ",", args.mb)}
        _, idle = measure(IDLE)
        print(f"{'export':<10}{'MB':>8}{'seconds':>9}{'peak MB':>10}{'× file':>8}{'× file, above idle':>20}")
        for kind, path in files.items():
            size = path.stat().st_size
            seconds, peak = measure(CHILD, kind, path, folder / f"{kind}-district")
            print(f"{kind:<10}{size / 1e6:>8,.0f}{seconds:>9.1f}{peak / 1e6:>10,.0f}{peak / size:>8.1f}{(peak - idle) / size:>20.1f}")
        print(f"(the interpreter with the importers and pandas loaded: {idle / 1e6:,.0f} MB)")


if __name__ == "__main__":
    main()
