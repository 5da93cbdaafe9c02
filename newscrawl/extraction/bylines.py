"""Bylines the page shows, for the generic layer: author markup, a "By ..." line, a bold name line.

Other stories' bylines (teaser lists, related and popular stories, comments) are left out.
"""

import re
import unicodedata
from urllib.parse import unquote, urlsplit

from newscrawl import processors
from newscrawl.extraction.people import EMAIL

# Byline markup: microdata and rel=author, a class, id or test id that says byline, author, writer,
# journalist, contributor, attribution, signature or submitted (on any element: p, span, li, a, div), links to author
# pages (a name after the path's word: "/autores/anna-berger", not a list of the staff, "/staff/").
BYLINE_CLASS = re.compile(r"byline|author|autor|auteur|writer|journalist|columnist|contributor|attribution"
                          r"|signature|firma|submitted", re.I)
BYLINE_ATTRIBUTES = ("class", "id", "data-testid", "data-component")
AUTHOR_LINK = re.compile(r"/(?:authors?|autor(?:en|es|e|i)?|auteurs?|journalist(?:s|en|es)?|reporters?|writers?"
                         r"|(?:meet-the-)?team|profiles?"
                         r"|contributors?|columnists?|staff|redakteur(?:e|in)?|r[ée]dacteurs?|redactores?)/[^/?#]")
# Where bylines and times of other articles sit: related and popular lists, teasers, promos, comments;
# and a quotation's author.
# Whole words of a class ("related-list", "c-teaser", "relatedArticles"), not parts ("node--promoted").
OTHER_STORIES = re.compile(r"(?:^|[\s_-])(?i:related|popular|teaser|promo|comment|recommend|newsletter|most-?read"
                           r"|trending|most-?viewed|hits|menu|nav|navbar|navigation|card|quote)"
                           r"(?:s|ed)?(?=$|[\s_A-Z-])")
# Links in a byline that lead to no person's page: sharing, social networks, a part of the page, a script.
NO_PERSON_LINK = re.compile(r"^(?:#|javascript:)|^https?://t\.me/|^(?:https?:)?//(?:[\w-]+\.)*(?:twitter|x|facebook"
                            r"|instagram|linkedin|whatsapp|threads|tiktok|youtube|bsky|telegram|pinterest|reddit)"
                            r"\.\w+(?:[/?#]|$)", re.I)
# A picture's credit, in author-like markup: "Foto: Agency/Name", "Photo by ...", "Bild: ...".
PICTURE_CREDIT = re.compile(r"(?:fotos?|photos?|bild(?:er)?|image|picture|zdj[eę]cie|credit)\b", re.I)
# Words of bold lines that are no names: links to more, calls to follow or subscribe.
NOT_NAME_WORDS = re.compile(r"\b(?:read|more|also|see|related|follow|share|subscribe|newsletter|update[ds]?|photos?"
                            r"|video|lesen|mehr|auch|lire|aussi|leer|más|leia|mais|leggi|anche)\b", re.I)
# A name line in bold or italics: "By" (in a few languages) and two to four capitalised words, or two such
# names joined by "and".
NAME = r"(?:[^\W\d_][^\W\d_'’.-]*\.?[\s-]+){1,3}[^\W\d_][^\W\d_'’-]*"
NAME_LINE = re.compile(rf"(?:(?:by|von|par|por|door|av|af)\s+)?{NAME}(?:\s+(?:and|und|et|y|e|en|og|och|&)\s+{NAME})?",
                       re.I)
# The name opens its paragraph; after it, at most a place or a date after a comma, dash or bar.
NAME_LINE_XPATH = ("//body//p/*[self::strong or self::b or self::em or self::i]"
                   "[not(preceding-sibling::*)][not(preceding-sibling::text()[normalize-space()])]")
AFTER_NAME = re.compile(r"\s*(?:[,|–—-]\s*[^\s,|–—-][^.!?]{0,40})?")


def byline_names(tree):
    """Names in the first byline of the story: its links' texts (``_link_names``), else its text pieces;
    else a line that starts with "By"; else the story's first or last paragraph when it is only a name
    in bold."""
    too_long = []  # a byline too long to be one is no more one in parts (its name links)
    story = story_of(tree)
    for element in byline_elements(tree):
        text = shown_text(element)
        if not text and _in_story(element, story):  # microdata: <div itemprop=author><meta itemprop=name ...>
            text = " and ".join(element.xpath('.//meta[@itemprop="name"]/@content'))
            if text:
                return [text]
        if len(text) > 200:
            too_long.append(element)
        if not text or len(text) > 200 or any(node in too_long for node in element.iterancestors()) \
                or not _in_story(element, story) or not _names_its_writers(element, text):
            continue
        if element.tag == "a":  # one author's link: the byline holds the others' beside it
            links = [a for a in element.getparent().iter("a") if _is_byline(a)]
        else:
            links = element.iter("a")
        names, dropped = _link_names(links)
        if names and element.tag != "a":
            return _with_unlinked(element, names)
        return names or [t.strip() for t in element.itertext()
                         if t.strip() and t.strip() not in dropped and not JOB_WORDS.search(t)]
    return by_line(tree, story) or name_line(tree, story)


# An author's picture or initials ("AB"), not the name.
AVATAR = re.compile(r"avatar|portrait|initials", re.I)


def _names_its_writers(element, text):
    """Whether author markup with this text names the story's writers: no picture's credit, no avatar, and no
    wrapper around more specific author markup (``_wraps_a_byline``)."""
    return not (PICTURE_CREDIT.match(text.lstrip("( ")) or _credits_a_picture(element)
                or AVATAR.search(element.get("class", "")) or _wraps_a_byline(element))


def _credits_a_picture(element):
    """Whether the author markup lies in a picture's caption (its photographer), not in an author's card."""
    return any(node.tag in ("figure", "figcaption") for node in element.iterancestors()) \
        and not any(node.tag in ("figure", "figcaption") and _is_byline(node) for node in element.iterancestors())


def _wraps_a_byline(element):
    """Whether author markup holds more specific author markup and, outside it, text with names in it (a
    headline, a section): the inner markup is the byline ("<div class=author-info>Politics ... <p
    class=author__name>"), not text that only joins or dates its names ("<span class=author>A</span> and ...")."""
    inner = [node for node in element.iterdescendants() if isinstance(node.tag, str) and node.tag != "a"
             and _is_byline(node) and node.text_content().strip()]  # its links are its names (_with_unlinked)
    if not inner:
        return False
    inside = {text for node in inner for text in node.xpath(".//text()")}
    outside = [text for text in element.xpath(".//text()") if text not in inside]
    return any(name[0].isupper() for text in outside for name in processors.split_authors(text))


# Words of a job, not a name, beside a byline's names ("Washington Bureau Chief").
JOB_WORDS = re.compile(r"\b(?:chief|bureau|director|producer|head|senior|deputy|lead|analyst|president|founder"
                       r"|intern|fellow|contributing|special)\b", re.I)


def _with_unlinked(byline, linked):
    """The ``linked`` names of a byline and, in page order, those it lists beside them without a link ("By A,
    <a>B</a> and C"), written as they are (``written_like``); only the links when its text lists no names."""
    parts = processors.split_authors(shown_text(byline))
    linked_keys = {_slug(name) for name in linked}
    if not linked_keys <= {_slug(part) for part in parts}:
        return linked
    return [part for part in parts if _slug(part) in linked_keys
            or written_like(part, linked[0]) and not JOB_WORDS.search(part)]


def written_like(name, person):
    """Whether ``name`` is written as the name ``person`` is: two to four capitalised words, in the same
    case ("Anna Berger", "ANNA BERGER"), no article before them ("The Associated Press")."""
    words = name.split()
    return 2 <= len(words) <= 4 and all(word[0].isupper() for word in words) and name.isupper() == person.isupper() \
        and words[0].casefold() not in ("the", "der", "die", "das", "le", "la", "les", "el", "il")


# Elements a browser shows on lines of their own: their texts are apart even with no space between the tags.
BLOCKS = frozenset({"div", "p", "li", "ul", "ol", "dl", "dt", "dd", "section", "header", "footer", "article",
                    "address", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "br", "table", "tr", "td",
                    "th"})


def shown_text(element):
    """The element's text with whitespace folded and a space between blocks, as a reader sees it:
    "<div>News</div><div>Anna Berger</div>" is "News Anna Berger", not "NewsAnna Berger"."""
    pieces = []

    def add(node, tail):
        apart = " " if node.tag in BLOCKS else ""
        pieces.extend((apart, node.text or "") if isinstance(node.tag, str) else ())
        for child in node:
            add(child, True)
        pieces.extend((apart, node.tail or "") if tail else ())

    add(element, False)
    return " ".join("".join(pieces).split())


def _link_names(links):
    """(names, the other links' texts): the texts of a byline's links to people, not to share on or
    follow at a social network, not to a part of the page, no handle or e-mail address, no mail link
    but one with a name ("Tip me" is none); only those to a page named after their text
    ("/authors/anna-berger/" for "Anna Berger") when some are."""
    texts = [(a.get("href") or "", _link_text(a)) for a in links]
    kept = [(href, text) for href, text in texts if text and _to_person(href, text)]
    # Only a name of two words or more: a section's link ("News" to /news/) has its text in its URL too.
    named = [text for href, text in kept if len(text.split()) >= 2
             and (slug := _slug(re.split(r"[(,]", text)[0])) and slug in _slug(unquote(href))]
    names = named or [text for _, text in kept]
    return names, {text for _, text in texts} - set(names)


def _link_text(link):
    """A link's text with whitespace folded; the blocks in it (an author card's job line: "<a>Anna Berger
    <div>Editor</div></a>") left out where text remains beside them."""
    inline = [link.text or ""] + [("" if child.tag in BLOCKS else child.text_content()) + (child.tail or "")
                                  for child in link if isinstance(child.tag, str)]
    return " ".join("".join(inline).split()) or " ".join(link.text_content().split())


def _to_person(href, text):
    """Whether a byline's link with this target and text may be a person's: not a section's link named like
    its one-word text ("News" to /news/), and a link to a social network only with a person's name for its
    text ("Anna Berger", not "Twitter" or "Follow Anna")."""
    if EMAIL.search(text) or text.startswith("@") or " " not in text and _slug(text) == _slug(urlsplit(href).path):
        return False
    if NO_PERSON_LINK.search(href):
        return written_like(text, text) and not NOT_NAME_WORDS.search(text)
    return not href.lower().startswith("mailto:") or text.split()[-1][0].isupper()


def _slug(text):
    """Letters and digits, case-folded, without accents: a name as it appears in a URL's path."""
    letters = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", letters)


# A line that starts with "By" in a few languages (or "Author:", "Penulis:", "作者："), then a capitalised name
# (or the name in a link, or in the next element: "<span>Author</span> <a>Anna Berger</a>").
BY_LINE = re.compile(r"\s*(?:(?:by|von|par|por|door|av|af|przez|autor(?:in)?|texte?)\b\s*:?(?:\s*$|\s+[^\W\d_])"
                     r"|(?:authors?|автор[иы]?|συντάκτης|penulis|pewarta|yazar|forfatter|författare|kirjoittaja|tác giả"
                     r"|作者|بقلم|מאת)\s*[:：]\s*(?:$|[^\W\d_])|authors?\s*$)", re.I)


def by_line(tree, story):
    """Names of the story's first short element whose text starts with "By" and a name, as a byline."""
    body = tree.find("body")
    for element in body.iter() if body is not None else ():
        match = element.text and BY_LINE.match(element.text)
        if not match or element.tag in ("script", "style") or not _in_story(element, story):
            continue
        text = shown_text(element)
        if BY_LINE.fullmatch(text) and element.getparent() is not None:  # only the word: the name is beside it
            element = element.getparent()
            text = shown_text(element)
        names = [" ".join(a.text_content().split()) for a in element.iter("a")]
        names = [name for name in names if name] or [text]
        if len(text) <= 100 and not any(word[0].islower() for name in names for word in name.split()[-2:]):
            return names
    return []


def byline_elements(tree):
    """The page's byline elements in document order (see BYLINE_CLASS and AUTHOR_LINK)."""
    body = tree.find("body")
    for element in body.iter() if body is not None else ():
        if isinstance(element.tag, str) and _is_byline(element):
            yield element


def _is_byline(element):
    """Whether the element is author markup: rel or itemprop author (among others: "author name"), an <author>,
    a byline class, an author page's link."""
    return "author" in f'{element.get("rel", "")} {element.get("itemprop", "")}'.split() or element.tag == "author" \
        or bool(BYLINE_CLASS.search(" ".join(element.get(a, "") for a in BYLINE_ATTRIBUTES))) \
        or element.tag == "a" and bool(AUTHOR_LINK.search(element.get("href", "")))


def story_of(tree):
    """The elements around the story's headline (its first <h1> outside navigation, asides and footers): the
    story's own containers, whatever their classes say."""
    h1 = next(iter(tree.xpath("//body//h1[not(ancestor::nav or ancestor::aside or ancestor::footer)]")), None)
    return set(h1.iterancestors()) if h1 is not None else set()


def _in_story(element, story):
    """Not in navigation, a menu, a footer, a form or a quotation, nor among other stories' teasers and comments;
    a container of the story's headline (``story``) is the story's own, whatever its class ("teaser": German
    sites call a lead one), and so is an "author card" and an <aside> in the story's <article> (its details)."""
    return not any(node.tag in ("nav", "footer", "form", "blockquote")
                   or node.tag == "aside" and not any(a.tag == "article" and a in story for a in node.iterancestors())
                   or node.tag not in ("body", "html", "main") and node not in story
                   and OTHER_STORIES.search(f"{node.get('class', '')} {node.get('id', '')}") and not _is_byline(node)
                   for node in element.iterancestors())


def name_line(tree, story):
    """A name in bold or italics that opens the first or last paragraph of the story's container and is all
    of it (but for a place or a date after it), as [name]."""
    for strong in tree.xpath(NAME_LINE_XPATH):
        paragraph = strong.getparent()
        siblings = paragraph.getparent().findall("p")
        text = " ".join(strong.text_content().split())
        rest = (strong.tail or "") + "".join(node.text_content() + (node.tail or "") for node in strong.itersiblings())
        if len(siblings) >= 3 and paragraph in (siblings[0], siblings[-1]) and AFTER_NAME.fullmatch(rest) \
                and NAME_LINE.fullmatch(text) and all(word[0].isupper() for word in text.split()[-2:]) \
                and not NOT_NAME_WORDS.search(text) and _in_story(paragraph, story):
            return [text]
    return []
