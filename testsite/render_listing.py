"""Listing pages: home, news archive, tags, authors (cards, pagination with rel=next/prev)."""

from urllib.parse import urlsplit

from . import render_common as common
from .dates import iso_ms, js_date
from .render_article import join_names
from .render_common import attr, text

PAGE_SIZE = 20


def card_href(view, item, www_allowed=True):
    """The card's link: the item's path, or the URL variant its hints ask for."""
    variant = item.hints.get("variant")
    path = item.path
    if variant == "noslash":
        return path.rstrip("/")
    if variant == "utm":
        return path + "?utm_source=facebook&utm_medium=social"
    if variant == "amp":
        return path + "amp/"
    if variant == "fragment":
        return path + "#comments"
    if variant == "www" and www_allowed:
        parts = urlsplit(view.base)
        return f"{parts.scheme}://www.{parts.netloc}{path}"
    if variant == "news-feed":
        return f"/news-feed/{item.slug}/"
    return path


def card(view, item, archive_id, www_allowed=True):
    """One ``article.js-card.archiveCard``; archive_id None means the item's own publication time."""
    if archive_id is None:
        archive_id = js_date(item.published) if item.hints.get("js_date") else iso_ms(item.published)
    href = attr(card_href(view, item, www_allowed))
    image = (f'<a class="archiveCard__image" href="{href}"><img src="{attr(view.base + item.image["path"])}" '
             f'alt="{attr(item.headline)}"></a>') if item.image else ""
    return (f'<article class="js-card archiveCard" data-archive-id="{archive_id}">\n  {image}\n'
            f'  <span class="archiveCard__tag">{text(item.tags[0][0])}</span>\n'
            f'  <h3 class="archiveCard__title"><a class="archiveCard__link" href="{href}">{text(item.headline)}</a></h3>\n'
            f'  <p class="archiveCard__author">by {text(join_names([name for name, _ in item.authors]))}</p>'
            f'<p class="archiveCard__excerpt">{text(item.description)}</p></article>')


def page_count(items):
    """Number of listing pages for a list of items (at least 1)."""
    return max(1, -(-len(items) // PAGE_SIZE))


def listing(view, path, page, title, header, items, make_card):
    """Page ``page`` of a listing whose page 1 is at ``path``; cards are rendered for that page only."""
    pages = page_count(items)
    own = path if page == 1 else f"{path}page/{page}/"
    links = [common.meta("og:type", "website"), common.meta("og:title", title), common.meta("og:url", view.base + own)]
    if page > 1:
        links.append(f'<link rel="prev" href="{path if page == 2 else f"{path}page/{page - 1}/"}">')
    if page < pages:
        links.append(f'<link rel="next" href="{path}page/{page + 1}/">')
    shown = items[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    return "\n".join((
        common.head(f"{title} | {common.SITE_NAME}", view.base, own, "\n".join(links) + "\n"),
        '<body class="tag-template">', common.HEADER + '<main id="main" class="c-main">', header,
        '<div class="c-archive">', "\n".join(make_card(item) for item in shown), "</div>",
        view.sidebars(None) + common.CLOSING,
    ))


def tag_header(label, description):
    """Tag page header, with the tag's description block when it has one."""
    extra = f'<div class="c-tag-description"><p>{text(description)}</p></div>' if description else ""
    return f'<div class="c-tag-header"><h1>{text(label)}</h1>{extra}</div>'


def author_header(name, slug, role, bio):
    """Author page header: photo, name, role, bio, then the "Articles" heading."""
    return (f'<div class="c-author-header"><img src="/content/images/authors/{slug}.jpg" alt="{attr(name)} photo">'
            f'<h1 class="c-author-header__name">{text(name)}</h1><p class="c-author-header__role">{text(role)}</p>'
            f'<p class="c-author-header__bio">{text(bio)}</p></div>\n<h2>Articles</h2>')
