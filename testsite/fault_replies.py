"""What the server sends, per request, while faults are on (see ``faults.FaultPlan``).

``intercept`` returns a ``Reply`` replacing the normal answer, or None. Its
``delivery`` tells the server how to send it: at once ("send"), after SLOW_SECONDS
("slow"), headers and half the body then a TCP reset ("reset"), or a Content-Length
larger than the body then a close ("truncated").
"""

from dataclasses import dataclass, field

from .faults import FEED, NON_HTML

SLOW_SECONDS = 10
HUGE_BYTES = 20 * 1024 * 1024
HTML = "text/html; charset=utf-8"
# mode -> (failing attempts, None = all; status; Retry-After)
FAILING = {"500": (None, 500, None), "502": (2, 502, None), "503": (2, 503, None),
           "503-retry-after": (2, 503, "1"), "429": (1, 429, "2")}
PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
JSON = b'{"type": "dataset", "title": "Front line map data", "rows": []}\n'
UTF8_META = '<meta charset="utf-8">'
# Entities that expand to a billion "lol"s: an XML parser must refuse them, which leaves the feed empty.
LAUGHS = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n else "lol"}">' for n in range(10))


@dataclass
class Reply:
    """One faulty answer."""

    status: int
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    delivery: str = "send"


def intercept(plan, pages, path, query, normal):
    """The Reply for a GET of ``path`` (``normal`` = what the pages answer), or None to send ``normal``."""
    if path in plan.redirects and plan.on(plan.redirects[path][0]):
        _, status, location = plan.redirects[path]
        return Reply(status, headers={"Location": location, "Content-Type": HTML})
    if path in NON_HTML and plan.on("non-html"):
        return Reply(200, PDF if NON_HTML[path] == "application/pdf" else JSON, {"Content-Type": NON_HTML[path]})
    if path == FEED and plan.on("entity-feed") and normal[0] == 200:
        return Reply(200, _entity_feed(normal[2]), {"Content-Type": normal[1]})
    if path == "/robots.txt" and plan.on("robots"):
        return Reply(200, plan.robots(pages.base).encode(), {"Content-Type": "text/plain; charset=utf-8"})
    key = pages.key(path)
    if plan.on("301-variants") and (path != key or query) and key in plan.variant_hrefs():
        return Reply(301, headers={"Location": pages.base + key, "Content-Type": HTML})
    mode, article = plan.mode_of(key)
    if mode is None or normal[0] != 200:
        return None
    return _article_fault(plan, mode, article, key, normal)


def _article_fault(plan, mode, article, key, normal):
    """Reply for an article page under an article-based mode, or None."""
    _, content_type, body = normal
    if mode in FAILING:
        failing, status, retry_after = FAILING[mode]
        if failing is None or plan.attempt(key) <= failing:
            headers = {"Content-Type": HTML, **({"Retry-After": retry_after} if retry_after else {})}
            return Reply(status, f"<html><body><h1>Error {status}</h1></body></html>".encode(), headers)
        return None
    if mode in ("slow", "reset", "truncated"):
        return Reply(200, body, {"Content-Type": content_type}, mode) if plan.attempt(key) == 1 else None
    if mode == "charset":
        return _charset(plan.targets["charset"].index(article), body)
    if mode == "huge":
        padding = b"<!-- " + b"x" * HUGE_BYTES + b" -->"
        return Reply(200, body.replace(b"</body>", padding + b"</body>", 1), {"Content-Type": content_type})
    if mode == "garbage-links":
        return Reply(200, plan.decorate(body.decode()).encode(), {"Content-Type": content_type})
    return None


def _entity_feed(body):
    """The RSS feed with a DOCTYPE declaring LAUGHS, and its channel title using the largest."""
    declaration, _, rest = body.decode("utf-8").partition("?>")
    rest = rest.replace("<channel><title>", "<channel><title>&lol9;", 1)
    return f"{declaration}?><!DOCTYPE rss [{LAUGHS}]>{rest}".encode()


def _charset(number, body):
    """cp1251 with a matching meta charset; UTF-8 with a BOM and no charset; UTF-8 labelled iso-8859-1."""
    html = body.decode("utf-8")
    if number == 0:
        html = html.replace(UTF8_META, '<meta charset="windows-1251">', 1)
        return Reply(200, html.encode("cp1251"), {"Content-Type": "text/html; charset=windows-1251"})
    if number == 1:
        return Reply(200, b"\xef\xbb\xbf" + html.replace(UTF8_META, "", 1).encode(), {"Content-Type": "text/html"})
    return Reply(200, body, {"Content-Type": "text/html; charset=iso-8859-1"})
