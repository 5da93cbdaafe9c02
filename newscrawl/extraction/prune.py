"""Removal of page parts that sit inside the article but are not its text.

Content extractors keep whatever lies in the article's container; social-media
embeds, image captions and fact boxes do, yet readers and annotators do not
count them as the body. Pruning them from a copy of the tree before the
extractor runs removes them structurally, in any language.
"""

import re

# Embedded posts as their providers' snippets mark them, and WordPress link cards.
EMBED_XPATH = (
    '//blockquote[contains(@class, "twitter-tweet") or contains(@class, "instagram-media")'
    ' or contains(@class, "tiktok-embed")] | //*[contains(@class, "wp-embedded-content")]'
)
# Fact/info boxes: summaries beside the story ("factbox", "info-box", "InfoBox").
BOX_CLASS = re.compile(r"(?:fact|info)[-_]?box", re.I)


def boxes(tree):
    """Elements whose class or id names a fact or info box."""
    return [el for el in tree.xpath("//body//*[@class or @id]")
            if BOX_CLASS.search(f'{el.get("class", "")} {el.get("id", "")}')]


def prune(tree):
    """Remove embeds, captions and fact boxes from ``tree`` in place; return it."""
    doomed = tree.xpath(EMBED_XPATH) + tree.xpath("//figcaption") + boxes(tree)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    return tree
