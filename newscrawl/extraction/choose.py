"""Heuristics that choose between candidates where taking the first one is not best."""

import re
from collections import Counter

from newscrawl.urls import host_of

TITLE_SEPARATOR = re.compile(r"\s+[-|–—:·•*/]\s+|\s*\|\s*")


def _key(text):
    """Lower-case letters and digits only, for loose comparisons of names."""
    return re.sub(r"[\W_]+", "", (text or "").casefold())


def site_names(raws, url):
    """Loose keys of the publisher's names: og:site_name, JSON-LD publisher, their
    initials, and the host's registered label."""
    labels = host_of(url or "").split(".")
    names = [raw.get(k) for raw in raws for k in ("site_name", "publisher")]
    names += ["".join(word[0] for word in re.findall(r"\w+", n)) for n in names if n and " " in n]
    names.append(labels[-2] if len(labels) > 1 else None)
    return {_key(name) for name in names if len(_key(name)) >= 3}


def is_site_name(text, names):
    """Whether ``text`` names the publisher itself (same, contained, or its initials)."""
    key = _key(text)
    if not key:
        return False
    return any(key == name or (len(key) >= 4 and (key in name or name in key)) for name in names)


def strip_site_name(title, names):
    """Drop trailing " - Site" / " | Site" parts of a cleaned title that name the publisher."""
    text = title
    while text:
        parts = TITLE_SEPARATOR.split(text)
        if len(parts) < 2 or not is_site_name(parts[-1], names):
            break
        text = text[: text.rfind(parts[-1])].rstrip(" -|–—:·•*/")
    return text or None


def headline(candidates, microdata=(), h1s=(), title=None):
    """Choose among the metadata's headline ``candidates`` (most trusted first) with the
    headlines the page shows: its itemprop=headline ``microdata`` and its ``h1s``.

    A metadata headline that the microdata headline repeats is the one the page
    displays, whatever the order of trust says. An <h1> only decides between
    variants that differ by a kicker or a trailing addition (one contains the
    other at its start or end): whether the page shows that part. Entirely
    different wordings are editorial variants, where the <h1> is no better a
    guide than the order of trust. Variants with the same words but other
    punctuation are told apart by the <title>, which repeats one of them. When
    the metadata and a shown headline put different kickers before the same
    words, only those shared words are confirmed: they are the headline.
    """
    candidates = [c for c in candidates if c]
    if not candidates:
        return None
    keys = [_key(c) for c in candidates]
    for shown in map(_key, microdata):
        if shown in keys:
            return candidates[keys.index(shown)]
    first = keys[0]
    for shown in map(_key, h1s):
        if shown in keys and shown != first and _nested(shown, first):
            return candidates[keys.index(shown)]
    in_title = _loose(title)
    if first and in_title and _loose(candidates[0]) not in in_title:
        same_words = [c for c, k in zip(candidates, keys) if k == first and _loose(c) in in_title]
        if same_words:
            return same_words[0]
    for shown in (*microdata, *h1s):
        shared = _shared_after_kickers(candidates[0], shown)
        if shared:
            return shared
    return candidates[0]


def _nested(key, other):
    """Whether one loose key starts or ends the other."""
    short, long = sorted((key, other), key=len)
    return bool(short) and (long.startswith(short) or long.endswith(short))


def _loose(text):
    """Case- and space-folded text, for finding one title inside another."""
    return " ".join((text or "").casefold().split())


KICKER_SEPARATOR = re.compile(r"\s*[:|/]\s+|\s+[-–—]\s+")


def _kicker_splits(text):
    """(key of the kicker's last word, rest) for each kicker separator in ``text``."""
    splits = []
    for match in KICKER_SEPARATOR.finditer(text):
        words = re.findall(r"\w+", text[:match.start()])
        if words:
            splits.append((words[-1].casefold(), text[match.end():]))
    return splits


def _shared_after_kickers(text, other):
    """The part of ``text`` after its kicker when ``other`` has the same part after
    another kicker, else None. The shared part must be all they have in common at
    their ends: the kickers' last words differ."""
    rests = {_key(rest): last for last, rest in _kicker_splits(other)}
    for last, rest in _kicker_splits(text):
        key = _key(rest)
        if len(key) >= 10 and rests.get(key) and rests[key] != last:
            return rest
    return None


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
