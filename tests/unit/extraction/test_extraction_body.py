"""Body heuristics on small synthetic pages: pruning, repeats, boilerplate."""

from newscrawl.extraction import choose
from newscrawl.extraction.article import parse_html
from newscrawl.extraction.generic import dense_body
from newscrawl.extraction.prune import join_split_containers, prune


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


LONG = "The council voted on Tuesday to build a new bridge over the river next spring"


def test_body_keeps_subheadings_and_lead_that_structured_body_lacks():
    structured = f"{LONG}.\n{LONG} again.\n{LONG} once more."
    generic = "\n\n".join([
        "A standfirst that the structured body leaves out but the page shows above the text",
        f"{LONG}.", "What comes next", f"{LONG} again.",
        "- Related: another story that is only a teaser", f"{LONG} once more.",
        "Sign up for our newsletter to get all the news in your inbox every morning",
    ])
    text, source = choose.body(structured, generic)
    assert source == "structured+generic"
    assert text.split("\n\n") == [
        "A standfirst that the structured body leaves out but the page shows above the text",
        f"{LONG}.", "What comes next", f"{LONG} again.", f"{LONG} once more.",
    ]


def test_body_ignores_repetition_inside_structured_body():
    generic = "\n\n".join(f"{LONG} part {n}." for n in range(5))
    structured = generic + "\n" + generic
    assert choose.body(structured, generic)[1] == "structured+generic"


def test_body_prefers_structured_when_extractor_lost_most_of_it():
    structured = "\n".join(f"{LONG} part {n}." for n in range(6))
    generic = f"{LONG} part 0."
    assert choose.body(structured, generic) == (structured, "structured")


def test_leading_repeats_of_any_page_title_are_dropped():
    text = "Kicker: The h1 headline\n\nThe og headline\n\nFirst paragraph."
    assert choose.without_headline(text, ["The og headline", "Kicker: The h1 headline"]) == "First paragraph."


def test_prune_removes_link_dense_paragraphs_and_list_items():
    tree = prune(page(
        '<p>Read more: <a href="/a">Another story about the same council vote</a></p>'
        '<ul><li><a href="/b">Related story</a></li><li>Plain list item</li></ul>'
        '<p>The mayor <a href="/m">said</a> the bridge would open next spring.</p>'
        '<p><a href="/j">東京都</a>の知事は本日、新しい橋の建設を発表した。</p>'
    ))
    assert text_of(tree) == ("Plain list item The mayor said the bridge would open next spring. "
                             "東京都 の知事は本日、新しい橋の建設を発表した。")


def test_split_text_containers_are_joined_but_single_cards_are_not():
    tree = join_split_containers(page(
        '<article class="story">'
        '<div class="text"><p>One.</p><p>Two.</p></div>'
        '<div class="ad">Advertisement</div>'
        '<div class="text"><p>Three.</p><p>Four.</p></div>'
        '<div class="card"><p>Teaser A</p></div><div class="card"><p>Teaser B</p></div>'
        "</article>"
    ))
    texts = [" ".join(div.itertext()) for div in tree.iter("div")]
    assert texts == ["One. Two. Three. Four.", "Advertisement", "Teaser A", "Teaser B"]



def test_dense_body_takes_the_first_of_equal_containers():
    # A set of elements iterates in an order that changes from run to run: of equal containers, the first wins.
    containers = "".join(f'<div class="story"><p>Story number {n:02d} has a paragraph.</p></div>' for n in range(30))
    assert dense_body(page(containers)) == "Story number 00 has a paragraph."
