"""What an importer hands back: the tables it made and what it did to get them."""

from dataclasses import dataclass, field

import pandas as pd

from ..data.read import TABLES
from ..data.schemas import SCHEMAS

# The data dictionary's tables and columns, in order, as `onthemove validate` checks them.
COLUMNS = {name: list(SCHEMAS[name].columns) for name in TABLES}


@dataclass(frozen=True)
class Note:
    """One line of the import's account: `kind` is mapped, left_out or warning."""

    kind: str
    file: str
    message: str
    count: int | None = None

    def __str__(self):
        count = "" if self.count is None else f" ({self.count:,} row{'' if self.count == 1 else 's'})"
        return f"{self.file}: {self.message}{count}"


@dataclass
class ImportResult:
    """The tables an importer made (text frames, COLUMNS order, extra group columns allowed).

    A table an importer cannot make (say, no cut scores in a roster) is left out of
    `tables`; `settings` are district.yaml keys (name, state_test, windows, labels).
    """

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    settings: dict = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)

    def mapped(self, file, message, count=None):
        self.notes.append(Note("mapped", file, message, count))

    def left_out(self, file, message, count=None):
        """Rows or columns the import did not carry over, and why; zero counts are not said."""
        if count != 0:
            self.notes.append(Note("left_out", file, message, count))

    def warn(self, file, message, count=None):
        if count != 0:
            self.notes.append(Note("warning", file, message, count))

    def report(self):
        """The notes as the command prints them, grouped: mapped, then left out, then warnings."""
        headings = {"mapped": "Mapped", "left_out": "Left out", "warning": "Check"}
        lines = []
        for kind, heading in headings.items():
            notes = [note for note in self.notes if note.kind == kind]
            if notes:
                lines.append(f"{heading}:")
                lines += [f"  - {note}" for note in notes]
        return "\n".join(lines)
