"""One problem found in a district file, located the way a spreadsheet user looks for it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A problem at `row` (spreadsheet numbering: header = 1) and `column` of `file`.

    `row` is None for whole-file problems and `column` is None for whole-row ones.
    """

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self):
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"

    def sort_key(self):
        """Order problems by file, then row (whole-file first), then column."""
        return (self.file, self.row or 0, self.column or "", self.message)
