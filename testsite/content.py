"""The content model: articles as a CMS holds them, and the truth a parser must recover.

The model is clean text only. Noise (odd spaces, entities, decomposed accents) and
URL variants are presentation, decided by the renderers from ``Article.hints``.
"""

import random
from dataclasses import dataclass, field, replace
from datetime import datetime

from . import bodies, generate
from .dates import iso_z, kyiv_byline


@dataclass
class Article:
    """One post. ``blocks`` hold ("p"|"h2", text), ("ul", [items]), ("related", index), ("figure", image)."""

    index: int
    id: str
    slug: str
    path: str
    type: str
    headline: str
    description: str
    authors: list
    published: datetime
    modified: datetime
    tags: list
    image: dict | None
    reading_time: int
    editor_note: str | None
    blocks: list
    hints: dict = field(default_factory=dict)

    @property
    def legacy(self):
        """True for posts of the first, 2022 platform (author box, lowercase am/pm on micro-posts)."""
        return self.published.year == 2022

    def byline_date(self):
        """The date string the byline shows, in Kyiv time."""
        return kyiv_byline(self.published, lowercase=self.type == "micro")

    def body_texts(self):
        """The article's own text blocks, in order: paragraphs, subheadings, list items."""
        return list(bodies.texts(self.blocks))

    def first_paragraph(self):
        """Text of the first paragraph (related cards quote it)."""
        return next(value for kind, value in self.blocks if kind == "p")

    def expected(self, base_url):
        """The truth record, exactly as a correct parser returns it."""
        body = "\n\n".join(self.body_texts())
        url = base_url + self.path
        image = self.image
        return {
            "url": url,
            "canonical_url": url,
            "headline": self.headline,
            "description": self.description,
            "article_body": body,
            "authors": [name for name, _ in self.authors],
            "date_published": iso_z(self.published),
            "date_published_raw": self.byline_date(),
            "date_modified": iso_z(self.modified),
            "language": "en",
            "section": self.tags[0][0],
            "tags": [label for label, _ in self.tags],
            "main_image": {"caption": image["caption"], "credit": image["credit"]} if image else None,
            "main_image_url": base_url + image["path"] if image else None,
            "reading_time": self.reading_time,
            "editor_note": self.editor_note,
            "word_count": len(body.split()),
        }


BROKEN_REASONS = {
    "broken-no-headline": "no headline",
    "broken-bad-date": "bad date",
    "broken-empty-body": "empty body",
}


class TestSite:
    """All content of the test site for (articles, seed): the seed article first, then N generated."""

    __test__ = False  # not a pytest test class

    def __init__(self, articles=300, seed=1, long_bodies=()):
        if articles < 1:
            raise ValueError("the test site needs at least one generated article")
        self.seed = seed
        self.articles = [Article(**fields) for fields in generate.generate(articles, seed)]
        self.broken = [Article(**fields) for fields in generate.generate_broken(seed, list(BROKEN_REASONS))]
        # What changes.Newsroom did to published articles: index -> (status, redirect target Article or None)
        # of those taken down (404, 410), redirected (301) or unlisted (200: served, in no sitemap) ...
        self.gone = {}
        self.outages = set()  # ... indices of those answering 503 for now, and every change as (path, kind).
        self.changes = []
        self._lengthen(long_bodies)

    def served(self):
        """The articles that answer 200 at their URL, in model order."""
        return [a for a in self.articles if self.gone.get(a.index, (200,))[0] == 200]

    def listed(self, article):
        """Whether the sitemaps list the article."""
        return article.index not in self.gone

    def _lengthen(self, sizes):
        """The newest plain posts (at a root path, no variants) get bodies of ``sizes`` KB of text, one each:
        the feed and the listings' first pages lead to them together."""
        plain = sorted((a for a in self.articles[2:] if a.path.count("/") == 2
                        and a.hints["variant"] is None and not a.hints["js_body"]), key=lambda a: a.published)
        for size, article in zip(sizes, reversed(plain)):
            blocks = bodies.lengthen(article.blocks, random.Random(f"{self.seed}:long:{article.index}"), size * 1000)
            words = sum(len(text.split()) for text in bodies.texts(blocks))
            self.articles[article.index] = replace(article, blocks=blocks, reading_time=max(1, round(words / 225)))

    def expected(self, base_url):
        """Truth records of all articles, in model order."""
        return [article.expected(base_url) for article in self.articles]
