"""Heuristics that choose between candidates where taking the first one is not best: authors and bodies.

The headline's are in ``headline.py``.
"""

import re
from collections import Counter

from newscrawl.extraction.headline import key as _key


def authors(cleaned, names):
    """Return (people, publisher_only): the cleaned authors with the publisher's own name apart.

    Only the name itself counts as the publisher: "<Publisher> news desk" is a byline.
    """
    cleaned = cleaned or []
    people = [name for name in cleaned if _key(name) not in names]
    return people, ([] if people else cleaned)


def _shingles(text):
    """Multiset of 4-word runs, for comparing texts independently of layout."""
    tokens = re.findall(r"\w+", text or "")
    return Counter(tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3))


def coverage(text, other):
    """Share of ``text``'s 4-word runs that also occur in ``other`` (0 when text has none)."""
    mine, theirs = _shingles(text), _shingles(other)
    total = sum(mine.values())
    return sum((mine & theirs).values()) / total if total else 0.0


def distinct_coverage(text, other):
    """Share of ``text``'s distinct 4-word runs that occur in ``other``; text repeated
    within ``text`` (an articleBody holding the story twice) counts once."""
    mine, theirs = set(_shingles(text)), set(_shingles(other))
    return len(mine & theirs) / len(mine) if mine else 0.0


def looks_like_subheading(paragraph):
    """Short, unpunctuated and not a list item: a subheading rather than a teaser or sentence."""
    return (len(paragraph.split()) <= 15 and not paragraph.startswith("- ")
            and not paragraph.rstrip().endswith((".", ":")))


def looks_like_lead(paragraph):
    """A full paragraph, not a list item: a standfirst that articleBody often leaves out."""
    return len(paragraph.split()) >= 12 and not paragraph.startswith("- ")


def body(structured, generic):
    """Combine the structured articleBody with the extracted body; return (text, source).

    The structured text wins when the extractor lost much of it; otherwise the
    extractor's paragraphs are kept when the structured text confirms them,
    which removes boilerplate the extractor let through. Unconfirmed subheadings
    between confirmed paragraphs, and leads before them, are kept too: articleBody
    often lacks both.
    """
    if not structured or not generic:
        return (structured, "structured") if structured else (generic, "generic")
    if distinct_coverage(structured, generic) < 0.6 <= coverage(generic, structured):
        return structured, "structured"
    if coverage(generic, structured) < 0.3:
        return generic, "generic"
    paragraphs = generic.split("\n\n")
    confirmed = [i for i, p in enumerate(paragraphs) if _shingles(p) and coverage(p, structured) >= 0.5]
    first, last = (confirmed[0], confirmed[-1]) if confirmed else (len(paragraphs), -1)
    kept = [p for i, p in enumerate(paragraphs)
            if i in confirmed or not _shingles(p) or (first < i < last and looks_like_subheading(p))
            or (i < first and looks_like_lead(p))]
    return "\n\n".join(kept), "structured+generic"


def without_headline(text, titles):
    """Drop leading paragraphs that repeat one of the page's ``titles`` (extractors keep
    the <h1>, which may differ from the chosen headline)."""
    keys = {_key(title) for title in titles if _key(title)}
    paragraphs = (text or "").split("\n\n")
    while paragraphs and _key(paragraphs[0]) in keys:
        paragraphs.pop(0)
    return "\n\n".join(paragraphs) or None


def with_standfirst(text, description, shown):
    """Put the description first when the page ``shown`` it and the body lacks it."""
    if not description or not text or not shown:
        return text
    return text if coverage(description, text) >= 0.5 else f"{description}\n\n{text}"
