"""Small pure cleaning functions, the only ones: items.py names them as each field's processors.

Each takes one raw value (a string, or a list for the list helpers) and returns
the cleaned value, or None when nothing usable is left. Nothing here knows a site:
a site's time zone or byline quirks live in its loader subclass.
"""

import html
import re
import unicodedata
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from dateutil import parser as dateutil_parser
from w3lib.html import remove_tags

# Zero-width characters and the BOM vanish; every other Unicode space becomes " ".
# (A regular expression: str.translate with a table costs ten times more on a paragraph.)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# C0/C1 control characters that are not whitespace (NUL, ESC, DEL, ...): never text.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_ENTITY = re.compile(r"&(?:#\d{2,7}|#x[0-9a-f]{2,6}|[a-z][a-z0-9]{1,31});", re.IGNORECASE)
_CREDIT = re.compile(r"^(?P<caption>.*?)\s*\((?P<credit>[^()]*)\)\s*$", re.DOTALL)
# At most four digits: a larger number is garbage, and would not fit the database's integer column.
_MINUTES = re.compile(r"(?<!\d)(\d{1,4})\s*min", re.IGNORECASE)
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?![A-Za-z])")
_HAS_DATE = re.compile(r"\d{4}|\d{1,2}\D+\d{1,2}\D+\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?")
_ISO_DAY = re.compile(r"\d{4}-?\d{2}-?\d{2}(?!\d)")
_JS_DATE = re.compile(r"^\w{3} (\w{3} \d{1,2} \d{4} \d{2}:\d{2}:\d{2}) GMT([+-]\d{4})")
_RFC822 = re.compile(r"^(\w{3},\s*)?\d{1,2}\s+\w{3}\s+\d{4}\s+\d{1,2}:\d{2}")
# Unambiguous zone abbreviations seen in bylines and meta dates, as UTC offsets in seconds.
ZONE_OFFSETS = {"UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 3600, "CET": 3600, "MEZ": 3600, "CEST": 7200,
                "MESZ": 7200, "EET": 7200, "EEST": 10800, "MSK": 10800, "JST": 32400, "KST": 32400,
                "EST": -18000, "EDT": -14400, "CDT": -18000, "PST": -28800, "PDT": -25200}
_BYLINE_WORDS = (r"(?:(?:written|words|reported|story|posted)\s+by|geschrieben\s+von|escrito\s+por|[ée]crit\s+par"
                 r"|scritto\s+da|by|von|par|por|di|door|av|af|przez|autor(?:in|en)?|authors?|автор|text[eo]?|teksti?"
                 r"|penulis|pewarta|yazar|forfatter|författare|kirjoittaja|作者)")
_BYLINE_PREFIX = re.compile(rf"^(\s*{_BYLINE_WORDS}(?:\b|(?<=作者))\s*[:：\-]?\s*)+", re.IGNORECASE)
# A date or time before the byline's "by": "05.06.2025 um 14:46 von Anna Berger".
_DATED = re.compile(rf"^[\w.,:/ -]{{0,30}}?\d[\w.,:/ -]{{0,30}}?\s+(?={_BYLINE_WORDS}\s)", re.IGNORECASE)
# The time stamp after a byline's names: "Anna Berger Updated 10:15 AM", "... Veröffentlicht am", "... vor 3 Stunden".
_STAMPED = re.compile(r"(?<=\S)\s+(?:updated|published|posted|last modified|aktualisiert|veröffentlicht|mis à jour"
                      r"|publié|actualizado|publicado|aggiornato|pubblicato|vor\s+\d+|\d+\s+\w+\s+ago)\b.*$",
                      re.IGNORECASE | re.DOTALL)
_NAME_SPLIT = re.compile(
    r"\s*(?:,|;|\||&|[·•]|(?<=\s)/(?=\s)|\b(?:and|with|und|mit|et|y|e|og|och|en|ja|és|ve|и|і)\b)\s*", re.IGNORECASE)
_URL_OR_EMAIL = re.compile(r"(?:\w+://|www\.|\S+@\S+\.\w+)", re.IGNORECASE)
# What a name never holds: a date or time ("4 months ago"), a URL, an e-mail address, a job title or a
# dateline's word; nor is it a content system's account ("admin").
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# A newsroom's label: "Staff", "AP Staff", "Times Staff Writer".
_STAFF_LABEL = re.compile(r"(?=.*\bstaff\b)[^\W\d_]+(?:[\s.&'-]+[^\W\d_]+){0,3}", re.IGNORECASE)
_NOT_A_NAME = re.compile(
    rf"\d{{4}}-\d\d?-\d\d?|\d{{1,2}}:\d\d|\b(1[89]|2\d)\d\d\b|\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}\b"
    r"|\w+://|\bwww\.|[^\s@]+@[^\s@]+\.\w+|\b\d+\s*(?:seconds?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?"
    r"|years?|stunden?|tagen?|wochen?|monaten?|jahren?)\b|\bago\b"
    r"|\b(?:reporter|correspondent|editor|writer|journalist|columnist|contributor|staff|redakteur(?:in)?"
    r"|korrespondent(?:in)?|photographer|updated|published|min read)\b"
    r"|^(?:admin|administrator|webmaster|wpadmin|root|guest|user|author|unknown|anonymous)$",
    re.IGNORECASE,
)


# Inline markup that some sites leave in a metadata headline ("<em>Mayor</em> resigns").
_INLINE_TAGS = ("em", "i", "b", "strong", "span", "sup", "sub", "a", "mark", "small", "u", "q")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def without_markup(text):
    """Cleaned text without inline HTML tags; a <br> is a space."""
    if "<" not in text:
        return text
    return " ".join(remove_tags(_BR.sub(" ", text), which_ones=_INLINE_TAGS).split()) or None


def clean_text(value):
    """Unescape entities (twice when escaped twice, as JSON-LD built from escaped HTML has them),
    NFC-normalise, drop zero-width and control characters, fold all whitespace to single spaces."""
    if value is None:
        return None
    text = str(value)
    # Each step only where it can change something: this runs for every value of every page.
    if "&" in text:
        text = html.unescape(text)
        if "&" in text and _ENTITY.search(text):
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


def count_words(text):
    """Number of whitespace-separated words, None for no text."""
    return len(text.split()) if text else None


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


def list_or_none(values):
    """The values as a list, None when there are none."""
    return list(values) or None


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
    """Primary BCP 47 subtag in lower case: 'en-US', 'de_AT' and 'FR' give 'en', 'de', 'fr';
    None when the value does not start with a language subtag."""
    match = _LANGUAGE.match(clean_text(value) or "")
    return match.group(0).lower() if match else None


def absolute_url(value, loader_context):
    """An http(s) URL, resolved against the page's URL (the loader's ``base_url``), or None."""
    try:
        url = urljoin(loader_context.get("base_url") or "", value)
        parts = urlsplit(url)
        parts.port  # an invalid port raises here
    except ValueError:  # 'http://[oops/': an unbalanced IPv6 bracket
        return None
    return url if parts.scheme in ("http", "https") and parts.hostname else None



def to_utc_iso(value, local_zone=timezone.utc):
    """A date as ISO 8601 UTC ending in Z; a time without a zone is ``local_zone``'s (UTC unless the
    site's loader says otherwise), with its real daylight-saving rules. None when it is no date."""
    parsed = parse_datetime(value, local_zone)
    if parsed is None:
        return None
    try:
        utc = parsed.astimezone(timezone.utc)
    except (ValueError, OverflowError):  # before year 1 or after 9999 in UTC, an offset of a day or more
        return None
    # isoformat, not strftime("%Y"): it pads years before 1000 to four digits.
    return utc.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def parse_datetime(value, local_zone=timezone.utc):
    """An aware datetime for an epoch (seconds or milliseconds), ISO 8601, RFC 822, JavaScript's Date
    string or a written date ('Month D, YYYY h:mm AM', zone abbreviations known); None when the day,
    month or year is missing or unknown."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) or str(value).strip().isdecimal():
        return _from_epoch(float(value))
    text = clean_text(value)
    if not text or not _HAS_DATE.search(text):
        return None
    parsed = _iso_datetime(text) or _mail_or_script_datetime(text) or _written_datetime(text)
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=local_zone)
    return parsed


def _iso_datetime(text):
    """An ISO 8601 date with its day (a year or a month alone is no date)."""
    if _ISO_DATETIME.fullmatch(text):  # the form of meta, JSON-LD and sitemap dates: the fast path
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass  # out-of-range fields: dateutil decides
    if not _ISO_DAY.match(text):
        return None
    try:
        return dateutil_parser.isoparse(text)
    except (ValueError, OverflowError):
        return None


def _mail_or_script_datetime(text):
    """An RFC 822 date (feeds, HTTP), or JavaScript's Date.toString()."""
    script = _JS_DATE.match(text)
    if script:
        text = f"{script.group(1)} {script.group(2)}"
    if not script and not _RFC822.match(text):
        return None
    try:
        return parsedate_to_datetime(text) if not script else dateutil_parser.parse(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _written_datetime(text):
    """Fuzzy-parse ``text``, or None when day, month or year is missing or unknown.

    dateutil fills missing parts from its default (e.g. a German month name is skipped),
    so parsing with two defaults that differ in every part exposes gaps.
    """
    try:
        first, second = (dateutil_parser.parse(text, fuzzy=True, tzinfos=ZONE_OFFSETS, default=default)
                         for default in (datetime(2001, 1, 1), datetime(2002, 2, 2)))
    except (ValueError, OverflowError, TypeError):
        return None
    return first if first.date() == second.date() else None


def _from_epoch(number):
    """Datetime of an epoch in seconds or milliseconds, or None when implausible (before 1989 or after 2103)."""
    if number > 1e11:
        number /= 1000
    if not 6e8 < number < 4.2e9:
        return None
    return datetime.fromtimestamp(number, tz=timezone.utc)


def split_authors(value):
    """Split one byline into names: 'by A, B and C' -> ['A', 'B', 'C'], in several languages.

    Parts that are not names (a date, a time, a URL, an e-mail address, a job title) are left out;
    a byline that names no one but is a staff label ("Staff Reporter", "Staff and agencies") is that label.
    """
    text = clean_text(value)
    if not text or _URL_OR_EMAIL.match(text):
        return []
    text = _BYLINE_PREFIX.sub("", _DATED.sub("", _STAMPED.sub("", _SYMBOLS.sub("", _without_fields(text)))))
    names = (_around_name(_BYLINE_PREFIX.sub("", part).strip(" .:-–—|")) for part in _NAME_SPLIT.split(text))
    names = [_once(name) for name in names if _plausible_name(name)]
    names = [_PREPOSITION.sub("", name) if i else name for i, name in enumerate(names)]
    names = _without_places(names)
    # A newsroom's label is the byline of articles that name no one ("Staff and agencies" names no one).
    label = text.strip(" .:-–—|")
    if _STAFF_LABEL.fullmatch(label) and all(len(name.split()) == 1 for name in names):
        return [label]
    return names


# Pictographs beside a name ("Anna Berger ❤️"), with the joiners and selectors that compose them.
_SYMBOLS = re.compile("[\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\U0001f000-\U0001faff]")


def _without_fields(text):
    """A byline of fields between bars, with a date among them ("Anna Berger | Palma de Mallorca | 08/01/2014"),
    as its names: the first field, and the wire agencies the others name; the other fields are a place, a date."""
    fields = text.split("|")
    if len(fields) < 3 or not any(_HAS_DATE.search(field) for field in fields[1:]):
        return text
    return "|".join(field for i, field in enumerate(fields) if not i or _AGENCY.search(field))


# A byline's kind of story before its "by" ("Analysis by", "Text and photos by", "Ein Kommentar von" before
# a name of two capitalised words: "Karl von Habsburg" is a name), and a place or an outlet after the name
# ("in Kyiv", "for Reuters", "aus Berlin").
_CAPITAL = r"(?-i:[^\W\d_a-zß-ÿ])"  # a letter that is no lower-case one
_LEAD_IN = re.compile(rf"^(?:(?:agentur)?material\s+(?:von|der|des)\s+"
                      rf"|(?:[^\W\d_]+\s+){{1,3}}(?:(?:by|par|por)\s+|von\s+(?={_CAPITAL}\S*\s+{_CAPITAL})))",
                      re.IGNORECASE)
_AFTER_NAME = re.compile(r"(?<=\w)(?:\s+(?i:in|from|for|aus|für|à|desde|depuis)\s+(?:the\s+)?[^\W\d_a-zß-ÿ][^,;]*"
                         r"|\s+[–—-]\s+\S.*)$")


# A preposition before a later part: the place or agency it names ("Ana Silva, de Madrid", "da Reuters").
_PREPOSITION = re.compile(r"^(?-i:da|de|do|del|di|à|a|en|aus|from|at|z|ze|из|з|в)\s+(?=[^\W\d_a-zß-ÿ]\S*$)")


def _around_name(part):
    """A byline's part without a lead-in before its name and a place or outlet after it; a name written with
    underscores for spaces ("Anna_Berger", an account's) with spaces."""
    name = _AFTER_NAME.sub("", _LEAD_IN.sub("", part))
    return name.replace("_", " ") if " " not in name else name


# A byline's place after a name ("Von Anna Berger, Berlin") is one capitalised word; the wire agencies
# written so are no places ("Anna Berger, Reuters"), and short ones in capitals ("AFP") are no such word.
AGENCIES = r"agen(?:cies|turen|ces|cias|zie)|wires"  # "Agencies" in a few languages: the wires, no one
_AGENCY = re.compile(r"reuters|bloomberg|xinhua|interfax|ukrinform|kyodo|yonhap|anadolu|bernama|antara|lusa|belga"
                     rf"|agerpres|keystone|ritzau|tanjug|sputnik|tass|efe|wire|{AGENCIES}", re.IGNORECASE)


def _without_places(parts):
    """A byline's parts without the places after a name: one capitalised word each, after a name of two words
    or more, a site's domain ("news.example, Frankfurt") or another place ("Anna Berger, Kyiv, Ukraine")."""
    kept, after_name = [], False
    for part in parts:
        place = after_name and _a_place(part)
        if not place:
            kept.append(part)
        after_name = place or len(part.split()) >= 2 or "." in part
    return kept


def _a_place(part):
    """Whether a byline's part may be a place: one capitalised word of three letters or more (two joined by a
    hyphen: "Baden-Baden"), no agency."""
    words = part.split("-")
    return len(part) >= 3 and len(words) <= 2 and not _AGENCY.fullmatch(part) \
        and all(word.isalpha() and word[0].isupper() and word[1:].islower() for word in words)


def _once(name):
    """A name written twice in a row (a hidden copy beside the shown one) once."""
    words = name.split()
    half = len(words) // 2
    return " ".join(words[:half]) if half and len(words) % 2 == 0 and words[:half] == words[half:] else name


def _plausible_name(part):
    """Whether a byline fragment looks like a name rather than a title, date or link."""
    if not part or len(part) > 60 or not re.search(r"[^\W\d_]", part) or _NOT_A_NAME.search(part):
        return False
    return not re.search(r"[():@\[\]{}]|\d{3}|\d+[./]\d+", part) and len(part.split()) <= 6
