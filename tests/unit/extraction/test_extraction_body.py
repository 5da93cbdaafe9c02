"""Body heuristics on small synthetic pages: pruning, repeats, boilerplate, partial extractions, tables."""

import json

from newscrawl.extraction import choose, extract_article
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


def test_prune_removes_readers_comments_but_not_a_story_that_says_it_has_comments():
    story = "<p>The council voted on Tuesday to keep the harbour open all winter long.</p>" * 3
    comments = '<div id="sf_comment_list"><div class="sf_comment"><p>What a decision.</p></div></div>'
    assert text_of(prune(page(f"<article>{story}{comments}</article>"))) == text_of(page(story))
    flagged = f'<article class="post has-comments">{story}</article><div class="comments-area"><p>Nice.</p></div>'
    assert text_of(prune(page(flagged))) == text_of(page(story))


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


URL = "https://news.example/story"
FIRST = ["The harbour council argued for four hours on Tuesday before it voted to keep the port open.",
         "Fishermen had crowded into the town hall, many of them still in their boots and oilskins.",
         "The mayor said the decision would cost the town budget nearly two million euros this year.",
         "Opponents wanted the money spent on the school roof, which has leaked since last winter.",
         "A compromise on mooring fees was reached shortly before midnight, to applause from the gallery.",
         "The ferry company welcomed the vote and promised to keep its winter timetable unchanged."]
LATER = ["Next spring engineers will inspect the northern wall, where storms loosened several stones.",
         "If repairs prove costly, the council may ask the regional government for an emergency grant.",
         "Until then boats may moor only at the southern quay, the harbour master told reporters."]


def article_page(body, article_body=None):
    """A small article page with a body and, if given, a JSON-LD articleBody."""
    ld = ('<script type="application/ld+json">%s</script>'
          % json.dumps({"@type": "NewsArticle", "headline": "Harbour stays open", "articleBody": article_body})
          if article_body else "")
    return f"<html><head><title>Harbour stays open</title>{ld}</head><body>{body}</body></html>"


def paragraphs(texts):
    return "".join(f"<p>{text}</p>" for text in texts)


def test_the_complete_articlebody_wins_over_a_shorter_extraction():
    # The extractor drops the story's end (a "teaser" class); the page shows it and articleBody holds it.
    html = article_page(f'<article><h1>Harbour stays open</h1>{paragraphs(FIRST)}'
                        f'<div class="teaser-rest">{paragraphs(LATER)}</div></article>', "\n".join(FIRST + LATER))
    body = extract_article(html, URL)["article_body"]
    assert FIRST[0] in body and LATER[-1] in body


def test_an_articlebody_whose_extra_is_a_pruned_fact_box_does_not_win():
    html = article_page(f'<article><h1>Harbour stays open</h1>{paragraphs(FIRST)}'
                        f'<div class="factbox">{paragraphs(LATER)}</div></article>', "\n".join(FIRST + LATER))
    assert extract_article(html, URL)["article_body"].split("\n\n") == FIRST


def test_default_mode_runs_when_fast_mode_keeps_a_partial_container():
    intro = [f"The harbour stays open, the council decided after a long and heated meeting, part {i}."
             for i in range(4)]
    rest = [f"Paragraph {i} tells how the harbour council argued for hours about fees and ferries before it voted."
            for i in range(12)]
    html = article_page(f'<div class="page"><h1>Harbour stays open</h1><div itemprop="articleBody">'
                        f'{paragraphs(intro)}</div><div class="wrap-3">{paragraphs(rest)}</div></div>')
    body = extract_article(html, URL)["article_body"]
    assert intro[0] in body and rest[-1] in body


def test_tables_stay_in_the_body():
    table = ("<table><tr><th>Ferry</th><th>Fee</th></tr><tr><td>Morning boat to the island and back</td>"
             "<td>four euros for adults, two for children</td></tr></table>")
    html = article_page(f"<article><h1>Harbour stays open</h1>{paragraphs(FIRST[:3])}{table}"
                        f"{paragraphs(FIRST[3:])}</article>", "\n".join(FIRST))
    body = extract_article(html, URL)["article_body"].split("\n\n")
    assert "| Morning boat to the island and back | four euros for adults, two for children |" in body
    assert body.index(FIRST[2]) < body.index("| Ferry | Fee |") < body.index(FIRST[3])


def test_a_table_after_the_last_paragraph_stays_in_the_body():
    table = ("<table><tr><th>Ferry</th><th>Fee</th></tr><tr><td>Morning boat to the island and back</td>"
             "<td>four euros for adults, two for children</td></tr></table>")
    html = article_page(f"<article><h1>Harbour stays open</h1>{paragraphs(FIRST)}{table}</article>", "\n".join(FIRST))
    body = extract_article(html, URL)["article_body"].split("\n\n")
    assert body[-2:] == ["| Ferry | Fee |",
                         "| Morning boat to the island and back | four euros for adults, two for children |"]


def test_teaser_cards_inside_the_story_container_are_no_part_of_the_body():
    cards = "".join(f'<div class="card"><h3><a href="/other{i}">Another story number {i} about the coast</a></h3>'
                    f"<p>A summary of another story, number {i}, that a reader may want next.</p></div>"
                    for i in range(3))
    html = article_page(f"<article><h1>Harbour stays open</h1>{paragraphs(FIRST)}{cards}{paragraphs(LATER)}"
                        "</article>")
    assert extract_article(html, URL)["article_body"].split("\n\n") == FIRST + LATER
