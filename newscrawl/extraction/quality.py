"""Whether the extracted text is an article's: mojibake repaired, link lists and garbled bytes rejected.

A page that is no article (a home page, a list of links, bytes that are no text)
still gives a record; its body is empty rather than link texts or replacement
characters, and the record says why in ``_rejected``. Text decoded with the wrong
charset ("cafÃ©": UTF-8 read as Latin-1 or Windows-1252) is repaired with ftfy and
named in ``_repaired``.
"""

import re
import unicodedata

import ftfy
from ftfy.badness import is_bad

from newscrawl.extraction.prune import teaser_cards

TEXT_FIELDS = ("headline", "description", "article_body", "section", "editor_note")
LIST_FIELDS = ("authors", "tags")
# The mark of UTF-8 read as Latin-1 or Windows-1252 ("Ã©", "â€™"): a lead byte's letter, then a continuation
# byte's; only text that has it is given to ftfy, whose check costs more.
UTF8_AS_LATIN = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                           "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
# Replacement and control characters: what bytes that are no text decode to.
GARBLED = re.compile("[\ufffd\x00-\x08\x0e-\x1f\x7f-\x9f]")
# What text is mostly made of: letters (with their marks), digits, spaces and common punctuation. Bytes that
# are no text, read in a one-byte charset (Latin-1), give symbols and accents in no language's proportions.
# The regular expression finds the other characters fast; of those, only marks (Devanagari's vowel signs,
# which \w leaves out) are looked up.
UNTEXTLIKE = re.compile(r"[^\w\s.,;:!?'\"()\-–—’‘“”„«»/|%&]|_")
MIN_TEXTLIKE = 0.8
# Of a body's characters, the share in replacement characters, and in paragraphs that are a link's text;
# of its paragraphs, the share (and least number) that are teaser cards' texts.
MAX_GARBLED = 0.02
MAX_LINKED = 0.5
MAX_TEASERS, MIN_TEASERS = 0.5, 4
# A body this short (characters, not words: some scripts go without spaces) on a page mostly made of
# links is a list's heading, not a story.
MIN_SIZE = 100


def repair(record):
    """Repair mojibake in the record's text fields in place; return the fields repaired."""
    repaired = []
    for field in TEXT_FIELDS + LIST_FIELDS:
        value = record.get(field)
        fixed = [_fixed(item) for item in value] if isinstance(value, list) else _fixed(value)
        if fixed != value:
            record[field] = fixed
            repaired.append(field)
    return repaired


def _fixed(value):
    """``value`` with mojibake undone (and nothing else changed) when ftfy finds some."""
    if not isinstance(value, str) or not UTF8_AS_LATIN.search(value) or not is_bad(value):
        return value
    return ftfy.fix_encoding(value)


def rejected_body(body, tree):
    """Why ``body`` is no article's text: "garbled" (bytes that are no text), "links" (a link
    list, or a heading above one) or "teasers" (mostly the texts of teaser cards: a home page or a
    section's); None when it is text."""
    size = len("".join((body or "").split()))
    if not size:
        return None
    if len(GARBLED.findall(body)) >= MAX_GARBLED * size or not _textlike(body):
        return "garbled"
    links = {_folded(a.text_content()) for a in tree.iter("a")}
    paragraphs = body.split("\n\n")
    linked = sum(len(p) for p in paragraphs if _folded(p) in links)
    if linked >= MAX_LINKED * len(body) or (size < MIN_SIZE and _mostly_links(tree)):
        return "links"
    teasers = _teaser_texts(tree) if len(paragraphs) >= MIN_TEASERS else set()
    if sum(_folded(p) in teasers for p in paragraphs) >= max(MIN_TEASERS, MAX_TEASERS * len(paragraphs)):
        return "teasers"
    return None


def _teaser_texts(tree):
    """The folded texts of the paragraphs and headings of the page's teaser cards (``prune.teaser_cards``)."""
    return {_folded(el.text_content()) for card in teaser_cards(tree) for el in card.iter("p", "h2", "h3", "h4")}


def _textlike(body):
    """Whether most of ``body``'s characters are those of text (see UNTEXTLIKE)."""
    other = [c for c in UNTEXTLIKE.findall(body) if not unicodedata.category(c).startswith("M")]
    return len(other) < (1 - MIN_TEXTLIKE) * len(body)


def _folded(text):
    return " ".join(text.split()).casefold()


def _mostly_links(tree):
    """Whether most of the page's visible text is link text."""
    body = tree.find("body")
    if body is None:
        return False
    text = "".join("".join(body.xpath(".//text()[not(ancestor::script or ancestor::style)]")).split())
    linked = "".join("".join(a.text_content() for a in body.iter("a")).split())
    return bool(text) and len(linked) >= MAX_LINKED * len(text)


def reject_body(record, tree):
    """Empty a lower layer's body that is no article's text (see ``rejected_body``), in place;
    return {"article_body": reason}, or {} when the body stands. A page without a body whose text
    sits in teaser cards (pruned before extraction) is a home or section page: "teasers"."""
    source = record["_sources"].get("article_body")
    if source is None and not record.get("article_body") and len(teaser_cards(tree)) >= MIN_TEASERS:
        return {"article_body": "teasers"}
    reason = source not in (None, "site") and rejected_body(record.get("article_body"), tree)
    if not reason:
        return {}
    record["article_body"] = record["word_count"] = None
    del record["_sources"]["article_body"]
    return {"article_body": reason}
