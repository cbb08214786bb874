"""Voilà as `onthemove serve` runs it: an app page sets the `_xsrf` cookie its shutdown call needs.

When a tab closes, Voilà's page posts `/voila/api/shutdown/<kernel>` with the `_xsrf`
cookie's value; a page opened by a direct link never had that cookie (only the landing
page set it), so the call was refused (403) and the kernel stayed. Reading
`handler.xsrf_token` makes Tornado set the cookie on the page's own response; the
check itself stays on.
"""

import tornado.web
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from .. import kernel_wakeups


class AppPageHandler(TornadoVoilaHandler):
    """Voilà's notebook page, with the `_xsrf` cookie set before the first byte is sent."""

    @tornado.web.authenticated
    async def get(self, path=None):
        self.xsrf_token  # noqa: B018 — reading it sets the cookie (Tornado's RequestHandler.xsrf_token)
        await super().get(path)


class OnTheMoveVoila(Voila):
    """Voilà with `AppPageHandler` in place of its page handler; everything else as shipped."""

    def init_handlers(self):
        return [(rule[0], AppPageHandler, *rule[2:]) if rule[1] is TornadoVoilaHandler else rule for rule in super().init_handlers()]


if __name__ == "__main__":
    kernel_wakeups.install()  # a page whose kernel's reply went unnoticed would never finish
    OnTheMoveVoila.launch_instance()
