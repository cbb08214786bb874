"""The room's kernel pool: one pooled kernel warms at a time, without a server."""

import asyncio
import json
import logging
import time

import click
import pytest
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from in_thread import run

from onthemove_widgets.serve import pool
from onthemove_widgets.serve.kernels import PAGE_ON_ITS_WAY_SECONDS, AppKernelManager
from onthemove_widgets.serve.pool import RoomProgress, room_apps, room_arguments, room_options, until_quiet, until_warm


PREHEAT = {"env": {"VOILA_PREHEAT": "True"}}


def states(*sequence):
    """A `state()` that says each of `sequence` once, then its last one for ever."""
    values = list(sequence)
    return lambda: values.pop(0) if len(values) > 1 else values[0]


def test_a_kernel_is_warm_when_it_waits_for_its_page_or_has_settled_idle():
    assert run(until_warm(states("starting", "busy", "waiting"), poll=0)) == "waiting"
    assert run(until_warm(states("starting", "gone"), poll=0)) == "gone"
    clock = iter(range(100)).__next__  # one second a reading
    flicker = states("idle", "busy", "idle", "busy", "idle", "idle", "idle")
    assert run(until_warm(flicker, settle=2, poll=0, clock=clock)) == "idle"
    assert run(until_warm(states("busy"), timeout=5, poll=0, clock=iter(range(100)).__next__)) == "timeout"


def test_idle_between_two_cells_is_not_warm():
    clock = iter(range(100)).__next__
    between_cells = states("busy", "idle", "busy", "idle", "busy", "waiting")
    assert run(until_warm(between_cells, settle=2, poll=0, clock=clock)) == "waiting"


class FakeKernels:
    """Stands in for the kernels a pool starts: each asks for its page `warm_after` s after it starts."""

    def __init__(self, warm_after):
        self.warm_after = warm_after
        self.waiting = set()
        self.events = []  # (time, "start" | "warm", kernel id)

    async def start_kernel(self, **kwargs):  # set on the class as a bound method: no manager argument
        kernel_id = f"k{len([e for e in self.events if e[1] == 'start'])}"
        self.events.append((time.monotonic(), "start", kernel_id))
        asyncio.get_running_loop().call_later(self.warm_after, self.warm, kernel_id)
        return kernel_id

    def warm(self, kernel_id):
        self.events.append((time.monotonic(), "warm", kernel_id))
        self.waiting.add(kernel_id)


@pytest.fixture
def kernels(monkeypatch):
    fake = FakeKernels(warm_after=0.3)
    monkeypatch.setattr(AsyncMappingKernelManager, "start_kernel", fake.start_kernel)
    monkeypatch.setattr(pool, "_waiting_for_page", lambda: fake.waiting)
    monkeypatch.setattr(pool, "warmth", lambda kernel_id, kernels, waiting: "waiting" if kernel_id in waiting else "busy")
    return fake


def test_pooled_kernels_start_one_after_another_and_a_page_kernel_at_once(kernels):
    async def room():
        manager = AppKernelManager()
        pooled = [asyncio.ensure_future(manager.start_kernel(**PREHEAT)) for _ in range(3)]
        await asyncio.sleep(0.05)
        page = await manager.start_kernel(env={"VOILA_PREHEAT": "False"})  # a page that found the pool empty
        await asyncio.gather(*pooled)
        await asyncio.sleep(0.5)
        return page

    started = time.monotonic()
    page = run(room())
    order = [(kind, kernel_id) for _, kind, kernel_id in kernels.events]
    assert order == [("start", "k0"), ("start", "k1"), ("warm", "k0"), ("warm", "k1"), ("start", "k2"), ("warm", "k2"), ("start", "k3"), ("warm", "k3")]
    assert page == "k1"  # started while k0 was still warming
    times = {(kind, kernel_id): at - started for at, kind, kernel_id in kernels.events}
    assert times[("start", "k2")] >= times[("warm", "k0")] and times[("start", "k3")] >= times[("warm", "k2")]


def test_a_failed_start_hands_the_turn_on(kernels, monkeypatch):
    async def fails_once(manager, **kwargs):
        monkeypatch.setattr(AsyncMappingKernelManager, "start_kernel", kernels.start_kernel)
        raise RuntimeError("no kernel")

    monkeypatch.setattr(AsyncMappingKernelManager, "start_kernel", fails_once)

    async def room():
        manager = AppKernelManager()
        first, second = await asyncio.gather(manager.start_kernel(**PREHEAT), manager.start_kernel(**PREHEAT), return_exceptions=True)
        return first, second

    first, second = run(asyncio.wait_for(room(), timeout=5))
    assert isinstance(first, RuntimeError) and second == "k0"


def test_a_refill_waits_for_a_quiet_machine_unless_a_page_needs_it():
    clock = iter(range(100)).__next__  # one second a reading
    busy = states(90, 95, 30, 80, 20, 10, 10, 10)
    assert run(until_quiet(lambda: False, busy, quiet=3, poll=0, clock=clock)) == "quiet"
    assert busy() == 10  # it read on until three quiet seconds came after the last busy one
    needed = states(False, False, True)
    assert run(until_quiet(needed, states(100), poll=0)) == "needed"


def test_once_the_room_is_warm_a_replacement_starts_only_when_quiet_or_claimed(kernels, monkeypatch):
    waits = []

    async def quiet_after_a_while(claimed):
        waits.append(claimed())
        await asyncio.sleep(0.2)

    monkeypatch.setattr(pool, "until_quiet", quiet_after_a_while)

    async def room():
        manager = AppKernelManager()
        manager._room = RoomProgress(logging.getLogger("room"), {"app.ipynb": {"pool_size": 1}})
        entry = asyncio.ensure_future(manager.start_kernel(**PREHEAT))
        manager._pools = {"app.ipynb": [entry]}
        await entry  # the room's own kernel: no wait
        refill = asyncio.ensure_future(manager.start_kernel(**PREHEAT))
        manager._pools = {"app.ipynb": [refill]}  # nobody has taken it yet
        await refill

    run(asyncio.wait_for(room(), timeout=5))
    assert waits == [False]  # only the refill waited, and it was still in the pool


def test_the_room_says_how_many_kernels_are_warm_and_when_it_is_ready(caplog):
    pools = {"default": {"pool_size": 0}, "protocols/examining_data.ipynb": {"pool_size": 2}, "drivers/01_clarity_of_focus.ipynb": {"pool_size": 2}}
    seconds = iter([0, 3, 7, 12, 20, 31]).__next__
    progress = RoomProgress(logging.getLogger("room"), pools, clock=seconds)
    lines = [progress.warmed(outcome) for outcome in ("waiting", "waiting", "timeout", "idle", "waiting")]
    assert lines == [
        "Room warming: 1 of 4 kernels warm (3 s)",
        "Room warming: 2 of 4 kernels warm (7 s)",
        "Room warming: 3 of 4 kernels warm (12 s) (the last one timeout)",
        "Room ready: 4 kernels warm for 2 apps (2 each) after 20 s",
        "Room pool refilled: kernel 5 warm",
    ]


def test_the_room_pools_only_the_apps_it_names():
    args = room_arguments(30, ["protocols/examining_data.ipynb"])
    config = json.loads(next(a for a in args if a.startswith("--VoilaKernelManager.kernel_pools_config=")).split("=", 1)[1])
    assert config == {"default": {"pool_size": 0}, "protocols/examining_data.ipynb": {"pool_size": 30}}  # no pool of 1 for every other notebook
    assert "--VoilaConfiguration.preheat_kernel=True" in args
    assert len(room_apps()) == 11 and "drivers/02_shared_leadership.ipynb" in room_apps() and "index.ipynb" not in room_apps()


def test_room_options_are_off_by_default_and_refuse_an_unknown_app():
    env = {}
    assert room_options(None, (), "127.0.0.1", env) == [] and env == {}
    with pytest.raises(click.BadParameter, match="reports/school_report.ipynb: not a protocol or driver app"):
        room_options(3, ("reports/school_report.ipynb",), "127.0.0.1", env)
    room_options(3, ("protocols/examining_data.ipynb",), "192.168.1.20", env)
    assert env == {"VOILA_APP_IP": "192.168.1.20"}  # where a pooled kernel asks for its page


def test_the_culler_takes_a_kernel_only_after_its_page_has_come_and_gone(monkeypatch):
    culled = []

    async def cull(manager, kernel_id):
        culled.append(kernel_id)

    monkeypatch.setattr(AsyncMappingKernelManager, "cull_kernel_if_idle", cull)
    manager = AppKernelManager()
    manager._kernel_connections.update({"rendering": 0, "left": 0})
    manager._note_start("rendering")  # Voilà still renders its page: idle, no connection yet
    manager._note_start("left")
    manager.notify_connect("left")
    manager.notify_disconnect("left")  # its tab closed without a word
    manager._note_start("forgotten")
    manager._started["forgotten"] -= PAGE_ON_ITS_WAY_SECONDS + 1  # a page that never came
    for kernel_id in ("rendering", "left", "forgotten"):
        run(manager.cull_kernel_if_idle(kernel_id))
    assert culled == ["left", "forgotten"]
