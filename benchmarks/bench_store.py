"""Time the drafts store on SQLite: one writer alone, then 30 kernels saving at once.

Run:  python benchmarks/bench_store.py [--saves 100]

Prints one row per case: writers, saves, wall time, saves per second and the slowest
saves (95th percentile and maximum), which is what a coach waits for when a room of
teams all press Save. Each writer is its own process with its own Store, as a kernel is.
"""

import argparse
import multiprocessing
import statistics
import tempfile
import time
from pathlib import Path

from onthemove_widgets.store import Store

BODY = {"aim": "Every student reads at grade level by grade 3", "steps": ["screen", "group", "teach", "check"] * 10, "note": "x" * 2000}


def write(path, index, saves, start, results):
    """One kernel: ``saves`` saves of its own item, each timed."""
    store = Store(path)
    start.wait()
    latencies = []
    for n in range(saves):
        begun = time.perf_counter()
        store.save("plan", "s01", f"team-{index}", "main", BODY, based_on=n or None)
        latencies.append(time.perf_counter() - begun)
    results.put(latencies)


def run(writers, saves):
    """Time ``writers`` processes making ``saves`` saves each into a fresh database."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "drafts.db"
        Store(path)
        context = multiprocessing.get_context("spawn")
        start, results = context.Barrier(writers + 1), context.Queue()
        processes = [context.Process(target=write, args=(path, i, saves, start, results)) for i in range(writers)]
        for process in processes:
            process.start()
        start.wait()
        began = time.perf_counter()
        latencies = sorted(x for _ in processes for x in results.get())
        seconds = time.perf_counter() - began
        for process in processes:
            process.join()
    return writers, len(latencies), seconds, statistics.quantiles(latencies, n=20)[-1], latencies[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=100, help="saves per writer (default 100)")
    args = parser.parse_args()
    print(f"{'writers':>7} {'saves':>6} {'seconds':>8} {'saves/s':>8} {'p95 ms':>7} {'max ms':>7}")
    for writers, saves in ((1, args.saves * 10), (30, args.saves)):
        writers, total, seconds, p95, slowest = run(writers, saves)
        print(f"{writers:>7} {total:>6} {seconds:>8.2f} {total / seconds:>8.0f} {p95 * 1000:>7.1f} {slowest * 1000:>7.1f}")


if __name__ == "__main__":
    main()
