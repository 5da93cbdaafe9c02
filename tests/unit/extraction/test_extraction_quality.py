"""No article, no body: link lists and bytes that are no text give an empty body and say why; mojibake is repaired."""

import random

from newscrawl.extraction import extract_article

TITLES = ["Council keeps the harbour open after a long night of debate",
          "Storm damages the northern pier and two fishing boats",
          "School roof repairs will start in the summer holidays",
          "Ferry company promises an unchanged winter timetable"]
STORY = "The café by the harbour reopened on Tuesday after the owner’s long illness, to the town’s relief. "


def test_a_home_page_of_teasers_gets_no_body_and_says_so():
    teasers = "".join(f"<div class='teaser'><h2><a href='/s{i}'>{title}</a></h2>"
                      f"<a href='/s{i}'>{title}, and what comes next for the town</a></div>"
                      for i, title in enumerate(TITLES * 2))
    html = (f"<html><head><title>Harbour Times</title></head><body><nav><a href='/'>Home</a></nav>{teasers}"
            "</body></html>")
    record = extract_article(html, "https://news.example/")
    assert record["article_body"] is None and record["_rejected"] == {"article_body": "links"}
    assert "article_body" not in record["_sources"]


def test_a_link_list_under_a_heading_gets_no_body():
    items = "".join(f"<li><a href='/s{i}'>{title}</a></li>" for i, title in enumerate(TITLES * 3))
    html = f"<html><head><title>Archive</title></head><body><h1>Archive</h1><ul>{items}</ul></body></html>"
    record = extract_article(html, "https://news.example/archive")
    assert record["article_body"] is None and record["_rejected"] == {"article_body": "links"}


def test_a_home_page_of_teaser_cards_with_summaries_gets_no_body():
    summaries = ["The town council gave details of what happens next for residents and for the fishing fleet.",
                 "Engineers inspected the damage on Wednesday and expect the repairs to take several weeks.",
                 "Parents welcomed the news, though the work will close the gym for the whole of August.",
                 "The winter timetable keeps six crossings a day, with an extra boat on market days."]
    cards = "".join(f"<article class='card'><header><h2><a href='/s{i}'>{title}</a></h2></header><p>{summary}</p>"
                    f"</article>" for i, (title, summary) in enumerate(zip(TITLES, summaries)))
    cards += "".join(f"<div class='card'><h3><a href='/t{i}'>More on: {title}</a></h3><p>{summary} Part {i}.</p></div>"
                     for i, (title, summary) in enumerate(zip(TITLES, summaries)))
    html = f"<html><head><title>Harbour Times</title></head><body><main>{cards}</main></body></html>"
    record = extract_article(html, "https://news.example/")
    assert record["article_body"] is None and record["_rejected"] == {"article_body": "teasers"}


def test_a_story_with_a_table_of_contents_keeps_its_body():
    sections = [(f"Part {i}: {title}", f"{STORY * 2} This is section {i}.") for i, title in enumerate(TITLES)]
    toc = "<ul class='contents'>" + "".join(f"<li><a href='#s{i}'>{h}</a></li>" for i, (h, _) in enumerate(sections))
    story = "".join(f"<h2 id='s{i}'>{h}</h2><p>{text}</p>" for i, (h, text) in enumerate(sections))
    html = f"<html><body><article><h1>Café reopens</h1>{toc}</ul>{story}</article></body></html>"
    record = extract_article(html, "https://news.example/cafe")
    assert STORY.strip() in record["article_body"] and record["_rejected"] == {}


def test_bytes_read_in_a_one_byte_charset_are_no_text():
    noise = random.Random(2).randbytes(5000).decode("latin-1")
    record = extract_article(noise, "https://news.example/noise")
    assert record["article_body"] is None and record["_rejected"] == {"article_body": "garbled"}
    hindi = "बंदरगाह खुला रहेगा, परिषद ने मंगलवार को लंबी बहस के बाद फैसला किया। " * 6
    record = extract_article(f"<html><body><article><h1>बंदरगाह</h1><p>{hindi}</p></article></body></html>",
                             "https://news.example/hi")
    assert record["article_body"] == hindi.strip() and record["_rejected"] == {}


def test_garbage_bytes_give_no_replacement_characters():
    noise = random.Random(1).randbytes(5000).decode("utf-8", "replace")
    record = extract_article(noise, "https://news.example/noise")
    assert record["article_body"] is None and record["_rejected"] == {"article_body": "garbled"}


def test_an_article_with_links_in_its_text_keeps_its_body():
    menu = "".join(f"<a href='/{i}'>{title}</a>" for i, title in enumerate(TITLES))
    html = (f"<html><head><title>Café reopens</title></head><body><nav>{menu}</nav><article>"
            f"<h1>Café reopens</h1><p>{STORY * 3}<a href='/owner'>The owner</a> thanked everyone.</p>"
            f"<p>{STORY * 2}</p></article></body></html>")
    record = extract_article(html, "https://news.example/cafe")
    assert record["article_body"].startswith(STORY.strip()) and record["_rejected"] == {}
    assert record["_repaired"] == []


def test_mojibake_is_repaired_and_named():
    broken = STORY.encode("utf-8").decode("cp1252")
    html = (f"<html><head><title>CafÃ© reopens</title><meta property='og:title' content='CafÃ© reopens â€” at last'>"
            f"</head><body><article><h1>CafÃ© reopens â€” at last</h1><p>{broken * 4}</p></article></body></html>")
    record = extract_article(html, "https://news.example/cafe")
    assert record["headline"] == "Café reopens — at last"
    assert record["article_body"] == " ".join([STORY.strip()] * 4)
    assert record["_repaired"] == ["headline", "article_body"]
