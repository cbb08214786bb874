"""Kernels warmed for a room before it opens an app, and refilled one at a time.

Voilà's preheated pool runs each app's notebook in spare kernels ahead of any request,
up to the cell that waits for the page (`session.query_string`). Stock Voilà refills the
pool by starting every replacement at once: 30 kernels saturate 2 cores for ~95 s and the
room's pages crawl (STACK_NOTES). `kernels.AppKernelManager` lets one pooled kernel warm
at a time, waiting with `until_warm`. Once the room is warm, a replacement also waits
for a quiet machine (`until_quiet`): a kernel warming takes ~2 CPU-s, which the room's
first clicks need more. A page that finds no warm kernel waits for the next one in line,
and that one starts at once.
"""

import asyncio
import json
import time

import click
import psutil

from ..paths import NOTEBOOKS_DIR

KERNEL_MB = 330  # one warm app kernel with its tools preloaded: a room of 30 peaked at 10.1 GB with 31 kernels and the server
SETTLE_SECONDS = 2.0  # idle this long, a kernel that never waits for its page has finished its notebook
WARM_TIMEOUT = 120.0  # a kernel never warm by then hands its turn on anyway
QUIET_PERCENT = 50.0  # the machine's CPU use under which a pool may refill itself
QUIET_SECONDS = 3.0  # ... for this long in a row


def room_apps(root=NOTEBOOKS_DIR):
    """The apps a room opens together: every protocol and driver notebook, relative to `root`."""
    return [str(path.relative_to(root)) for folder in ("protocols", "drivers") for path in sorted((root / folder).glob("*.ipynb"))]


def room_options(size, apps, ip, env):
    """The `voila` arguments for `onthemove serve --room size [--room-app …]`; none without a room.

    Says how much memory the warm kernels take, and fails early on an app that is not there.
    """
    if size is None:
        return []
    known = room_apps()
    apps = list(apps) or known
    unknown = [app for app in apps if app not in known]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}: not a protocol or driver app; choose from {', '.join(known)}.", param_hint="--room-app")
    click.echo(f"Room of {size}: warming {size * len(apps)} kernels, one at a time, for {len(apps)} app(s) (about {size * len(apps) * KERNEL_MB / 1024:.1f} GB).", err=True)
    room_environment(env, ip)
    return room_arguments(size, apps)


def room_arguments(size, apps):
    """The `voila` arguments for a pool of `size` warm kernels per app in `apps`, and none for any other notebook."""
    pools = {"default": {"pool_size": 0}, **{app: {"pool_size": size} for app in apps}}
    return [
        "--VoilaConfiguration.preheat_kernel=True",
        f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}",
    ]


def room_environment(env, ip):
    """Tell pooled kernels where to ask for their page when Voilà listens on one address that is not loopback."""
    if ip not in ("127.0.0.1", "0.0.0.0", "localhost", ""):
        env["VOILA_APP_IP"] = ip
    return env


def warmth(kernel_id, kernels, waiting):
    """'waiting' (for its page), 'gone', or the kernel's execution state ('starting', 'busy', 'idle')."""
    if kernel_id in waiting:
        return "waiting"
    if kernel_id not in kernels:
        return "gone"
    return getattr(kernels[kernel_id], "execution_state", "starting")


async def until_warm(state, settle=SETTLE_SECONDS, timeout=WARM_TIMEOUT, poll=0.25, clock=time.monotonic):
    """Return once `state()` says the kernel waits for its page, is gone or dead, or has been idle for `settle` s."""
    start = clock()
    idle_since = None
    while clock() - start < timeout:
        now_state = state()
        if now_state in ("waiting", "gone", "dead"):
            return now_state
        idle_since = (idle_since or clock()) if now_state == "idle" else None
        if idle_since is not None and clock() - idle_since >= settle:
            return "idle"
        await asyncio.sleep(poll)
    return "timeout"


async def until_quiet(needed, busy_percent=psutil.cpu_percent, quiet=QUIET_SECONDS, poll=0.5, clock=time.monotonic):
    """Return once the machine's CPU use has stayed under QUIET_PERCENT for `quiet` s, or at once when `needed()`.

    `busy_percent()` is the whole machine's CPU use since its last call (psutil's
    `cpu_percent(interval=None)`); `needed()` is True once a page waits for this kernel.
    Returns "needed" or "quiet".
    """
    busy_percent()
    quiet_since = clock()
    while not needed():
        await asyncio.sleep(poll)
        if busy_percent() >= QUIET_PERCENT:
            quiet_since = clock()
        elif clock() - quiet_since >= quiet:
            return "quiet"
    return "needed"


def _waiting_for_page():
    """Kernel ids whose notebook has asked Voilà for its page (its request-info socket is open)."""
    from voila.request_info_handler import RequestInfoSocketHandler

    return RequestInfoSocketHandler._waiters


class RoomProgress:
    """Says, in the server's log, how many kernels are warm and when the whole room's pool is."""

    def __init__(self, log, pools, clock=time.monotonic):
        self.log = log
        self.apps = {name: config["pool_size"] for name, config in pools.items() if name != "default" and config.get("pool_size")}
        self.total = sum(self.apps.values())
        self.clock = clock
        self.started = clock()
        self.count = 0

    def ready(self):
        """True once every kernel of the room has been warm once: a start now refills the pool."""
        return self.count >= self.total > 0

    def warmed(self, outcome):
        """One more kernel warmed (`outcome` from `until_warm`); returns the line logged."""
        self.count += 1
        seconds = self.clock() - self.started
        if self.count == self.total:
            sizes = sorted(set(self.apps.values()))
            line = f"Room ready: {self.total} kernels warm for {len(self.apps)} apps ({'/'.join(map(str, sizes))} each) after {seconds:.0f} s"
        elif self.count < self.total:
            line = f"Room warming: {self.count} of {self.total} kernels warm ({seconds:.0f} s)"
        else:
            line = f"Room pool refilled: kernel {self.count} warm"
        if outcome not in ("waiting", "idle"):
            line += f" (the last one {outcome})"
        self.log.info(line)
        return line
