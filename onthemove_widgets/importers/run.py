"""The import flow the command and the app share: read a source, write or add it, validate.

One function, so `onthemove import` and the "Import your data" app refuse the same
things, write the same folder and report the same notes and problems.
"""

import importlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import OnTheMoveError

# Each kind's reader: module and function, `read(sources, supplement=None) -> ImportResult`.
KINDS = {
    "oneroster": ("oneroster", "read_oneroster"),
    "caaspp": ("caaspp", "read_caaspp"),
    "nwea-map": ("nwea_map", "read_nwea_map"),
    "spreadsheet": ("spreadsheet", "read_spreadsheet"),
}


class ImportRefused(OnTheMoveError):
    """The import was asked for in a way it cannot run (two targets, a full folder); nothing was written."""


@dataclass(frozen=True)
class Imported:
    """What an import did: its notes and tables, the folder written, and validate's problems there."""

    result: object
    folder: Path
    problems: list


def reader(kind):
    """The reader for `kind`, imported only when asked (pandas loads with it)."""
    module, function = KINDS[kind]
    return getattr(importlib.import_module(f"onthemove_widgets.importers.{module}"), function)


def import_into_folder(kind, sources, out=None, into=None, supplement=None, mapping=None, save_to=None, progress=None):
    """Import `sources` of `kind` into the new folder `out` or the district folder `into`.

    Raises ImportRefused before reading anything when the request cannot run, and
    ImportFault (every problem, named) when a source cannot be read; nothing is written then.
    `progress` (a callable) hears each step as it starts, since a large export takes a while.
    """
    from ..data.validate import validate_district
    from .write import add_into, write_district

    say = progress or (lambda message: None)
    _check_request(kind, out, into, mapping, save_to)
    options = {"mapping": mapping, "save_to": save_to} if kind == "spreadsheet" else {}
    sources = [Path(s) for s in sources]
    say(f"Reading {', '.join(f'{s.name} ({_size(s)})' for s in sources)} …")
    result = reader(kind)(sources, supplement=Path(supplement) if supplement else None, **options)
    say(f"Writing {out or into} …")
    if out:
        write_district(result, out)
    else:
        unmatched = add_into(result, into)
        result.left_out(", ".join(Path(s).name for s in sources), f"scores of students {into} does not hold; import the roster first",
                        len(unmatched))
    target = Path(out or into)
    say(f"Checking {target} as `onthemove validate` does …")
    return Imported(result, target, validate_district(target))


def _size(path):
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.is_dir() else path.stat().st_size
    return f"{size / 1e6:,.1f} MB" if size >= 1e5 else f"{size / 1e3:,.0f} kB"


def _check_request(kind, out, into, mapping, save_to):
    if kind not in KINDS:
        raise ImportRefused(f"'{kind}' is not a kind of source this can import; the kinds are: {', '.join(KINDS)}.")
    if bool(out) == bool(into):
        raise ImportRefused("Give exactly one of --out (a new folder) or --into (an existing district folder).")
    if (mapping or save_to) and kind != "spreadsheet":
        raise ImportRefused("--mapping and --save-mapping are for the spreadsheet kind only.")
    if out and Path(out).exists() and any(Path(out).iterdir()):
        raise ImportRefused(f"{out} is not empty; nothing was written. Choose a new folder, or add to it with --into.")
