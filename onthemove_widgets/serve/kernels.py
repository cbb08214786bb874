"""The kernel manager under Voilà: pooled kernels warm one at a time, and only a left page's kernel is culled.

Voilà wraps this class in its own (`VoilaKernelManager`, which keeps the pool of
`onthemove serve --room`); it is named by `--VoilaConfiguration.multi_kernel_manager_class`.
"""

import asyncio
import time

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

from . import pool

PAGE_ON_ITS_WAY_SECONDS = 600  # a kernel no page has connected to yet is kept this long


class AppKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager with two rules a room needs.

    A pooled kernel (started with VOILA_PREHEAT=True) starts only once the one before it
    is warm, and, once the room is warm, only when the machine is quiet or a page waits
    for it. The idle culler takes a kernel only after its page has connected and gone,
    or after PAGE_ON_ITS_WAY_SECONDS: while Voilà still renders a page, or the browser
    still loads the page's scripts, its kernel is idle with no connection, and culling it
    then (seen under load at a 45 s timeout) kills the page.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._turn = asyncio.Lock()
        self._room = pool.RoomProgress(self.log, getattr(self, "kernel_pools_config", {}))
        self._started = {}
        self._connected = set()

    async def start_kernel(self, **kwargs):
        if kwargs.get("env", {}).get("VOILA_PREHEAT") != "True":
            return self._note_start(await super().start_kernel(**kwargs))
        await self._turn.acquire()
        try:
            if self._room.ready():
                await pool.until_quiet(self._claimed)
            kernel_id = self._note_start(await super().start_kernel(**kwargs))
        except BaseException:
            self._turn.release()
            raise
        asyncio.ensure_future(self._hand_on_when_warm(kernel_id))
        return kernel_id

    def _claimed(self):
        """True once a page has taken the pool entry this start belongs to (Voilà pops it, then awaits it)."""
        task = asyncio.current_task()
        return not any(task in entries for entries in getattr(self, "_pools", {}).values())

    def notify_connect(self, kernel_id):
        super().notify_connect(kernel_id)
        self._connected.add(kernel_id)

    async def cull_kernel_if_idle(self, kernel_id):
        started = self._started.get(kernel_id)
        on_its_way = started is not None and time.monotonic() - started < PAGE_ON_ITS_WAY_SECONDS
        if kernel_id not in self._connected and on_its_way:
            return None
        return await super().cull_kernel_if_idle(kernel_id)

    def remove_kernel(self, kernel_id):
        self._started.pop(kernel_id, None)
        self._connected.discard(kernel_id)
        return super().remove_kernel(kernel_id)

    def _note_start(self, kernel_id):
        self._started[kernel_id] = time.monotonic()
        return kernel_id

    async def _hand_on_when_warm(self, kernel_id):
        try:
            outcome = await pool.until_warm(lambda: pool.warmth(kernel_id, self._kernels, pool._waiting_for_page()))
            self._room.warmed(outcome)
        finally:
            self._turn.release()
