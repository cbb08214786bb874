"""Start the real `onthemove serve` on a free port, for tests that need a running Voilà."""

import os
import socket
import subprocess
import sys
import time

import pytest


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_serve(drafts_db, output=subprocess.DEVNULL, seconds=60, args=(), env=None):
    """(server process, port) once the server accepts connections; fails the test if it never does.

    `env` adds environment variables (ONTHEMOVE_CACHE, …) to the server's."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "onthemove_widgets.cli", "serve", "--no-browser", f"--port={port}", *args],
                              stdout=output, stderr=subprocess.STDOUT, env=dict(os.environ, ONTHEMOVE_DB=str(drafts_db), **(env or {})))
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            return server, port
        except OSError:
            time.sleep(0.5)
    server.kill()
    pytest.fail(f"Voilà did not start on port {port}")


def open_app(page, url, seconds=90):
    """Open a Voilà app page, once more if it never arrives.

    Pages used to hang now and then: a kernel's reply sat unnoticed in the server's socket
    (the lost wake-up `onthemove_widgets.kernel_wakeups` now catches within half a second).
    One reload is still allowed, as a participant would; a page that hangs twice fails.
    """
    from playwright.sync_api import TimeoutError as PageTimeout

    try:
        return page.goto(url, wait_until="domcontentloaded", timeout=seconds * 1000)
    except PageTimeout:
        return page.goto(url, wait_until="domcontentloaded", timeout=seconds * 1000)
