"""Heuristics that choose between candidates where taking the first one is not best: dates and bodies.

The headline's are in ``headline.py``, the authors' in ``people.py``, the generic layer's bylines in ``bylines.py``.
"""

import re
from collections import Counter
from zoneinfo import ZoneInfo

from newscrawl import processors
from newscrawl.extraction.sitenames import key as _key


# The end of a date that says its zone: Z, an offset (+02:00, +0200), UTC or GMT.
ZONED = re.compile(r"(?:\dZ|[+-]\d\d:?\d\d|\b(?:UTC|GMT))\s*$", re.I)


def published(values):
    """The first of the structured sources' raw publication dates, unless it has no zone and a later
    one with a zone falls on the same day or is the same time (``same_wall_time``): that one tells the moment."""
    values = [value for value in values if value]
    if not values or not isinstance(values[0], str) or ZONED.search(values[0]):
        return values[0] if values else None
    first = processors.parse_datetime(values[0])
    for other in values[1:]:
        moment = processors.parse_datetime(other) if isinstance(other, str) and ZONED.search(other) else None
        if first is not None and moment is not None and (moment.date() == first.date()
                                                         or same_wall_time(first, moment)):
            return other
    return values[0]


# The time zone of a page's language where it is spoken in one zone (German: Germany, Austria, Switzerland), or of
# its country: a time without a zone is that zone's. Languages of several zones (English, Spanish, French,
# Portuguese, Russian, Arabic) only with their country.
LANGUAGE_ZONES = {
    "de": "Europe/Berlin", "it": "Europe/Rome", "nl": "Europe/Amsterdam", "pl": "Europe/Warsaw", "cs": "Europe/Prague",
    "sk": "Europe/Bratislava", "hu": "Europe/Budapest", "sl": "Europe/Ljubljana", "hr": "Europe/Zagreb",
    "sr": "Europe/Belgrade", "da": "Europe/Copenhagen", "sv": "Europe/Stockholm", "nb": "Europe/Oslo",
    "nn": "Europe/Oslo", "no": "Europe/Oslo", "fi": "Europe/Helsinki", "et": "Europe/Tallinn", "lv": "Europe/Riga",
    "lt": "Europe/Vilnius",
    "el": "Europe/Athens", "bg": "Europe/Sofia", "ro": "Europe/Bucharest", "uk": "Europe/Kyiv", "tr": "Europe/Istanbul",
    "he": "Asia/Jerusalem", "is": "Atlantic/Reykjavik", "ja": "Asia/Tokyo", "ko": "Asia/Seoul", "zh": "Asia/Shanghai",
    "vi": "Asia/Ho_Chi_Minh", "th": "Asia/Bangkok", "hi": "Asia/Kolkata",
    "en-gb": "Europe/London", "en-ie": "Europe/Dublin", "en-in": "Asia/Kolkata", "en-za": "Africa/Johannesburg",
    "en-nz": "Pacific/Auckland", "en-sg": "Asia/Singapore", "en-ng": "Africa/Lagos", "es-es": "Europe/Madrid",
    "fr-fr": "Europe/Paris", "fr-be": "Europe/Brussels", "fr-ch": "Europe/Zurich", "pt-pt": "Europe/Lisbon",
}
# A time of day in a date ("2023-04-28 19:50:30"): a date alone stays the day it names.
TIMED = re.compile(r"\d{1,2}:\d\d")


def in_page_zone(value, language):
    """A date with a time but no zone, as an ISO 8601 time in the zone of the page's ``language``
    (``LANGUAGE_ZONES``: "de" reads 19:50 as 19:50+02:00 in summer), else ``value``: read as UTC, as before."""
    if not isinstance(value, str) or not language or ZONED.search(value) or not TIMED.search(value):
        return value
    code = language.strip().lower().replace("_", "-")
    zone = LANGUAGE_ZONES.get(code) or LANGUAGE_ZONES.get(code.split("-")[0])
    moment = processors.parse_datetime(value, local_zone=ZoneInfo(zone)) if zone else None
    return moment.isoformat() if moment is not None else value


def same_wall_time(local, moment):
    """Whether ``local`` (a time without a zone, read as UTC) is ``moment`` on some zone's clock: off by
    whole quarter hours, fourteen hours at most (the day may differ near midnight)."""
    offset = (local - moment).total_seconds()
    return abs(offset) <= 14 * 3600 and offset % 900 == 0


def _shingles(text):
    """Multiset of 4-word runs, for comparing texts independently of layout."""
    tokens = re.findall(r"\w+", text or "")
    return Counter(zip(tokens, tokens[1:], tokens[2:], tokens[3:]))


def coverage(text, other):
    """Share of ``text``'s 4-word runs that also occur in ``other`` (a text, or its runs from
    ``_shingles`` when it is compared with many texts); 0 when text has none."""
    mine, theirs = _shingles(text), other if isinstance(other, Counter) else _shingles(other)
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


def is_table_row(paragraph):
    """A row of a table as the extractor writes it ("| cell | cell |"): articleBody often lacks tables."""
    return paragraph.startswith("|") and paragraph.endswith("|")


def looks_like_lead(paragraph):
    """A full paragraph, not a list item: a standfirst that articleBody often leaves out."""
    return len(paragraph.split()) >= 12 and not paragraph.startswith("- ")


# HTML tags left in a structured articleBody: copied from a template, not text.
MARKUP = re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?>|&lt;/?[a-z]", re.I)


def lacking(structured, generic):
    """The sentences of the structured text that the extracted one lacks, as one text."""
    sentences, theirs = re.split(r"(?<=[.!?…])\s+|\n+", structured), _shingles(generic)
    return " ".join(s for s in sentences if _shingles(s) and coverage(s, theirs) < 0.5)


def complete(structured, generic, on_page):
    """Whether the structured text is the whole story of which the extracted one is a part: it holds
    all of the extracted text and a fifth more, no markup, and what the extractor missed is text the
    page shows (``on_page``: not in the parts pruned away, fact boxes and captions)."""
    if MARKUP.search(structured) or coverage(generic, structured) < 0.9 \
            or distinct_coverage(structured, generic) >= 0.8:
        return False
    missed = lacking(structured, generic)
    return bool(missed) and on_page(missed)


def body(structured, generic, on_page=lambda text: False):
    """Combine the structured articleBody with the extracted body; return (text, source).

    The structured text wins when it is complete where the extracted one is a part of it
    (see ``complete``), or when the extractor lost much of it; otherwise the
    extractor's paragraphs are kept when the structured text confirms them,
    which removes boilerplate the extractor let through. Unconfirmed subheadings
    between confirmed paragraphs, leads before them and table rows anywhere are kept
    too: articleBody often lacks them.
    """
    if not structured or not generic:
        return (structured, "structured") if structured else (generic, "generic")
    if complete(structured, generic, on_page) or distinct_coverage(structured, generic) < 0.6 <= coverage(
            generic, structured):
        return structured, "structured"
    if coverage(generic, structured) < 0.3:
        return generic, "generic"
    paragraphs = generic.split("\n\n")
    theirs = _shingles(structured)
    confirmed = [i for i, p in enumerate(paragraphs) if _shingles(p) and coverage(p, theirs) >= 0.5]
    first, last = (confirmed[0], confirmed[-1]) if confirmed else (len(paragraphs), -1)
    kept = [p for i, p in enumerate(paragraphs)
            if i in confirmed or not _shingles(p) or is_table_row(p) or (i < first and looks_like_lead(p))
            or (first < i < last and looks_like_subheading(p))]
    return "\n\n".join(kept), "structured+generic"


def without_note(body, note):
    """The body without the paragraph that is the editor's note (kept apart)."""
    if not body or not note:
        return body
    key = " ".join(note.split())[:60]
    return "\n\n".join(p for p in body.split("\n\n") if not " ".join(p.split()).startswith(key)) or None


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
