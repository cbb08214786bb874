"""Run something later on the kernel's own event loop: every few seconds, for views that
follow what other people save (a room's facilitator and its tables), or once, soon, for
work done ahead of a click (the next step's tool)."""

import asyncio


def _kernel_loop():
    """The running kernel's event loop, or None outside one (a test, or another library's loop in this thread)."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None or not hasattr(shell, "kernel"):
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def every(seconds, action):
    """Call `action()` every `seconds` while the kernel runs; outside a kernel's loop (a
    plain test) nothing is scheduled and the caller calls `action` itself. An error in
    one call never stops the next."""
    loop = _kernel_loop()
    if loop is None:
        return False

    def tick():
        try:
            action()
        finally:
            loop.call_later(seconds, tick)

    loop.call_later(seconds, tick)
    return True


def ahead(action):
    """Do `action()`, work done ahead of a click (the next step's tool), dropping its error:
    the click that needs it does the work again and shows its error then."""
    try:
        action()
    except Exception:  # the click reports why
        pass


def soon(seconds, action):
    """`ahead(action)` once, `seconds` from now, between the kernel's messages; outside a kernel, never."""
    loop = _kernel_loop()
    if loop is None:
        return False
    loop.call_later(seconds, ahead, action)
    return True
