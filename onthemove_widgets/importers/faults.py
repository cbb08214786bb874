"""A source the importer cannot read: said with its file, row and column, never a traceback."""

from ..data.problems import Problem
from ..errors import OnTheMoveError


class ImportFault(OnTheMoveError):
    """The source cannot be imported as it is; every problem found is listed."""

    def __init__(self, problems):
        self.problems = [p if isinstance(p, Problem) else Problem(*p) for p in problems]
        super().__init__("\n".join(str(p) for p in self.problems))
