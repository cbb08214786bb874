"""The pure parts of benchmarks/bench_room.py: percentiles, reading a saved Voilà page, kernel messages."""

import json
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from room import messages  # noqa: E402
from room.apps import page_urls, schools  # noqa: E402
from room.channel import decode, encode  # noqa: E402
from room.page import front_end_files, kernel_id, widget_views  # noqa: E402
from room.report import missing_widgets, summarise, table  # noqa: E402
from room.stats import percentile, spread  # noqa: E402

PAGE = (Path(__file__).parent / "fixtures" / "voila_page.html").read_text()
URL = "http://127.0.0.1:8866/voila/render/protocols/determining_student_learning_needs.ipynb?school=S0001&grade=4"


@pytest.mark.parametrize("q", [0, 50, 95, 99, 100])
def test_percentile_matches_numpy(q):
    values = [3.0, 0.1, 7.5, 2.2, 9.9, 4.4, 0.7]
    assert percentile(values, q) == pytest.approx(np.percentile(values, q))


def test_spread_of_nothing_and_of_one():
    assert spread([]) == {"n": 0, "p50": None, "p95": None, "max": None}
    assert spread([1.23456]) == {"n": 1, "p50": 1.235, "p95": 1.235, "max": 1.235}


def test_page_gives_its_kernel_and_widget_views():
    assert kernel_id(PAGE) == "c894b305-3ddc-4398-b13e-e1b739e80f17"
    assert widget_views(PAGE) == ["f69ef6651ad64427ba37e3daf47d5ef9"]
    assert kernel_id("<html>500: Internal Server Error</html>") is None


def test_front_end_files_are_the_pages_scripts_styles_and_remote_entries():
    files = front_end_files(PAGE, URL)
    server = "http://127.0.0.1:8866/voila/"
    assert files[0].startswith(server + "templates/onthemove/static/voila-style.js?v=")
    assert server + "static/voila.js" in files
    assert sum(".css?v=" in f for f in files) == 2
    assert server + "labextensions/anywidget/static/remoteEntry.698dcaf7.js" in files
    assert server + "labextensions/@jupyter-widgets/jupyterlab-manager/static/remoteEntry.c8c9eed2cdefdeac.js" in files
    assert len(files) == 8 and not any("data:" in f for f in files)


def test_clock_press_is_a_custom_comm_msg():
    msg = messages.custom("s1", "abc", {"command": "next"})
    assert msg["header"]["msg_type"] == "comm_msg" and msg["header"]["session"] == "s1"
    assert msg["content"] == {"comm_id": "abc", "data": {"method": "custom", "content": {"command": "next"}}}
    assert msg["channel"] == "shell" and json.loads(json.dumps(msg)) == msg
    assert messages.comm_open("s1", "c")["metadata"] == {"version": messages.CONTROL_VERSION}


def test_a_message_goes_as_the_v1_frame_jupyter_server_reads_and_comes_back_whole():
    from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1

    msg = messages.custom("s1", "abc", {"command": "next"})
    channel, parts = deserialize_msg_from_ws_v1(encode(msg))  # what the server does with a browser's frame
    assert channel == "shell" and [json.loads(p) for p in parts] == [msg[part] for part in ("header", "parent_header", "metadata", "content")]
    assert decode(encode(msg)) == {key: msg[key] for key in ("channel", "header", "parent_header", "metadata", "content")}


def test_each_user_gets_a_school_in_turn_with_a_grade_it_teaches():
    cycle = schools()
    assert cycle[0] == ("S0001", 4) and ("S0003", 10) in cycle
    urls = page_urls("http://h:1/", len(cycle) + 1)
    assert urls[0] == "http://h:1/voila/render/protocols/determining_student_learning_needs.ipynb?school=S0001&grade=4&team=Room+team+0"
    assert urls[-1].endswith("school=S0001&grade=4&team=Room+team+12")


def test_summary_counts_pages_never_ready_and_missing_widgets():
    baseline = {"views": ["a"], "missing_views": []}
    ready = {"ok": True, "views": ["a"], "missing_views": [], "ready_s": 2.0, "html_s": 1.0, "files_s": 0.5,
             "interactions_s": [0.1, 0.3], "interaction_cpu_s": [0.2, None], "failed_files": [], "files": 97, "bytes": 5e6}
    empty = dict(ready, views=[])
    summary = summarise([ready, empty, {"ok": False, "error": "TimeoutError: "}], baseline)
    assert (summary["never_ready"], summary["missing_widgets"]) == (1, 1)
    assert summary["state_s"]["p50"] == 0.5 and summary["interaction_cpu_s"]["n"] == 2
    assert missing_widgets(dict(ready, missing_views=["a"]), baseline)


def test_the_table_says_where_the_bursts_cpu_went():
    ready = {"ok": True, "views": [], "missing_views": [], "ready_s": 2.0, "html_s": 1.0, "files_s": 0.5, "failed_files": [], "files": 97, "bytes": 1.5e6}
    summary = summarise([ready], {"views": [], "missing_views": []})
    lines = table(summary, {"burst_s": 22.6, "cpu_s": {"server": 9.1, "kernels": 25.0, "clients": 6.2, "idle": 4.9}})
    assert "CPU-s in the burst: server / kernels / clients / idle  9.1 / 25.0 / 6.2 / 4.9 (in 22.6 s)" in "\n".join(lines)
    assert any(line.endswith("97 / 1.5") for line in lines)


def test_files_come_over_six_kept_connections_counted_as_sent_and_a_closed_one_is_reopened():
    import gzip

    from in_thread import run as run_apart
    from tornado.httpserver import HTTPServer
    from tornado.testing import bind_unused_port
    from tornado.web import Application, HTTPError, RequestHandler

    from room.keepalive import fetch_all

    body = gzip.compress(b"x" * 5000)
    peers = []

    class File(RequestHandler):
        def get(self, name):
            peers.append(self.request.connection.stream.socket.getpeername())
            if name == "missing":
                raise HTTPError(404)
            self.set_header("Content-Encoding", "gzip")
            if name == "last-on-its-connection":
                self.set_header("Connection", "close")
            self.write(body)

    async def run():
        sock, port = bind_unused_port()
        server = HTTPServer(Application([(r"/(.*)", File)]))
        server.add_sockets([sock])
        names = [f"f{i}" for i in range(20)] + ["missing", "last-on-its-connection", "after"]
        results = await fetch_all([f"http://127.0.0.1:{port}/{n}" for n in names], 5, 6)
        server.stop()
        return results

    results = run_apart(run())  # the browser tests leave a loop running in this thread
    assert sorted(url.rsplit("/", 1)[1] for url, *_ in results) == sorted([f"f{i}" for i in range(20)] + ["missing", "last-on-its-connection", "after"])
    assert {code for url, code, _ in results if not url.endswith("missing")} == {200}
    assert [code for url, code, _ in results if url.endswith("missing")] == [404]
    assert {size for url, code, size in results if code == 200} == {len(body)}  # still compressed: as sent
    assert len(peers) == 23 and len(set(peers)) <= 7  # six connections, and one reopened after a close
