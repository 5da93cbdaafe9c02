"""Layer 3: generic extraction of the body and fallback metadata from the page itself.

The body comes from trafilatura in its fast mode; headline, byline and date
fall back to the page's <h1>, byline markup and htmldate's heuristics.
"""

import copy

import trafilatura
from htmldate import find_date

from newscrawl.extraction.prune import join_split_containers, prune

# Byline markup: microdata and rel=author, "byline"/"author" classes, links to author pages.
BYLINE_XPATH = (
    '//body//*[@rel="author" or @itemprop="author" or contains(@class, "byline")'
    ' or contains(@class, "author-name") or contains(@class, "authorname")'
    ' or contains(@class, "authorName") or contains(@class, "article-author")]'
    ' | //body//a[contains(@href, "/author/") or contains(@href, "/autor/")'
    ' or contains(@href, "/autoren/") or contains(@href, "/authors/")]'
)


def heading_text(element):
    """A heading's text with whitespace folded; a <br> separates words."""
    if element.find(".//br") is not None:
        element = copy.deepcopy(element)
        for br in element.iter("br"):
            br.tail = " " + (br.tail or "")
    return " ".join(element.text_content().split())


def h1_texts(tree):
    """Visible texts of the page's <h1> elements, in order."""
    texts = (heading_text(h1) for h1 in tree.iter("h1"))
    return [text for text in texts if text]


# Shown headlines: itemprop=headline microdata and <h1>s, outside navigation and breadcrumbs.
NOT_NAVIGATION = 'not(ancestor-or-self::*[self::nav or contains(@class, "breadcrumb")])'
ITEMPROP_HEADLINE_XPATH = ('//body//*[@itemprop][contains(concat(" ", normalize-space(@itemprop), " "), " headline ")]'
                           f'[not(self::meta)][{NOT_NAVIGATION}]')
H1_XPATH = f"//body//h1[{NOT_NAVIGATION}]"


def shown_headlines(tree):
    """Return (microdata, h1s): texts of the page's itemprop=headline elements and of
    its <h1>s, breadcrumbs and navigation left out."""
    def texts(xpath):
        found = (heading_text(el) for el in tree.xpath(xpath))
        return [text for text in found if text]
    return texts(ITEMPROP_HEADLINE_XPATH), texts(H1_XPATH)


def trafilatura_body(tree, url):
    """The main text found by trafilatura (fast mode) in the pruned page with split
    containers joined, one paragraph a line, or None."""
    page = join_split_containers(prune(copy.deepcopy(tree)))
    doc = trafilatura.bare_extraction(page, url=url, fast=True, include_comments=False, include_tables=False)
    return doc.text if doc is not None and doc.text else None


def byline_names(tree):
    """Names in the first non-empty byline element: its links' texts, else its text pieces."""
    for element in tree.xpath(BYLINE_XPATH):
        text = " ".join(element.text_content().split())
        if not text or len(text) > 200:
            continue
        links = [" ".join(a.text_content().split()) for a in element.iter("a")]
        return [name for name in links if name] or [t.strip() for t in element.itertext() if t.strip()]
    return []


def htmldate_published(tree, url):
    """htmldate's guess of the original publication date (day precision), or None."""
    try:
        return find_date(tree, extensive_search=False, original_date=True, url=url)
    except (ValueError, TypeError):
        return None


def generic_fields(tree, url, need=()):
    """Raw fields found without metadata; costly ones only when listed in ``need``."""
    titles = h1_texts(tree)
    title_tag = tree.findtext(".//title")
    fields = {"headline": titles[0] if titles else title_tag, "article_body": trafilatura_body(tree, url)}
    if "authors" in need:
        fields["authors"] = byline_names(tree)
    if "date_published" in need:
        fields["date_published"] = htmldate_published(tree, url)
    return {key: value for key, value in fields.items() if value}
