"""Removal of page parts that sit inside the article but are not its text.

Content extractors keep whatever lies in the article's container; social-media
embeds, image captions and fact boxes do, yet readers and annotators do not
count them as the body, nor the readers' comments an extractor may take for text.
Pruning them from a copy of the tree before the extractor runs removes them
structurally, in any language. So does link
density: paragraphs and list items that are mostly link text are teasers
("Read more: ...", related stories), not the story; and so are cards whose
one heading links to another story, with its summary beside it.
"""

import re
from collections import defaultdict

# Embedded posts as their providers' snippets mark them, and WordPress link cards.
EMBED_XPATH = (
    '//blockquote[contains(@class, "twitter-tweet") or contains(@class, "instagram-media")'
    ' or contains(@class, "tiktok-embed")] | //*[contains(@class, "wp-embedded-content")]'
)
# Fact/info boxes: summaries beside the story ("factbox", "info-box", "InfoBox").
BOX_CLASS = re.compile(r"(?:fact|info)[-_]?box", re.I)
# Readers' comments and their forms: a class or id word "comment(s)" ("sf_comment_list", "comments-area").
COMMENTS = re.compile(r"(?:^|[\s_-])comments?(?:$|[\s_-])", re.I)
# Share of a block's characters inside links from which it counts as a teaser;
# characters, not words, so that scripts written without spaces are measured too.
MAX_LINK_DENSITY = 0.7


def boxes_and_comments(tree):
    """Elements whose class or id names a fact or info box, and blocks of readers' comments (``COMMENTS``)
    that hold no <h1> and less than half the page's paragraph text: not a story container that only says it
    has comments ("post has-comments")."""
    boxes, comments = [], []
    for element in tree.xpath("//body//*[@class or @id]"):
        words = f'{element.get("class", "")} {element.get("id", "")}'
        if BOX_CLASS.search(words):
            boxes.append(element)
        elif COMMENTS.search(words) and element.find(".//h1") is None:
            comments.append(element)
    paragraphs = sum(map(_length, tree.xpath("//body//p"))) if comments else 0
    return boxes + [element for element in comments if 2 * sum(map(_length, element.iter("p"))) < paragraphs]


def _length(element):
    """Number of non-space characters in the element's text."""
    return len("".join(element.text_content().split()))


def link_dense(tree):
    """Paragraphs and list items whose text is mostly link text."""
    blocks = tree.xpath("//body//p | //body//li")
    return [el for el in blocks
            if (size := _length(el)) and sum(map(_length, el.iter("a"))) >= MAX_LINK_DENSITY * size]


# Teaser cards: a heading linking to another page, and a card's most characters (not counting spaces).
TEASER_HEADINGS = '//body//*[self::h2 or self::h3 or self::h4][.//a[@href][not(starts-with(@href, "#"))]]'
MAX_TEASER = 600


def teaser_cards(tree):
    """Teaser cards: the only heading of a short block, all of it a link to another page (not to a part
    of this one), and the text beside it."""
    cards = []
    for heading in tree.xpath(TEASER_HEADINGS):
        card = heading.getparent()
        if card is not None and len(card) == 1 and card.getparent() is not None:
            card = card.getparent()  # the heading in a header of its own
        if card is not None and card.tag not in ("body", "main") and _length(card) <= MAX_TEASER \
                and 2 * sum(map(_length, heading.iter("a"))) >= _length(heading) \
                and len(card.xpath(".//h2 | .//h3 | .//h4")) == 1:
            cards.append(card)
    return cards


def prune(tree):
    """Remove embeds, captions, fact boxes, link-dense blocks, teaser cards and readers' comments from
    ``tree`` in place."""
    doomed = (tree.xpath(EMBED_XPATH) + tree.xpath("//figcaption") + boxes_and_comments(tree) + link_dense(tree)
              + teaser_cards(tree))
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    return tree


def _nested(one, other):
    """Whether either element contains the other."""
    return any(a is other for a in one.iterancestors()) or any(a is one for a in other.iterancestors())


def join_split_containers(tree):
    """Move the content of repeated text containers into the first one, in place.

    Pages that interleave ad slots or asides with the story split its text over
    several containers of the same class (under parents of the same class), and
    extractors then keep only the first part. Containers count when they hold at
    least two paragraphs directly, which teaser cards rarely do.
    """
    groups = defaultdict(list)
    for element in tree.xpath("//body//*[@class][count(p) >= 2]"):
        parent = element.getparent()
        groups[(element.tag, element.get("class"), parent.tag, parent.get("class"))].append(element)
    for first, *others in (group for group in groups.values() if len(group) > 1):
        for other in others:
            if not _nested(first, other):
                first.extend(list(other))
                other.drop_tree()
    return tree
