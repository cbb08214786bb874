"""Start `onthemove serve` for a run, or find a running one, and watch its processes with psutil."""

import asyncio
import os
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import psutil

READY_LINE = "Room ready"
REFILL_LINE = "Room pool refilled"  # pool.RoomProgress: a warm kernel replaced one a page took


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_serve(folder, serve_args="", code_root=None):
    """(process, url, log path) of `onthemove serve` on a free port with a fresh drafts db in `folder`.

    `code_root` goes first on PYTHONPATH so a worktree's code is served, not the installed one.
    """
    port, log = free_port(), Path(folder) / "serve.log"
    env = dict(os.environ, ONTHEMOVE_DB=str(Path(folder) / "drafts.db"))
    if code_root:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code_root), env.get("PYTHONPATH", "")]))
    command = [sys.executable, "-m", "onthemove_widgets.cli", "serve", "--no-browser", f"--port={port}", *shlex.split(serve_args)]
    process = subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT, env=env)
    return process, f"http://127.0.0.1:{port}/", log


def wait_ready(url, log=None, seconds=120):
    """Seconds until the server accepts connections and, given a log, until it prints "Room ready"."""
    start, address = time.monotonic(), urlsplit(url)
    while time.monotonic() - start < seconds:
        try:
            socket.create_connection((address.hostname, address.port), timeout=2).close()
            if log is None or READY_LINE in Path(log).read_text(errors="replace"):
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} not ready after {seconds} s" + (f" (no '{READY_LINE}' line in {log})" if log else ""))


def refills(log):
    """How many times the server's log has said a warm kernel replaced one a page took."""
    return Path(log).read_text(errors="replace").count(REFILL_LINE) if log else 0


async def refilled(log, before, seconds=120):
    """Seconds until the log says the pool refilled once more than `before` times, or None on timeout."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if refills(log) > before:
            return round(time.monotonic() - start, 1)
        await asyncio.sleep(0.5)
    return None


def listening_process(url):
    """The local process listening on the URL's port (the server), or None if it is not on this machine."""
    port = urlsplit(url).port
    for connection in psutil.net_connections("tcp"):
        if connection.status == psutil.CONN_LISTEN and connection.laddr.port == port and connection.pid:
            return psutil.Process(connection.pid)
    return None


class Watch:
    """The server and its kernels: peak memory sampled twice a second, and each kernel's CPU by id."""

    def __init__(self, server):
        self.server, self.peak_bytes, self.peak_kernels, self._kernels = server, 0, 0, {}

    def processes(self):
        try:
            return [self.server, *self.server.children(recursive=True)] if self.server else []
        except psutil.NoSuchProcess:
            return []

    def memory(self):
        """(RSS bytes of the server and its kernels, number of processes under the server)."""
        total, processes = 0, self.processes()
        for process in processes:
            try:
                total += process.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        return total, len(processes) - 1

    async def sample(self, every=0.5):
        while True:
            rss, children = self.memory()
            self.peak_bytes, self.peak_kernels = max(self.peak_bytes, rss), max(self.peak_kernels, children)
            await asyncio.sleep(every)

    def kernel(self, kernel_id):
        """The kernel process whose connection file names `kernel_id` (Voilà's `kernel-<id>.json`)."""
        cached = self._kernels.get(kernel_id)
        if cached is None or not cached.is_running():
            self._kernels[kernel_id] = next((p for p in self.processes()[1:] if _names(p, kernel_id)), None)
        return self._kernels[kernel_id]

    def cpu_seconds(self, kernel_id):
        """User + system CPU-seconds the kernel has used so far, or None when it cannot be read."""
        try:
            times = self.kernel(kernel_id).cpu_times()
            return times.user + times.system
        except (AttributeError, psutil.Error):
            return None

    def cpu_split(self):
        """CPU-s used so far by the server, its kernels and this benchmark's own clients, and the machine's idle CPU-s.

        The clients share the machine with the server here, unlike a room's laptops; the
        split says how much of a burst they took."""
        split = {"server": 0.0, "kernels": 0.0}
        for process in self.processes():
            try:
                times, command = process.cpu_times(), " ".join(process.cmdline())
            except psutil.Error:  # exited while we looked
                continue
            split["kernels" if "ipykernel" in command else "server"] += times.user + times.system
        clients = psutil.Process().cpu_times()
        return {**split, "clients": clients.user + clients.system, "idle": psutil.cpu_times().idle}

    def alive(self, kernel_ids):
        """How many of these kernels still run."""
        return sum(1 for k in set(kernel_ids) if self.kernel(k) is not None)


def _names(process, kernel_id):
    try:
        return any(kernel_id in part for part in process.cmdline())
    except psutil.Error:
        return False
