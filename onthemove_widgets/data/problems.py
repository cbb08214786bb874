"""One problem found in a district file, located the way a spreadsheet user looks for it."""

from dataclasses import dataclass

SHOWN_RUNS = 6  # runs of rows a message lists before "and N more"


@dataclass(frozen=True)
class Problem:
    """A problem at `row` (spreadsheet numbering: header = 1) and `column` of `file`.

    `row` is None for whole-file problems and `column` is None for whole-row ones. A
    problem of one cause on many rows is one Problem: `rows` holds every row (sorted)
    and `row` the first of them, so one fault never buries the others.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    rows: tuple[int, ...] = ()

    def __str__(self):
        where = [self.file]
        if len(self.rows) > 1:
            where.append(f"{len(self.rows):,} rows ({row_ranges(self.rows)})")
        elif self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"

    def sort_key(self):
        """Order problems by file, then row (whole-file first), then column."""
        return (self.file, self.row or 0, self.column or "", self.message)


def row_ranges(rows, shown=SHOWN_RUNS):
    """Sorted row numbers as runs a reader can scan: '3–481, 490, 502–510 and 12 more rows'."""
    runs, start = [], rows[0]
    for previous, row in zip(rows, rows[1:]):
        if row != previous + 1:
            runs.append((start, previous))
            start = row
    runs.append((start, rows[-1]))
    text = ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in runs[:shown])
    hidden = sum(b - a + 1 for a, b in runs[shown:])
    return f"{text} and {hidden:,} more" if hidden else text
