"""One timing helper for every benchmark script (run them from the repo root)."""

import time


def best_of(repeats, work):
    """Fastest of `repeats` runs, in seconds, and the last result."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result
