"""Small pure cleaning functions used by the item loaders.

Each takes one raw value (a string, or a list for the list helpers) and
returns the cleaned value, or None when nothing usable is left.
"""

import html
import re
import unicodedata
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser

KYIV = ZoneInfo("Europe/Kyiv")

# Zero-width characters and the BOM vanish; every other Unicode space becomes " ".
# (A regular expression: str.translate with a table costs ten times more on a paragraph.)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# C0/C1 control characters that are not whitespace (NUL, ESC, DEL, ...): never text.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_BY_PREFIX = re.compile(r"^(\s*by\b\s*:?\s*)+", re.IGNORECASE)
# Parts of a byline that are not names: a date or time, a URL, an e-mail address.
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_NOT_A_NAME = re.compile(
    rf"\d{{4}}-\d\d?-\d\d?|\d{{1,2}}:\d\d|\b(1[89]|2\d)\d\d\b|\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}\b"
    r"|\w+://|\bwww\.|[^\s@]+@[^\s@]+\.\w+",
    re.IGNORECASE,
)
_AUTHOR_SPLIT = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*", re.IGNORECASE)
_CREDIT = re.compile(r"^(?P<caption>.*?)\s*\((?P<credit>[^()]*)\)\s*$", re.DOTALL)
# At most four digits: a larger number is garbage, and would not fit the database's integer column.
_MINUTES = re.compile(r"(?<!\d)(\d{1,4})\s*min", re.IGNORECASE)
_JS_DATE = re.compile(r"^\w{3} (\w{3} \d{1,2} \d{4} \d{2}:\d{2}:\d{2}) GMT([+-]\d{4})")
_LANGUAGE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$", re.IGNORECASE)
_RFC822 = re.compile(r"^(\w{3},\s*)?\d{1,2}\s+\w{3}\s+\d{4}\s+\d{1,2}:\d{2}")
# The form of meta, JSON-LD and sitemap dates: datetime.fromisoformat reads it as dateutil does, ~7x faster.
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?")


def clean_text(value):
    """Unescape entities, NFC-normalise, drop zero-width and control characters,
    fold all whitespace to single spaces."""
    if value is None:
        return None
    text = str(value)
    # Each step only where it can change something: this runs for every value of every page.
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    if not text.isprintable():
        text = _CONTROLS.sub("", text)
    return " ".join(text.split()) or None


def split_paragraphs(value):
    """A text with blank lines between paragraphs -> its paragraphs; one paragraph stays itself."""
    if not isinstance(value, str):
        return value
    return [part for part in re.split(r"\n\s*\n", value) if part.strip()]


def join_paragraphs(values):
    """Clean each paragraph and join them with one blank line between them."""
    return "\n\n".join(p for p in (clean_text(v) for v in values) if p) or None


def to_utc_iso(value, local_zone=KYIV):
    """Parse a date string into ISO 8601 UTC ending in Z.

    Strings without a zone are read as ``local_zone`` time (Kyiv by default,
    with its real daylight-saving rules); unparseable strings give None.
    """
    parsed = parse_datetime(value, local_zone)
    if parsed is None:
        return None
    try:
        utc = parsed.astimezone(timezone.utc)
    except (ValueError, OverflowError):  # before year 1 or after 9999 in UTC, an offset of a day or more
        return None
    # isoformat, not strftime("%Y"): it pads years before 1000 to four digits.
    return utc.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def parse_datetime(value, local_zone=KYIV):
    """Return an aware datetime for ISO, RFC 822, JavaScript or 'Month D, YYYY h:mm AM' strings."""
    text = clean_text(value)
    if not text or not re.search(r"\d{4}", text):
        return None
    if _ISO_DATETIME.fullmatch(text):
        try:
            parsed = datetime.fromisoformat(text)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=local_zone)
        except ValueError:
            pass  # out-of-range fields: dateutil below decides
    js_date = _JS_DATE.match(text)
    if js_date:
        text = f"{js_date.group(1)} {js_date.group(2)}"
    try:
        if _RFC822.match(text):
            parsed = parsedate_to_datetime(text)
        else:
            parsed = dateutil_parser.parse(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=local_zone)
    return parsed


def split_authors(value):
    """Split one byline into names: 'by A, B and C' -> ['A', 'B', 'C'].

    Parts that hold a date, a time, a URL or an e-mail address are not names and are left out.
    """
    text = clean_text(value)
    if not text:
        return []
    names = (clean_text(_BY_PREFIX.sub("", part)) for part in _AUTHOR_SPLIT.split(text))
    return [name for name in names if name and not _NOT_A_NAME.search(name)]


def unique(values):
    """Deduplicate a list, keeping the first occurrence's position."""
    seen = set()
    result = []
    for value in values:
        key = value.casefold() if isinstance(value, str) else value
        if key not in seen:
            seen.add(key)
            result.append(value)
    return result


def split_caption(value):
    """Split 'Caption text. (Credit/Agency)' into {'caption', 'credit'}; a split one is cleaned."""
    if isinstance(value, dict):
        return {"caption": clean_text(value.get("caption")), "credit": clean_text(value.get("credit"))}
    text = clean_text(value)
    if not text:
        return None
    match = _CREDIT.match(text)
    if match and match.group("credit").strip():
        return {"caption": match.group("caption") or None, "credit": match.group("credit").strip()}
    return {"caption": text, "credit": None}


def reading_minutes(value):
    """'2 min read' -> 2; a number stays itself."""
    if isinstance(value, int):
        return value
    match = _MINUTES.search(clean_text(value) or "")
    return int(match.group(1)) if match else None


def language_code(value):
    """'en-US' -> 'en'; None when the value is not a language tag."""
    match = _LANGUAGE.match(clean_text(value) or "")
    return match.group(1).lower() if match else None
