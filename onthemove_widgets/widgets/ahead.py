"""Widgets built ahead of their step: are they still there in the browser when the step shows?

A page's front end opens the kernel's websocket before its widget manager listens for new
models, and for that moment it refuses every model the kernel makes (JupyterLab's kernel
connection answers an unknown comm target with a comm_close). A tool built ahead in that
moment is dead in the browser, so it is built again when its step shows; one built before
the page connected, or after its manager listened, is kept.
"""

import comm
from ipywidgets.widgets.widget import _instances


def still_open(model_ids):
    """True while the kernel still holds the comm of every model in `model_ids` (none closed by the front end)."""
    open_comms = comm.get_comm_manager().comms
    return all(model_id in open_comms for model_id in model_ids)


def close(model_ids):
    """Close the models' kernel side, so nothing, a shared Layout included, is used again."""
    for model_id in model_ids:
        model = _instances.get(model_id)
        if model is not None:
            model.close()
