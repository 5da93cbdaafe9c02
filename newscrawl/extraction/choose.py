"""Heuristics that choose between candidates where taking the first one is not best."""

import re
from urllib.parse import urlsplit

from newscrawl.extraction import cleaning

TITLE_SEPARATOR = re.compile(r"\s+[-|–—:·•*/]\s+|\s*\|\s*")


def _key(text):
    """Lower-case letters and digits only, for loose comparisons of names."""
    return re.sub(r"[\W_]+", "", (text or "").casefold())


def site_names(raws, url):
    """Loose keys of the publisher's names: og:site_name, JSON-LD publisher, their
    initials, and the host's registered label."""
    labels = (urlsplit(url or "").hostname or "").removeprefix("www.").split(".")
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
    """Drop trailing " - Site" / " | Site" parts that name the publisher."""
    text = cleaning.clean_text(title)
    while text:
        parts = TITLE_SEPARATOR.split(text)
        if len(parts) < 2 or not is_site_name(parts[-1], names):
            break
        text = text[: text.rfind(parts[-1])].rstrip(" -|–—:·•*/")
    return text or None


def authors(raw, names):
    """Return (people, publisher_only): cleaned authors with the publisher's own name apart."""
    cleaned = cleaning.clean_authors(raw or [])
    people = [name for name in cleaned if not is_site_name(name, names)]
    return people, ([] if people else cleaned)
