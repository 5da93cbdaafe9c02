"""Cleaning of raw extracted values, one small pure function per kind of value.

These functions turn what the layers found (strings, lists, dicts as the page
has them) into the item's formats. They are meant to move into the project's
processors and ``ArticleLoader`` once those land.
"""

import html
import re
from datetime import datetime, timezone
from urllib.parse import urljoin

from dateutil import parser as date_parser

from newscrawl import processors

BYLINE_WORDS = r"(?:by|von|par|por|di|door|av|af|przez|autor(?:in)?|author|text|texte)"
BYLINE_PREFIX = re.compile(rf"^\s*{BYLINE_WORDS}\s*[:\-]?(?:\s+|$)", re.I)
NAME_SPLIT = re.compile(r"\s*(?:,|;|\||&|\band\b|\bund\b|\bet\b|\by\b|\bog\b|\boch\b)\s*", re.I)
JOB_TITLE = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|journalist|columnist|contributor|staff|redakteur(?:in)?"
    r"|korrespondent(?:in)?|photographer|updated|published|min read)\b", re.I)
# Unambiguous zone abbreviations seen in bylines and meta dates, as UTC offsets in seconds.
ZONE_OFFSETS = {"UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 3600, "CET": 3600, "MEZ": 3600, "CEST": 7200,
                "MESZ": 7200, "EET": 7200, "EEST": 10800, "MSK": 10800, "JST": 32400, "KST": 32400,
                "EST": -18000, "EDT": -14400, "CDT": -18000, "PST": -28800, "PDT": -25200}
URL_OR_EMAIL = re.compile(r"(?:https?://|www\.|\S+@\S+\.\w+)", re.I)
ENTITY = re.compile(r"&(?:#\d{2,7}|#x[0-9a-f]{2,6}|[a-z][a-z0-9]{1,31});", re.I)


def clean_text(value):
    """The loader's clean_text, with entities unescaped twice when escaped twice
    (as JSON-LD built from escaped HTML has them); None when empty."""
    if value is None:
        return None
    text = str(value)
    if "&" in text and ENTITY.search(text):
        text = html.unescape(text)
    return processors.clean_text(text)


def clean_body(value):
    """Paragraphs (split at line breaks), each cleaned, joined by blank lines."""
    if not value:
        return None
    paragraphs = (clean_text(line) for line in str(value).splitlines())
    return "\n\n".join(p for p in paragraphs if p) or None


def clean_date(value):
    """Return the date as ``YYYY-MM-DDTHH:MM:SSZ`` in UTC (naive times taken as UTC)."""
    moment = parse_date(value)
    if moment is None:
        return None
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone(timezone.utc)
        except ValueError:  # an offset of a day or more ('+25:00')
            return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_date(value):
    """Parse a date string or epoch number into a datetime, or None."""
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.strip().isdigit()):
        return _from_epoch(float(value))
    text = clean_text(value) if isinstance(value, str) else None
    if not text or not re.search(r"\d{4}|\d{1,2}\D+\d{1,2}\D+\d{2}", text):
        return None
    try:
        moment = date_parser.isoparse(text)
    except ValueError:
        moment = _parse_complete(text)
        if moment is None:
            return None
    return moment if 1990 <= moment.year <= 2100 else None


def _parse_complete(text):
    """Fuzzy-parse ``text``, or None when day, month or year is missing or unknown.

    dateutil fills missing parts from its default (e.g. a German month name is
    skipped), so parsing with two defaults that differ in every part exposes gaps.
    """
    try:
        first, second = (date_parser.parse(text, fuzzy=True, tzinfos=ZONE_OFFSETS, default=default)
                         for default in (datetime(2001, 1, 1), datetime(2002, 2, 2)))
    except (ValueError, OverflowError):
        return None
    return first if first.date() == second.date() else None


def _from_epoch(number):
    """Datetime of an epoch in seconds or milliseconds, or None when implausible."""
    if number > 1e11:
        number /= 1000
    if not 6e8 < number < 4.2e9:
        return None
    return datetime.fromtimestamp(number, tz=timezone.utc)


def clean_authors(value):
    """Split, strip and deduplicate author names; drop bylines' noise."""
    names, seen = [], set()
    for raw in value if isinstance(value, (list, tuple)) else [value]:
        for name in _split_names(raw):
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                names.append(name)
    return names


def _split_names(raw):
    """Yield the plausible person or agency names in one raw byline string."""
    text = clean_text(raw)
    if not text or URL_OR_EMAIL.match(text):
        return
    text = BYLINE_PREFIX.sub("", text)
    for part in NAME_SPLIT.split(text):
        part = BYLINE_PREFIX.sub("", part).strip(" .:-–—|")
        if _plausible_name(part):
            yield part


def _plausible_name(part):
    """Whether a byline fragment looks like a name rather than a title, date or link."""
    if not part or len(part) > 60 or not re.search(r"[^\W\d_]", part) or URL_OR_EMAIL.search(part):
        return False
    if re.search(r"[():@]|\d{3}|\d+[./]\d+", part) or JOB_TITLE.search(part):
        return False
    return len(part.split()) <= 6


def clean_list(value):
    """Labels from a list or a comma-separated string, cleaned and deduplicated in order."""
    items = value if isinstance(value, (list, tuple)) else str(value or "").split(",")
    labels, seen = [], set()
    for item in items:
        label = clean_text(item)
        if label and label.casefold() not in seen:
            seen.add(label.casefold())
            labels.append(label)
    return labels


def clean_language(value):
    """Primary BCP 47 subtag in lower case: 'de-AT' and 'de_AT' give 'de'."""
    text = clean_text(value)
    match = re.match(r"[A-Za-z]{2,3}(?![A-Za-z])", text or "")
    return match.group(0).lower() if match else None


def clean_url(value, base):
    """Absolute http(s) URL of ``value`` against ``base``, or None."""
    text = clean_text(value)
    if not text:
        return None
    try:
        url = urljoin(base or "", text)
    except ValueError:  # 'http://[oops/': an unbalanced IPv6 bracket
        return None
    return url if url.startswith(("http://", "https://")) else None
