"""Layer 3: generic extraction of the body and fallback metadata from the page itself.

The body comes from trafilatura in its fast mode; headline, byline and date
fall back to the page's <h1>, byline markup and htmldate's heuristics.
"""

import copy
import re

import trafilatura
from htmldate import find_date

from newscrawl.extraction.bylines import byline_names
from newscrawl.extraction.choose import coverage
from newscrawl.extraction.headline import heading_text, visible_h1s
from newscrawl.extraction.sitenames import TITLE_SEPARATOR, key, strip_site_name
from newscrawl.extraction.prune import join_split_containers, prune
from newscrawl.extraction.times import shown_time

def h1_texts(tree):
    """Visible texts of the page's <h1> elements, in order."""
    texts = (heading_text(h1) for h1 in tree.iter("h1"))
    return [text for text in texts if text]


# Shown headlines: itemprop=headline microdata, outside navigation and breadcrumbs.
NOT_NAVIGATION = 'not(ancestor-or-self::*[self::nav or contains(@class, "breadcrumb")])'
ITEMPROP_HEADLINE_XPATH = ('//body//*[@itemprop][contains(concat(" ", normalize-space(@itemprop), " "), " headline ")]'
                           f'[not(self::meta)][{NOT_NAVIGATION}]')


def microdata_headlines(tree):
    """Texts of the page's itemprop=headline elements, breadcrumbs and navigation left out."""
    found = (heading_text(el) for el in tree.xpath(ITEMPROP_HEADLINE_XPATH))
    return [text for text in found if text]


def story_shows(tree, text):
    """Whether the page shows most of ``text`` outside scripts and the parts pruned before extraction."""
    body = prune(copy.deepcopy(tree)).find("body")
    shown = " ".join(body.xpath(".//text()[not(ancestor::script or ancestor::style)]")) if body is not None else ""
    return coverage(text, shown) >= 0.8


def shows_text(tree, text):
    """Whether an element of the page's body (outside scripts) shows the whole of ``text``."""
    start = (text or "")[:40]
    if not start:
        return False
    whole = " ".join(text.split())
    found = tree.xpath("//body//text()[contains(., $start)][not(ancestor::script)]", start=start)
    return any(whole in " ".join(node.getparent().text_content().split()) for node in found)


def trafilatura_body(tree, url, reference=None):
    """The main text found by trafilatura in the pruned page with split containers joined, one
    paragraph a line, or None.

    Fast mode first; its default mode, which weighs other algorithms' results, when the fast text
    lacks a tenth of a reference text: the structured articleBody, else the page's densest container
    (fast mode keeps the first container that looks like a story's, which may hold only its start).
    """
    page = join_split_containers(prune(copy.deepcopy(tree)))
    fast = _trafilatura(page, url, fast=True)
    reference = reference or dense_body(page)
    if not reference or len(reference) < 200 or coverage(reference, fast) >= 0.9:
        return fast
    full = _trafilatura(page, url, fast=False)
    return full if coverage(reference, full) > coverage(reference, fast) + 0.05 else fast


# The line under a table's head in trafilatura's text: no text.
TABLE_RULE = re.compile(r"^\|(?:-+\|)+$", re.M)


def _trafilatura(page, url, fast):
    """trafilatura's text of ``page`` (which it copies), tables as rows of cells, or None."""
    doc = trafilatura.bare_extraction(page, url=url, fast=fast, include_comments=False, include_tables=True)
    return TABLE_RULE.sub("", doc.text) if doc is not None and doc.text else None


BLOCKS = ("p", "h2", "h3", "h4", "ul", "ol", "blockquote")
# Class and id words of blocks that are not the story (after Readability's "unlikely candidates").
UNLIKELY = re.compile(
    r"banner|breadcrumb|comment|cta|disqus|footer|header|menu|newsletter|partner|popular|promo|rail|"
    r"related|share|sidebar|social|sponsor|subscribe|support|\bad\b|-ad-", re.I)


def dense_body(tree):
    """The paragraphs of the element whose own paragraph children hold the most text.

    Only direct children count (paragraphs, subheadings, lists, quotes), so
    figures, captions, embedded cards and sidebars inside or beside the story
    container are left out. List items become paragraphs of their own.
    """
    best, best_size = None, 0
    # In document order (a set's order changes from run to run): of equal sizes, the first wins.
    for parent in dict.fromkeys(p.getparent() for p in tree.iter("p")):
        if parent is None or not _likely(parent):
            continue
        size = sum(len(child.text_content()) for child in parent if child.tag in BLOCKS)
        if size > best_size:
            best, best_size = parent, size
    if best is None:
        return None
    paragraphs = []
    for child in best:
        if child.tag in ("ul", "ol"):
            paragraphs += [" ".join(li.text_content().split()) for li in child.iter("li")]
        elif child.tag in BLOCKS:
            paragraphs.append(" ".join(child.text_content().split()))
    return "\n\n".join(p for p in paragraphs if p) or None


def _likely(element):
    """Not inside navigation, a sidebar, a form, or a block whose class or id says it is not the story."""
    for node in element.iterancestors(None):
        if node.tag in ("nav", "aside", "footer", "form"):
            return False
    for node in [element, *element.iterancestors(None)]:
        if node.tag not in ("body", "html", "main") and UNLIKELY.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return False
    return element.tag not in ("nav", "aside", "footer", "form")


def htmldate_published(tree, url):
    """htmldate's guess of the original publication date (day precision), or None."""
    try:
        return find_date(tree, extensive_search=False, original_date=True, url=url)
    except (ValueError, TypeError):
        return None


READING_TIME = re.compile(r"\d+ ?min(ute)?s? read", re.I)
NOTE_XPATH = '//body//p[re:test(normalize-space(.), "^editor[’\']s note\\s*:", "i")]'
REGEXP = {"re": "http://exslt.org/regular-expressions"}


def lead_caption(tree, image_url):
    """The caption of the lead image: the figure showing it, else the page's first figure."""
    figures = tree.xpath("//body//figure[.//figcaption]")
    for figure in figures:
        if image_url and any(image_url.endswith(src) or src.endswith(image_url.split("/")[-1])
                             for src in figure.xpath(".//img/@src")):
            return figure.findtext(".//figcaption") or figure.xpath("string(.//figcaption)")
    return figures[0].xpath("string(.//figcaption)") if figures else None


def page_details(tree, image_url, missing):
    """Cheap page-wide details: reading time, lead image caption, the editor's note."""
    details = {}
    if "reading_time" in missing:
        found = [node for node in tree.xpath('//body//*[not(self::script)]/text()[contains(., "min")]')
                 if not node.is_tail and READING_TIME.fullmatch(" ".join(node.split()))]
        if found:
            details["reading_time"] = found[0].getparent().text_content()
    if "main_image" in missing:
        caption = lead_caption(tree, image_url)
        if caption and caption.strip():
            details["main_image"] = caption
    if "editor_note" in missing:
        notes = [" ".join(p.text_content().split()) for p in tree.xpath(NOTE_XPATH, namespaces=REGEXP)]
        if notes:
            details["editor_note"] = notes[0]
    return details


# Letters of scripts written without spaces between words (Chinese, Japanese, Korean).
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


# A host name for a title: "example.com", "www.news.example".
DOMAIN = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.I)


def page_headline(tree, names=()):
    """The headline without metadata: the first visible <h1> that makes up most of the <title>, else the
    first of three words or more (eight letters of a script without spaces; a shorter one names a section or
    the site), as the <title> writes it (``_as_titled``; ``names``, the publisher's), else the <title> unless it
    is a host name, else the first <h1>."""
    title = tree.findtext(".//title")
    h1s, title_key = visible_h1s(tree), key(title)
    in_title = [h1 for h1 in h1s if 2 * len(key(h1)) >= len(title_key) and key(h1) in title_key]
    long = [h1 for h1 in h1s if len(h1.split()) >= 3 or len(UNSPACED.findall(h1)) >= 8]
    if title and DOMAIN.fullmatch(title.strip()):  # "example.com": the site's name, no headline
        title = None
    h1 = next(iter(in_title or long), None)
    if h1 and title:
        return _as_titled(h1, " ".join(title.split()), names)
    return h1 or title or next(iter(h1_texts(tree)), None)


def _as_titled(h1, title, names):
    """The <h1> as the <title> writes it (``_title_spelling``), else without a kicker that the <title> (the
    publisher's ``names`` stripped) leaves out ("Kultur : Headline" beside "Headline - der Freitag")."""
    spelled = _title_spelling(h1, title)
    if spelled != h1:
        return spelled
    rest = key(strip_site_name(title, names))
    after = (h1[match.end():] for match in TITLE_SEPARATOR.finditer(h1))
    return next((text for text in after if rest and key(text) == rest), h1)


def _title_spelling(h1, title):
    """The <title>'s own spelling of the <h1>'s words (its part between separators, or all of it, with the
    same letters and digits): the markup of an <h1> loses a kicker's colon ("Flut Zwei Rücktritte") or a space."""
    target, separators = key(h1), list(TITLE_SEPARATOR.finditer(title))
    starts, ends = [0] + [match.end() for match in separators], [match.start() for match in separators] + [len(title)]
    parts = (title[start:end].strip() for start in starts for end in ends if start < end)
    return next((part for part in parts if key(part) == target), h1)


def generic_fields(tree, url, need=(), one_container=False, reference=None, names=()):
    """Raw fields found without metadata; costly ones only when listed in ``need``.

    With ``one_container`` (a site whose stories sit in one container), the body
    is the densest container's paragraphs, else trafilatura's text, checked against
    the ``reference`` body (the structured one) if any.
    """
    body = dense_body(tree) if one_container else trafilatura_body(tree, url, reference)
    # Paragraphs one a line: trafilatura's text, the dense body's with blank lines between.
    fields = {"headline": page_headline(tree, names), "article_body": body.splitlines() if body else None}
    if "authors" in need:
        fields["authors"] = byline_names(tree)
    if "date_published" in need and (day := htmldate_published(tree, url)):
        # The time the page shows beside the day, if any; its zone is the page language's (lower_layers).
        fields["date_published"], fields["date_published_raw"] = shown_time(tree, day) or (day, day)
    return {key: value for key, value in fields.items() if value}
