"""extract_article: one cleaned record per article page, from layered raw values.

Layers, in order of trust: the site's page object, structured data (JSON-LD,
meta tags, Next.js data), then the generic extractor. Each field comes from the
first layer that gives a usable value; ``_sources`` names that layer.
"""

import lxml.etree
import lxml.html

from newscrawl.extraction import cleaning, choose
from newscrawl.extraction.generic import generic_fields, h1_texts, shown_headlines
from newscrawl.extraction.jsonld import jsonld_fields
from newscrawl.extraction.meta import meta_fields
from newscrawl.extraction.nextdata import nextdata_fields
from newscrawl.extraction.sites import site_fields

RECORD_FIELDS = (
    "url", "canonical_url", "headline", "description", "article_body", "authors",
    "date_published", "date_published_raw", "date_modified", "language", "section", "tags",
    "main_image", "main_image_url", "word_count",
)
NEEDED = ("authors", "date_published")


def parse_html(html):
    """Parse HTML text into an lxml tree, or None when there is nothing to parse."""
    if not html or not html.strip():
        return None
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None
    return tree if tree is not None and len(tree) else None


def structured_sources(tree):
    """Raw fields of each structured-data source, most trusted first."""
    return [jsonld_fields(tree), meta_fields(tree), nextdata_fields(tree)]


def first_values(layers):
    """One dict taking each field from the first of ``layers`` that has it.

    A source naming only the publisher as author still claims the authors field.
    """
    merged = {}
    for fields in layers:
        for key, value in fields.items():
            if not (key == "authors" and "_publisher_authors" in merged):
                merged.setdefault(key, value)
    return merged


def clean_fields(raw, url, names):
    """Clean one layer's raw values into the item's formats; drop empty results.

    ``names`` are the publisher's own names: stripped from headlines, and kept
    apart from people in ``_publisher_authors``.
    """
    people, publisher_only = choose.authors(raw.get("authors"), names)
    cleaned = {
        "headline": choose.strip_site_name(raw.get("headline"), names),
        "description": cleaning.clean_text(raw.get("description")),
        "article_body": cleaning.clean_body(raw.get("article_body")),
        "authors": people,
        "_publisher_authors": publisher_only,
        "date_published": cleaning.clean_date(raw.get("date_published")),
        "date_published_raw": cleaning.clean_text(raw.get("date_published")),
        "date_modified": cleaning.clean_date(raw.get("date_modified")),
        "language": cleaning.clean_language(raw.get("language")),
        "section": cleaning.clean_text(raw.get("section")),
        "tags": cleaning.clean_list(raw.get("tags")),
        "main_image": raw.get("main_image"),
        "main_image_url": cleaning.clean_url(raw.get("main_image_url"), url),
        "canonical_url": cleaning.clean_url(raw.get("canonical_url"), url),
    }
    return {key: value for key, value in cleaned.items() if value}


def merge(layers):
    """Take each field from the first layer that has it; return (record, sources).

    An author list naming only the publisher is used when no layer names people.
    """
    record, sources = {}, {}
    for name, fields in layers:
        for key, value in fields.items():
            if key not in record:
                record[key], sources[key] = value, name
    if "authors" not in record and "_publisher_authors" in record:
        record["authors"], sources["authors"] = record["_publisher_authors"], sources["_publisher_authors"]
    return record, sources


def shows_text(tree, text):
    """Whether a text node of the page's body (outside scripts) starts like ``text``."""
    start = (text or "")[:40]
    found = tree.xpath("//body//text()[contains(., $start)][not(ancestor::script)][1]", start=start)
    return bool(start and found)


def combine_body(record, sources, layers, tree):
    """Replace first-wins for the body by the structured/generic combination and standfirst."""
    if sources.get("article_body") == "site":
        return
    by_layer = dict(layers)
    text, source = choose.body(by_layer["structured"].get("article_body"),
                               by_layer["generic"].get("article_body"))
    description = record.get("description")
    text = choose.without_headline(text, [record.get("headline"), *h1_texts(tree)])
    text = choose.with_standfirst(text, description, shows_text(tree, description))
    if text:
        record["article_body"], sources["article_body"] = text, source


def choose_headline(raws, names, tree):
    """The headline among all structured sources' titles, checked against the shown ones."""
    jsonld, meta, nextdata = raws
    raw = [jsonld.get("headline"), *meta.get("headlines", ()), nextdata.get("headline")]
    candidates = [choose.strip_site_name(value, names) for value in raw if value]
    title = cleaning.clean_text(tree.findtext(".//title"))
    return choose.headline(candidates, *shown_headlines(tree), title=title)


def empty_record(url):
    """A valid record with no article fields, for pages without content."""
    record = dict.fromkeys(RECORD_FIELDS)
    record.update({"url": url, "authors": [], "tags": [], "_sources": {}})
    return record


def extract_article(html, url):
    """Extract one article record (item field names plus ``_sources``) from a page."""
    tree = parse_html(html)
    if tree is None:
        return empty_record(url)
    raws = structured_sources(tree)
    names = choose.site_names(raws, url)
    layers = []
    site = site_fields(html, url)
    if site is not None:
        layers.append(("site", clean_fields(site, url, names)))
    structured = first_values(clean_fields(raw, url, names) for raw in raws)
    if structured.get("headline"):
        structured["headline"] = choose_headline(raws, names, tree)
    layers.append(("structured", structured))
    need = [key for key in NEEDED if key not in structured and not (site or {}).get(key)]
    layers.append(("generic", clean_fields(generic_fields(tree, url, need), url, names)))
    record, sources = merge(layers)
    combine_body(record, sources, layers, tree)
    result = empty_record(url)
    result.update({key: record[key] for key in RECORD_FIELDS if key in record})
    result["url"] = record.get("canonical_url") or url
    result["word_count"] = len(record["article_body"].split()) if record.get("article_body") else None
    result["_sources"] = {key: sources[key] for key in RECORD_FIELDS if key in sources}
    return result
