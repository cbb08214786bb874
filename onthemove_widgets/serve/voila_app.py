"""Voilà as `onthemove serve` runs it: an app page sets the `_xsrf` cookie its shutdown call needs,
front-end files go out compressed (`compressed.Compressed`), and the curriculum's own files
(guides and pictures) need the sign-in every page needs (`SignedIn`).

When a tab closes, Voilà's page posts `/voila/api/shutdown/<kernel>` with the `_xsrf`
cookie's value; a page opened by a direct link never had that cookie (only the landing
page set it), so the call was refused (403) and the kernel stayed. Reading
`handler.xsrf_token` makes Tornado set the cookie on the page's own response; the
check itself stays on.
"""

import os

import tornado.web
from jupyter_server.base.handlers import FileFindHandler, JupyterHandler
from voila.app import Voila
from voila.static_file_handler import AllowListFileHandler, MultiStaticFileHandler, TemplateStaticFileHandler
from voila.tornado.handler import TornadoVoilaHandler

from .. import kernel_wakeups
from . import template_cache
from .compressed import Compressed


class AppPageHandler(TornadoVoilaHandler):
    """Voilà's notebook page, with the `_xsrf` cookie set before the first byte is sent."""

    @tornado.web.authenticated
    async def get(self, path=None):
        self.xsrf_token  # noqa: B018 — reading it sets the cookie (Tornado's RequestHandler.xsrf_token)
        await super().get(path)


class SignedIn(JupyterHandler):
    """A mixin for Voilà's file handlers (plain Tornado ones, which ask no one): answer only a
    browser signed in as for any page, by the token or the cookie the token's first page set.

    With no token (on loopback, or `--no-token`) Jupyter's identity provider lets everyone
    in, as it does for pages. Voilà's and the widget libraries' scripts stay open to all:
    they are the same published files for every server and hold nothing of the district.
    """

    @tornado.web.authenticated
    async def get(self, path, include_body=True):
        await super().get(path, include_body)


class TemplateFileHandler(SignedIn, Compressed, TemplateStaticFileHandler):
    """Voilà's template files (the guides among them), with a path that leaves `<template>/static/` refused as not found.

    Voilà's own handler trips an assertion on such a path and answers 500; the file
    stays out of reach either way, but a probe should read 404, not a server fault.
    """

    def parse_url_path(self, path):
        parts = os.path.normpath(path).split(os.path.sep)
        if len(parts) < 3 or parts[1] != "static" or ".." in parts:
            raise tornado.web.HTTPError(404)
        return super().parse_url_path(path)


class PictureFiles(SignedIn, AllowListFileHandler):
    """The pictures the notebooks show (`/voila/files/`, limited to pictures by `files.file_arguments`)."""


class StaticFiles(Compressed, MultiStaticFileHandler):
    """Voilà's own scripts (`/voila/static/`), compressed."""


class ExtensionFiles(Compressed, FileFindHandler):
    """The widget libraries' scripts (`/voila/labextensions/`), compressed."""


REPLACED = {TornadoVoilaHandler: AppPageHandler, TemplateStaticFileHandler: TemplateFileHandler,
            MultiStaticFileHandler: StaticFiles, FileFindHandler: ExtensionFiles, AllowListFileHandler: PictureFiles}


class OnTheMoveVoila(Voila):
    """Voilà with our page and template-file handlers in place of its own; everything else as shipped."""

    def init_handlers(self):
        return [(rule[0], REPLACED.get(rule[1], rule[1]), *rule[2:]) for rule in super().init_handlers()]


if __name__ == "__main__":
    kernel_wakeups.install()  # a page whose kernel's reply went unnoticed would never finish
    template_cache.install()  # each page's templates were compiled from source again
    OnTheMoveVoila.launch_instance()
