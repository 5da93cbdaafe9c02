"""extract_article: one record per article page, from layered raw values.

Layers, in order of trust: the site's page object, structured data (JSON-LD,
meta tags, Next.js data), then the generic extractor. Each layer's raw values
pass the item loader once; each field comes from the first layer that gives a
usable value within the field's bounds (items.py); ``_sources`` names that layer,
``_repaired`` the fields whose mojibake was undone, ``_rejected`` a body that was
no article's text and why.
"""

from functools import cache, partial

import lxml.etree
import lxml.html

from newscrawl import processors
from newscrawl.extraction import choose, headline, people, quality, sitenames
from newscrawl.extraction.generic import (generic_fields, h1_texts, microdata_headlines, page_details, shows_text,
                                          story_shows)
from newscrawl.extraction.bylines import byline_names, written_like
from newscrawl.extraction.jsonld import jsonld_fields
from newscrawl.extraction.meta import meta_fields
from newscrawl.extraction.nextdata import nextdata_fields
from newscrawl.extraction.sites import EMPTY, load_fields, site_page
from newscrawl.items import ARTICLE_FIELDS, EXTRACTED_FIELDS, Article, out_of_bounds
from newscrawl.loaders import ArticleLoader
from newscrawl.urls import origin_of

NEEDED = ("authors", "date_published")
# Fields the structured or generic layers can give; the URL is the page's own.
LOWER_LAYER_FIELDS = frozenset(EXTRACTED_FIELDS) - {"url"}
# Fields worth running the (costly) generic extractor for.
GENERIC_NEEDS = ("headline", "article_body", "authors", "date_published", "main_image", "reading_time")


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


def layer_fields(raw, names, load):
    """One layer's raw values, cleaned by ``load`` (the loader), with the publisher's ``names`` stripped
    from its headline, what names no author out of its bylines (``people.bylines``) and the publisher's
    own name as author kept apart, in ``_publisher_authors``."""
    fields = load({**raw, "authors": people.bylines(raw.get("authors")),
                   "date_published_raw": raw.get("date_published_raw", raw.get("date_published"))})
    if fields.get("headline"):
        fields["headline"] = sitenames.strip_site_name(fields["headline"], names, [raw.get("section")])
    persons, publisher_only = people.authors(fields.pop("authors", None), names)
    fields.update({"authors": persons, "_publisher_authors": publisher_only})
    return {key: value for key, value in fields.items() if value not in EMPTY}


def plausible(field, value):
    """Whether ``value`` is within the bounds of ``field`` (keys that are no field's always are)."""
    return field not in Article.fields or out_of_bounds(field, value) is None


def merge(layers):
    """Take each field from the first layer that has it; return (record, sources).

    An author list naming only the publisher is used when no layer names people; the date's raw string
    comes from the layer the date came from.
    """
    record, sources = {}, {}
    for name, fields in layers:
        for key, value in fields.items():
            # A value out of the field's bounds stands only until a layer gives one within them.
            if key not in record or (not plausible(key, record[key]) and plausible(key, value)):
                record[key], sources[key] = value, name
    if "date_published" in record:  # the page's own string for the date is the one it was read from
        own = dict(layers)[sources["date_published"]].get("date_published_raw")
        if own:
            record["date_published_raw"], sources["date_published_raw"] = own, sources["date_published"]
    if "authors" not in record and "_publisher_authors" in record:
        record["authors"], sources["authors"] = record["_publisher_authors"], sources["_publisher_authors"]
    return record, sources


def combine_body(record, sources, layers, tree, page=None):
    """Replace first-wins for the body by the structured/generic combination and standfirst.

    A site's page object may say whether a standfirst belongs to its bodies.
    """
    if sources.get("article_body") == "site":
        return
    by_layer = dict(layers)
    text, source = choose.body(by_layer.get("structured", {}).get("article_body"),
                               by_layer.get("generic", {}).get("article_body"), partial(story_shows, tree))
    description = record.get("description")
    text = choose.without_headline(text, [record.get("headline"), *h1_texts(tree)])
    if getattr(page, "standfirst_in_body", True):
        text = choose.with_standfirst(text, description, shows_text(tree, description))
    if text:
        record["article_body"], sources["article_body"] = text, source


def choose_headline(raws, names, tree, load):
    """The headline among all structured sources' titles, checked against the shown ones; the <title> is one
    when no social title (og:title, twitter:title, ...) stands in for it."""
    jsonld, meta, nextdata = raws
    raw = [jsonld.get("headline"), *meta.get("headlines", ()), nextdata.get("headline")]
    if not meta.get("headlines"):
        raw.append(tree.findtext(".//title"))
    cleaned = (load({"headline": value}).get("headline") for value in raw if value)
    sections = [raw.get("section") for raw in raws]
    candidates = [sitenames.strip_site_name(value, names, sections) for value in cleaned if value]
    # A title that is only the site's name (the same og:title on every page) names no article.
    candidates = [value for value in candidates if sitenames.key(value) not in names]
    title = processors.clean_text(tree.findtext(".//title"))
    on_page = [text for text in dict.fromkeys(candidates) if text and headline.shown(tree, text)]
    return headline.headline(candidates, microdata_headlines(tree), headline.visible_h1s(tree), title=title,
                             on_page=on_page, shows=partial(headline.shown, tree), names=names)


def shown_meta_authors(options, bylines):
    """Of the meta tags' author values (each key's, most trusted first), the first that the page's ``bylines``
    name someone of ("author" may name a company, "article:author" the writer), else the first."""
    shown = {sitenames.key(name) for text in bylines for name in processors.split_authors(text)}
    return next((names for names in options
                 if shown & {sitenames.key(name) for text in names for name in processors.split_authors(text)}),
                options[0])


def with_shown_coauthors(authors, bylines, names, load):
    """The page's ``bylines`` when they name every one of the metadata's ``authors`` and more people, each
    written as they are (metadata that names only the first author), else ``authors``."""
    shown = layer_fields({"authors": bylines}, names, load).get("authors") or []
    known = {sitenames.key(name) for name in authors}
    added = [name for name in shown if sitenames.key(name) not in known]
    if not added or not known <= {sitenames.key(name) for name in shown}:
        return authors
    return shown if all(written_like(name, authors[0]) for name in added) else authors


def empty_record(url):
    """A valid record with no article fields, for pages without content."""
    record = dict.fromkeys(ARTICLE_FIELDS)
    record.update({"url": url, "authors": [], "tags": [], "_sources": {}, "_repaired": [], "_rejected": {}})
    return record


def lower_layers(tree, url, missing, load, page=None):
    """The structured and generic layers, computed only as far as ``missing`` fields need."""
    raws = structured_sources(tree)
    titles = [tree.findtext(".//title"), raws[0].get("headline"), *raws[1].get("headlines", ())]
    names = sitenames.site_names(raws, url, sitenames.home_link_names(tree, url, titles))
    shown_bylines = cache(partial(byline_names, tree))  # the page's byline, looked for once, if asked for
    if len(raws[1].get("author_options", ())) > 1:
        raws[1]["authors"] = shown_meta_authors(raws[1]["author_options"], shown_bylines())
    language = raws[1].get("language")
    for raw in raws:  # in the same zone as the publication date, which it follows
        if raw.get("date_modified"):
            raw["date_modified"] = choose.in_page_zone(raw["date_modified"], language)
    structured = first_values(layer_fields(raw, names, load) for raw in raws)
    published = choose.published([raw.get("date_published") for raw in raws])
    if published:
        zoned = choose.in_page_zone(published, language)
        structured.update(layer_fields({"date_published": zoned, "date_published_raw": published}, names, load))
    if structured.get("authors"):
        structured["authors"] = with_shown_coauthors(structured["authors"], shown_bylines(), names, load)
    if structured.get("headline"):
        structured["headline"] = choose_headline(raws, names, tree, load)
        if not structured["headline"]:
            del structured["headline"]
    layers = [("structured", structured)]
    lacking = {key for key in missing if key not in structured or not plausible(key, structured[key])}
    if any(key in lacking for key in GENERIC_NEEDS):
        need = [key for key in NEEDED if key in lacking]
        # A site's page object may say its stories sit in one container, which holds after a redesign too.
        one_container = getattr(page, "body_in_one_container", False)
        raw = generic_fields(tree, url, need, one_container, structured.get("article_body"), names)
        if raw.get("date_published"):
            raw["date_published"] = choose.in_page_zone(raw["date_published"], language)
        raw.update(page_details(tree, structured.get("main_image_url"), missing))
        layers.append(("generic", layer_fields(raw, names, load)))
    return layers


def site_layer(page, load):
    """The page object's fields, cleaned, and the fields the lower layers must look for: all it lacks,
    or, in a layout it knows, only those whose value is out of bounds."""
    site = load(page.raw_fields())
    if page.recognised():
        return site, {key for key, value in site.items() if key in LOWER_LAYER_FIELDS and not plausible(key, value)}
    return site, {key for key in LOWER_LAYER_FIELDS if key not in site or not plausible(key, site[key])}


def with_url_and_derived(record, url, load):
    """The record with its URL (the canonical one only on the page's own site) and its derived fields."""
    if "url" not in record:
        canonical = record.get("canonical_url")
        record.update(load({"url": canonical if canonical and origin_of(canonical) == origin_of(url) else url}))
    for field, meta in Article.fields.items():
        if "derive" in meta:
            record[field] = meta["derive"](record)
    return record


def extract_article(html, url, page=None, tree=None, hints=None, loader_class=ArticleLoader):
    """Extract one article record (item field names plus ``_sources``) from a page.

    ``page`` is the site's page object (else the one registered for the URL's
    host, if any); lower layers are consulted only for the fields it misses.
    ``hints`` are raw values from outside the page (a listing's date), the last
    resort. Every layer's values pass ``loader_class`` (the page object's, if any) once.
    """
    tree = tree if tree is not None else parse_html(html)
    if tree is None:
        return empty_record(url)
    page = page if page is not None else site_page(tree, url)
    load = partial(load_fields, page.loader_class if page is not None else loader_class, url)
    layers, missing = [], set(LOWER_LAYER_FIELDS)
    if page is not None:
        site, missing = site_layer(page, load)
        layers.append(("site", site))
    if missing:
        # The lower layers give only what is missing (and the publisher's name, for missing authors).
        wanted = missing | ({"_publisher_authors"} if "authors" in missing else set())
        layers += [(name, {key: value for key, value in fields.items() if key in wanted})
                   for name, fields in lower_layers(tree, url, missing, load, page)]
    listed = {key: value for key, value in load(hints or {}).items()
              if not any(key in fields and plausible(key, fields[key]) for _, fields in layers)}
    if listed:
        layers.append(("listing", listed))
    record, sources = merge(layers)
    if sources.get("article_body") != "site" and len(layers) > 1:
        combine_body(record, sources, layers, tree, page)
        record["article_body"] = choose.without_note(record.get("article_body"), record.get("editor_note"))
    record = with_url_and_derived(record, url, load)
    result = empty_record(url)
    result.update({key: record[key] for key in ARTICLE_FIELDS if key in record})
    result["_sources"] = {key: sources[key] for key in ARTICLE_FIELDS if key in sources}
    result["_repaired"] = quality.repair(result)
    result["_rejected"] = quality.reject_body(result, tree)
    return result
