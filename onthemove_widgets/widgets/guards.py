"""Every value a browser sends a widget is checked again here, in the kernel.

A page's JavaScript can send any message to its kernel: a choice that is not offered, a
10 MB paste, a click on a greyed-out button, new bounds for a slider, new labels for a
dropdown. ipywidgets checks little of that (a selection's index against its labels, a
bounded number against its bounds, but the browser may send new labels and bounds too,
and a disabled Button still hears clicks). `guard(root, status)` makes each widget under
`root`, now and as children are added, accept from the browser only the trait a person
changes with that control, within limits, and say on screen what was refused.
"""

from html import escape

import ipywidgets as widgets
from traitlets import TraitError

from .saving import WARN

TEXT_LIMIT = 100_000
CHOICES = (widgets.widget_selection._Selection, widgets.widget_selection._MultipleSelection)
VALUES = (widgets.widget_string._String, widgets.widget_int._Int, widgets.widget_float._Float,
          widgets.widget_bool._Bool, widgets.DatePicker)
REFUSED = (TraitError, TypeError, ValueError, KeyError, IndexError)


def writable(widget):
    """The traits the browser may set on `widget`: what its person changes, nothing else."""
    if isinstance(widget, CHOICES):
        return {"index"}
    if isinstance(widget, widgets.HTML | widgets.HTMLMath | widgets.Label):
        return set()
    if isinstance(widget, VALUES + (widgets.FileUpload,)):
        return {"value"}  # an upload's bytes are checked by the app that reads them (importers.uploads)
    if isinstance(widget, widgets.widget_selectioncontainer._SelectionContainer):
        return {"selected_index"}
    if isinstance(widget, widgets.Output):
        return {"outputs"}  # JupyterLab's output area reports what it shows; the kernel never reads it
    return set()


def problem(widget, state, limit=TEXT_LIMIT):
    """Why the browser's `state` for `widget` is refused, in words for the room, or None."""
    value, index = state.get("value"), state.get("index")
    if isinstance(value, str) and len(value) > limit:
        return f"That text is {len(value):,} characters long; a box takes at most {limit:,}. Nothing was saved: shorten it, or split it over several notes."
    if "index" in state and isinstance(widget, CHOICES[0]) and index is None:
        return "Choose one of the options in the list."
    if isinstance(index, list | tuple) and len(set(index)) != len(index):
        return "Each option can be chosen once."
    return None


def guard(root, status=None, limit=TEXT_LIMIT):
    """Check what the browser sends to `root` and every widget inside it, also ones added later.

    A refusal is written into `status` (an HTML widget) when there is one; the browser's
    control is put back to the kernel's value. A widget guarded already keeps its guard.
    """
    if getattr(root, "_otm_guarded", False):
        _guard_children(root, status, limit)
        return root
    root._otm_guarded = True
    root.set_state = _checked(root, root.set_state, status, limit)
    if isinstance(root, widgets.Button):
        root.click = _unless_disabled(root, root.click)
    if isinstance(root, widgets.Box):
        root.observe(lambda change: _guard_children(change["owner"], status, limit), "children")
    _guard_children(root, status, limit)
    return root


def _guard_children(box, status, limit):
    for child in getattr(box, "children", ()):
        guard(child, status, limit)


def _checked(widget, set_state, status, limit):
    """`widget.set_state` (what ipywidgets calls for a browser's update) with the checks in front."""
    allowed = writable(widget)

    def checked_set_state(sync_data):
        kept = {name: value for name, value in sync_data.items() if name in allowed}
        refusal = problem(widget, kept, limit)
        if refusal is None:
            try:
                set_state(kept)
            except REFUSED:
                refusal = "That value is not one this control offers; it was put back."
        if refusal is not None or len(kept) < len(sync_data):
            widget.send_state([name for name in sync_data if name in widget.keys])
        if refusal is not None:
            _say(widget, status, refusal)

    return checked_set_state


def _unless_disabled(button, click):
    """`button.click`, doing nothing while the kernel has the button disabled (ipywidgets
    runs a browser's click whatever `disabled` says)."""

    def click_unless_disabled():
        if not button.disabled:
            click()

    return click_unless_disabled


def _say(widget, status, message):
    if status is not None:
        status.value = WARN.format(escape(message))
    widget.log.warning("Refused a browser's update to %s: %s", type(widget).__name__, message)
