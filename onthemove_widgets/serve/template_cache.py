"""Voilà's page templates compiled once per server, not once per page.

Voilà makes a new `VoilaExporter` for every page it renders (and for every kernel of a
room's pool), and each new exporter's new Jinja environment compiles `index.html.j2` and
all it extends from source. Sampled with py-spy while a room of 30 opened an app, that
compiling was about a fifth of the server's main thread, the thread every page, file and
widget message waits for. Jinja's bytecode cache hands each new environment the code the
first one compiled; a template whose source changed has a new checksum and is compiled again.
"""

import jinja2
from voila import notebook_renderer
from voila.exporter import VoilaExporter


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled template code kept in memory, by template, source checksum and how the environment compiles."""

    def __init__(self):
        self._code = {}

    @staticmethod
    def _key(bucket):
        environment = bucket.environment  # async and extensions change the code Jinja generates
        return bucket.key, environment.is_async, tuple(sorted(environment.extensions))

    def load_bytecode(self, bucket):
        checksum, code = self._code.get(self._key(bucket), (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket):
        self._code[self._key(bucket)] = (bucket.checksum, bucket.code)


COMPILED = CompiledTemplates()


class CachedVoilaExporter(VoilaExporter):
    """Voilà's exporter whose Jinja environment shares the server's compiled templates."""

    def _create_environment(self):
        environment = super()._create_environment()
        environment.bytecode_cache = COMPILED
        return environment


def install():
    """Make Voilà's page renderer build its exporters from `CachedVoilaExporter` (in the server process only)."""
    notebook_renderer.VoilaExporter = CachedVoilaExporter
