"""Fault injection (--faults): which URLs misbehave, how the listings lead to them, the manifest entries.

A ``FaultPlan`` picks its articles once, deterministically, among generated articles
(never the seed or its related story) served at their canonical path; modes can be
switched at runtime. The per-request behaviour is in ``fault_replies``. With --faults
the server also listens on a second port (``Pages.other_base``), which other-port links to.
"""

import random
from datetime import timedelta
from types import SimpleNamespace

from . import render_feeds

MODES = ("500", "502", "503", "503-retry-after", "429", "slow", "reset", "truncated", "redirect-chain",
         "redirect-loop", "redirect-offsite", "301-variants", "charset", "non-html", "huge", "garbage-links",
         "robots", "other-port", "entity-feed")
# Articles per mode (charset is picked apart: its pages must fit the target encodings).
ARTICLES = {"500": 2, "502": 2, "503": 2, "503-retry-after": 2, "429": 2, "slow": 2, "reset": 2, "truncated": 2,
            "redirect-chain": 1, "redirect-offsite": 1, "301-variants": 3, "huge": 1, "garbage-links": 2,
            "robots": 1, "other-port": 1}
RECOVERABLE = {"502", "503", "503-retry-after", "429", "slow", "reset", "truncated", "redirect-chain",
               "301-variants", "charset"}
LOOP = ("/loop-a/", "/loop-b/")
OFFSITE = "http://ki-master.fourthestate.app"
NON_HTML = {"/ukraine-war-crimes-report-2025/": "application/pdf", "/frontline-map-data-export/": "application/json"}
GARBAGE = ("http://ki-master.fourthestate.app/tag/opinion/", "/tag/energoatom/%22%20%5Ct%20%22_blank",
           "javascript:void(0)", "mailto:news@kyivindependent.com", "https://example.org/story/",
           "/ghost/#/signin", "/_next/image?url=x")
VARIANT_KINDS = ("noslash", "amp", "query")
DISALLOWED = ("/ghost/", "/p/")  # always in robots.txt
ROBOTS_EXTRA = "/tag/company-news/"
FEED = "/news-archive/rss/"


def parse_modes(text):
    """Active modes from "all", "none" or a comma list; ValueError on an unknown name."""
    if text in ("all", ""):
        return set(MODES)
    names = {name.strip() for name in text.split(",") if name.strip() and name.strip() != "none"}
    unknown = names - set(MODES)
    if unknown:
        raise ValueError("unknown fault modes: " + ", ".join(sorted(unknown)))
    return names


class FaultPlan:
    """The faulty URLs of a site (chosen once) and the modes currently switched on."""

    def __init__(self, pages, modes=()):
        self.modes = set(modes)
        self.other_base = pages.other_base or _next_port(pages.base)
        self.attempts = {}
        candidates = [a for a in pages.site.articles[2:]
                      if a.hints["variant"] is None and a.path.count("/") == 2 and not a.hints["js_body"]]
        random.Random(f"{pages.site.seed}:faults").shuffle(candidates)
        self.targets = {}
        for mode, count in ARTICLES.items():
            self.targets[mode], candidates = candidates[:count], candidates[count:]
        self.targets["charset"] = _charset_articles(pages, candidates)
        chain, offsite = self.targets["redirect-chain"][0], self.targets["redirect-offsite"][0]
        # listed path -> (mode, status, Location)
        self.redirects = {f"/old-{chain.slug}/": ("redirect-chain", 301, f"/moved-{chain.slug}/"),
                          f"/moved-{chain.slug}/": ("redirect-chain", 302, pages.base + chain.path),
                          LOOP[0]: ("redirect-loop", 302, LOOP[1]), LOOP[1]: ("redirect-loop", 302, LOOP[0]),
                          f"/external/{offsite.slug}/": ("redirect-offsite", 302, f"{OFFSITE}/{offsite.slug}/")}

    def switch(self, modes):
        """Turn on exactly ``modes`` and forget earlier attempts."""
        self.modes = set(modes)
        self.attempts = {}

    def on(self, mode):
        return mode in self.modes

    def mode_of(self, path):
        """(mode, article) of an article-based fault active at a canonical path, else (None, None)."""
        for mode in self.modes:
            for article in self.targets.get(mode, ()):
                if article.path == path:
                    return mode, article
        return None, None

    def attempt(self, path):
        """Count one more request for a canonical path; returns its number (1 = first)."""
        self.attempts[path] = self.attempts.get(path, 0) + 1
        return self.attempts[path]

    def variant_hrefs(self):
        """Archive hrefs of the 301-variants articles: no slash, /amp/, query string."""
        paths = [a.path for a in self.targets["301-variants"]]
        return dict(zip(paths, (paths[0].rstrip("/"), paths[1] + "amp/", paths[2] + "?ref=archive")))

    def archive(self, items):
        """News-archive items with the faults' listed URLs: moved hrefs and extra cards."""
        hrefs = {}
        if self.on("redirect-chain"):
            chain = self.targets["redirect-chain"][0]
            hrefs[chain.path] = f"/old-{chain.slug}/"
        if self.on("301-variants"):
            hrefs.update(self.variant_hrefs())
        listed = [_proxy(item, hrefs[item.path]) if getattr(item, "path", None) in hrefs else item
                  for item in items]
        extra = []
        if self.on("redirect-loop"):
            extra.append(LOOP[0])
        if self.on("redirect-offsite"):
            extra.append(f"/external/{self.targets['redirect-offsite'][0].slug}/")
        if self.on("non-html"):
            extra += list(NON_HTML)
        if self.on("garbage-links"):
            extra += list(GARBAGE)
        if self.on("other-port"):
            extra.append(self.other_base + self.targets["other-port"][0].path)
        newest = max(item.published for item in items)
        listed += [_card(path, newest, n, self.targets["redirect-chain"][0]) for n, path in enumerate(extra)]
        return sorted(listed, key=lambda item: item.published, reverse=True)

    @staticmethod
    def decorate(html):
        """Article HTML with empty garbage links at the start of the body (garbage-links articles)."""
        links = "".join(f'<a href="{href}" aria-label="share"></a>' for href in GARBAGE)
        for opening in ('<div class="c-content">', '<div class="post-body">'):
            html = html.replace(opening, f'{opening}<div class="share-links">{links}</div>', 1)
        return html

    def robots(self, base):
        """robots.txt while the robots fault is on (None when off)."""
        if not self.on("robots"):
            return None
        return render_feeds.robots(base, self.disallowed()[len(DISALLOWED):])

    def disallowed(self):
        """Paths robots.txt disallows now."""
        if not self.on("robots"):
            return list(DISALLOWED)
        return list(DISALLOWED) + [ROBOTS_EXTRA, self.targets["robots"][0].path]

    def manifest(self, base):
        """The manifest's "faults" entries for the active modes, in MODES order."""
        entries = []
        for mode in (m for m in MODES if m in self.modes):
            for url, article in self._urls(mode, base):
                recoverable = mode in RECOVERABLE or (mode == "garbage-links" and article)
                entries.append({"url": url, "mode": mode, "recoverable": recoverable, "article": article})
        return entries

    def _urls(self, mode, base):
        """(url, is an article) of one mode's faulty URLs."""
        if mode == "redirect-loop":
            return [(base + LOOP[0], False)]
        if mode == "redirect-offsite":
            return [(f"{base}/external/{self.targets[mode][0].slug}/", False)]
        if mode == "non-html":
            return [(base + path, False) for path in NON_HTML]
        if mode == "other-port":  # the same site, served on another port: not this site's URL
            return [(self.other_base + a.path, False) for a in self.targets[mode]]
        if mode == "entity-feed":
            return [(base + FEED, False)]
        if mode == "garbage-links":  # the links, then the articles whose bodies carry them
            return ([(base + href if href.startswith("/") else href, False) for href in GARBAGE]
                    + [(base + a.path, True) for a in self.targets[mode]])
        urls = [(base + a.path, True) for a in self.targets[mode]]
        return urls + ([(base + ROBOTS_EXTRA, False)] if mode == "robots" else [])


def _next_port(base):
    """base with the next port: where other-port links go when no second port is open (Pages alone)."""
    scheme, _, netloc = base.partition("://")
    host, _, port = netloc.rpartition(":")
    return f"{scheme}://{host}:{int(port) + 1}"


def _proxy(article, href):
    """An archive card item for ``article`` that links to ``href``."""
    return SimpleNamespace(**{**vars(article), "path": href, "hints": {}, "id": None})


def _card(path, newest, n, like):
    """A card item for an extra listed URL (dated just before the newest article, so on page 1)."""
    title = path.strip("/").split("/")[-1].replace("-", " ").capitalize() or "Story"
    return SimpleNamespace(path=path, slug=title, headline=title, description=like.description,
                           authors=like.authors, tags=like.tags, image=None, hints={},
                           published=newest - timedelta(minutes=n + 1))


def _charset_articles(pages, candidates):
    """Three articles with curly quotes; the first one's page must be encodable in cp1251."""
    curly = [a for a in candidates if "’" in a.headline + " ".join(a.body_texts())]
    first = next(a for a in curly if _encodes(pages.respond(a.path)[2], "cp1251"))
    return [first] + [a for a in curly if a is not first][:2]


def _encodes(body, encoding):
    try:
        body.decode("utf-8").encode(encoding)
    except UnicodeEncodeError:
        return False
    return True
