"""One participant opening an app: page, front-end files, widget state, then a few clicks."""

import asyncio
import time
import uuid
from urllib.parse import urlsplit

from tornado.httpclient import AsyncHTTPClient, HTTPClientError

from . import messages
from .channel import KernelChannel
from .keepalive import fetch_all
from .page import front_end_files, kernel_id, widget_views

BROWSER_CONNECTIONS = 6  # what a browser opens to one host over HTTP/1.1, and keeps open
NEXT_STEP = {"command": "next"}


async def fetch(url, timeout, method="GET", body=None):
    """(status, body bytes, bytes sent over the wire) of one request, accepting gzip as a browser does;
    an HTTP error's status instead of raising."""
    try:
        response = await AsyncHTTPClient().fetch(url, method=method, body=body, request_timeout=timeout,
                                                 connect_timeout=timeout, allow_nonstandard_methods=True)
        return response.code, response.body, int(response.headers.get("Content-Length", len(response.body)))
    except HTTPClientError as error:
        return error.code, b"", 0


async def fetch_files(urls, timeout):
    """(count, bytes sent, failed urls) for fetching `urls` over six kept-alive connections, as one browser tab does."""
    results = await fetch_all(urls, timeout, BROWSER_CONNECTIONS)
    return len(results), sum(sent for *_, sent in results), [url for url, code, _ in results if code != 200]


async def widget_state(channel, timeout):
    """(comm count, {model id: state}) the way ipywidgets 8 loads a page: comm_info, then every
    state at once through the `jupyter.widget.control` comm."""
    info = await channel.request(messages.comm_info_request(channel.session), timeout)
    comms = next((m["content"]["comms"] for m in info if m["header"]["msg_type"] == "comm_info_reply"), {})
    control = uuid.uuid4().hex
    await channel.request(messages.comm_open(channel.session, control), timeout)
    replies = await channel.request(messages.comm_msg(channel.session, control, {"method": "request_states"}), timeout)
    states = next((m["content"]["data"]["states"] for m in replies
                   if m["header"]["msg_type"] == "comm_msg" and m["content"]["data"].get("method") == "update_states"), {})
    return len(comms), {model: entry.get("state", {}) for model, entry in states.items()}


def clock_model(states):
    """The protocol clock's model id (the anywidget that holds items, state and server_now), or None."""
    return next((model for model, state in states.items() if {"items", "state", "server_now"} <= state.keys()), None)


async def open_page(url, extra_files, timeout):
    """Everything until the page is ready (HTML, files, widget state), timed step by step."""
    record, start = {"url": url}, time.perf_counter()
    code, body, _ = await fetch(url, timeout)
    html = body.decode("utf-8", "replace")
    record.update(status=code, html_s=time.perf_counter() - start, kernel=kernel_id(html), views=widget_views(html))
    if code != 200 or not record["kernel"]:
        raise RuntimeError(f"page answered {code} without a kernel")
    files = list(dict.fromkeys(front_end_files(html, url) + list(extra_files)))
    record["files"], record["bytes"], record["failed_files"] = await fetch_files(files, timeout)
    record["files_s"] = time.perf_counter() - start - record["html_s"]
    server = urlsplit(url)._replace(path="/", query="").geturl()
    channel = await KernelChannel.open(server, record["kernel"], timeout)
    record["comms"], states = await widget_state(channel, timeout)
    record.update(models=len(states), missing_views=[v for v in record["views"] if v not in states])
    record["ready_s"] = time.perf_counter() - start
    return record, channel, states


async def interact(channel, states, clicks, timeout, cpu_seconds):
    """Press the clock's Next step `clicks` times; the seconds (and kernel CPU-s) each took."""
    clock = clock_model(states)
    if clock is None:
        return [], []
    seconds, cpu = [], []
    for _ in range(clicks):
        before, start = cpu_seconds(), time.perf_counter()
        await channel.request(messages.custom(channel.session, clock, NEXT_STEP), timeout)
        seconds.append(time.perf_counter() - start)
        after = cpu_seconds()
        cpu.append(None if before is None or after is None else after - before)
    return seconds, cpu


async def visit(url, extra_files, timeout, clicks, cpu_of):
    """One participant's whole visit as a record; `ok` is False when the page never became ready.

    On leaving, the page's shutdown beacon is sent as a browser sends it (no _xsrf), and
    its answer recorded: a directly opened page's kernel is not freed (STACK_NOTES).
    """
    try:
        record, channel, states = await asyncio.wait_for(open_page(url, extra_files, timeout), timeout)
    except Exception as error:  # a page that never became ready is a result, not a crash
        return {"url": url, "ok": False, "error": f"{type(error).__name__}: {error}"}
    record["ok"] = True
    try:
        record["interactions_s"], record["interaction_cpu_s"] = await interact(
            channel, states, clicks, timeout, lambda: cpu_of(record["kernel"]))
    except Exception as error:
        record["interaction_error"] = f"{type(error).__name__}: {error}"
    channel.close()
    server = urlsplit(url)._replace(path="/", query="").geturl()
    record["beacon_status"], *_ = await fetch(f"{server}voila/api/shutdown/{record['kernel']}", timeout, "POST", b"")
    return record
