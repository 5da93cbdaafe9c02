"""Article pages, layout "2026": a simulated redesign (section 4.2 of the site notes).

Same URLs, content and <head> as the default layout, another <body>: the primary tag
label (or "KI logo") above the h1, "N min read", the headline again, the lead image,
then the body. No date or time is shown, authors only as "by The Kyiv Independent" on
editorials, inline images read "Article image" + caption. No class name of the 2025
article template is used; the shared chrome is renamed by ``restyle``.
"""

import random
import re

from . import render_common as common
from .noise import noisy_html
from .render_article import NOISY_PARAGRAPHS, page_head
from .render_common import attr, text

RENAME = {
    "c-promo-banner": "site-banner", "c-skip-link": "skip-to-content", "c-header": "site-header",
    "c-nav": "site-nav", "c-nav__card": "site-nav__card", "c-newsfeed": "rail-news", "c-newsfeed__item": "rail-news__entry",
    "c-most-popular": "rail-popular", "c-more-news": "rail-more", "c-editors-picks": "rail-picks",
    "c-ad": "partner-box", "c-newsletter-form": "subscribe-box", "c-membership-appeal": "support-box",
    "c-footer": "site-footer", "c-newsletter-form__success": "subscribe-box__done",
}
CLASS = re.compile(r'class="([^"]*)"')
TIME = re.compile(r"<time>[^<]*</time>")


def restyle(html):
    """Shared chrome with 2026 class names and without the sidebar's clock times."""
    html = CLASS.sub(lambda m: 'class="' + " ".join(RENAME[c] for c in m.group(1).split()) + '"', html)
    return TIME.sub("", html)


def render(view, article, broken=None):
    """Full HTML of an article page in the 2026 layout (``broken`` as in the default layout)."""
    rng = random.Random(f"{article.id}:noise")
    return "\n".join((
        page_head(view, article, broken),
        '<body class="article-page">',
        restyle(common.HEADER) + '<main id="content" class="post-layout"><div class="post-wrap">',
        f'<a class="post-admin" href="/ghost/#/editor/post/{article.id}">Edit post</a>',
        _header(article, rng, broken),
        _figure(view, article.image, "post-hero"),
        f'<div class="post-audio">{common.AUDIO}</div>',
        '<div class="post-body">' + ("" if broken == "empty body" else _content(view, article, rng)) + "</div>",
        "</div>",
        restyle(view.sidebars(article) + common.CLOSING),
    ))


def _header(article, rng, broken):
    """Label or logo, headline, editorial byline, reading time, headline again."""
    if article.index % 7 == 3:
        label = '<span class="post-header__logo">KI logo</span>'
    else:
        tag, slug = article.tags[0]
        label = f'<a class="post-header__label" href="/tag/{slug}/">{text(tag)}</a>'
    parts = ['<div class="post-header">', label]
    if broken != "no headline":
        headline = noisy_html(article.headline, rng) if article.hints["noisy"] else text(article.headline)
        parts.append(f'<h1 class="post-header__title">{headline}</h1>')
    if article.type == "editorial":
        parts.append(f'<p class="post-header__byline">by {common.SITE_NAME}</p>')
    parts.append(f'<span class="post-header__reading">{article.reading_time} min read</span>')
    if broken != "no headline":
        parts.append(f'<p class="post-header__title-repeat">{text(article.headline)}</p>')
    return "\n".join(parts + ["</div>"])


def _figure(view, image, css, label=""):
    """A figure with "{caption} ({credit})"; inline body images also show the "Article image" label."""
    if not image:
        return ""
    credit = f" ({image['credit']})" if image["credit"] else ""
    return (f'<figure class="{css}"><img src="{attr(view.base + image["path"])}" alt="{attr(image["caption"])}">'
            f"{label}\n<figcaption class=\"{css}__caption\">{text(image['caption'] + credit)}</figcaption></figure>")


def _content(view, article, rng):
    """Editor's note as a plain paragraph, own blocks, member CTA after the first paragraph, cards."""
    parts = [f"<p><em>{text(article.editor_note)}</em></p>"] if article.editor_note else []
    rendered = [_block(view, article, kind, value, rng) for kind, value in article.blocks]
    parts += common.with_member_cta(article, rendered, "support-inline")
    return "\n".join(parts)


def _block(view, article, kind, value, rng):
    def para(value):
        noisy = article.hints["noisy"] and rng.random() < NOISY_PARAGRAPHS
        return noisy_html(value, rng) if noisy else text(value)
    if kind == "p":
        return f"<p>{para(value)}</p>"
    if kind == "h2":
        return f"<h2>{text(value)}</h2>"
    if kind == "ul":
        return "<ul>" + "".join(f"<li>{para(item)}</li>" for item in value) + "</ul>"
    if kind == "figure":
        return _figure(view, value, "post-figure", '<span class="post-figure__label">Article image</span>')
    other = view.site.articles[value]
    excerpt = " ".join(other.first_paragraph().split()[:30])
    return (f'<div class="read-also"><a href="{attr(other.path)}"><h3 class="read-also__title">'
            f'{text(other.headline)}</h3><p class="read-also__excerpt">{text(excerpt)}</p>'
            f'<span class="read-also__source">{common.SITE_NAME}</span></a></div>')
