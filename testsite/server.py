"""The HTTP server: one Twisted resource answering every path from a pages.Pages.

Nothing is logged per request; instead each request (except the control paths under
/__testsite__/) is kept as (method, path with query, Host header) and served at
GET /__testsite__/requests.json, so tests can check what a crawler asked for.

Control (POST): /__testsite__/publish?count=K, /__testsite__/edit?count=K and
/__testsite__/change?kind=KIND&count=K (changes.KINDS) change the content between crawls and
answer the JSON list of the affected canonical URLs; /__testsite__/faults?modes=none|all|a,b
switches fault modes (see faults.py). Pages answer conditional GETs (conditional.py).
With a delay (--delay-ms), every page is answered that much later, without blocking the others.
"""

import json

from twisted.internet import reactor
from twisted.web.resource import Resource
from twisted.web.server import NOT_DONE_YET, Site

from . import conditional, fault_replies, render_js
from .changes import Newsroom
from .faults import parse_modes
from .pages import Pages

CONTROL = "/__testsite__/"
REQUESTS_PATH = CONTROL + "requests.json"


class TestSiteResource(Resource):
    """Dispatches every request path to the pages (isLeaf: no child resources)."""

    isLeaf = True

    def __init__(self, pages=None, delay=0.0):
        super().__init__()
        self.pages = pages
        self.requests = []
        self.delay = delay
        self.newsroom = None

    def render_GET(self, request):
        """Answer GET (and HEAD, which Twisted routes here and sends without a body)."""
        path = request.path.decode("utf-8", "replace")
        if path == REQUESTS_PATH:
            return self._answer(request, 200, "application/json", json.dumps(self.requests).encode())
        if not path.startswith(CONTROL):
            host = (request.getHeader(b"host") or b"").decode("latin-1")
            self.requests.append((request.method.decode("ascii"), request.uri.decode("utf-8", "replace"), host))
        if path == render_js.SHOW_MORE_PATH and self.pages.js:
            return self._show_more(request)
        override = None if path.startswith(CONTROL) else self.pages.override(path)
        if override is not None:
            return self._deliver(request, override)
        normal = self.pages.respond(path)
        faults = self.pages.faults
        if faults and faults.modes and request.method == b"GET" and not path.startswith(CONTROL):
            reply = fault_replies.intercept(faults, self.pages, path, request.uri.partition(b"?")[2], normal)
            if reply is not None:
                return self._deliver(request, reply)
        if path.startswith(CONTROL):
            return self._answer(request, *normal)
        answer = self._conditional(request, path, normal)
        if self.delay:
            return self._answer_later(request, answer)
        return self._answer(request, *answer)

    def _conditional(self, request, path, answer):
        """A page's answer with its ETag and Last-Modified, or 304 when the request's validators match."""
        status, content_type, body = answer
        if status != 200:
            return answer
        headers = conditional.validators(body, self.pages.modified(path))
        if conditional.not_modified(_header(request, b"if-none-match"), _header(request, b"if-modified-since"),
                                    headers):
            return 304, content_type, b"", headers
        return status, content_type, body, headers

    def _answer_later(self, request, answer):
        """Answer after self.delay seconds, through the reactor, so other requests go on meanwhile."""
        call = reactor.callLater(self.delay, self._finish, request, answer)
        request.notifyFinish().addErrback(lambda _: call.active() and call.cancel())
        return NOT_DONE_YET

    def _finish(self, request, answer):
        request.write(self._answer(request, *answer))
        request.finish()

    def _show_more(self, request):
        """GET /__testsite__/api/tag/video?page=N (--js)."""
        page = request.args.get(b"page", [b"2"])[0]
        body = render_js.show_more_json(self.pages, int(page)) if page.isdigit() else None
        if body is None:
            return self._answer(request, 404, "application/json", b'{"error": "no such page"}')
        return self._answer(request, 200, "application/json", body.encode())

    def render_POST(self, request):
        """Control endpoints that change the site; anything else is 404."""
        path = request.path.decode("utf-8", "replace")
        action = path.removeprefix(CONTROL)
        if path == CONTROL + "faults":
            return self._switch_faults(request)
        if not path.startswith(CONTROL) or action not in ("publish", "edit", "change"):
            return self._answer(request, 404, "text/plain", b"unknown control endpoint\n")
        try:
            count = int(request.args.get(b"count", [b"1"])[0])
        except ValueError:
            return self._answer(request, 400, "text/plain", b"count must be an integer\n")
        if self.newsroom is None:
            self.newsroom = Newsroom(self.pages.site)
        kind = request.args.get(b"kind", [b""])[0].decode("utf-8", "replace")
        try:
            changed = (self.newsroom.change(kind, max(0, count)) if action == "change"
                       else getattr(self.newsroom, action)(max(0, count)))
        except ValueError as error:  # an unknown change kind
            return self._answer(request, 400, "text/plain", f"{error}\n".encode())
        self.pages.update(changed)
        urls = [self.pages.base + article.path for article in changed]
        return self._answer(request, 200, "application/json", json.dumps(urls).encode())

    def _switch_faults(self, request):
        """POST /__testsite__/faults?modes=...: answers {"modes": [...]} now on."""
        try:
            modes = parse_modes(request.args.get(b"modes", [b"none"])[0].decode("utf-8", "replace"))
        except ValueError as error:
            return self._answer(request, 400, "text/plain", f"{error}\n".encode())
        self.pages.switch_faults(modes)
        return self._answer(request, 200, "application/json", json.dumps({"modes": sorted(modes)}).encode())

    @staticmethod
    def _deliver(request, reply):
        """Send a fault_replies.Reply the way its ``delivery`` says."""
        request.setResponseCode(reply.status)
        for name, value in reply.headers.items():
            request.setHeader(name.encode("ascii"), value.encode("ascii"))
        if reply.delivery == "send":
            return reply.body
        if reply.delivery == "slow":
            call = reactor.callLater(fault_replies.SLOW_SECONDS, _finish, request, reply.body)
            request.notifyFinish().addErrback(lambda _: call.cancel() if call.active() else None)
            return NOT_DONE_YET
        truncated = reply.delivery == "truncated"
        request.setHeader(b"content-length", str(len(reply.body) + (4096 if truncated else 0)).encode())
        request.write(reply.body if truncated else reply.body[:len(reply.body) // 2])
        transport = request.channel.transport
        reactor.callLater(0.2, transport.loseConnection if truncated else transport.abortConnection)
        return NOT_DONE_YET

    @staticmethod
    def _answer(request, status, content_type, body, headers=None):
        request.setResponseCode(status)
        request.setHeader(b"content-type", content_type.encode("ascii"))
        for name, value in (headers or {}).items():
            request.setHeader(name.encode("ascii"), value.encode("ascii"))
        return body


def _header(request, name):
    """A request header as text, or None."""
    value = request.getHeader(name)
    return None if value is None else value.decode("latin-1")


def _finish(request, body):
    """Send the rest of a delayed answer."""
    request.write(body)
    request.finish()


class QuietSite(Site):
    """A Site that writes no access log."""

    noisy = False

    def log(self, request):
        """Skip access logging (the resource keeps its own request list)."""


def serve(site, port=0, host="127.0.0.1", layout="2025", faults=None, delay=0.0, js=False, client_render=False):
    """Listen, print the base URL line, and serve the content model until SIGTERM/SIGINT."""
    resource = TestSiteResource(delay=delay)
    listening = reactor.listenTCP(port, QuietSite(resource), interface=host)
    base = f"http://{host}:{listening.getHost().port}"
    # With faults, the same site on a second port too: the other-port fault links there.
    other = reactor.listenTCP(0, QuietSite(resource), interface=host) if faults is not None else None
    other_base = f"http://{host}:{other.getHost().port}" if other else None
    resource.pages = Pages(site, base, layout, js=js, client_render=client_render, other_base=other_base)
    if faults is not None:
        resource.pages.switch_faults(faults)
    print(base, flush=True)
    reactor.run()
