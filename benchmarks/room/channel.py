"""One kernel websocket as the front end holds it: send a request, collect what answers it."""

import asyncio
import json
import struct
import uuid

from tornado.websocket import websocket_connect

from .messages import parent_id


def decode(raw):
    """A websocket frame as a message; a binary frame (a message with buffers) starts with
    the count of parts and their offsets (jupyter_server's serialize_binary_message)."""
    if isinstance(raw, str):
        return json.loads(raw)
    count = struct.unpack_from(">I", raw)[0]
    offsets = struct.unpack_from(f">{count}I", raw, 4) + (len(raw),)
    return json.loads(raw[offsets[0]:offsets[1]])


class KernelChannel:
    """`/api/kernels/<id>/channels` with a session id; replies are grouped by the request they answer.

    A request is done when the kernel reports `status: idle` for it on iopub (as the
    front end's future resolves), so its time includes every output and widget update.
    """

    def __init__(self, connection, session):
        self.connection, self.session = connection, session
        self._replies, self._idle = {}, {}
        self._reader = asyncio.ensure_future(self._read())

    @classmethod
    async def open(cls, server, kernel, timeout):
        session = uuid.uuid4().hex
        url = f"{server.replace('http', 'ws', 1).rstrip('/')}/api/kernels/{kernel}/channels?session_id={session}"
        connection = await asyncio.wait_for(websocket_connect(url, max_message_size=1 << 30), timeout)
        return cls(connection, session)

    async def request(self, msg, timeout):
        """Send `msg` and return every message that answers it, once the kernel is idle again."""
        msg_id = msg["header"]["msg_id"]
        self._replies[msg_id], self._idle[msg_id] = [], asyncio.get_running_loop().create_future()
        await self.connection.write_message(json.dumps(msg))
        await asyncio.wait_for(asyncio.shield(self._idle[msg_id]), timeout)
        return self._replies.pop(msg_id)

    async def _read(self):
        while (raw := await self.connection.read_message()) is not None:
            reply = decode(raw)
            msg_id = parent_id(reply)
            if msg_id in self._replies:
                self._replies[msg_id].append(reply)
                if reply["header"]["msg_type"] == "status" and reply["content"].get("execution_state") == "idle":
                    self._idle[msg_id].done() or self._idle[msg_id].set_result(True)
        for waiting in self._idle.values():
            waiting.done() or waiting.set_exception(ConnectionError("kernel websocket closed"))

    def close(self):
        self.connection.close()
        self._reader.cancel()
