"""Choosing the headline among metadata variants with the headlines a page shows."""

from newscrawl.extraction import extract_article

URL = "https://news.example/story"


def page(head="", body="", ld_headline=None):
    """A small article page: JSON-LD headline, extra <head> markup and a body."""
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "%s"}</script>'
          % ld_headline) if ld_headline else ""
    text = "<p>" + "The council met on Tuesday and decided to keep the harbour open. " * 8 + "</p>"
    return f"<html><head>{ld}{head}</head><body>{body}<article>{text}</article></body></html>"


def headline(html):
    return extract_article(html, URL)["headline"]


def test_microdata_headline_picks_the_metadata_variant_it_repeats():
    html = page(ld_headline="Harbour stays open after long council meeting",
                head='<meta property="og:title" content="Council keeps the harbour open">',
                body='<nav><h1>Harbour stays open after long council meeting</h1></nav>'
                     '<h2 itemprop="headline">Council keeps the harbour open</h2>')
    assert headline(html) == "Council keeps the harbour open"


def test_without_shown_agreement_the_jsonld_headline_stays():
    html = page(ld_headline="Harbour stays open after long council meeting",
                head='<meta property="og:title" content="Council keeps the harbour open">',
                body='<h1>Council keeps the harbour open</h1>'
                     '<h2 itemprop="headline">Something else entirely</h2>')
    assert headline(html) == "Harbour stays open after long council meeting"


def test_h1_decides_whether_the_kicker_belongs_to_the_headline():
    kicker = page(ld_headline="Harbour: Council keeps the harbour open",
                  head='<meta property="og:title" content="Council keeps the harbour open">',
                  body="<h1>Council keeps the <span>harbour open</span></h1>")
    assert headline(kicker) == "Council keeps the harbour open"
    shown = page(ld_headline="Council keeps the harbour open",
                 head='<meta property="og:title" content="Harbour / Council keeps the harbour open">',
                 body="<h1><span>Harbour</span>Council keeps the harbour open</h1>")
    assert headline(shown) == "Harbour / Council keeps the harbour open"


def test_h1_does_not_decide_between_different_wordings():
    html = page(ld_headline="Harbour stays open after long council meeting",
                head='<meta property="og:title" content="Council keeps the harbour open">',
                body="<h1>Council keeps the harbour open</h1>")
    assert headline(html) == "Harbour stays open after long council meeting"


def test_title_decides_between_punctuation_variants():
    html = page(ld_headline="Harbour &uuml;ber alles - Council keeps it open",
                head='<meta property="og:title" content="Harbour über alles: Council keeps it open">'
                     "<title>Harbour über alles: Council keeps it open - Politics</title>",
                body="<h1>Council keeps it open</h1>")
    assert headline(html) == "Harbour über alles: Council keeps it open"
    other = html.replace("<title>Harbour über alles: Council", "<title>Harbour über alles - Council")
    assert headline(other) == "Harbour über alles - Council keeps it open"


def test_different_kickers_before_the_same_words_leave_the_shared_words():
    html = page(head='<meta property="og:title" content="Storm night: «We kept the harbour open»">',
                body='<h1><span>Harbour council</span><span hidden> - </span>'
                     "<span>«We kept the harbour open»</span></h1>")
    assert headline(html) == "«We kept the harbour open»"


def test_a_shared_ending_inside_the_kicker_is_no_headline():
    title = "Harbour council: Storm night: All the boats are open again"
    extended = page(head=f'<meta property="og:title" content="{title}">', body=f"<h1>Culture : {title}</h1>")
    assert headline(extended) == title
    reworded = page(head='<meta property="og:title" content="Hamburg port is open: here is why it matters">',
                    body="<h1>HH port is open: here is why it matters</h1>")
    assert headline(reworded) == "Hamburg port is open: here is why it matters"


def test_h1_lines_split_by_br_stay_separate_words():
    assert headline(page(body="<h1>Harbour stays open<br>after a long night</h1>")) \
        == "Harbour stays open after a long night"


def test_entities_escaped_twice_in_jsonld_are_decoded():
    html = page(ld_headline="R&amp;uuml;ckbau: &amp;quot;Fish &amp;amp; chips&amp;quot; stay")
    assert headline(html) == 'Rückbau: "Fish & chips" stay'
