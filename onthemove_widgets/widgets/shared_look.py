"""One Layout, and one Style of each kind, shared by the many controls of a big widget.

ipywidgets gives every control a Layout model and a Style model of its own: the data
wall's 37 controls came with 64 more models, each one more message for the kernel to
make, the server to pass on and the browser to read when a step first shows the wall,
and a room of 30 opens it at once. Controls with the same look can share them (ipywidgets
lets one layout serve many widgets); a shared one is never changed after it is made.
"""

import ipywidgets as widgets

_shared = {}  # (model class, its traits) -> the model this kernel shares


def _one(cls, **traits):
    key = (cls, tuple(sorted(traits.items())))
    model = _shared.get(key)
    if model is None or model.comm is None:  # none yet, or closed (Widget.close_all)
        model = _shared[key] = cls(**traits)
    return model


def control(cls, *args, layout=None, style=None, **kwargs):
    """`cls(*args, **kwargs)` with the shared Layout of these `layout` traits and, where the
    control has a style, the shared Style of these `style` traits (both dicts; none: the defaults)."""
    kind = cls.class_traits().get("style")
    if kind is not None:
        kwargs["style"] = _one(kind.klass, **(style or {}))
    return cls(*args, layout=_one(widgets.Layout, **(layout or {})), **kwargs)
