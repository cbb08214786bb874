"""What a rendered Voilà page tells a client: its kernel, its front-end files, its widget views."""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

CONFIG = re.compile(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', re.S)
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
VIEW_MODEL = re.compile(r'"application/vnd\.jupyter\.widget-view\+json":\s*\{"model_id":\s*"([0-9a-f]+)"')


class _References(HTMLParser):
    """Collects the src of scripts and the href of stylesheets, as a browser would load them."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.found.append(attrs["src"])
        elif tag == "link" and attrs.get("href") and "stylesheet" in (attrs.get("rel") or ""):
            self.found.append(attrs["href"])


def page_config(html):
    """The page's jupyter-config-data (kernel id, federated extensions, URLs); {} if absent."""
    match = CONFIG.search(html)
    return json.loads(match.group(1)) if match else {}


def kernel_id(html):
    """The id of the kernel Voilà started for this page, or None (an error page has none)."""
    return page_config(html).get("kernelId")


def front_end_files(html, page_url):
    """Absolute URLs on the page's server: scripts and stylesheets, then each federated extension's remoteEntry."""
    parser = _References()
    parser.feed(html)
    server = urlsplit(page_url)._replace(path="/", query="", fragment="").geturl()
    urls = [urljoin(page_url, ref) for ref in parser.found]
    config = page_config(html)
    labextensions = config.get("fullLabextensionsUrl", "/voila/labextensions").rstrip("/")
    for extension in config.get("federated_extensions", []):
        load = extension["load"].removeprefix("./")
        urls.append(urljoin(server, f"{labextensions}/{extension['name']}/{load}"))
    on_server = [url for url in urls if url.startswith(server)]
    return list(dict.fromkeys(on_server))


def widget_views(html):
    """The model ids of the widget views the page displays (one per widget output)."""
    return VIEW_MODEL.findall(html.replace("\\u0027", "'"))
