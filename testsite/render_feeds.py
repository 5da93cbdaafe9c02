"""Machine-readable files: RSS feed, robots.txt, sitemap index and child sitemaps."""

from xml.sax.saxutils import escape

from . import render_static
from .dates import iso_ms, rfc822

FEED_SIZE = 50
SITEMAPS = ("pages", "posts", "tags", "authors")
RSS_NS = ('xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
          'xmlns:atom="http://www.w3.org/2005/Atom"')


def robots(base, extra=()):
    """robots.txt: keeps crawlers out of the admin (/ghost/), previews (/p/) and ``extra`` paths."""
    rules = "".join(f"Disallow: {path}\n" for path in ("/ghost/", "/p/", *extra))
    return f"User-agent: *\n{rules}\nSitemap: {base}/sitemap.xml\n"


def _cdata(value):
    return f"<![CDATA[{value}]]>"


def rss(base, newest):
    """RSS 2.0 of the FEED_SIZE newest articles."""
    items = newest[:FEED_SIZE]
    built = rfc822(max(a.modified for a in items))
    entries = []
    for a in items:
        categories = "".join(f"<category>{_cdata(label)}</category>" for label, _ in a.tags)
        creators = ", ".join(name for name, _ in a.authors)
        entries.append(f"<item><title>{_cdata(a.headline)}</title><description>{_cdata(a.description)}</description>"
                       f"<link>{escape(base + a.path)}</link><guid isPermaLink=\"false\">{a.id}</guid>{categories}"
                       f"<dc:creator>{_cdata(creators)}</dc:creator><pubDate>{rfc822(a.published)}</pubDate></item>")
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" {RSS_NS}><channel>'
            f"<title>{_cdata('The Kyiv Independent')}</title><description>{_cdata('News from Ukraine')}</description>"
            f"<link>{base}/</link><generator>Ghost</generator><lastBuildDate>{built}</lastBuildDate>"
            f'<atom:link href="{base}/news-archive/rss/" rel="self" type="application/rss+xml"/><ttl>60</ttl>\n'
            + "\n".join(entries) + "\n</channel></rss>\n")


def sitemap_rows(view, name):
    """(path, lastmod) rows of one child sitemap of the served site (``view`` is a pages.Pages)."""
    if name == "pages":
        return [(path, render_static.UPDATED) for path in render_static.STATIC]
    if name == "posts":
        return [(a.path, a.modified) for a in view.newest if view.site.listed(a)]
    groups, prefix = (view.by_tag, "tag") if name == "tags" else (view.by_author, "author")
    return [(f"/{prefix}/{slug}/", max(a.modified for a in items)) for slug, items in sorted(groups.items())]


def sitemap_index(view):
    """Sitemap index, each child with its newest lastmod."""
    base = view.base
    lastmods = {name: max(when for _, when in sitemap_rows(view, name)) for name in SITEMAPS}
    rows = "".join(f"<sitemap><loc>{base}/sitemap-{name}.xml</loc><lastmod>{iso_ms(lastmods[name])}</lastmod>"
                   "</sitemap>" for name in SITEMAPS)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</sitemapindex>\n')


def urlset(view, name):
    """One child sitemap (pages, posts, tags, authors)."""
    body = "\n".join(f"<url><loc>{escape(view.base + path)}</loc><lastmod>{iso_ms(when)}</lastmod></url>"
                     for path, when in sitemap_rows(view, name))
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}\n</urlset>\n')
