"""A reply already in the socket is found at the next slice even when the poll never wakes for it."""

import asyncio
import time
from queue import Empty

import pytest
from jupyter_client.channels import AsyncZMQSocketChannel
from in_thread import run

from onthemove_widgets import kernel_wakeups


class DeafSocket:
    """A socket holding one message whose poll wakes only at its deadline, as seen under load."""

    def __init__(self, message=None, arrives_after=0.0):
        self.message = message
        self.ready_at = time.monotonic() + arrives_after
        self.polls = []

    async def poll(self, timeout_ms):
        self.polls.append(timeout_ms)
        if timeout_ms is None:
            await asyncio.Event().wait()  # a wake-up that never comes
        await asyncio.sleep(timeout_ms / 1000)
        return int(self.message is not None and time.monotonic() >= self.ready_at)


class Channel:
    get_msg = kernel_wakeups.get_msg_in_slices

    def __init__(self, socket):
        self.socket = socket

    async def _recv(self):
        message, self.socket.message = self.socket.message, None
        return message


def test_a_wait_with_no_timeout_still_finds_the_reply_at_the_next_slice():
    channel = Channel(DeafSocket({"msg_type": "execute_reply"}, arrives_after=1.2))
    started = time.monotonic()
    reply = run(asyncio.wait_for(channel.get_msg(timeout=None), 10))
    assert reply == {"msg_type": "execute_reply"}
    assert time.monotonic() - started < 1.2 + 2 * kernel_wakeups.SLICE_SECONDS
    assert None not in channel.socket.polls and max(channel.socket.polls) <= kernel_wakeups.SLICE_SECONDS * 1000


def test_a_timeout_is_still_kept_and_says_nothing_came():
    channel = Channel(DeafSocket())
    started = time.monotonic()
    with pytest.raises(Empty):
        run(channel.get_msg(timeout=1.2))
    assert 1.2 <= time.monotonic() - started < 2.5
    assert len(channel.socket.polls) >= 3  # 0.5 + 0.5 + 0.2, then the last look


def test_install_puts_the_sliced_wait_on_every_async_channel():
    kernel_wakeups.install()
    kernel_wakeups.install()
    assert AsyncZMQSocketChannel.get_msg is kernel_wakeups.get_msg_in_slices
