"""Layer 2b: raw article fields from <meta> tags, <time>, <link> and <html lang>.

Each field lists its meta keys in order of trust: OpenGraph and article:*
first, then the common analytics and Dublin Core conventions.
"""

import json

from w3lib.html import remove_tags

from newscrawl.extraction.bylines import OTHER_STORIES

META_KEYS = {
    "headline": ("og:title", "twitter:title", "parsely-title", "sailthru.title", "dc.title"),
    "description": ("og:description", "description", "twitter:description", "dc.description"),
    "authors": ("author", "article:author", "og:author", "parsely-author", "sailthru.author", "dc.creator",
                "citation_author", "byl", "dcterms.creator"),
    "date_published": ("article:published_time", "og:article:published_time", "datepublished",
                       "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued",
                       "dcterms.created", "dc.date", "publish-date", "publishdate", "pubdate",
                       "article.published", "date", "og:published_time", "article_date_original"),
    "date_modified": ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified",
                      "last-modified"),
    "section": ("article:section", "parsely-section", "sailthru.section"),
    "tags": ("article:tag", "parsely-tags", "sailthru.tags", "news_keywords", "keywords"),
    "language": ("og:locale", "dc.language", "content-language"),
    "main_image_url": ("og:image", "og:image:url", "twitter:image", "twitter:image:src"),
    "canonical_url": ("og:url",),
}
LIST_FIELDS = ("authors", "tags")
# What a page calls its site besides og:site_name: app names, the Twitter account.
SITE_NAME_KEYS = ("application-name", "apple-mobile-web-app-title", "al:ios:app_name", "al:android:app_name",
                  "twitter:site")
URL_FIELDS = ("main_image_url", "canonical_url")


def meta_map(tree):
    """Map of lower-cased meta name/property/itemprop/http-equiv to its contents in order."""
    found = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if not content or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attr) or "").strip().lower()
            if key:
                found.setdefault(key, []).append(_text(content))
    return _with_parsely_page(found)


# Parse.ly's older tag, one JSON object: its keys as the parsely-* tags that replaced it.
PARSELY_PAGE = {"title": "parsely-title", "pub_date": "parsely-pub-date", "author": "parsely-author",
                "authors": "parsely-author", "section": "parsely-section", "tags": "parsely-tags"}


def _with_parsely_page(found):
    """``found`` with the fields of a ``parsely-page`` tag's JSON added under their parsely-* keys."""
    try:
        page = json.loads(found.get("parsely-page", [""])[0])
    except ValueError:  # none, or not JSON
        return found
    for name, key in PARSELY_PAGE.items():
        values = page.get(name) if isinstance(page, dict) else None
        values = [v for v in (values if isinstance(values, list) else [values]) if isinstance(v, str) and v.strip()]
        if values and key not in found:
            found[key] = [value.strip() for value in values]
    return found


def _text(content):
    """A meta tag's content as text: markup some sites put in it ("By <a href=...>Anna Berger</a>") taken out."""
    return remove_tags(content).strip() if "<" in content else content.strip()


def meta_fields(tree):
    """Raw fields from meta tags, <time datetime>, rel=canonical and <html lang>."""
    metas = meta_map(tree)
    fields = {}
    for field, keys in META_KEYS.items():
        for key in keys:
            values = metas.get(key, ()) if field in URL_FIELDS else _values(metas, key)
            if values:
                fields[field] = values if field in LIST_FIELDS else values[0]
                break
    # Every key's author names, in order of trust, for a byline to choose among ("author" may name the company).
    fields["author_options"] = [names for key in META_KEYS["authors"] if (names := _values(metas, key))]
    fields.setdefault("date_published", _time_published(tree))
    fields["canonical_url"] = _canonical(tree) or fields.get("canonical_url")
    fields["language"] = tree.get("lang") or tree.get("xml:lang") or fields.get("language")
    fields["site_name"] = (metas.get("og:site_name") or [None])[0]
    fields["site_names"] = [value.lstrip("@") for name in SITE_NAME_KEYS for value in metas.get(name, ())]
    # Every title the metadata offers, in order of trust, for choosing among variants.
    fields["headlines"] = [value for key in META_KEYS["headline"] for value in metas.get(key, ())
                           if not value.startswith("http")]
    return {key: value for key, value in fields.items() if value}


def _values(metas, key):
    """The tag's values that are text: not profile links (article:author on Facebook), and for an author
    key not the page's editor (some set "author" to the "editor" tag's name)."""
    editors = metas.get("editor", ()) if key in META_KEYS["authors"] else ()
    return [value for value in metas.get(key, ()) if not value.startswith("http") and value not in editors]


def _time_published(tree):
    """The datetime of the story's first <time> marked as published, else of its first <time>; of those
    nearest its headline when it has one (``_beside_headline``).

    Times in links, navigation, asides, footers and teaser lists are other stories'.
    """
    times = _beside_headline(tree, [time for time in tree.xpath("//time[@datetime]") if not elsewhere(time)])
    marked = [time for time in times
              if "publish" in " ".join(time.get(a, "") for a in ("itemprop", "class")).lower()
              or time.get("pubdate") is not None]
    chosen = (marked or times or [None])[0]
    return chosen.get("datetime") if chosen is not None else None


def _beside_headline(tree, times):
    """Of ``times``, those in the smallest element around the page's first <h1> that holds any: the
    story's own sit beside its headline, other stories' (before or after it) further away."""
    h1 = next(iter(tree.xpath("//body//h1[not(ancestor::nav or ancestor::aside or ancestor::footer)]")), None)
    wanted = set(times)
    for container in h1.iterancestors() if h1 is not None and len(times) > 1 else ():
        near = [time for time in container.iter("time") if time in wanted]
        if near:
            return near
    return times


def elsewhere(element):
    """Whether the element (a <time>, a date line) sits in navigation, an aside, a footer, a list of other
    stories, or a link that says more than it (a teaser; a permalink around the time alone is the story's own)."""
    said = len("".join(element.text_content().split()))
    return any(node.tag in ("nav", "aside", "footer")
               or node.tag == "a" and len("".join(node.text_content().split())) > said + 5
               or node.tag not in ("body", "html", "main") and OTHER_STORIES.search(f"{node.get('class', '')}")
               for node in element.iterancestors())


def _canonical(tree):
    """The href of <link rel=canonical>, or None."""
    hrefs = tree.xpath('//link[translate(@rel, "CANONICAL", "canonical")="canonical"]/@href')
    return hrefs[0] if hrefs else None
