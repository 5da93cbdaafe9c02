"""Page chrome shared by all layouts: head, header, sidebars, footer, and the boilerplate list."""

from html import escape

SITE_NAME = "The Kyiv Independent"
PROMO = "The Power Within: The Kyiv Independent’s first-ever magazine. Be among the first to get it."
NAV_FEATURED = (("War", "/tag/war/"), ("Analysis", "/tag/analysis/"), ("Russia’s War", "/tag/russias-war/"),
                ("National", "/tag/national/"), ("Human Story", "/tag/human-story/"),
                ("Field Report", "/tag/field-report/"), ("Company News", "/tag/company-news/"))
NAV_MORE = (("About", "/about/"), ("Join the Team", "/jobs/"), ("Team", "/team/"), ("Advertising", "/advertising/"),
            ("Jobs", "/jobs/"))
# The navigation's cards, as the real capture shows them: (label, image alt, link text, link).
NAV_CARDS = (("Newsletters", "Newsletters image", "All Newsletters", "/newsletters/"),
             ("Store", "Store image", "Shop Now", "/store/"),
             ("KI Insights", "KI Insights image", "Learn more", "/ki-insights/"))
FOOTER_MORE = (("About", "/about/"), ("Advertising", "/advertising/"), ("Jobs", "/jobs/"), ("Team", "/team/"),
               ("Contacts", "/contacts/"), ("Submit an Opinion", "/submit-an-opinion/"), ("Store", "/store/"))
# The newsletter forms after the footer: (lines before the Subscribe button, lines after it), as captured.
NEWSLETTER_FORMS = ((("Enter your email to subscribe", "Please, enter correct email address"), ()),
                    (("* indicates required", "* indicates required"), ()),
                    (("* indicates required", "* indicates required"), ()),
                    *((("* indicates required",), ()),) * 5,
                    (("* indicates required",), ("* indicates required", "Explaining Ukraine with Kate Tsurkan",
                                                 "* indicates required")))
SUBSCRIBED = ("Successfuly subscribed",  # sic, as on the site
              "Thank you for signing up for this newsletter. We’ve sent you a confirmation email.")
AUDIO = "This audio is created with AI assistance"
MEMBER_CTA = "Support independent journalism in Ukraine. Join us in this fight."
AD = "Want to partner with the Kyiv Independent? Contact the Tellers Agency at partners@tellers.agency"
MEMBERSHIP = ("Independent journalism for an independent Ukraine.",
              "We’re turning 3! Help us celebrate with a birthday gift to independent journalism.")

# One string per non-body block; none of them may ever appear in an article body.
# "related", "tag_description" and "gallery_caption" are filled in from the content (see manifest.py).
BOILERPLATE = {
    "promo": PROMO, "nav": "Join the Team", "edit": "Edit post", "audio": AUDIO, "member_cta": MEMBER_CTA,
    "authors_line": "Author: ", "author_box": "Avatar", "newsfeed": "Show More", "most_popular": "Most popular",
    "more_news": "MORE NEWS", "editors_picks": "Editors' Picks", "ad": AD,
    "newsletter": "Enter your email to subscribe", "membership": MEMBERSHIP[0],
}


def attr(text):
    """Text escaped for an attribute value."""
    return escape(text, quote=True)


def text(value):
    """Text escaped for a text node."""
    return escape(value, quote=False)


def meta(prop, content, key="property"):
    return f'<meta {key}="{prop}" content="{attr(content)}">'


def head(title, base, path, extra=""):
    """<head> with title (None: no title), canonical link, site name, RSS alternate and extra tags."""
    title_tag = "" if title is None else f"<title>{text(title)}</title>\n"
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">\n'
            f"{title_tag}"
            f'<link rel="canonical" href="{attr(base + path)}">\n'
            f'{meta("og:site_name", SITE_NAME)}\n{extra}'
            '<link rel="alternate" type="application/rss+xml" title="The Kyiv Independent" href="/news-archive/rss/">\n'
            "</head>")


def _links(items):
    return " ".join(f'<a href="{href}">{text(label)}</a>' for label, href in items)


def _nav_card(label, alt, link_text, href):
    return (f'<div class="c-nav__card"><span>{text(label)}</span><img src="/assets/images/{href.strip("/")}.png" '
            f'alt="{attr(alt)}"><a href="{href}">{text(link_text)} '
            '<img src="/assets/icons/arrow-right.svg" alt="Arrow right"></a></div>')


HEADER = (f'<div class="c-promo-banner"><p>{PROMO}</p><a href="/store/">pre-order now</a></div>\n'
          '<a class="c-skip-link" href="#main">Skip to content</a>\n'
          '<header class="c-header"><nav class="c-nav"><span>Featured</span> '
          f'{_links(NAV_FEATURED)} <span>More</span> {_links(NAV_MORE)} '
          f'{"".join(_nav_card(*card) for card in NAV_CARDS)}</nav></header>\n')


def _form(before, after):
    lines = "".join(f"<p>{text(line)}</p>" for line in before)
    return f'<form class="c-newsletter-form">{lines}<button>Subscribe</button>' + "".join(
        f"<p>{text(line)}</p>" for line in after)


CLOSING = (f'<div class="c-ad">{AD}</div>\n'
           f'<div class="c-membership-appeal"><p>{MEMBERSHIP[0]}</p><p>{MEMBERSHIP[1]}</p></div>\n'
           "</main>\n"
           f'<footer class="c-footer"><h2>Featured</h2> {_links(NAV_FEATURED)} <h2>Sections</h2> '
           f'<h2>More</h2> {_links(FOOTER_MORE)} <h2>Follow Us</h2></footer>\n'
           + "</form>\n".join(_form(*form) for form in NEWSLETTER_FORMS)
           + f'<div class="c-newsletter-form__success"><p>{SUBSCRIBED[0]}</p><p>{SUBSCRIBED[1]}</p></div></form>\n'
           "</body></html>")


def link_list(articles):
    """Plain links to articles, for Most popular / Editors' Picks."""
    return "".join(f'<a href="{attr(a.path)}">{text(a.headline)}</a>' for a in articles)


def sidebars(feed_items, popular, picks):
    """Most popular, News Feed (with MORE NEWS) and Editors' Picks blocks (article pages and listings).

    feed_items are (time, path, headline, blurb)."""
    items = "".join(
        f'<div class="c-newsfeed__item"><time>{clock}</time><a href="{attr(path)}">{text(headline)}</a>'
        f"<p>{text(blurb)}</p><span>(Updated: )</span></div>"
        for clock, path, headline, blurb in feed_items)
    return (f'<section class="c-most-popular"><h2>Most popular</h2>{link_list(popular)}</section>\n'
            f'<aside class="c-newsfeed"><h2>News Feed</h2>{items}<button>Show More</button>'
            '<section class="c-more-news"><h2>MORE NEWS</h2></section></aside>\n'
            f"<section class=\"c-editors-picks\"><h2>Editors' Picks</h2>{link_list(picks)}</section>\n")


def with_member_cta(article, rendered, css):
    """The article's rendered blocks, with the member CTA after the first paragraph when the article has one."""
    parts, pending = [], article.hints["member_cta"]
    for (kind, _), html in zip(article.blocks, rendered):
        parts.append(html)
        if kind == "p" and pending:
            parts.append(f'<div class="{css}"><p>{MEMBER_CTA}</p><a href="/membership/">Become a '
                         'member</a> <a href="/membership/">Support us just once</a></div>')
            pending = False
    return parts


def not_found():
    """The plain 404 page."""
    return "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>"
