"""Check report parameters before they reach a kernel, and inject them as literals.

Papermill only warns about an unknown parameter and happily injects a value of the wrong
type; a batch over thousands of schools should instead stop before the first kernel
starts. Values are injected by papermill's Python translator, which writes escaped
string literals, so a crafted school id stays data and never becomes code.
"""

import ast
import copy
import functools
from pathlib import Path

import nbformat
from papermill.parameterize import parameterize_notebook

from ..errors import OnTheMoveError
from ..paths import DEMO_DIR

PATH_SUFFIXES = ("_dir", "_path", "_file")  # parameters holding a path
TYPE_NAMES = {type(None): "text or None", bool: "True or False", int: "a whole number", float: "a number", str: "text"}


class ParameterError(OnTheMoveError, ValueError):
    """A report parameter that must not reach a kernel."""


def read_report_notebook(path):
    """The notebook, with the metadata papermill expects present on every cell.

    ``parameterize_notebook`` fails on a cell whose metadata has no ``tags`` key and on a
    notebook without a ``papermill`` section; notebooks saved by hand have neither.
    """
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        cell.metadata.setdefault("tags", [])
    nb.metadata.setdefault("papermill", {})
    return nb


def declared_parameters(nb):
    """Name → default value of the cell tagged ``parameters`` (plain ``name = literal`` lines)."""
    cell = next((c for c in nb.cells if "parameters" in c.metadata.get("tags", ())), None)
    if cell is None:
        raise ParameterError("the report notebook has no cell tagged 'parameters'")
    defaults = {}
    for statement in ast.parse(cell.source).body:
        target = None
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            target = statement.target
        if not isinstance(target, ast.Name):
            raise ParameterError(f"the parameters cell may only assign literals; line {statement.lineno} does something else")
        try:
            defaults[target.id] = ast.literal_eval(statement.value)
        except ValueError:
            raise ParameterError(f"the default of '{target.id}' (line {statement.lineno}) is not a literal") from None
    return defaults


def validate_parameters(notebook_path, params, data_root):
    """Return `params` with paths resolved, or raise `ParameterError` saying what is wrong.

    Rejects names the notebook does not declare, values whose type differs from the
    declared default (a default of None accepts a string), paths that resolve outside
    `data_root`, and a `school_id` that is not in the district at `data_dir`.
    """
    path = Path(notebook_path).resolve()
    defaults = _declared(path, path.stat().st_mtime_ns)
    unknown = sorted(set(params) - set(defaults))
    if unknown:
        raise ParameterError(f"unknown parameter(s) {', '.join(unknown)}; the notebook declares {', '.join(defaults)}")
    checked = dict(params)
    for name, value in params.items():
        if not _accepts(defaults[name], value):
            raise ParameterError(f"{name} must be {_type_name(defaults[name])} (as its default {defaults[name]!r}), not {value!r}")
        if name.endswith(PATH_SUFFIXES) and value is not None:
            checked[name] = str(_inside(Path(value), Path(data_root), name))
    if "school_id" in checked:
        folder = checked.get("data_dir", defaults.get("data_dir"))
        if checked["school_id"] not in _school_ids(Path(folder) if folder is not None else DEMO_DIR):
            raise ParameterError(f"school '{checked['school_id']}' is not in {folder or 'the demo district'}")
    return checked


def inject_parameters(nb, params, kernel_name):
    """A copy of `nb` with papermill's injected-parameters cell after the parameters cell.

    The cell gets a fixed id instead of a random one: same inputs, same report bytes.
    """
    nb = parameterize_notebook(copy.deepcopy(nb), params, kernel_name=kernel_name, language="python")
    next(cell for cell in nb.cells if "injected-parameters" in cell.metadata.tags).id = "injected-parameters"
    return nb


@functools.lru_cache(maxsize=8)
def _declared(path, modified):
    """Parsed once per notebook version: a batch validates thousands of schools' parameters."""
    return declared_parameters(read_report_notebook(path))


def _accepts(default, value):
    if default is None:
        return value is None or isinstance(value, str)
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))



def _type_name(default):
    return TYPE_NAMES.get(type(default), f"of type {type(default).__name__}")


def _inside(path, root, name):
    resolved, root = path.resolve(), root.resolve()
    if not resolved.is_relative_to(root):
        raise ParameterError(f"{name} {str(path)!r} is outside the data folder {root}")
    return resolved


def _school_ids(folder):
    from ..data.read import read_csv_table  # here, so report workers that only inject parameters need no pandas

    path = folder / "schools.csv"
    frame = read_csv_table(path)[0] if path.is_file() else None
    if frame is None or "school_id" not in frame.columns:
        raise ParameterError(f"{folder} has no readable schools.csv")
    return set(frame["school_id"])
