"""The errors On the Move raises, each written for the coach who will read it."""


class OnTheMoveError(Exception):
    """Base class: catch this to handle any On the Move error.

    In a notebook it shows as its message alone (IPython's `_render_traceback_` hook): a
    coach reads what to do, not a traceback.
    """

    def _render_traceback_(self):
        return [f"{type(self).__name__}: {self}"]


class DistrictDataError(OnTheMoveError):
    """A district data folder has problems; every one of them is listed."""

    def __init__(self, source, problems):
        self.source = source
        self.problems = list(problems)
        lines = [f"{source}: {len(self.problems)} problem(s) found; nothing was loaded."]
        lines += [f"  - {p}" for p in self.problems[:50]]
        if len(self.problems) > 50:
            lines.append(f"  … and {len(self.problems) - 50} more (run `onthemove validate {source}`).")
        super().__init__("\n".join(lines))
