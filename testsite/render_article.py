"""Article pages, default layout "2025" (the markup of spec-testsite.md)."""

import json
import random

from . import render_common as common
from .dates import iso_ms
from .noise import noisy_html
from .render_common import attr, text

NOISY_PARAGRAPHS = 0.35  # share of paragraphs with noise in a "noisy" article


def render(view, article, broken=None):
    """Full HTML of an article page; ``broken`` ("no headline"|"bad date"|"empty body") breaks one part."""
    rng = random.Random(f"{article.id}:noise")
    noisy = article.hints["noisy"]
    headline = noisy_html(article.headline, rng) if noisy else text(article.headline)
    return "\n".join((
        page_head(view, article, broken),
        '<body class="post-template">',
        common.HEADER + '<main id="main" class="c-main"><article class="c-post post">',
        _tags_line(article),
        f'<a class="c-post__edit" href="/ghost/#/editor/post/{article.id}">Edit post</a>',
        "" if broken == "no headline" else f'<h1 class="c-post__title">{headline}</h1>',
        _meta_line(article, broken),
        _figure(view, article.image, "c-post__image", ' class="c-post__caption"'),
        f'<div class="c-post__audio">{common.AUDIO}</div>',
        '<div class="c-content">' + ("" if broken == "empty body" else _content(view, article, rng)) + "</div>",
        '<div id="reading-progress-end"></div>',
        _author_credit(view, article),
        "</article>",
        view.sidebars(article) + common.CLOSING,
    ))


def page_head(view, article, broken):
    """<head>: title, description, canonical, OpenGraph, article meta, JSON-LD."""
    url = view.base + article.path
    tags = [label for label, _ in article.tags]
    parts = [common.meta("description", article.description, key="name"), common.meta("og:type", "article")]
    if broken != "no headline":
        parts.append(common.meta("og:title", article.headline))
    parts += [common.meta("og:description", article.description), common.meta("og:url", url)]
    if article.image:
        parts.append(common.meta("og:image", view.base + article.image["path"]))
    if broken != "bad date":
        parts += [common.meta("article:published_time", iso_ms(article.published)),
                  common.meta("article:modified_time", iso_ms(article.modified))]
    parts.append(common.meta("article:section", tags[0]))
    parts += [common.meta("article:tag", label) for label in tags]
    parts.append(_json_ld(view, article, url, broken))
    title = None if broken == "no headline" else f"{article.headline} | {common.SITE_NAME}"
    return common.head(title, view.base, article.path, "\n".join(parts) + "\n")


def _json_ld(view, article, url, broken):
    tags = [label for label, _ in article.tags]
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.headline, "url": url,
            "mainEntityOfPage": url, "datePublished": iso_ms(article.published),
            "dateModified": iso_ms(article.modified), "description": article.description,
            "author": [{"@type": "Person", "name": name, "url": f"{view.base}/author/{slug}/"}
                       for name, slug in article.authors],
            "publisher": {"@type": "Organization", "name": common.SITE_NAME},
            "keywords": ", ".join(tags), "articleSection": tags[0], "inLanguage": "en"}
    if article.image:
        data["image"] = {"@type": "ImageObject", "url": view.base + article.image["path"]}
    if broken == "no headline":
        del data["headline"]
    if broken == "bad date":
        del data["datePublished"], data["dateModified"]
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{payload}</script>'


def _tags_line(article):
    tags = list(article.tags)
    if article.hints["repeat_tag"]:
        tags.append(tags[0])
    links = ", ".join(f'<a class="c-post__tag" href="/tag/{slug}/">{text(label)}</a>' for label, slug in tags)
    return f'<div class="c-post__tags">{links}</div>'


def join_names(names):
    """Names joined as a byline: "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _meta_line(article, broken):
    byline = join_names([f'<a class="c-post__author" href="/author/{slug}/">{text(name)}</a>'
                         for name, slug in article.authors])
    if broken == "bad date":
        date = '<time class="c-post__date">Someday at noon</time>'
    else:
        date = f'<time class="c-post__date" datetime="{iso_ms(article.published)}">{article.byline_date()}</time>'
    return (f'<div class="c-post__meta"><span class="c-post__byline">by {byline}</span>\n  {date}\n'
            f'  <span class="c-post__read-time">{article.reading_time} min read</span></div>')


def _figure(view, image, css, caption_css=""):
    if not image:
        return ""
    credit = f" ({image['credit']})" if image["credit"] else ""
    return (f'<figure class="{css}"><img src="{attr(view.base + image["path"])}" alt="{attr(image["caption"])}">'
            f"<figcaption{caption_css}>{text(image['caption'] + credit)}</figcaption></figure>")


def _content(view, article, rng):
    """Inside c-content: editor's note, own blocks, member CTA after the first paragraph, cards, figures."""
    parts = []
    if article.editor_note:
        parts.append(f'<p class="c-editor-note"><em>{text(article.editor_note)}</em></p>')
    rendered = [_block(view, article, kind, value, rng) for kind, value in article.blocks]
    parts += common.with_member_cta(article, rendered, "c-member-cta")
    return "\n".join(parts)


def _block(view, article, kind, value, rng):
    noisy = article.hints["noisy"]

    def para(value):
        return noisy_html(value, rng) if noisy and rng.random() < NOISY_PARAGRAPHS else text(value)
    if kind == "p":
        return f"<p>{para(value)}</p>"
    if kind == "h2":
        return f"<h2>{text(value)}</h2>"
    if kind == "ul":
        return "<ul>" + "".join(f"<li>{para(item)}</li>" for item in value) + "</ul>"
    if kind == "figure":
        return _figure(view, value, "kg-card kg-image-card")
    return _related(view.site.articles[value])


RELATED_EXCERPT_WORDS = 45  # as long as the seed capture's card excerpt


def _related(other):
    """An inline card of another story: headline, excerpt, and the site's name with the first author's."""
    excerpt = " ".join(other.first_paragraph().split()[:RELATED_EXCERPT_WORDS])
    return (f'<div class="c-related"><a href="{attr(other.path)}"><h3 class="c-related__title">'
            f'{text(other.headline)}</h3><p class="c-related__excerpt">{text(excerpt)}</p>'
            f'<span class="c-related__meta"><span>{common.SITE_NAME}</span><span>{text(other.authors[0][0])}</span>'
            '</span></a></div>')


def _author_credit(view, article):
    """2023+: "Author: A" or "Authors: A, B" line; 2022 posts: one author box per author."""
    if not article.legacy:
        names = ", ".join(name for name, _ in article.authors)
        label = "Author" if len(article.authors) == 1 else "Authors"
        return f'<div class="c-post__authors">{label}: {text(names)}</div>'
    return "\n".join(
        f'<div class="c-author-box"><img alt="Avatar"> Avatar <b>{text(name)}</b> <p>{text(view.bio(slug))}</p> '
        f'<a href="/author/{slug}/">Read more</a></div>' for name, slug in article.authors)
