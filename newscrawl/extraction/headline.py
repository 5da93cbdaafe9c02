"""The headline a reader sees: of the metadata's headlines (the publisher's names stripped), the one the page shows.

Metadata offers several headlines (JSON-LD, og:title, twitter:title, ...): an
SEO variant, a social one, the displayed one. The page's body and its <title>
tell which of them a reader sees.
"""

import copy
import re

from newscrawl import processors
from newscrawl.extraction.sitenames import PARENTHESISED, TITLE_SEPARATOR, is_site_name, key

# Where a page does not show its own headline: scripts, navigation and breadcrumbs, links (teasers),
# asides, and text hidden from sight (screen-reader only, display: none).
UNSHOWN_TAGS = frozenset({"script", "style", "noscript", "template", "title", "head", "nav", "a", "aside",
                          "button", "option", "select"})
UNSHOWN_CLASS = re.compile(r"crumb|sr-only|visually-?hidden|screen-?reader|offscreen|a11y", re.I)
UNSHOWN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def unshown(element):
    """Whether ``element`` lies where a page does not show its headline to a reader."""
    for node in (element, *element.iterancestors()):
        if node.tag in UNSHOWN_TAGS or node.get("hidden") is not None:
            return True
        if UNSHOWN_CLASS.search(f'{node.get("class", "")} {node.get("id", "")}'):
            return True
        if UNSHOWN_STYLE.search(node.get("style", "")):
            return True
    return False


def shown(tree, text):
    """Whether an element of the page's body shows exactly ``text`` (letters and digits compared) to a reader."""
    target = key(text)
    # The longest word, the rarest; the next ones only while a word is nowhere on the page, as when
    # the page breaks it with a soft hyphen.
    words = sorted(set(re.findall(r"\w+", text or "")), key=len, reverse=True)[:3]
    if not target:
        return False
    for word in words:
        nodes = tree.xpath("//body//text()[contains(., $word)]", word=word)
        for node in nodes:
            element = node.getparent().getparent() if node.is_tail else node.getparent()
            # Up to the first element with more text than the headline (its raw text is at least its key).
            while element is not None and len(raw := element.text_content()) <= 4 * len(target) + 200 \
                    and len(found := key(raw)) <= len(target):
                if found == target and not unshown(element) and not _a_link(element, target):
                    return True
                element = element.getparent()
        if nodes:  # the word is on the page: the headline is not where it is
            return False
    return False


def _a_link(element, target):
    """Whether the element's text is one link's (a teaser); an <h1> may link to its own page."""
    return element.tag != "h1" and any(key(a.text_content()) == target for a in element.iter("a"))


def visible_h1s(tree):
    """Texts of the page's <h1>s that a reader sees (not in navigation, breadcrumbs or hidden)."""
    return [text for h1 in tree.iter("h1") if not unshown(h1) and (text := heading_text(h1))]



def headline(candidates, microdata=(), h1s=(), title=None, on_page=(), shows=lambda text: False, names=()):
    """Choose among the metadata's headline ``candidates`` (most trusted first) with what the page
    shows: its itemprop=headline ``microdata``, its visible ``h1s``, its <title>, in ``on_page``
    the candidates that an element of its body shows, and ``shows``, whether one shows a text; ``names``
    are the publisher's (``sitenames.site_names``).

    A candidate that the microdata repeats is the one the page displays. The most
    trusted candidate yields to one an <h1> shows (alone or after a kicker) even where
    the body shows it too (a standfirst, a caption), else to one the body shows when the
    body does not show it; not when it is the <title>'s and an <h1> shows another: both
    are then in sight.
    An <h1> decides between variants that differ by a kicker or a trailing addition
    (one contains the other at its start or end). Variants with the same words but
    other punctuation are told apart by the <title>, which repeats one of them. When
    the metadata and a shown headline put different kickers before the same words,
    only those shared words are confirmed: they are the headline. A metadata headline cut
    short (at a length, mid-word or with an ellipsis) is the <h1> it begins, unless the rest of that <h1> is the
    site's name (a logo's link in it). A trailing part
    after a separator that the page's <h1>, or else an element of its body, leaves out is a site's name.
    """
    candidates = [c for c in candidates if c]
    if not candidates:
        return None
    keys = [key(c) for c in candidates]
    for shown_key in map(key, microdata):
        if shown_key in keys:
            return candidates[keys.index(shown_key)]
    chosen = _in_sight(candidates, keys, h1s, title, on_page) or _among_variants(candidates, keys, h1s, title)
    return _untruncated(_without_unshown_suffix(chosen, h1s, shows), h1s, names)


def _in_sight(candidates, keys, h1s, title, on_page):
    """The first candidate an <h1> shows (alone, or after a kicker), else the first the body shows, when
    the most trusted one is no part of an <h1>, is not shown unless an <h1> shows another, and is not
    both the <title>'s and beside an <h1> that shows another candidate; else None."""
    h1_keys = [key(h1) for h1 in h1s]
    in_h1 = {k for k in keys if k and any(h == k or h.endswith(k) and 2 * len(k) >= len(h) for h in h1_keys)}
    on_page = {key(text) for text in on_page}
    if not (on_page or in_h1) or any(_nested(h, keys[0]) for h in h1_keys):
        return None
    if keys[0] in on_page and not in_h1 or in_h1 and keys[0] in key(title):
        return None
    return next(c for c, k in zip(candidates, keys) if k in (in_h1 or on_page))


def _among_variants(candidates, keys, h1s, title):
    """The variant of the most trusted candidate that the <h1> or the <title> confirms, else that candidate."""
    first = keys[0]
    for shown_key in map(key, h1s):
        if shown_key in keys and shown_key != first and _nested(shown_key, first):
            return candidates[keys.index(shown_key)]
    in_title = _loose(title)
    if first and in_title and _loose(candidates[0]) not in in_title:
        same_words = [c for c, k in zip(candidates, keys) if k == first and _loose(c) in in_title]
        if same_words:
            return same_words[0]
    for h1 in h1s:
        shared = _shared_after_kickers(candidates[0], h1)
        if shared:
            return shared
    return candidates[0]


def _without_unshown_suffix(text, h1s, shows):
    """``text`` without its trailing parts after a separator (or in parentheses) when the page's <h1> is
    exactly what precedes them, or an element of its body shows what precedes them and none shows ``text``,
    and they are the shorter side (a breadcrumb or hidden <h1> beside a headline in a styled element)."""
    shown_keys = {key(h1) for h1 in h1s}
    if key(text) in shown_keys:
        return text
    bracket = PARENTHESISED.search(text)
    if bracket and key(text[:bracket.start()]) in shown_keys:  # "Headline (VIDEO)" beside the <h1> "Headline"
        return text[:bracket.start()]
    whole_shown = None
    for separator in reversed(list(TITLE_SEPARATOR.finditer(text))):
        before = text[:separator.start()]
        if len(text) - separator.end() >= separator.start():
            continue
        if key(before) in shown_keys:
            return before
        if shows(before):
            whole_shown = shows(text) if whole_shown is None else whole_shown
            if not whole_shown:
                return before
    return text


ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)$")
TRUNCATED_LENGTH = 100  # metadata headlines are often cut at 100 to 110 characters, at a word's end


def _untruncated(text, h1s, names=()):
    """The <h1> that ``text`` (at least 30 characters) begins, when ``text`` looks cut from it: it ends in an
    ellipsis, mid-word, or at TRUNCATED_LENGTH or more, and the <h1>'s rest is not the site's name (``names``);
    else ``text``."""
    cut = ELLIPSIS.sub("", text)
    start = _loose(cut)
    if len(start) < 30:
        return text
    for h1 in h1s:
        full = _loose(h1)
        if len(full) > len(start) and full.startswith(start) and not is_site_name(full[len(start):], names) \
                and (cut != text or full[len(start)].isalnum() or len(cut) >= TRUNCATED_LENGTH):
            return h1
    return text


def _nested(one, other):
    """Whether one loose key starts or ends the other."""
    short, long = sorted((one, other), key=len)
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
    rests = {key(rest): last for last, rest in _kicker_splits(other)}
    for last, rest in _kicker_splits(text):
        rest_key = key(rest)
        if len(rest_key) >= 10 and rests.get(rest_key) and rests[rest_key] != last:
            return rest
    return None


def heading_text(element):
    """A heading's text with whitespace folded; a <br> separates words."""
    if element.find(".//br") is not None:
        element = copy.deepcopy(element)
        for br in element.iter("br"):
            br.tail = " " + (br.tail or "")
    return processors.clean_text(element.text_content()) or ""
