"""Choosing the headline among metadata variants with the headlines a page shows."""

import pytest

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


def test_microdata_that_repeats_no_variant_leaves_the_jsonld_headline_of_the_title():
    html = page(ld_headline="Harbour stays open after long council meeting",
                head='<meta property="og:title" content="Council keeps the harbour open">'
                     "<title>Harbour stays open after long council meeting | News</title>",
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


def test_an_h1_beside_the_title_does_not_decide_between_different_wordings():
    html = page(ld_headline="Harbour stays open after long council meeting",
                head='<meta property="og:title" content="Council keeps the harbour open">'
                     "<title>Harbour stays open after long council meeting - News</title>",
                body="<h1>Council keeps the harbour open</h1>")
    assert headline(html) == "Harbour stays open after long council meeting"


def test_a_jsonld_headline_the_page_never_shows_yields_to_the_og_title_it_shows():
    html = page(ld_headline="Harbour council meeting: harbour stays open, fees rise in 2025",
                head='<meta property="og:title" content="Council keeps the harbour open">'
                     "<title>Council keeps the harbour open | News</title>",
                body='<header><h1 class="headline">Council keeps the harbour open</h1></header>')
    assert headline(html) == "Council keeps the harbour open"


def test_the_og_title_an_h1_shows_wins_over_a_jsonld_headline_shown_only_beside_it():
    head = ('<meta property="og:title" content="Council keeps the harbour open">'
            "<title>Council keeps the harbour open | News</title>")
    seo = "Harbour council meeting: harbour stays open, fees rise"
    for beside in (f'<p class="standfirst">{seo}</p>', f"<figure><figcaption>{seo}</figcaption></figure>",
                   f'<div aria-hidden="true">{seo}</div>'):
        html = page(ld_headline=seo, head=head, body=f"<h1>Council keeps the harbour open</h1>{beside}")
        assert headline(html) == "Council keeps the harbour open"


def test_the_og_title_an_h1_shows_after_a_kicker_wins_over_an_unshown_jsonld_headline():
    html = page(ld_headline="Harbour council meeting: harbour stays open, fees rise",
                head='<meta property="og:title" content="Council keeps the harbour open">',
                body='<h1><span class="kicker">Harbour</span> Council keeps the harbour open</h1>')
    assert headline(html) == "Council keeps the harbour open"


def test_the_headline_shown_in_a_styled_span_wins_over_a_breadcrumb_h1():
    html = page(ld_headline="Harbour council meeting: harbour stays open, fees rise",
                head='<meta property="og:title" content="Council keeps the harbour open">'
                     "<title>Harbour council meeting: harbour stays open, fees rise | News</title>",
                body='<div class="article-crumbs"><h1>Harbour council meeting: harbour stays open, fees rise</h1></div>'
                     '<div class="story-head"><span class="title-xl">Council keeps the harbour open</span></div>')
    assert headline(html) == "Council keeps the harbour open"


def test_the_headline_shown_in_a_div_wins_over_a_visually_hidden_seo_h1():
    html = page(ld_headline="Harbour council meeting: harbour stays open, fees rise",
                head='<meta property="og:title" content="Council keeps the harbour open">'
                     "<title>Harbour council meeting: harbour stays open, fees rise</title>",
                body='<h1 class="sr-only">Harbour council meeting: harbour stays open, fees rise</h1>'
                     '<div class="hero"><div class="hero__title">Council keeps the <em>harbour</em> open</div></div>'
                     '<aside><a href="/other"><h3>Harbour council meeting: harbour stays open, fees rise</h3>'
                     "</a></aside>")
    assert headline(html) == "Council keeps the harbour open"


def test_a_site_name_suffix_is_stripped_when_a_styled_element_shows_the_headline_without_it():
    beside_a_breadcrumb = page(head='<meta property="og:title" content="Council keeps the harbour open - Stadtblatt">'
                                    "<title>Council keeps the harbour open - Stadtblatt</title>",
                               body='<div class="breadcrumb"><h1>News</h1></div>'
                                    '<span class="article-title">Council keeps the harbour open</span>')
    assert headline(beside_a_breadcrumb) == "Council keeps the harbour open"
    beside_a_hidden_h1 = page(head='<meta property="og:title" content="Council keeps the harbour open | Stadtblatt">',
                              body='<h1 class="sr-only">Council keeps the harbour open | Stadtblatt</h1>'
                                   '<div class="headline">Council keeps the harbour open</div>')
    assert headline(beside_a_hidden_h1) == "Council keeps the harbour open"


def test_a_trailing_part_stays_when_the_page_shows_the_whole_headline_too():
    html = page(head='<meta property="og:title" content="Council keeps the harbour open - what happens next">',
                body='<div class="title">Council keeps the harbour open - what happens next</div>'
                     "<h2>Council keeps the harbour open</h2>")
    assert headline(html) == "Council keeps the harbour open - what happens next"


def test_an_og_title_that_is_only_the_sites_name_is_no_headline():
    html = page(head='<meta property="og:title" content="Harbour Herald"><meta property="og:site_name" '
                     'content="Harbour Herald"><title>Harbour Herald</title>',
                body="<h1>Council keeps the harbour open</h1>")
    assert headline(html) == "Council keeps the harbour open"


FULL = ("Council keeps the harbour open after a marathon overnight session that saw dozens of amendments "
        "rejected and two councillors resign")


@pytest.mark.parametrize("cut", [FULL[:110], FULL[:100] + "…", FULL[:90] + "...", FULL[:FULL.index(" and two")]])
def test_a_metadata_headline_cut_short_is_the_h1_it_begins(cut):
    assert headline(page(ld_headline=cut, body=f"<h1>{FULL}</h1>")) == FULL


def test_a_short_metadata_headline_that_an_h1_extends_with_more_words_stays():
    html = page(ld_headline="Council keeps the harbour open",
                body="<h1>Council keeps the harbour open: what it means</h1>")
    assert headline(html) == "Council keeps the harbour open"


def test_a_teaser_link_repeating_a_variant_does_not_show_it():
    html = page(ld_headline="Harbour stays open after long council meeting",
                head='<meta property="og:title" content="Council keeps the harbour open">'
                     "<title>Harbour stays open after long council meeting</title>",
                body='<ul class="most-read"><li><a href="/story">Council keeps the harbour open</a></li></ul>')
    assert headline(html) == "Harbour stays open after long council meeting"


def test_a_jsonld_headline_shown_with_soft_hyphens_is_shown():
    html = page(ld_headline="Bundesregierung beschließt Hafenentlastungsgesetz",
                head='<meta property="og:title" content="Hafen: Regierung hilft den Fischern">',
                body="<h1>Bundes&shy;regierung beschließt Hafen&shy;entlastungs&shy;gesetz</h1>"
                     '<div class="teaser-text">Hafen: Regierung hilft den Fischern</div>')
    assert headline(html) == "Bundesregierung beschließt Hafenentlastungsgesetz"


def test_site_name_suffix_stripped_when_the_name_has_non_ascii_letters():
    suffixed = page(head='<meta property="og:title" content="Hafen bleibt offen | Süddeutsche Neue">')
    assert extract_article(suffixed, "https://www.sueddeutsche-neue.example/a")["headline"] == "Hafen bleibt offen"
    greek = page(head='<meta property="og:title" content="Το λιμάνι μένει ανοιχτό - Ελληνική Ώρα">'
                      '<meta name="application-name" content="Ελληνική Ώρα">')
    assert headline(greek) == "Το λιμάνι μένει ανοιχτό"
    fullwidth = page(head='<meta property="og:title" content="港は開いたまま｜みなと新聞">'
                          '<meta property="og:site_name" content="みなと新聞">')
    assert headline(fullwidth) == "港は開いたまま"


def test_site_name_suffix_stripped_when_the_name_differs_from_the_host():
    suffixed = page(head='<meta property="og:title" content="Council keeps the harbour open – Abendblatt Nord">',
                    body="<h1>Council keeps the harbour open</h1>")
    assert headline(suffixed) == "Council keeps the harbour open"
    on_a_country_domain = page(head='<meta property="og:title" content="Council keeps the harbour open | Herald">')
    assert extract_article(on_a_country_domain, "https://www.herald.co.uk/a")["headline"] \
        == "Council keeps the harbour open"


def test_site_name_stripped_before_the_headline_in_parentheses_and_after_guillemets():
    site = '<meta property="og:site_name" content="Harbour Times">'
    for title in ("Harbour Times | Council keeps the harbour open", "Council keeps the harbour open (Harbour Times)",
                  "Council keeps the harbour open « Harbour Times"):
        assert headline(page(head=f'<meta property="og:title" content="{title}">{site}')) \
            == "Council keeps the harbour open"
    kicker = page(head=f'<meta property="og:title" content="Harbour: Council keeps the fees">{site}')
    assert headline(kicker) == "Harbour: Council keeps the fees"


def test_a_leading_site_name_before_a_colon_is_stripped_and_a_kicker_stays():
    h1 = "<h1>Council keeps the harbour open</h1>"
    assert headline(page(head='<meta property="og:title" content="News: Council keeps the harbour open">', body=h1)) \
        == "Council keeps the harbour open"
    kicker = '<meta property="og:title" content="Harbour: Council keeps the harbour open">'
    assert headline(page(head=kicker, body="<h1>Harbour: Council keeps the harbour open</h1>")) \
        == "Harbour: Council keeps the harbour open"


def test_a_label_in_parentheses_that_the_h1_leaves_out_is_no_part_of_the_headline():
    og = '<meta property="og:title" content="Council keeps the harbour open (VIDEO)">'
    assert headline(page(head=og, body="<h1>Council keeps the harbour open</h1>")) == "Council keeps the harbour open"
    assert headline(page(head=og, body="<h1>Council keeps the harbour open (VIDEO)</h1>")) \
        == "Council keeps the harbour open (VIDEO)"


def test_the_pages_own_section_between_headline_and_site_name_is_stripped():
    head = ('<meta property="og:title" content="Council keeps the harbour open | Politics | Harbour Times">'
            '<meta property="og:site_name" content="Harbour Times">'
            '<meta property="article:section" content="Politics">')
    assert headline(page(head=head)) == "Council keeps the harbour open"


def test_site_name_suffix_stripped_when_only_the_logo_names_the_site():
    logo = '<header><a href="https://news.example/"><img src="/logo.svg" alt="Küstenbote"></a></header>'
    html = page(head='<meta property="og:title" content="Council keeps the harbour open | Küstenbote">', body=logo)
    assert headline(html) == "Council keeps the harbour open"
    elsewhere = '<header><a href="/politics"><img src="/p.svg" alt="Küstenbote"></a></header>'
    html = page(head='<meta property="og:title" content="Council keeps the harbour open | Küstenbote">', body=elsewhere)
    assert headline(html) == "Council keeps the harbour open | Küstenbote"


def test_without_metadata_a_site_or_section_name_in_the_h1_is_no_headline():
    title = "<title>Council keeps the harbour open | Harbour Times</title>"
    logo = ('<h1 class="logo"><a href="/">Harbour Times</a></h1>'
            '<div class="story-title">Council keeps the harbour open</div>')
    assert headline(page(head=title, body=logo)) == "Council keeps the harbour open"
    section = '<h1 class="section">Politics</h1><div class="story-title">Council keeps the harbour open</div>'
    assert headline(page(head="<title>Council keeps the harbour open</title>", body=section)) \
        == "Council keeps the harbour open"
    assert headline(page(head=title, body="<h1>Council keeps <em>the harbour</em> open</h1>")) \
        == "Council keeps the harbour open"


def test_without_social_titles_the_title_an_h1_shows_wins_over_an_unshown_jsonld_headline():
    html = page(ld_headline="Harbour news 2025: what the council budget means for you",
                head="<title>Council keeps the harbour open | News</title>",
                body="<h1>Council keeps the harbour open</h1>")
    assert headline(html) == "Council keeps the harbour open"
    with_og = html.replace("<title>", '<meta property="og:title" content="Harbour news 2025: what the council '
                                      'budget means for you"><title>')
    assert headline(with_og) == "Harbour news 2025: what the council budget means for you"


def test_without_metadata_a_section_between_the_headline_and_the_site_name_is_stripped():
    title = "<title>Council keeps the harbour open for good - Politics - News</title>"
    assert headline(page(head=title)) == "Council keeps the harbour open for good"
    two_parts = "<title>Council keeps the harbour open - News</title>"
    assert headline(page(head=two_parts)) == "Council keeps the harbour open"


def test_without_metadata_an_h1_in_a_script_without_spaces_is_the_headline():
    title = "<title>韓国が戒厳令、尹錫悦大統領「野党が反国家行為」 : 読売新聞</title>"
    h1 = "<h1>韓国が戒厳令、尹大統領「野党が反国家行為」</h1>"
    assert headline(page(head=title, body=h1)) == "韓国が戒厳令、尹大統領「野党が反国家行為」"


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


def test_inline_markup_in_a_metadata_headline_is_no_part_of_it():
    assert headline(page(ld_headline="<em>Harbour</em> stays open<br/>for good")) == "Harbour stays open for good"
    escaped = page(ld_headline="&lt;i&gt;Harbour&lt;/i&gt; stays open, 3 &lt; 5")
    assert headline(escaped) == "Harbour stays open, 3 < 5"


def test_a_site_name_after_a_double_hyphen_is_stripped():
    html = page(head='<meta property="og:title" content="Council keeps the harbour open -- Harbour Times">',
                body="<h1>Council keeps the harbour open</h1>")
    assert headline(html) == "Council keeps the harbour open"


def test_an_h1_that_runs_the_headline_into_the_sites_logo_link_is_not_taken_for_a_longer_headline():
    html = page(ld_headline="Council keeps the harbour open",
                body='<h1><span>Council keeps the harbour open</span><a href="/local.html">News Example</a></h1>')
    assert headline(html) == "Council keeps the harbour open"


def test_without_metadata_a_title_that_is_a_host_name_yields_to_the_h1():
    html = "<html><head><title>news.example</title></head><body><h1>Harbour</h1><p>Text.</p></body></html>"
    assert headline(html) == "Harbour"


@pytest.mark.parametrize("title, h1, expected", [
    # the <h1>'s markup lost the kicker's colon, or a space: the <title> spells it
    ("Flood inquiry: Two resignations - and many questions | News Example",
     "<h1><span>Flood inquiry</span> <span>Two resignations - and many questions</span></h1>",
     "Flood inquiry: Two resignations - and many questions"),
    ("Harbour ferry | Council keeps the harbour open: ferries run all winter - News Example",
     "<h1>Council keeps the harbour open:ferries run all winter</h1>",
     "Council keeps the harbour open: ferries run all winter"),
    # a kicker in the <h1> that the <title> leaves out
    ("Council keeps the harbour open all winter - Local - News Example",
     "<h1>Harbour : Council keeps the harbour open all winter</h1>", "Council keeps the harbour open all winter"),
])
def test_without_metadata_the_h1_is_taken_as_the_title_writes_it(title, h1, expected):
    html = f"<html><head><title>{title}</title></head><body>{h1}<p>Text of the story.</p></body></html>"
    assert headline(html) == expected


def test_without_metadata_a_section_after_the_site_name_is_stripped():
    html = ("<html><head><title>Council keeps the harbour open all winter | news.example | Politics</title></head>"
            "<body><p>Text of the story.</p></body></html>")
    assert headline(html) == "Council keeps the harbour open all winter"
