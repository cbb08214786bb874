"""The real `onthemove serve` on 0.0.0.0: no page without the token, and no file of data.

One server for the module, listening beyond loopback, so the token is made and printed by
the command itself. Requests go out with `http.client`, which sends a path exactly as
written (no `..` folded away), as an attacker's tool would.
"""

import http.client
import os
import re

import pytest

from onthemove_widgets.paths import DATASETS_DIR, NOTEBOOKS_DIR
from onthemove_widgets.store import Store
from serving import start_serve
from tiny_district import write_district

REFUSED = {403, 404}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """(port, token, places): the server, the token it printed, and the files it must never give out."""
    root = tmp_path_factory.mktemp("guard")
    districts = root / "districts"
    write_district(districts / "tiny")
    (districts / "tiny" / "logo.png").write_bytes(b"\x89PNG tiny-district-logo")
    db = root / "drafts.db"
    Store(db).save("protocol_note", "S1", "Grade 3 team", "main", {"text": "a team's private note"})
    log = root / "serve.log"
    with open(log, "w") as output:
        process, port = start_serve(db, output=output, args=["--ip=0.0.0.0", f"--data={districts}"], env={"ONTHEMOVE_CACHE": str(root / "cache")})
    token = re.search(r"/\?token=(\S+)", log.read_text()).group(1)
    yield port, token, _places(root, districts, db)
    process.terminate()
    process.wait(timeout=30)


def _places(root, districts, db):
    """{name: (absolute path, a piece of its bytes that must never appear in a response)}."""
    cached = next((root / "cache" / "schools").glob("*/S1/students.csv"))
    return {
        "demo": (DATASETS_DIR / "anywhere_sd" / "students.csv", (DATASETS_DIR / "anywhere_sd" / "students.csv").read_text().splitlines()[1]),
        "data_root": (districts / "tiny" / "students.csv", "0001,S1,Ana,Reyes"),
        "picture_outside": (districts / "tiny" / "logo.png", "tiny-district-logo"),
        "drafts": (db, "SQLite format 3"),
        "cache": (cached, "Ana"),
    }


def get(port, path, token=None, follow=3):
    """(status, body) of a GET of `path` exactly as written, following redirects the same way."""
    if token:
        path += ("&" if "?" in path else "?") + f"token={token}"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    location = response.getheader("Location")
    if response.status in (301, 302) and location and follow and "/login" not in location:
        return get(port, location, token, follow - 1)
    return response.status, body


def status_without_token(port, path):
    """(status, Location header, body) of a GET with no token and no cookie."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.getheader("Location") or "", response.read().decode("utf-8", "replace")


def test_without_the_token_every_page_is_refused(server):
    port, _token, _ = server
    for path in ("/", "/voila/tree", "/voila/render/protocols/examining_data.ipynb?school=S0001", "/voila/api/contents/"):
        status, location, _body = status_without_token(port, path)
        assert status in (302, 403), path
        assert status == 403 or location.startswith("/login"), path


def test_a_wrong_token_is_refused_too(server):
    port, token, _ = server
    status, body = get(port, "/voila/api/contents/", token="x" + token)
    assert status == 403 and "00_start_here" not in body


def test_with_the_token_the_landing_page_is_served(server):
    port, token, _ = server
    status, body = get(port, "/", token=token, follow=0)
    assert status == 200 and "<title>On the Move</title>" in body
    status, body = get(port, "/voila/api/contents/", token=token)
    assert status == 200 and "00_start_here.ipynb" in body



def test_guides_and_pictures_need_the_token_like_pages(server):
    port, token, _ = server
    guide = "/voila/templates/onthemove/static/guides/critical_friends.html"
    status, location, body = status_without_token(port, guide)
    assert status in (302, 403) and "Critical Friends" not in body
    assert status == 403 or location.startswith("/login")
    assert status_without_token(port, "/voila/files/no_such_picture.png")[0] in (302, 403)
    status, body = get(port, guide, token=token)
    assert status == 200 and "Critical Friends" in body
    assert get(port, "/voila/files/no_such_picture.png", token=token)[0] == 404  # signed in, the file's own answer
    assert status_without_token(port, "/voila/static/voila.js")[0] == 200  # Voilà's published scripts stay open

def attempts(places):
    """(name, path) of every way tried to reach each file: plain, `..`, encoded, double-encoded, absolute."""
    for name, (target, _) in places.items():
        relative = os.path.relpath(target, NOTEBOOKS_DIR)
        from_static = "../" * 12 + str(target).lstrip("/")
        single, double = relative.replace("../", "%2e%2e%2f"), relative.replace("../", "%252e%252e%252f")
        for path in (f"/voila/files/{relative}", f"/voila/files/{single}", f"/voila/files/{double}", f"/voila/files/{relative.replace('/', '%2f')}",
                     f"/voila/files/{target}", f"/voila/files//{target}", f"/voila/render/{relative}", f"/voila/render/{single}", f"/voila/render/{target}",
                     f"/voila/templates/onthemove/static/{from_static}", f"/voila/templates/onthemove/static/{from_static.replace('/', '%2f')}",
                     f"/voila/templates/onthemove/static/guides/{from_static}", f"/voila/static/{from_static}", f"/voila/static/{from_static.replace('/', '%2f')}",
                     f"/voila/labextensions/{from_static}", f"/files/{relative}", f"/files/{target}", f"/api/contents/{relative}",
                     f"/voila/api/contents/{relative}", f"/voila/api/contents/{single}", f"/voila/tree/{relative}"):
            yield name, path


def test_no_data_file_database_cache_or_notebook_source_can_be_downloaded(server):
    port, token, places = server
    tried = 0
    for name, path in attempts(places):
        status, body = get(port, path, token=token)
        _, secret = places[name]
        assert secret not in body, f"{path} gave out {name}"
        assert status in REFUSED, f"{path} answered {status}"
        tried += 1
    assert tried == 21 * len(places)


def test_the_notebooks_own_files_are_refused_by_name(server):
    """Even inside notebooks/ only pictures are files; a notebook's source never is."""
    port, token, _ = server
    for path in ("/voila/files/00_start_here.ipynb", "/voila/files/protocols/examining_data.IPYNB", "/voila/files/protocols/../00_start_here.ipynb",
                 "/voila/files/protocols/%2e%2e%2f00_start_here.ipynb", f"/voila/files/{NOTEBOOKS_DIR}/00_start_here.ipynb",
                 "/files/00_start_here.ipynb", "/api/contents/00_start_here.ipynb", "/voila/static/../../00_start_here.ipynb"):
        status, body = get(port, path, token=token)
        assert status in REFUSED and '"cell_type"' not in body, path
    status, body = get(port, "/voila/api/contents/00_start_here.ipynb?format=text", token=token)
    assert '"cell_type"' not in body
    status, body = get(port, "/voila/api/contents/00_start_here.ipynb?content=1", token=token)
    assert '"content": null' in body

