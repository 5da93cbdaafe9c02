"""The site as served: routes, derived listings, and a cache of rendered bytes.

``Pages(site, base)`` resolves a request path to (status, content type, body). Pages
are rendered on first request and cached; after a change to the model, call
``update(changed)``: it re-derives the listings and drops every cached page that
changed. Sidebars come from the articles of the first build, so that publishing
leaves the pages of other articles byte-identical. ``override(path)`` answers what a
changed article now answers instead of its page (410, 301, 503), and ``modified(path)``
an article page's last modification, for Last-Modified.
"""

import json
import re
from collections import defaultdict
from functools import partial

from . import (catalog, manifest, render_article, render_article_2026, render_common, render_feeds, render_js,
               render_listing, render_static)
from . import seed as fixed
from .content import BROKEN_REASONS
from .fault_replies import Reply
from .faults import FaultPlan
from .dates import kyiv_clock

LAYOUTS = {"2025": render_article.render, "2026": render_article_2026.render}
HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
LISTING = re.compile(r"^/(news-archive|tag/[^/]+|author/[^/]+)/(?:page/(\d+)/)?$")
MAX_CACHED = 8192  # rendered pages kept (about 10 kB each); the oldest go first
NOT_FOUND = (404, HTML, render_common.not_found().encode())
GONE_PAGE = b"<!DOCTYPE html><html><head><title>410 Gone</title></head><body><h1>Removed</h1></body></html>"
UNAVAILABLE_PAGE = b"<!DOCTYPE html><html><body><h1>503 Service Unavailable</h1></body></html>"


def _group(articles, keys):
    """Articles grouped by each of their keys, keeping the given order."""
    groups = defaultdict(list)
    for article in articles:
        for key in keys(article):
            groups[key].append(article)
    return dict(groups)


class Pages:
    """Everything the server answers, for one content model and one base URL."""

    def __init__(self, site, base, layout="2025", js=False, client_render=False, other_base=None):
        self.site = site
        self.base = base
        self.other_base = other_base  # the same site on a second port (--faults), for the other-port fault
        self.layout = layout
        self.js = js  # JavaScript-filled bodies (js_body hint) and the "Show more" video tag page
        self.client_render = client_render  # every article page built in the browser from __NEXT_DATA__
        self.render_article = LAYOUTS[layout]
        self.faults = None  # a FaultPlan once switch_faults() is called
        self._derive()
        self.front = self.newest  # sidebars
        self.cache = {}

    def _derive(self):
        """Listings, routes and lookups derived from the model."""
        site = self.site
        self.newest = sorted(site.served(), key=lambda a: a.published, reverse=True)
        self.by_tag = _group(self.newest, lambda a: [slug for _, slug in a.tags])
        self.by_author = _group(self.newest, lambda a: [slug for _, slug in a.authors])
        self.archive = sorted(self.newest + site.broken + render_static.promo_items(),
                              key=lambda item: item.published, reverse=True)
        if self.faults and self.faults.modes:
            self.archive = self.faults.archive(self.archive)
        self.broken_ids = {b.id for b in site.broken}
        self.routes = self._routes()

    def update(self, changed):
        """Re-derive after the model changed; keep cached pages of other articles and static pages."""
        self._derive()
        stale = {path for a in changed for path in (a.path, f"/news-feed/{a.slug}/")}
        keep = (self.article_paths | set(render_static.STATIC)) - stale
        self.cache = {key: hit for key, hit in self.cache.items() if key in keep}

    def respond(self, path):
        """(status, content type, body bytes) for a request path (query string already removed)."""
        key = self.key(path)
        hit = self.cache.get(key)
        if hit is None:
            hit = self._render(key)
            if hit is None:
                return NOT_FOUND
            if len(self.cache) >= MAX_CACHED:
                del self.cache[next(iter(self.cache))]
            self.cache[key] = hit
        return hit

    def switch_faults(self, modes):
        """Turn on exactly these fault modes (the plan is chosen on first use); every page may change."""
        if self.faults is None:
            self.faults = FaultPlan(self)
        self.faults.switch(modes)
        self._derive()
        self.cache = {}

    def key(self, path):
        """Normalised path: trailing slash added, an article's /amp/ suffix dropped."""
        if path in self.routes:
            return path
        if not path.endswith("/"):
            path += "/"
        if path.endswith("/amp/") and path[:-4] in self.article_paths:
            return path[:-4]
        return path

    def _render(self, key):
        route = self.routes.get(key)
        if route is not None:
            content_type, make = route
            body = make()
        elif key == "/" or LISTING.match(key):
            content_type, body = HTML, self._listing(key)
        else:
            return None
        if body is None:
            return None
        return (200, content_type, body.encode("utf-8"))

    def _routes(self):
        """Fixed paths -> (content type, zero-argument renderer)."""
        self.js_routes = {}  # filled by _article_renderer
        routes = self._article_routes()
        self.article_paths = set(routes)
        for article in self.site.broken:
            routes[article.path] = (HTML, partial(self.render_article, self, article, BROKEN_REASONS[article.slug]))
        for path in render_static.STATIC:
            routes[path] = (HTML, partial(render_static.render, self, path))
        routes["/news-archive/rss/"] = ("application/rss+xml; charset=utf-8",
                                        partial(render_feeds.rss, self.base, self.newest))
        routes["/robots.txt"] = ("text/plain; charset=utf-8", partial(render_feeds.robots, self.base))
        routes["/sitemap.xml"] = (XML, partial(render_feeds.sitemap_index, self))
        for name in render_feeds.SITEMAPS:
            routes[f"/sitemap-{name}.xml"] = (XML, partial(render_feeds.urlset, self, name))
        routes.update(self.js_routes)
        routes["/__testsite__/manifest.json"] = ("application/json",
                                                 lambda: json.dumps(manifest.build(self), ensure_ascii=False))
        return routes

    def _article_routes(self):
        """Article paths (an article's own, and /news-feed/ for some) -> (content type, renderer); the paths
        of changed articles that answer otherwise go to self.overrides."""
        routes, self.article_at, self.overrides = {}, {}, {}
        for article in self.site.articles:
            variant = article.hints["variant"] == "news-feed"
            reply = self._override_reply(article)
            for path in [article.path] + ([f"/news-feed/{article.slug}/"] if variant else []):
                if reply is not None:
                    self.overrides[path] = reply
                elif self.site.gone.get(article.index, (200,))[0] == 200:
                    routes[path] = (HTML, self._article_renderer(article))
                    self.article_at[path] = article
        return routes

    def _override_reply(self, article):
        """What a taken-down, redirected or unavailable article answers instead of its page, else None."""
        status, target = self.site.gone.get(article.index, (200, None))
        if status == 410:
            return Reply(410, GONE_PAGE, {"Content-Type": HTML})
        if status == 301:
            return Reply(301, b"", {"Location": self.base + target.path, "Content-Type": HTML})
        if article.index in self.site.outages:
            return Reply(503, UNAVAILABLE_PAGE, {"Content-Type": HTML})
        return None  # served, or 404 (no route)

    def override(self, path):
        """The Reply a changed article's path answers now, or None."""
        return self.overrides.get(self.key(path)) if self.overrides else None

    def modified(self, path):
        """An article page's date_modified (for Last-Modified), else None."""
        article = self.article_at.get(self.key(path))
        return article.modified if article else None

    def _article_renderer(self, article):
        """Zero-argument renderer of an article page; adds the body API route of a --js article."""
        if self.client_render:
            return partial(render_js.client_page, self, article)
        if self.js and article.hints["js_body"]:
            self.js_routes[f"/__testsite__/api/post/{article.id}.json"] = (
                "application/json", partial(render_js.post_json, self, article))
            return partial(render_js.js_body_page, self, article)
        return partial(self.render_article, self, article)

    def _listing(self, key):
        """Home, archive, tag or author listing page, or None when out of range or unknown."""
        if key == "/":
            return render_listing.listing(self, "/", 1, "Ukraine news", "", self.newest[:render_listing.PAGE_SIZE],
                                          partial(render_listing.card, self, archive_id=None))
        match = LISTING.match(key)
        kind, page = match.group(1), int(match.group(2) or 1)
        if kind == "news-archive":
            items, title, header, card = self.archive, "News Archive", "<h1>News Archive</h1>", self._archive_card
        else:
            section, slug = kind.split("/")
            items = (self.by_tag if section == "tag" else self.by_author).get(slug)
            if items is None:
                return None
            title, header = self._header(section, slug)
            card = partial(render_listing.card, self, archive_id=None)
        if not 1 <= page <= render_listing.page_count(items):
            return None
        if self.js and kind == "tag/video":
            return None if page > 1 else render_js.show_more_page(self, render_listing.listing(
                self, "/tag/video/", 1, title, header, items[:render_js.SHOW_MORE], card))
        return render_listing.listing(self, f"/{kind}/", page, title, header, items, card)

    def _header(self, section, slug):
        """(title, header HTML) of a tag or author page."""
        if section == "tag":
            label = catalog.TAGS[slug]
            return label, render_listing.tag_header(label, catalog.TAG_DESCRIPTIONS.get(slug))
        name, slug, role, bio = catalog.ALL_AUTHORS[slug]
        return name, render_listing.author_header(name, slug, role, bio)

    def _archive_card(self, item):
        """News-archive card: broken posts have an empty data-archive-id; no www links here."""
        archive_id = "" if getattr(item, "id", None) in self.broken_ids else None
        return render_listing.card(self, item, archive_id, www_allowed=False)

    def sidebars(self, article):
        """Sidebar blocks for a page (article None: a listing)."""
        i = article.index if article else 0
        count = len(self.front)
        feed = [(kyiv_clock(a.published), a.path, a.headline, a.description) for a in self.front[:3 + i % 3]]
        if article is not None and article.index == 0:  # the seed page shows the item its real capture shows first
            feed.insert(0, fixed.NEWS_FEED_ITEM)
        popular = [self.front[(i * 7 + k * 13) % count] for k in (1, 2, 3)]
        picks = [self.front[(i * 11 + k * 17) % count] for k in (1, 2, 3)]
        return render_common.sidebars(feed, popular, picks)

    def bio(self, slug):
        """An author's bio (legacy author boxes)."""
        return catalog.ALL_AUTHORS[slug][3]
