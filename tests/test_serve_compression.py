"""The real `onthemove serve` sends front-end files gzip-compressed to a browser that accepts it, and as they are otherwise."""

import gzip
import http.client
import sys
from pathlib import Path

import pytest
from serving import start_serve

SHARED = Path(sys.prefix) / "share" / "jupyter"


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    root = tmp_path_factory.mktemp("compressed")
    process, port = start_serve(root / "drafts.db", env={"ONTHEMOVE_CACHE": str(root / "cache")})
    yield port
    process.terminate()
    process.wait(timeout=30)


def get(port, path, gzip_ok):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip, deflate"} if gzip_ok else {})
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def front_end_files():
    """(url path, file on disk) for one file of each kind the server sends: Voilà's, a widget library's, a guide."""
    remote_entry = next((SHARED / "labextensions" / "anywidget" / "static").glob("remoteEntry*.js"))
    return [
        ("/voila/static/voila.js", SHARED / "voila" / "templates" / "base" / "static" / "voila.js"),
        (f"/voila/labextensions/anywidget/static/{remote_entry.name}", remote_entry),
        ("/voila/templates/onthemove/static/guides/critical_friends.html", None),
    ]


@pytest.mark.parametrize("path,source", front_end_files())
def test_front_end_files_go_out_compressed_and_unchanged(port, path, source):
    status, headers, body = get(port, path, gzip_ok=True)
    plain_status, plain_headers, plain = get(port, path, gzip_ok=False)
    assert status == plain_status == 200
    assert headers["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain_headers
    assert headers["Vary"] == plain_headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == plain and len(body) < len(plain) / 2
    if source is not None:
        assert plain == source.read_bytes()


def test_an_unchanged_compressed_file_is_not_sent_again(port):
    path = front_end_files()[1][0]  # a widget library's script, sent with `no-cache`: the browser asks again each time
    _, headers, _ = get(port, path, gzip_ok=True)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip", "If-Modified-Since": headers["Last-Modified"]})
    assert connection.getresponse().status == 304


def test_the_charts_script_goes_out_compressed_and_kept_for_good(port, tmp_path):
    from onthemove_widgets.serve import chart_bundle

    path = "/" + chart_bundle.url_path()
    status, headers, body = get(port, path, gzip_ok=True)
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "max-age=315360000"  # its name changes with vl-convert, so browsers keep it
    script = gzip.decompress(body).decode()
    assert script == chart_bundle.write(tmp_path).read_text() and "window.vegaEmbed=" in script
