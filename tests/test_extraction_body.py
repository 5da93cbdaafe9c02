"""Body heuristics on small synthetic pages: pruning, repeats, boilerplate."""

from newscrawl.extraction.article import parse_html
from newscrawl.extraction.prune import prune


def page(body):
    return parse_html(f"<html><head><title>t</title></head><body>{body}</body></html>")


def text_of(tree):
    return " ".join(t.strip() for t in tree.find("body").itertext() if t.strip())


def test_prune_removes_embeds_captions_and_fact_boxes_but_keeps_tails():
    tree = prune(page(
        "<article><p>First paragraph.</p>"
        '<blockquote class="twitter-tweet"><p>A post</p></blockquote>tail stays'
        "<figure><img src=x><figcaption>Photo: Someone</figcaption></figure>"
        '<div class="article-factbox"><p>Key facts</p></div>'
        '<aside class="InfoBox"><p>More facts</p></aside>'
        '<div class="embed"><div class="wp-embedded-content">Linked card</div></div>'
        "<p>Last paragraph.</p></article>"
    ))
    assert text_of(tree) == "First paragraph. tail stays Last paragraph."


def test_prune_keeps_quotes_and_ordinary_boxes():
    tree = prune(page('<blockquote class="pullquote">Said it.</blockquote><div class="box">Text</div>'))
    assert text_of(tree) == "Said it. Text"
