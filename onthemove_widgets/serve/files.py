"""Which files the server hands out: pictures the notebooks show, and nothing else.

Voilà serves `/voila/files/<path>` from the notebooks folder. Its defaults already allow
only pictures and refuse notebooks and Python files; we say so ourselves, and refuse the
data and database kinds by name too, so a future default, or a CSV or drafts database
that someone copies into notebooks/, can never be downloaded.
"""

ALLOWED = [r"[^.][^/]*(/[^./][^/]*)*\.(png|jpe?g|gif|svg)"]
REFUSED = [r".*\.(ipynb|py|csv|tsv|txt|xlsx?|json|ya?ml|parquet|db|sqlite3?|db-wal|db-shm|wal|shm|lock|md|html?)", r"(.*/)?\..*"]


def file_arguments():
    """The Voilà arguments that limit `/voila/files/` to pictures outside hidden folders."""
    allowed = [f"--VoilaConfiguration.file_allowlist={pattern}" for pattern in ALLOWED]
    return allowed + [f"--VoilaConfiguration.file_denylist={pattern}" for pattern in REFUSED]
