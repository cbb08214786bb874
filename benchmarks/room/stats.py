"""Percentiles and the summary rows of a room run (pure, so the unit tests can check them)."""


def percentile(values, q):
    """The q-th percentile (0–100) by linear interpolation between ranks, as numpy's default; None if empty."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def spread(values):
    """p50, p95 and max of a list of seconds, rounded for a report."""
    if not values:
        return {"n": 0, "p50": None, "p95": None, "max": None}
    return {"n": len(values), "p50": round(percentile(values, 50), 3),
            "p95": round(percentile(values, 95), 3), "max": round(max(values), 3)}
