"""What the import app takes from a browser, checked again in Python before anything is read.

A page can send any kind, any name and any bytes; the app offers choices, but only
these checks decide: a known kind, a district name that is a plain new folder name, a
file type the kind reads, and at most UPLOAD_LIMIT bytes in all. Uploaded bytes are
written to a temporary folder, under safe names, and removed when the import is done.
"""

import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..errors import OnTheMoveError
from .run import KINDS

UPLOAD_LIMIT = 50 * 1024 * 1024
NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
RESERVED = {"demo"}  # the bundled district's name in every chooser
KIND_WORDS = {
    "oneroster": "Student information system roster (OneRoster)",
    "caaspp": "California state test score file (CAASPP)",
    "nwea-map": "NWEA MAP Growth export",
    "spreadsheet": "Any spreadsheet (CSV or Excel)",
}
READS = {"oneroster": (".zip",), "caaspp": (".txt", ".csv"), "nwea-map": (".csv",), "spreadsheet": (".csv", ".xlsx", ".xlsm")}
TAKES_SUPPLEMENT = ("oneroster", "nwea-map")
SUPPLEMENT_READS = (".csv",)


class UploadRefused(OnTheMoveError):
    """The browser sent something the import does not take; the message says what to do instead."""


def check_name(name, root):
    """The new district's folder under `root`, for a name of letters, digits, - and _ not used yet."""
    name = str(name).strip()
    if not NAME.fullmatch(name):
        raise UploadRefused("Name the district with letters, digits, - and _ only (no spaces), at most 64 characters; "
                            "for example sunny_unified_2024.")
    if name in RESERVED or (Path(root) / name).exists():
        raise UploadRefused(f"There is a district called {name} already; choose another name.")
    return Path(root) / name


def check_files(kind, files, supplement=()):
    """Refuse an unknown kind, no file, a file type the kind cannot read, or more than UPLOAD_LIMIT in all.

    `supplement` is the student-groups file, for the kinds in TAKES_SUPPLEMENT.
    """
    if kind not in KINDS:
        raise UploadRefused("Choose one of the kinds of file in the list.")
    if not files:
        raise UploadRefused("Choose the file to import first.")
    if kind == "oneroster" and len(files) > 1:
        raise UploadRefused("A OneRoster export is one .zip file; choose only that file.")
    _check_types(files, READS[kind], KIND_WORDS[kind])
    _check_types(supplement, SUPPLEMENT_READS, "student-groups file")
    total = sum(len(content) for _, content in [*files, *supplement])
    if total > UPLOAD_LIMIT:
        raise UploadRefused(f"These files come to {total / 1024 / 1024:.1f} MB; the app takes at most "
                            f"{UPLOAD_LIMIT // 1024 // 1024} MB at once. Use the `onthemove import` command for larger files.")


def _check_types(files, suffixes, what):
    wrong = [name for name, _ in files if Path(name).suffix.lower() not in suffixes]
    if wrong:
        raise UploadRefused(f"{', '.join(wrong)}: a {what} is read from {' or '.join(suffixes)} files only.")


def uploaded(value):
    """[(file name, bytes)] from a FileUpload's value; the size is counted from the bytes, not the page's word."""
    return [(str(item.get("name", "")), bytes(item.get("content", b""))) for item in value]


@contextmanager
def written(files):
    """The files as paths in a temporary folder (safe, distinct names), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="onthemove-upload-") as folder:
        paths = []
        for number, (name, content) in enumerate(files):
            safe = re.sub(r"[^A-Za-z0-9._ -]", "_", Path(name).name).strip(" .") or "upload"
            path = Path(folder) / safe
            if path.exists():
                path = Path(folder) / f"{number}_{safe}"
            path.write_bytes(content)
            paths.append(path)
        yield paths
