"""Machine-readable files: RSS feed, robots.txt, sitemap index and child sitemaps."""

from xml.sax.saxutils import escape

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


def sitemap_index(base, lastmods):
    """Sitemap index; ``lastmods`` maps each child name to its newest datetime."""
    rows = "".join(f"<sitemap><loc>{base}/sitemap-{name}.xml</loc><lastmod>{iso_ms(lastmods[name])}</lastmod>"
                   "</sitemap>" for name in SITEMAPS)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</sitemapindex>\n')


def urlset(base, rows):
    """A child sitemap from (path, lastmod datetime) rows."""
    body = "\n".join(f"<url><loc>{escape(base + path)}</loc><lastmod>{iso_ms(when)}</lastmod></url>"
                     for path, when in rows)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}\n</urlset>\n')
