"""Authors are the people who wrote the article: bylines the page shows, not its publisher nor its editors."""

import json

import pytest

from newscrawl.extraction import extract_article

URL = "https://www.harbourtimes.example/story"
PUBLISHER = '<meta property="og:site_name" content="Harbour Times"><meta name="author" content="Harbour Times">'
STORY = "".join(f"<p>The council met on Tuesday and decided to keep the harbour open, paragraph {i}.</p>"
                for i in range(4))


def authors(head="", body="", ld_authors=None):
    """The authors extracted from a small page: the publisher's meta, JSON-LD authors, a body."""
    ld = ('<script type="application/ld+json">%s</script>'
          % json.dumps({"@type": "NewsArticle", "headline": "Harbour stays open", "author": ld_authors})
          if ld_authors is not None else "")
    html = f"<html><head>{ld}{PUBLISHER}{head}</head><body><h1>Harbour stays open</h1>{body}</body></html>"
    return extract_article(html, URL)["authors"]


@pytest.mark.parametrize("byline", [
    '<p class="article__author">By Anna Berger</p>',
    '<span class="c-Author">Anna Berger</span>',
    '<ul class="meta"><li class="meta-author">Von Anna Berger</li></ul>',
    '<a class="author-link" href="/staff/anna">Anna Berger</a>',
    '<p class="signature">Anna Berger</p>',
    '<div class="article-journalist"><span>Anna Berger</span></div>',
    '<div data-testid="byline">Anna Berger</div>',
    '<div class="meta">Texto: <a href="/autores/anna-berger/">Anna Berger</a></div>',
    '<div class="meta"><a href="/staff/anna-berger">Anna Berger</a></div>',
    '<span itemprop="author name">Anna Berger</span>',
    '<author>Anna Berger</author>',
    '<div data-component="Byline">Anna Berger</div>',
    '<div class="submitted-by"><a>Anna Berger</a></div>',
    '<a class="author" href="/author/anna-berger">Anna Berger <div class="title">Editor</div></a>',
])
def test_a_byline_in_author_classed_markup_names_the_person_not_the_publisher(byline):
    assert authors(body=f"<article>{byline}{STORY}</article>") == ["Anna Berger"]


def test_author_links_in_the_sites_menu_are_no_byline():
    menu = '<ul class="main-menu"><li class="menu-item author-item"><a href="/author/ian-weiss">Ian Weiss</a></li></ul>'
    body = f'{menu}<article><p>By <a href="/author/anna-berger">Anna Berger</a></p>{STORY}</article>'
    assert authors(body=body) == ["Anna Berger"]


def test_a_byline_in_a_teaser_block_that_holds_the_headline_is_the_storys():
    header = ('<header><section class="story-header__teaser"><h1>Harbour stays open</h1>'
              '<div class="story-header__author">Anna Berger</div></section></header>')
    html = f"<html><head>{PUBLISHER}</head><body><article>{header}{STORY}</article></body></html>"
    assert extract_article(html, URL)["authors"] == ["Anna Berger"]
    # other stories' teaser cards, each with an <h1> of its own, after the story's headline
    cards = "".join(f'<article class="card"><h1>Story {i}</h1><div class="card__byline">von Tom Weiss</div></article>'
                    for i in range(2))
    assert authors(body=f"<article>{STORY}{cards}</article>") == ["Harbour Times"]
    teaser = '<section class="teaser"><h2>Other story</h2><div class="author">Tom Weiss</div></section>'
    assert authors(body=f"<article>{teaser}{STORY}</article>") == ["Harbour Times"]


@pytest.mark.parametrize("byline, names", [
    ('<div class="author-info"><span>Politics</span> <span>Harbour stays open</span>'
     '<p class="author__name">Anna Berger</p></div>', ["Anna Berger"]),
    ('<div class="byline"><span class="author">Anna Berger</span> and <span class="author">Tom Weiss</span></div>',
     ["Anna Berger", "Tom Weiss"]),
    ('<div class="authors"><span class="authors__type">Artikel</span> veröffentlicht am <time>28. April 2024</time>, '
     '<span class="authors__name"><a href="/autor-anna-berger/">Anna Berger</a></span></div>', ["Anna Berger"]),
])
def test_author_markup_around_a_headline_or_section_yields_to_the_author_markup_inside(byline, names):
    assert authors(body=f"<article>{byline}{STORY}</article>") == names


@pytest.mark.parametrize("byline, names", [
    ('<div class="article-contributors">By Anna Berger</div>', ["Anna Berger"]),
    ('<div itemprop="author" itemscope itemtype="https://schema.org/Person">'
     '<meta itemprop="name" content="Anna Berger"></div>', ["Anna Berger"]),
    ('<div class="byline">Von <a href="https://twitter.com/harbourtimes">Anna Berger</a> mit <b>AP</b></div>',
     ["Anna Berger"]),
    ('<div class="byline">By Harbour Times with Agencies</div>', ["Harbour Times"]),
])
def test_contributor_markup_microdata_names_and_a_name_linked_to_a_social_network_are_bylines(byline, names):
    assert authors(body=f"<article>{byline}{STORY}</article>") == names


def test_a_byline_in_the_storys_own_aside_is_its_byline_and_a_sidebars_is_not():
    details = '<aside class="story__details"><div class="byline">von <span>Anna Berger</span></div></aside>'
    story = f"<article><h1>Harbour stays open</h1>{details}{STORY}</article>"
    assert authors(body=story.replace("<h1>Harbour stays open</h1>", "")) == ["Harbour Times"]
    html = f'<html><head>{PUBLISHER}</head><body>{story}</body></html>'
    assert extract_article(html, URL)["authors"] == ["Anna Berger"]
    sidebar = '<aside><div class="byline">By Tom Weiss</div></aside>'
    html = (f"<html><head>{PUBLISHER}</head><body><article><h1>Harbour stays open</h1>{STORY}</article>{sidebar}"
            "</body></html>")
    assert extract_article(html, URL)["authors"] == ["Harbour Times"]


def test_a_byline_rendered_without_spaces_between_its_blocks_gives_the_name_not_its_section_badge():
    byline = ('<div class="byline"><div><a href="/news/">News</a></div><div class="byline__authors"><span>'
              "<strong>Anna Berger</strong> Deputy Content Director</span></div><time>08:39, 06 Jan 2026</time></div>")
    assert authors(body=f"<article>{byline}{STORY}</article>") == ["Anna Berger"]
    linked = byline.replace("<strong>Anna Berger</strong>", '<a href="/anna-berger/">Anna Berger</a>')
    assert authors(body=f"<article>{linked}{STORY}</article>") == ["Anna Berger"]


def test_an_attribution_line_is_a_byline_and_a_most_read_box_is_another_storys():
    hits = '<div class="top-hits"><div class="meta"><a href="/author/tom-weiss/">Tom Weiss</a></div></div>'
    attribution = '<div class="article-attribution">Anna Berger<span>|</span><span>Published 4 months ago</span></div>'
    assert authors(body=f"<article>{hits}{attribution}{STORY}</article>") == ["Anna Berger"]


def test_a_photographer_in_a_captions_author_markup_and_an_avatars_initials_are_no_byline():
    picture = ('<figure><img src="/harbour.jpg"><figcaption>The harbour. <strong class="author">Tom Weiss / Agency'
               "</strong></figcaption></figure>")
    avatar = '<a class="avatar avatar--initials" href="/author/anna-berger">AB</a>'
    byline = '<p>By <a href="/meet-the-team/anna-berger-x7">Anna Berger</a></p>'
    assert authors(body=f"<article>{picture}{avatar}{byline}{STORY}</article>") == ["Anna Berger"]


def test_author_markup_in_a_figure_or_a_quotation_is_no_byline():
    figure = '<figure><img src="/harbour.jpg"><div class="author">Tom Weiss</div></figure>'
    quote = '<div class="quote"><p>We stay open.</p><p class="quote-author">— Tom Weiss</p></div>'
    blockquote = '<blockquote><p>We stay open.</p><span class="author">Tom Weiss</span></blockquote>'
    assert authors(body=f"<article>{figure}{quote}{blockquote}{STORY}</article>") == ["Harbour Times"]


@pytest.mark.parametrize("head", [
    # markup in the tag's content
    '<meta property="og:author" content="By &lt;a href=&quot;/profiles/anna-berger&quot;&gt;Anna Berger&lt;/a&gt;">',
    # Parse.ly's older tag, one JSON object
    """<meta name="parsely-page" content='{"title": "Harbour stays open", "author": "Anna Berger"}'>""",
])
def test_meta_authors_in_markup_or_json_are_read(head):
    html = f"<html><head>{head}</head><body><h1>Harbour stays open</h1><article>{STORY}</article></body></html>"
    assert extract_article(html, URL)["authors"] == ["Anna Berger"]


def test_a_meta_author_that_the_editor_tag_names_is_no_author():
    head = '<meta name="editor" content="Tom Weiss"><meta name="author" content="Tom Weiss">'
    html = f"<html><head>{head}</head><body><h1>Harbour stays open</h1><article>{STORY}</article></body></html>"
    assert extract_article(html, URL)["authors"] == []


def test_a_link_to_the_staff_list_is_no_byline():
    header = '<header><a href="/staff/">Our team</a></header>'
    assert authors(body=f"{header}<article>{STORY}</article>") == ["Harbour Times"]


@pytest.mark.parametrize("line", [
    "<p>By Anna Berger and Tom Weiss</p>",
    '<ul class="info"><li>Von: <span><a href="/a">Anna Berger</a>,</span> <span><a href="/t">Tom Weiss</a></span>'
    "</li></ul>",
])
def test_a_line_that_starts_with_by_is_a_byline(line):
    body = f'<article class="story story--promoted">{line}{STORY}</article>'
    assert authors(body=body) == ["Anna Berger", "Tom Weiss"]


@pytest.mark.parametrize("line, names", [
    ("<p>Author: Anna Berger</p>", ["Anna Berger"]),
    ("<div>Authors: Anna Berger, Tom Weiss</div>", ["Anna Berger", "Tom Weiss"]),
    ("<p>Автор: Олена Петренко</p>", ["Олена Петренко"]),
    ("<p>Penulis: Budi Santoso</p>", ["Budi Santoso"]),
    ("<p>Yazar: Ayşe Yılmaz</p>", ["Ayşe Yılmaz"]),
    ("<p>作者：王小明</p>", ["王小明"]),
    ('<div class="meta"><span>Author</span> <a href="/people/anna-berger">Anna Berger</a></div>', ["Anna Berger"]),
    ('<div class="meta"><span>By</span> <span>Anna Berger</span></div>', ["Anna Berger"]),
])
def test_an_author_label_before_the_name_makes_a_byline(line, names):
    assert authors(body=f"<article>{line}{STORY}</article>") == names


def test_a_sentence_that_starts_with_by_is_no_byline():
    assert authors(body=f"<article><p>By the end of the night the council agreed.</p>{STORY}</article>") \
        == ["Harbour Times"]


def test_a_name_linked_to_its_mail_address_is_a_name():
    byline = '<address class="author"><a href="mailto:anna@harbourtimes.example">Anna Berger</a></address>'
    assert authors(body=f"<article>{byline}{STORY}</article>") == ["Anna Berger"]


def test_a_bold_name_line_at_the_story_end_is_its_byline():
    body = f'<article>{STORY}<p style="text-align:right"><strong>Lê Phương</strong></p></article>'
    assert authors(body=body) == ["Lê Phương"]
    first = f"<article><p><strong>ANNA BERGER </strong></p>{STORY}</article>"
    assert authors(body=first) == ["ANNA BERGER"]


@pytest.mark.parametrize("first, names", [
    ("<p><strong>Anna Berger</strong>, Kyiv</p>", ["Anna Berger"]),
    ("<p><b>Anna Berger</b> | 3 May 2024</p>", ["Anna Berger"]),
    ("<p><strong>Anna Berger and Tom Weiss</strong></p>", ["Anna Berger", "Tom Weiss"]),
])
def test_a_bold_name_opening_the_story_with_a_place_or_date_after_it_is_its_byline(first, names):
    assert authors(body=f"<article>{first}{STORY}</article>") == names


def test_an_italic_name_line_at_the_story_end_is_its_byline():
    assert authors(body=f"<article>{STORY}<p><em>Anna Berger</em></p></article>") == ["Anna Berger"]


def test_a_bold_dateline_opening_the_lead_is_no_name_line():
    lead = "<p><strong>North Harbour</strong> – The council met on Tuesday and kept the harbour open.</p>"
    assert authors(body=f"<article>{lead}{STORY}</article>") == ["Harbour Times"]


@pytest.mark.parametrize("line", ["What happens next and why it matters", "Follow Us On Twitter", "Read More"])
def test_a_bold_subheading_or_call_to_action_is_no_name_line(line):
    assert authors(body=f"<article>{STORY}<p><strong>{line}</strong></p></article>") == ["Harbour Times"]


def test_a_name_with_its_newsroom_short_form_is_kept_without_it():
    assert authors(ld_authors=[{"@type": "Person", "name": "Anna Berger (abe)"}]) == ["Anna Berger"]
    assert authors(head='<meta name="author" content="Anna Berger (abe), Tom Weiss (tow)">') \
        == ["Anna Berger", "Tom Weiss"]


def test_each_author_link_of_a_byline_is_an_author():
    byline = ('<p class="meta">By <a rel="author" href="/people/anna">Anna Berger</a>, '
              '<a rel="author" href="/people/tom">Tom Weiss</a> and <a href="/topics/harbour">Harbour</a></p>')
    assert authors(body=byline) == ["Anna Berger", "Tom Weiss"]


@pytest.mark.parametrize("byline, names", [
    ('By <span>ANNA BERGER</span>, <a href="/author/tom-weiss">TOM WEISS</a> and <span>LENA PARK</span>'
     " Updated [hour]:[minute] [AMPM]", ["ANNA BERGER", "TOM WEISS", "LENA PARK"]),
    ('By Anna Berger and <a href="/author/tom-weiss">Tom Weiss</a>', ["Anna Berger", "Tom Weiss"]),
    ('By <a href="/author/anna-berger">Anna Berger</a>, Washington Bureau Chief', ["Anna Berger"]),
    ('By <a href="/author/anna-berger">Anna Berger</a>, The Associated Press', ["Anna Berger"]),
    ('By <a href="/author/anna-berger">Anna Berger</a> Washington Correspondent Tom', ["Anna Berger"]),
])
def test_names_a_byline_lists_beside_its_author_links_are_authors_too(byline, names):
    assert authors(body=f'<article><div class="byline">{byline}</div>{STORY}</article>') == names


def test_a_byline_that_says_written_by_names_the_writer():
    assert authors(body='<div class="byline">Written by Anna Berger</div>') == ["Anna Berger"]


def test_a_content_systems_account_in_meta_is_no_author():
    assert authors(head='<meta name="author" content="admin">', body='<div class="byline">By Anna Berger</div>') \
        == ["Anna Berger"]


def test_a_staff_label_is_the_byline_when_it_names_no_one():
    assert authors(ld_authors={"@type": "Person", "name": "Staff Reporter"}) == ["Staff Reporter"]
    assert authors(ld_authors=[{"name": "Jane Doe, Staff Reporter"}]) == ["Jane Doe"]
    assert authors(body='<article><p class="byline">By Staff and agencies</p></article>') == ["Staff and agencies"]


@pytest.mark.parametrize("byline, name", [
    ("Korrespondentin Anna Berger", "Anna Berger"),
    ("Reporterin Anna Berger", "Anna Berger"),
    ("Correspondent Anna Berger", "Anna Berger"),
    ("Redactora Anna Berger", "Anna Berger"),
    ("Rédactrice: Anna Berger", "Anna Berger"),
    ("Envoyée spéciale Anna Berger", "Anna Berger"),
    ("Phóng viên Lê Phương", "Lê Phương"),
    ("记者 张三", "张三"),
    ("홍길동 기자", "홍길동"),
])
def test_a_reporter_word_in_another_language_is_no_part_of_the_name(byline, name):
    assert authors(ld_authors=[byline]) == [name]


@pytest.mark.parametrize("byline", [
    "Anna Berger, Reporterin",
    "Anna Berger, envoyée spéciale à Kyiv",
    "Anna Berger (Korrespondentin)",
    "Anna Berger (Enviada especial)",
    "Anna Berger - Correspondent",
    "Texto: Anna Berger",
    "Автор: Anna Berger",
])
def test_a_role_or_label_around_the_name_is_no_part_of_it(byline):
    assert authors(ld_authors=[byline]) == ["Anna Berger"]


@pytest.mark.parametrize("byline, names", [
    ("Von unserem Korrespondenten Tom Weiss", ["Tom Weiss"]),
    ("De notre correspondante Anne Berger", ["Anne Berger"]),
    ("From our correspondent Anna Berger in Kyiv", ["Anna Berger"]),
    ("Texto: Ana García Fotos: Pablo Ruiz", ["Ana García"]),
    ("Anna Berger (Text) und Tom Weiss (Fotos)", ["Anna Berger"]),
    ("Por Ana Silva, de Madrid", ["Ana Silva"]),
    ("Por Ana Silva, da Reuters", ["Ana Silva", "Reuters"]),
    ("Anna Berger mit dpa", ["Anna Berger", "dpa"]),
    ("Mit Material von dpa", ["dpa"]),
])
def test_our_correspondent_a_pictures_credit_and_a_preposition_before_a_place_are_no_names(byline, names):
    assert authors(ld_authors={"@type": "Person", "name": byline}) == names


@pytest.mark.parametrize("byline", ["Anna Berger e Tom Weiss", "Anna Berger en Tom Weiss", "Anna Berger ja Tom Weiss",
                                    "Anna Berger / Tom Weiss", "Anna Berger и Tom Weiss"])
def test_names_joined_by_and_in_another_language_or_a_slash_are_two(byline):
    assert authors(ld_authors=[byline]) == ["Anna Berger", "Tom Weiss"]


def test_a_role_word_before_a_second_name_leaves_the_name():
    assert authors(ld_authors=["Anna Berger, Reporter Tom Weiss"]) == ["Anna Berger", "Tom Weiss"]


def test_an_editor_in_jsonld_is_no_author():
    editor = {"@type": "Person", "name": "Tom Weiss", "roleName": "Editor"}
    assert authors(ld_authors=[{"@type": "Person", "name": "Anna Berger"}, editor]) == ["Anna Berger"]
    role = {"@type": "Role", "roleName": "Reporter", "author": {"@type": "Person", "name": "Tom Weiss"}}
    assert authors(ld_authors=[role]) == ["Tom Weiss"]
    assert authors(ld_authors=["Reporting by Anna Berger; Editing by Tom Weiss"]) == ["Anna Berger"]


def test_a_jsonld_person_with_given_and_family_names_only_is_named_by_them():
    assert authors(ld_authors={"@type": "Person", "givenName": "Anna", "familyName": "Berger"}) == ["Anna Berger"]


def test_a_jsonld_author_given_by_reference_is_the_person_of_the_graph_with_that_id():
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "NewsArticle", "headline": "Harbour stays open", "author": [{"@id": "#person-1"}]},
        {"@type": "Person", "@id": "#person-1", "name": "Anna Berger"}]}
    head = f'<script type="application/ld+json">{json.dumps(graph)}</script>'
    assert authors(head=head) == ["Anna Berger"]


def test_of_the_meta_tags_authors_the_one_the_byline_names_wins():
    head = '<meta name="author" content="Harbour Group"><meta property="article:author" content="Anna Berger">'
    byline = f'<article><p class="byline">Von Anna Berger</p>{STORY}</article>'
    assert authors(head=head, body=byline) == ["Anna Berger"]
    assert authors(head=head, body=f"<article>{STORY}</article>") == ["Harbour Group"]


def test_a_publishing_company_in_meta_is_no_author():
    company = '<meta name="author" content="Harbour Medien GmbH & Co. KG">'
    assert authors(head=company, body='<article><p class="byline">Von Anna Berger</p></article>') == ["Anna Berger"]
    for name in ("Harbour Media Ltd", "Grupo Puerto S.A.", "Hamn Media AB", "Harbour News Inc."):
        assert authors(head=f'<meta name="author" content="{name}">', body='<p class="byline">By Anna Berger</p>') \
            == ["Anna Berger"]


@pytest.mark.parametrize("byline, names", [
    ("Von Anna Berger, Berlin", ["Anna Berger"]),
    ("Anna Berger und Tom Weiss, Frankfurt-Oder", ["Anna Berger", "Tom Weiss"]),
    ("By Anna Berger, Kyiv, and Tom Weiss, Odesa", ["Anna Berger", "Tom Weiss"]),
    ("Олена Петренко, Київ", ["Олена Петренко"]),
    ("By Anna Berger, Reuters", ["Anna Berger", "Reuters"]),
    ("By Anna Berger, AFP", ["Anna Berger", "AFP"]),
    ("Anna Berger, dpa", ["Anna Berger", "dpa"]),
])
def test_a_place_after_a_name_in_the_byline_is_no_author_but_an_agency_is(byline, names):
    assert authors(body=f'<article><p class="byline">{byline}</p>{STORY}</article>') == names


def test_a_byline_naming_more_people_than_the_metadata_adds_them():
    byline = ('<div class="bylines"><div class="byline"><a href="/people/anna">Anna Berger</a></div>'
              '<div class="byline"><a href="/people/tom">Tom Weiss</a></div></div>')
    assert authors(body=byline, ld_authors={"@type": "Person", "name": "Tom Weiss"}) == ["Anna Berger", "Tom Weiss"]


def test_a_byline_adding_no_person_written_like_the_metadatas_leaves_the_metadata():
    for extra in ("Twitter", "WATCH LIVE", "The Associated Press"):
        byline = f'<p class="byline">By <a href="/people/tom">Tom Weiss</a>, <a href="/author/x">{extra}</a></p>'
        assert authors(body=byline, ld_authors={"@type": "Person", "name": "Tom Weiss"}) == ["Tom Weiss"]


def test_an_author_card_with_the_authors_picture_is_a_byline():
    card = ('<figure class="author-card"><img src="/anna.jpg" alt=""><figcaption><address>'
            '<a href="/autoren/anna-berger/">Anna Berger</a></address></figcaption></figure>')
    assert authors(body=card) == ["Anna Berger"]


def test_a_pictures_credit_in_author_markup_is_no_byline():
    byline = '<div class="author"><a href="/people/anna">Anna Berger</a></div>'
    credits = ('<p class="image--author">Foto: Agency/Tom Weiss</p>', '<span class="author">(Image: Agency)</span>')
    for credit in credits:
        assert authors(body=f'<div class="lead-image">{credit}</div>{byline}') == ["Anna Berger"]


def test_a_bylines_links_to_share_follow_or_elsewhere_name_no_one():
    byline = ('<div class="byline">By <a href="/people/anna-berger/">Anna Berger</a> '
              '<a href="https://twitter.com/annab">Twitter</a> <a href="/live-tv/">WATCH LIVE</a> '
              '<a href="#comments">comments</a> <a href="mailto:anna@example.com">Tip me</a></div>')
    assert authors(body=byline) == ["Anna Berger"]
    accented = ('<p class="author_name"><a href="/autores/chus-del-pino">Chus del Pino</a>, '
                '<a href="/autores/marti-abad">Martí Abad (Enviado especial)</a></p>')
    assert authors(body=accented) == ["Chus del Pino", "Martí Abad"]


def test_a_name_shown_twice_in_its_byline_is_one_name():
    byline = ('<div class="byline"><a href="mailto:m@example.com"><span class="hidden-name">Martin Gramnaes</span> '
              "Martin Gramnaes</a></div>")
    assert authors(body=byline) == ["Martin Gramnaes"]


def test_a_mail_links_text_that_is_no_name_leaves_the_name_beside_it():
    byline = ('<footer class="byline-footer"><time>15.10.24 23:35</time> <span>Tuva Løland</span> '
              '<a href="mailto:t@example.com">Tips meg</a></footer>')
    assert authors(body=f"<article>{byline}</article>") == ["Tuva Løland"]


def test_an_email_address_is_never_an_author():
    byline = ('<div class="byline">By Anna Berger <a href="mailto:anna@harbourtimes.example">'
              "anna@harbourtimes.example</a></div>")
    assert authors(body=f"<article>{byline}{STORY}</article>") == ["Anna Berger"]
    protected = '<div class="byline"><a href="/cdn-cgi/l/email-protection#0a">[email&#160;protected]</a></div>'
    assert authors(body=f"<article>{protected}{STORY}</article>") == ["Harbour Times"]
    assert authors(ld_authors=["anna.berger@harbourtimes.example"]) == ["Harbour Times"]


def test_the_publishers_name_spelled_with_accents_in_meta_yields_to_the_byline():
    html = ('<html><head><meta name="author" content="Süddeutsche Neue"></head><body><h1>Hafen bleibt offen</h1>'
            f'<article><p class="byline">Von Anna Berger</p>{STORY}</article></body></html>')
    assert extract_article(html, "https://www.sueddeutsche-neue.de/a")["authors"] == ["Anna Berger"]


def test_a_byline_too_long_to_be_one_gives_no_names_from_its_parts():
    byline = '<div class="byline">By ' + ", ".join(f'<a class="author">Author Number{n}</a>' for n in range(40))
    assert authors(body=f"<article>{byline}</div>{STORY}</article>") == ["Harbour Times"]
