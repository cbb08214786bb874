"""A folder's record that its files passed validation, so a batch validates a district once.

`reports.shards` validates the whole district, then writes each school's folder with a
stamp: the SHA-256 of the folder's file names and bytes and of this package's version.
Loading a folder whose files still hash to its stamp skips validating them again (about
0.1 s a school); after any change to a file, an added file or another package version,
the folder is validated as usual.
"""

import hashlib
from functools import cache
from importlib.metadata import version
from pathlib import Path

STAMP = "validated.sha256"


@cache
def _package_version():
    """The version of the code this process runs, read once (reading the package's metadata took ~1 ms a school)."""
    return version("onthemove-widgets")


def digest(files):
    """SHA-256 over `files` ({name: bytes}) and the package version: equal digests, equal inputs."""
    sha = hashlib.sha256(f"onthemove-widgets {_package_version()}\0".encode())
    for name in sorted(files):
        sha.update(f"{name}\0{len(files[name])}\0".encode())
        sha.update(files[name])
    return sha.hexdigest()


def write_stamp(folder, files):
    """Record that `files`, as written in `folder`, passed validation."""
    Path(folder, STAMP).write_text(digest(files) + "\n")


def is_stamped(source):
    """True when `source` is a folder whose files are exactly the ones its stamp vouches for."""
    stamp = Path(source, STAMP)
    if not Path(source).is_dir() or not stamp.is_file():
        return False
    files = {p.name: p.read_bytes() for p in Path(source).iterdir() if p.is_file() and p.name != STAMP}
    return stamp.read_text().strip() == digest(files)
