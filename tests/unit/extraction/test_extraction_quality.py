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
