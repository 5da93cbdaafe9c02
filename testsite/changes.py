"""The site changing between crawls: new articles published, older ones edited.

A ``Newsroom`` keeps a simulated clock that starts at the newest date of the model
and moves forward with every change, so publish and edit results are deterministic
given the sequence of calls.
"""

import random
from datetime import timedelta

from . import bodies, generate
from .content import Article
from .text import paragraphs, sentence_pools, sentence_stream

FEED_PROTECTED = 50  # the newest articles (the feed) are never edited
PUBLISH_STEP = timedelta(minutes=17)
EDIT_STEP = timedelta(minutes=3)


class Newsroom:
    """Publishes and edits articles of a content model (``content.TestSite``) in place."""

    def __init__(self, site):
        self.site = site
        self.clock = max(max(a.published, a.modified) for a in site.articles)
        self.pools = sentence_pools(random.Random(f"{site.seed}:changes"), 20)
        self.taken = set(generate.RESERVED) | {a.slug for a in site.articles + site.broken}
        self.edits = 0

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
            self._rewrite(article, rng)
            article.modified = self.clock
        return chosen

    def _editable(self):
        """Articles that may be edited: not the newest, not the seed or its related story, 2+ paragraphs."""
        newest = sorted(self.site.articles, key=lambda a: a.published, reverse=True)
        return sorted((a for a in newest[FEED_PROTECTED:]
                       if a.index > 1 and sum(kind == "p" for kind, _ in a.blocks) >= 2),
                      key=lambda a: a.index)

    def _rewrite(self, article, rng):
        """Replace the last paragraph (never the first: related cards quote it) with new text."""
        last = max(n for n, (kind, _) in enumerate(article.blocks) if kind == "p")
        stream = sentence_stream(rng, self.pools, rng.choice(("attack", "diplomacy", "front")))
        text = article.blocks[last][1]
        while text == article.blocks[last][1]:
            text = "Update: " + paragraphs(rng, stream, 1)[0]
        article.blocks = article.blocks[:last] + [("p", text)] + article.blocks[last + 1:]
        words = sum(len(value.split()) for value in bodies.texts(article.blocks))
        article.reading_time = max(1, round(words / 225))
