"""What a newsroom does to a published article, one change at a time, on the content model.

Each function changes an ``content.Article`` in place (never its dates: the caller decides
whether ``modified`` moves) and is deterministic given its random.Random.
"""

from . import bodies, catalog
from .text import paragraphs, sentence_stream

HEADLINE_ENDINGS = (", officials say", " as talks stall", ", report says", " amid new strikes")


def add_update(article, rng, pools):
    """Append an "Update: ..." paragraph at the end of the body."""
    article.blocks = article.blocks + [("p", "Update: " + paragraphs(rng, _stream(rng, pools), 1)[0])]
    _recount(article)


def reword_paragraph(article, rng, pools, prefix=""):
    """Replace the text of the last paragraph (never the first: related cards quote it) with new text."""
    last = max(n for n, (kind, _) in enumerate(article.blocks) if kind == "p")
    stream = _stream(rng, pools)
    text = article.blocks[last][1]
    while text == article.blocks[last][1]:
        text = prefix + paragraphs(rng, stream, 1)[0]
    article.blocks = article.blocks[:last] + [("p", text)] + article.blocks[last + 1:]
    _recount(article)


def extend_paragraph(article, rng, pools):
    """Add a sentence to the last paragraph (a quiet correction: the rest of the paragraph stays)."""
    last = max(n for n, (kind, _) in enumerate(article.blocks) if kind == "p")
    text = article.blocks[last][1] + " " + next(_stream(rng, pools))
    article.blocks = article.blocks[:last] + [("p", text)] + article.blocks[last + 1:]
    _recount(article)


def reword_headline(article, rng):
    """Add a clause to the headline."""
    endings = [ending for ending in HEADLINE_ENDINGS if not article.headline.endswith(ending)]
    article.headline = article.headline.rstrip(".") + rng.choice(endings)


def add_author(article, rng):
    """Credit one more staff author, after those already in the byline."""
    present = {slug for _, slug in article.authors}
    name, slug, _, _ = rng.choice([staff for staff in catalog.STAFF if staff[1] not in present])
    article.authors = article.authors + [(name, slug)]


def paragraph_count(article):
    """How many paragraphs (not subheadings or list items) the body has."""
    return sum(kind == "p" for kind, _ in article.blocks)


def _stream(rng, pools):
    return sentence_stream(rng, pools, rng.choice(("attack", "diplomacy", "front")))


def _recount(article):
    words = sum(len(value.split()) for value in bodies.texts(article.blocks))
    article.reading_time = max(1, round(words / 225))
