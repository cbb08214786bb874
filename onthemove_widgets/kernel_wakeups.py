"""Waiting for a kernel's reply in slices, so a lost wake-up costs a second, not forever.

Measured on this stack (pyzmq 26.4 and 27.3, jupyter_client 8.10, ipykernel 6.29 and
7.4): with three kernels executing at once on two busy cores, about one execution in
ten had its `execute_reply` sitting in the client's shell socket while
`zmq.asyncio.Socket.poll()` never woke. With no timeout the wait never ends (a Voilà
page that never finishes, a report that hangs); with a timeout, the poll's last check at
the deadline finds the reply at once. `jupyter_client` waits with no timeout whenever a
cell has none, so this module makes every such wait a series of short polls: a missed
wake-up is then noticed at the next slice. The fix belongs upstream; until it lands,
`install()` is called in every process that drives kernels (the Voilà server, the report
engine).
"""

import time

from jupyter_client.channels import AsyncZMQSocketChannel

SLICE_SECONDS = 0.5
_original_get_msg = AsyncZMQSocketChannel.get_msg


async def get_msg_in_slices(self, timeout=None):
    """`AsyncZMQSocketChannel.get_msg`, polling at most SLICE_SECONDS at a time until `timeout`."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        remaining = SLICE_SECONDS if deadline is None else min(SLICE_SECONDS, max(0.0, deadline - time.monotonic()))
        if await self.socket.poll(int(remaining * 1000)):
            return await self._recv()
        if deadline is not None and time.monotonic() >= deadline:
            return await _original_get_msg(self, 0)  # raises Empty when nothing came


def install():
    """Make every asynchronous kernel channel in this process wait in slices (idempotent)."""
    AsyncZMQSocketChannel.get_msg = get_msg_in_slices
