"""The publisher's own names, from the page's metadata and its host, to tell them from headlines and people.

Names are compared loosely (letters and digits, case folded, accents dropped),
since a site writes its name in many ways: "Süddeutsche Zeitung", "SZ.de", sueddeutsche.de.
"""

import re
import unicodedata
from urllib.parse import urljoin, urlsplit

import tldextract

TITLE_SEPARATOR = re.compile(r"\s+(?:[-|–—:·•*/»«]|--|::)\s+|\s*[|｜]\s*|\s*[：]\s*")
# "Site: Headline": a colon after a leading site name (a kicker's colon elsewhere).
LEADING_COLON = re.compile(r":\s+")
# A link that may be to a home page on a host: "https://news.example/", "//news.example".
ROOT_URL = re.compile(r"(?:https?:)?//[^/?#]+/?")
# A site's name in parentheses closing a title: "Headline (Site)".
PARENTHESISED = re.compile(r"\s*\(([^()]+)\)$")
# The bundled public suffix list: no download, and "co" of "bbc.co.uk" is no name.
DOMAINS = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
# Letters that NFKD does not take apart, and the umlauts' spelling in host names (ü -> ue).
ASCII_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ł": "l", "þ": "th", "ð": "d"})
UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def key(text):
    """Lower-case letters and digits only, for loose comparisons of names."""
    return re.sub(r"[\W_]+", "", (text or "").casefold())


def ascii_keys(text):
    """The loose key of ``text`` with accents dropped, and with umlauts spelled out: a host name's spellings."""
    folded = (text or "").casefold()
    keys = set()
    for spelled in (folded, folded.translate(UMLAUTS)):
        plain = unicodedata.normalize("NFKD", spelled.translate(ASCII_LETTERS))
        keys.add(key("".join(c for c in plain if not unicodedata.combining(c))))
    return keys


def home_link_names(tree, url, titles):
    """What the page's links to its own home page say (their text, title, aria-label, a logo's alt) where
    one of its ``titles`` ends with it after a separator: the site's name as its logo shows it."""
    ends = {key(part) for title in titles if title for part in TITLE_SEPARATOR.split(title)[1:]}
    ends.discard("")
    if not ends:
        return []
    home = _home_page(url, "/")
    found = []
    for link in tree.xpath("//body//a[@href]")[:300]:
        href = link.get("href").strip()
        # Only a root path or a URL with no path can be the home page: the rest skips the URL parser.
        if home is not None and (href in ("", "/", "./") or ROOT_URL.fullmatch(href)) \
                and _home_page(url, href) == home:
            found += [link.text_content(), link.get("title"), link.get("aria-label"), *link.xpath(".//img/@alt")]
    return list(dict.fromkeys(" ".join(name.split()) for name in found if name and key(name) in ends))


def _home_page(base, href):
    """The host of ``href`` (relative to ``base``) when it is its site's home page (no path, no query),
    else None."""
    try:
        parts = urlsplit(urljoin(base or "", href))
    except ValueError:  # not a URL ("http://[oops")
        return None
    return parts.netloc if parts.path in ("", "/") and not parts.query else None


def site_names(raws, url, shown=()):
    """Loose keys of the publisher's names: what the metadata calls the site (og:site_name, application
    names, JSON-LD publisher and organisations), what its home links say (``shown``), their initials,
    and the host's registered name."""
    names = [raw.get(k) for raw in raws for k in ("site_name", "publisher")] + list(shown)
    # Only short ones: a page's WebSite object may carry the story's headline as its name.
    names += [name for raw in raws for name in raw.get("site_names", ()) if name and len(name) <= 40]
    names += ["".join(word[0] for word in re.findall(r"\w+", n)) for n in names if n and " " in n]
    host = DOMAINS(url or "")
    # A host outside the public suffix list (news.example): its label before the last.
    labels = host.subdomain.split(".") if not host.suffix else [host.domain]
    names += [labels[-1], labels[-1] + host.suffix]
    return {k for name in names for k in {key(name)} | ascii_keys(name) if len(k) >= 3}


def is_site_name(text, names):
    """Whether ``text`` names the publisher itself (same, contained, or its initials), accents aside."""
    keys = {key(text)} | ascii_keys(text)
    return any(k == name or (len(k) >= 4 and (k in name or name in k)) for k in keys if k for name in names)


def strip_site_name(title, names, sections=()):
    """Drop the parts of a cleaned title that name the publisher: trailing " - Site", " | Site" and
    " (Site)" parts, then the page's own section after them (``sections``: "... | Politics | Site"; without
    them a word or two before the site's name, "... - Sport - Site", or after it, "... | Site | Sport"), and a
    leading "Site | " before a longer rest."""
    text, section_keys = title, {key(section) for section in sections if section}
    stripped_site = False
    while text:
        parts = TITLE_SEPARATOR.split(text)
        bracket = PARENTHESISED.search(text)
        if bracket and bracket.start() and is_site_name(bracket.group(1), names):
            text = text[:bracket.start()]
            continue
        site = len(parts) >= 2 and is_site_name(parts[-1], names)
        # "Headline - Sport - Site": a word or two between the headline and the site's name is its section.
        # "Headline | Site | Politics": a word or two after the site's name is the section too.
        section = len(parts) >= 2 and (key(parts[-1]) in section_keys
                                       or stripped_site and len(parts[-1].split()) <= 2 < len(parts[-2].split())
                                       or len(parts) >= 3 and len(parts[-1].split()) <= 2
                                       and is_site_name(parts[-2], names))
        if not (site or section):
            break
        stripped_site = stripped_site or site
        text = text[: text.rfind(parts[-1])].rstrip(" -|–—:·•*/»«｜：")
    first = TITLE_SEPARATOR.search(text or "") or LEADING_COLON.search(text or "")
    if first and key(text[:first.start()]) in names and first.start() < len(text) - first.end():
        text = text[first.end():]
    return text or None
