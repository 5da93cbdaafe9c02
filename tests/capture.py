"""How much of the real seed capture (a text rendering of the live page) a page shows, in order."""

import re

from lxml import html

# Elements that start a new line in a text rendering of a page.
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "li", "ul", "ol", "figure", "figcaption", "header", "footer", "nav",
          "main", "article", "aside", "section", "form", "br", "time", "button", "label", "title", "tr"}
SKIP = {"script", "style", "head", "noscript", "template"}


def page_text(markup):
    """The page's visible text as a person's text capture shows it: blocks on their own lines, image alt texts."""
    parts = []

    def walk(element):
        if not isinstance(element.tag, str) or element.tag in SKIP:
            return
        block = element.tag in BLOCKS
        parts.append("\n" if block else "")
        if element.tag == "img" and element.get("alt"):
            parts.append(f" {element.get('alt')} ")
        parts.append(element.text or "")
        for child in element:
            walk(child)
            parts.append(child.tail or "")
        parts.append("\n" if block else "")

    walk(html.fromstring(markup).find("body"))
    return "".join(parts)


def squeeze(text):
    return re.sub(r"\s+", " ", text).strip()


def capture_lines(capture):
    """The capture's non-empty lines, without its first line (the capture's own date header)."""
    return [squeeze(line) for line in capture.splitlines()[1:] if squeeze(line)]


def found_in_order(lines, markup):
    """The lines that the page's text holds, each after the previous one found."""
    text, position, found = squeeze(page_text(markup)), 0, []
    for line in lines:
        at = text.find(line, position)
        if at >= 0:
            found.append(line)
            position = at + len(line)
    return found
