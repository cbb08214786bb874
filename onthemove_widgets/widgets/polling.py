"""Run something every few seconds on the kernel's own event loop, for views that follow
what other people save (a room's facilitator and its tables)."""

import asyncio


def every(seconds, action):
    """Call `action()` every `seconds` while the kernel runs; outside a kernel's loop (a
    plain test) nothing is scheduled and the caller calls `action` itself. An error in
    one call never stops the next."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None or not hasattr(shell, "kernel"):
        return False  # not in a kernel (a test, or another library's loop in this thread)
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return False

    def tick():
        try:
            action()
        finally:
            loop.call_later(seconds, tick)

    loop.call_later(seconds, tick)
    return True
