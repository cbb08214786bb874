"""`onthemove serve --room 3`: the pool warms, says so, and serves each page its own school at once."""

import http.cookiejar
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from serving import start_serve

APP = "protocols/examining_data.ipynb"
SCHOOLS = {"S0002": "Harbor View Elementary School", "S0003": "Mission Heights High School", "S0004": "Cedar Ridge Middle School"}


def wait_for_line(log, text, seconds):
    """The server log's text once it holds `text`; fails the test after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        content = log.read_text()
        if text in content:
            return content
        time.sleep(0.5)
    pytest.fail(f"no '{text}' in the server log after {seconds} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    folder = tmp_path_factory.mktemp("room")
    log = folder / "voila.log"
    with open(log, "w") as output:
        server, port = start_serve(folder / "drafts.db", output=output, args=("--room", "3", "--room-app", APP))
        wait_for_line(log, "Room ready: 3 kernels warm for 1 apps", seconds=90)
        yield f"http://127.0.0.1:{port}", log
        server.terminate()
        server.wait(timeout=30)


def fetch(url):
    """(seconds to the whole HTML, the HTML, the cookies the page set) for a browser-free open."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    started = time.monotonic()
    with opener.open(url, timeout=60) as response:
        html = response.read().decode()
    return time.monotonic() - started, html, {cookie.name: cookie.value for cookie in jar}


def test_a_room_of_three_gets_warm_kernels_each_with_its_own_school(room):
    base, log = room
    urls = [f"{base}/voila/render/{APP}?school={school}&team=Grade+4+team" for school in SCHOOLS]
    with ThreadPoolExecutor(len(urls)) as pool:
        try:
            opened = list(pool.map(fetch, urls))
        except TimeoutError:
            pytest.fail(f"a page never finished; the server log:\n{log.read_text()[-6000:]}")
    for (seconds, html, cookies), name in zip(opened, SCHOOLS.values()):
        assert f"<strong>{name}</strong>" in html.replace("\\u003c", "<").replace("\\u003e", ">")
        assert seconds < 10, f"{name}: {seconds:.1f} s from a warm kernel"
        assert cookies.get("_xsrf"), "a directly opened page must set the _xsrf cookie its shutdown call sends"
    assert log.read_text().count("Using pre-heated kernel") == 3


def test_a_pooled_kernel_refill_is_announced_one_at_a_time(room):
    _, log = room
    content = wait_for_line(log, "Room pool refilled", seconds=60)
    assert "Room warming" in content.split("Room ready")[0]  # progress while the room warmed
