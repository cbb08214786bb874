"""Front-end files sent gzip-compressed, each compressed once per server.

An app page loads ~97 scripts, styles and fonts, 5.4 MB, and Voilà sends them as they
are: a room of 30 fresh laptops pulls 160 MB through the school's wifi at the moment the
session starts. Compressed they are a quarter of that. Compressing on the fly (Tornado's
`compress_response`) would cost the server's one main thread ~3 CPU-s for such a room,
so each file is compressed on its first request and kept in memory (~1.5 MB in all).
"""

import gzip
import os

COMPRESSIBLE = (".js", ".css", ".json", ".svg", ".html", ".map", ".ttf", ".otf", ".eot", ".txt")
SMALLEST = 1024  # smaller files gain nothing worth a header
_compressed = {}  # (path, modified, size) -> gzip bytes


def compressed_bytes(path):
    """The gzip form of the file at `path`, made once per version of the file."""
    stat = os.stat(path)
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key not in _compressed:
        with open(path, "rb") as source:
            _compressed[key] = gzip.compress(source.read(), compresslevel=6, mtime=0)
    return _compressed[key]


class Compressed:
    """A mixin for Tornado's StaticFileHandler family: gzip for a client that accepts it, the file as it is otherwise."""

    def _gzip(self):
        if not hasattr(self, "_gzip_bytes"):
            accepts = "gzip" in self.request.headers.get("Accept-Encoding", "")
            wanted = accepts and self.absolute_path.endswith(COMPRESSIBLE) and os.path.getsize(self.absolute_path) >= SMALLEST
            self._gzip_bytes = compressed_bytes(self.absolute_path) if wanted else None
        return self._gzip_bytes

    def set_extra_headers(self, path):
        super().set_extra_headers(path)
        self.set_header("Vary", "Accept-Encoding")
        if self._gzip() is not None:
            self.set_header("Content-Encoding", "gzip")

    def get_content_size(self):
        body = self._gzip()
        return super().get_content_size() if body is None else len(body)

    def get_content(self, abspath, start=None, end=None):
        body = self._gzip()
        if body is None:
            return super().get_content(abspath, start, end)
        return body[start:end]
