"""Front-end files fetched as a browser tab fetches them: over six connections kept alive.

Tornado's `AsyncHTTPClient` (the simple client) opens a new connection for every
request, which no browser does: for a page's ~100 files it cost the server ~0.14 ms
and the benchmark's own participants ~0.3 ms a file more than a room of browsers
causes, all of it on the machine being measured. Here each connection is Tornado's own
HTTP/1.1 client connection (`HTTP1Connection`, as the simple client uses), reused
request after request. Bodies are counted as they arrive on the wire, still
compressed: unpacking them is the participant's laptop's work, not the server's.
"""

import asyncio
from urllib.parse import urlsplit

from tornado import httputil
from tornado.http1connection import HTTP1Connection, HTTP1ConnectionParameters
from tornado.iostream import StreamClosedError
from tornado.tcpclient import TCPClient

PARAMS = HTTP1ConnectionParameters(decompress=False)


class _Response(httputil.HTTPMessageDelegate):
    """Status, headers and the size of the body of one response."""

    def __init__(self):
        self.code, self.headers, self.size = None, None, 0

    def headers_received(self, start_line, headers):
        self.code, self.headers = start_line.code, headers

    def data_received(self, chunk):
        self.size += len(chunk)


class KeptAlive:
    """One connection to a server, reused for one GET after another; reopened if the server closes it."""

    def __init__(self, host, port):
        self.host, self.port, self.stream = host, port, None

    async def get(self, target, timeout):
        """(status, body bytes as sent) of GET `target` (a path with its query)."""
        for attempt in (1, 2):  # a kept connection the server has closed meanwhile is opened once more
            if self.stream is None or self.stream.closed():
                self.stream = await TCPClient().connect(self.host, self.port, timeout=timeout)
            connection = HTTP1Connection(self.stream, True, PARAMS)
            headers = httputil.HTTPHeaders({"Host": f"{self.host}:{self.port}", "Accept-Encoding": "gzip"})
            response = _Response()
            try:
                await connection.write_headers(httputil.RequestStartLine("GET", target, "HTTP/1.1"), headers)
                connection.finish()
                await asyncio.wait_for(connection.read_response(response), timeout)
                return response.code, response.size
            except StreamClosedError:
                self.stream = None
                if attempt == 2:
                    raise

    def close(self):
        if self.stream is not None:
            self.stream.close()


async def fetch_all(urls, timeout, connections):
    """[(url, status, bytes sent)] for `urls` (one server), over `connections` kept-alive connections."""
    if not urls:
        return []
    where = urlsplit(urls[0])
    waiting = asyncio.Queue()
    for url in urls:
        waiting.put_nowait(url)
    results = []

    async def work(connection):
        try:
            while not waiting.empty():
                url = waiting.get_nowait()
                parts = urlsplit(url)
                code, size = await connection.get(parts.path + (f"?{parts.query}" if parts.query else ""), timeout)
                results.append((url, code, size))
        finally:
            connection.close()

    await asyncio.gather(*(work(KeptAlive(where.hostname, where.port)) for _ in range(min(connections, len(urls)))))
    return results
