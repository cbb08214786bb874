"""One kernel websocket as the front end holds it: send a request, collect what answers it."""

import asyncio
import json
import uuid

from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1, serialize_msg_to_ws_v1
from tornado.websocket import websocket_connect

from .messages import parent_id


PROTOCOL = "v1.kernel.websocket.jupyter.org"
"""The kernel websocket protocol a browser's page asks for (@jupyterlab/services'
`supportedKernelWebSocketProtocols`): the server passes its frames through as they are,
where the legacy JSON protocol has it decode and re-encode every message."""
PARTS = ("header", "parent_header", "metadata", "content")


def encode(msg):
    """A message as a v1 frame: its channel and its four JSON parts, after their offsets."""
    return serialize_msg_to_ws_v1({part: msg[part] for part in PARTS}, msg["channel"], pack=lambda part: json.dumps(part).encode())


def decode(raw):
    """A v1 frame as a message (its buffers left out: nothing here reads them)."""
    channel, parts = deserialize_msg_from_ws_v1(raw)
    return {"channel": channel, **{part: json.loads(value) for part, value in zip(PARTS, parts)}}


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
        connection = await asyncio.wait_for(websocket_connect(url, max_message_size=1 << 30, subprotocols=[PROTOCOL]), timeout)
        if connection.selected_subprotocol != PROTOCOL:
            raise ConnectionError(f"the server did not take the browser's protocol ({connection.selected_subprotocol!r})")
        return cls(connection, session)

    async def request(self, msg, timeout):
        """Send `msg` and return every message that answers it, once the kernel is idle again."""
        msg_id = msg["header"]["msg_id"]
        self._replies[msg_id], self._idle[msg_id] = [], asyncio.get_running_loop().create_future()
        await self.connection.write_message(encode(msg), binary=True)
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
