"""The site changing between crawls: new articles published, older ones edited, changed or taken down.

A ``Newsroom`` keeps a simulated clock that starts at the newest date of the model
and moves forward with every change, so that the results are deterministic given the
sequence of calls. Every change to a published article is logged in ``site.changes``
as (path, kind), kind in the vocabulary of ``python -m newscrawl changes``.
"""

import random
from datetime import timedelta

from . import generate, revise
from .content import Article
from .text import sentence_pools

FEED_PROTECTED = 50  # the newest articles (the feed) are never edited by edit()
PUBLISH_STEP = timedelta(minutes=17)
EDIT_STEP = timedelta(minutes=3)
# change kind -> (the kind the manifest logs, or None: not a change of the article)
KINDS = {"edit": "edit", "headline": "headline", "silent": "silent", "byline": "byline",
         "gone404": "unpublished", "gone410": "unpublished", "redirect": "redirected", "unlist": "unlisted",
         "restore": "restored", "outage": None, "recover": None}
GONE_STATUS = {"gone404": 404, "gone410": 410, "redirect": 301, "unlist": 200}


class Newsroom:
    """Publishes, edits, changes and takes down articles of a content model (``content.TestSite``) in place."""

    def __init__(self, site):
        self.site = site
        self.clock = max(max(a.published, a.modified) for a in site.articles)
        self.pools = sentence_pools(random.Random(f"{site.seed}:changes"), 20)
        self.taken = set(generate.RESERVED) | {a.slug for a in site.articles + site.broken}
        self.edits = 0
        self.touched = set()  # indices of articles that change() has changed (each changes once)

    def publish(self, count):
        """Add ``count`` generated articles, each newer than every existing one; return them."""
        new = []
        for _ in range(count):
            self.clock += PUBLISH_STEP
            i = len(self.site.articles)
            kind_rng = random.Random(f"{self.site.seed}:publish:{i}")
            article = Article(**generate.extra(i, self.site.seed, self.clock, kind_rng, self.pools, self.taken))
            self.site.articles.append(article)
            new.append(article)
        return new

    def edit(self, count):
        """Rewrite a paragraph of ``count`` older articles and bump their date_modified; return them."""
        self.edits += 1
        rng = random.Random(f"{self.site.seed}:edit:{self.edits}")
        chosen = rng.sample(self._editable(), min(count, len(self._editable())))
        for article in chosen:
            self.clock += EDIT_STEP
            revise.reword_paragraph(article, rng, self.pools, prefix="Update: ")
            article.modified = self.clock
            self.site.changes.append((article.path, "edit"))
        return chosen

    def _editable(self):
        """Articles that edit() may change: not the newest, not the seed or its related story, 2+ paragraphs."""
        newest = sorted(self.site.served(), key=lambda a: a.published, reverse=True)
        return sorted((a for a in newest[FEED_PROTECTED:] if a.index > 1 and revise.paragraph_count(a) >= 2),
                      key=lambda a: a.index)

    def change(self, kind, count):
        """Change the ``count`` newest articles that ``kind`` applies to; return them.

        Every kind but restore and recover takes articles that no earlier change() touched.
        """
        if kind not in KINDS:
            raise ValueError(f"unknown change kind {kind!r}: one of {', '.join(KINDS)}")
        self.edits += 1
        rng = random.Random(f"{self.site.seed}:{kind}:{self.edits}")
        chosen = self._candidates(kind)[:count]
        self.touched.update(article.index for article in chosen)
        for article in chosen:
            self._apply(kind, article, rng)
            if KINDS[kind]:
                self.site.changes.append((article.path, KINDS[kind]))
        return chosen

    def _candidates(self, kind):
        """Articles ``kind`` may change, newest first."""
        if kind == "restore":
            return sorted((self.site.articles[i] for i in self.site.gone), key=lambda a: a.published, reverse=True)
        if kind == "recover":
            return [self.site.articles[i] for i in sorted(self.site.outages)]
        newest = sorted(self.site.served(), key=lambda a: a.published, reverse=True)
        return [a for a in newest if a.index > 1 and a.index not in self.touched and a.index not in self.site.gone
                and (kind not in ("edit", "silent") or revise.paragraph_count(a) >= 2)]

    def _apply(self, kind, article, rng):
        """Make one change to one article."""
        if kind == "restore":
            del self.site.gone[article.index]
        elif kind == "recover":
            self.site.outages.discard(article.index)
        elif kind == "outage":
            self.site.outages.add(article.index)
        elif kind in GONE_STATUS:
            target = self._redirect_target(article) if kind == "redirect" else None
            if target is not None:
                self.touched.add(target.index)  # a redirect target stays as it is
            self.site.gone[article.index] = (GONE_STATUS[kind], target)
        else:
            {"edit": lambda: revise.add_update(article, rng, self.pools),
             "silent": lambda: revise.extend_paragraph(article, rng, self.pools),
             "headline": lambda: revise.reword_headline(article, rng),
             "byline": lambda: revise.add_author(article, rng)}[kind]()
            if kind != "silent":  # a silent edit leaves date_modified (and the sitemap's lastmod) as it was
                self.clock += EDIT_STEP
                article.modified = self.clock

    def _redirect_target(self, article):
        """The newest article served normally that no change touched (``article`` is touched already)."""
        newest = sorted(self.site.served(), key=lambda a: a.published, reverse=True)
        return next(a for a in newest if a.index > 1 and a.index not in self.touched and a.index not in self.site.gone)
