"""Fault injection (--faults, POST /__testsite__/faults): deterministic faulty URLs and how they misbehave."""

import http.client
import json
import re
import socket
import urllib.request
from urllib.parse import urlsplit

import pytest

from testsite import TestSite, process
from testsite.faults import FEED, GARBAGE, MODES
from testsite.pages import Pages
from testsite.process import control

BASE = "http://127.0.0.1:8000"
SEED_URL = BASE + "/russia-expects-talks-with-musk/"


def archive_html(pages):
    html, n = "", 1
    while (hit := pages.respond(f"/news-archive/page/{n}/"))[0] == 200:
        html, n = html + hit[2].decode(), n + 1
    return html


@pytest.fixture(scope="module")
def faulty():
    pages = Pages(TestSite(articles=300, seed=1), BASE)
    pages.switch_faults(set(MODES))
    return pages


def test_plan_is_deterministic_and_disjoint(faulty):
    again = Pages(TestSite(articles=300, seed=1), BASE)
    again.switch_faults(set(MODES))
    assert again.faults.manifest(BASE) == faulty.faults.manifest(BASE)
    entries = faulty.faults.manifest(BASE)
    assert {e["mode"] for e in entries} == set(MODES)
    articles = [e["url"] for e in entries if e["article"]]
    assert len(articles) == len(set(articles)) and SEED_URL not in articles
    truth = {a.path for a in faulty.site.articles[2:]}
    assert all(urlsplit(url).path in truth for url in articles)


def test_every_fault_is_reachable_from_the_archive(faulty):
    archive = archive_html(faulty)
    hrefs = set(re.findall(r'class="archiveCard__link" href="([^"]+)"', archive))
    plan = faulty.faults
    listed = {f"/old-{plan.targets['redirect-chain'][0].slug}/", *plan.variant_hrefs().values()}
    for entry in plan.manifest(BASE):
        url = entry["url"].removeprefix(BASE)
        if entry["mode"] in ("redirect-chain", "301-variants"):
            continue  # listed under another URL, checked below
        if url in ("/tag/company-news/", FEED):
            assert f'href="{url}"' in archive  # the navigation, the feed link in the head
            continue
        if entry["mode"] == "garbage-links" and not entry["article"]:
            url = next(g for g in GARBAGE if entry["url"].endswith(g))
        assert url.replace("&", "&amp;") in hrefs, entry
    assert listed <= hrefs


def test_switching_off_restores_the_default_site(faulty):
    plain = Pages(TestSite(articles=300, seed=1), BASE)
    faulty.switch_faults(set())
    try:
        assert archive_html(faulty) == archive_html(plain)
        manifest = json.loads(faulty.respond("/__testsite__/manifest.json")[2])
        assert manifest.pop("faults") == [] and manifest.pop("disallowed") == ["/ghost/", "/p/"]
        assert manifest == json.loads(plain.respond("/__testsite__/manifest.json")[2])
    finally:
        faulty.switch_faults(set(MODES))


@pytest.fixture(scope="module")
def server():
    base, proc = process.start(articles=300, seed=1, extra_args=["--faults"])
    yield base
    process.stop(proc)


def request(base, path, timeout=5):
    """(status, headers, body) of a GET without following redirects."""
    connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()



def faults_of(base):
    status, _, body = request(base, "/__testsite__/manifest.json")
    by_mode = {}
    for entry in json.loads(body)["faults"]:
        by_mode.setdefault(entry["mode"], []).append(entry["url"].removeprefix(base))
    return by_mode


def statuses(base, path, count):
    return [request(base, path)[0] for _ in range(count)]


def test_http_status_faults(server):
    control(server + "/__testsite__/faults?modes=all")
    faults = faults_of(server)
    assert statuses(server, faults["500"][0], 4) == [500] * 4
    assert statuses(server, faults["502"][0], 3) == [502, 502, 200]
    assert statuses(server, faults["503"][0], 3) == [503, 503, 200]
    assert "retry-after" not in request(server, faults["503"][1])[1]
    assert [request(server, faults["503-retry-after"][0])[1].get("retry-after") for _ in range(3)] == ["1", "1", None]
    status, headers, _ = request(server, faults["429"][0])
    assert (status, headers["retry-after"]) == (429, "2") and request(server, faults["429"][0])[0] == 200


def test_http_transport_faults(server):
    control(server + "/__testsite__/faults?modes=slow,reset,truncated")
    faults = faults_of(server)
    assert set(faults) == {"slow", "reset", "truncated"}
    with pytest.raises(socket.timeout):
        request(server, faults["slow"][0], timeout=1)
    assert request(server, faults["slow"][0], timeout=2)[0] == 200
    with pytest.raises((ConnectionError, http.client.IncompleteRead)):
        request(server, faults["reset"][0])
    assert request(server, faults["reset"][0])[0] == 200
    with pytest.raises(http.client.IncompleteRead):
        request(server, faults["truncated"][0])
    assert request(server, faults["truncated"][0])[0] == 200


def test_http_redirects(server):
    control(server + "/__testsite__/faults?modes=all")
    faults = faults_of(server)
    canonical = faults["redirect-chain"][0]
    slug = canonical.strip("/")
    assert request(server, f"/old-{slug}/")[:2] == (301, request(server, f"/old-{slug}/")[1])
    assert request(server, f"/old-{slug}/")[1]["location"] == f"/moved-{slug}/"
    status, headers, _ = request(server, f"/moved-{slug}/")
    assert (status, headers["location"]) == (302, server + canonical)
    assert request(server, "/loop-a/")[1]["location"] == "/loop-b/"
    assert request(server, "/loop-b/")[1]["location"] == "/loop-a/"
    status, headers, _ = request(server, faults["redirect-offsite"][0])
    assert status == 302 and headers["location"].startswith("http://ki-master.fourthestate.app/")
    for path in faults["301-variants"]:
        for variant in (path.rstrip("/"), path + "amp/", path + "?utm_source=x"):
            status, headers, _ = request(server, variant)
            assert (status, headers["location"]) == (301, server + path)
        assert request(server, path)[0] == 200


def test_http_bodies(server):
    control(server + "/__testsite__/faults?modes=all")
    faults = faults_of(server)
    truth = {urlsplit(a["url"]).path: a["expected"]
             for a in json.loads(request(server, "/__testsite__/manifest.json")[2])["articles"]}
    (cp1251, status, headers), (bom, _, bom_headers), (latin, _, latin_headers) = [
        (request(server, path)[2], *request(server, path)[:2]) for path in faults["charset"]]
    assert headers["content-type"] == "text/html; charset=windows-1251"
    assert b'<meta charset="windows-1251">' in cp1251
    first = truth[faults["charset"][0]]
    assert first["headline"] in cp1251.decode("cp1251") and "’" in first["headline"] + first["article_body"]
    assert bom.startswith(b"\xef\xbb\xbf") and b"charset" not in bom and bom_headers["content-type"] == "text/html"
    assert latin_headers["content-type"] == "text/html; charset=iso-8859-1" and latin.decode("utf-8")
    pdf, json_doc = faults["non-html"]
    assert request(server, pdf)[1]["content-type"] == "application/pdf" and request(server, pdf)[2][:5] == b"%PDF-"
    assert json.loads(request(server, json_doc)[2]) and request(server, json_doc)[1]["content-type"] == "application/json"
    assert len(request(server, faults["huge"][0], timeout=30)[2]) > 20 * 1024 * 1024
    robots = request(server, "/robots.txt")[2].decode()
    assert "Disallow: /tag/company-news/\n" in robots and f"Disallow: {faults['robots'][0]}\n" in robots
    page = request(server, "/news-archive/")[2].decode()
    other = faults["other-port"][0]  # the same site on another port
    assert urlsplit(other).port != urlsplit(server).port and f'href="{other}"' in page
    with urllib.request.urlopen(other, timeout=10) as response:
        assert response.read() == request(server, urlsplit(other).path)[2]
    status, headers, feed = request(server, FEED)
    assert status == 200 and headers["content-type"].startswith("application/rss+xml")
    assert b"<!DOCTYPE rss [<!ENTITY lol0 " in feed and b"<title>&lol9;" in feed
    carriers = [url for url in faults["garbage-links"] if url.startswith("/") and url.endswith("/")]
    assert len(carriers) == 2
    for href in GARBAGE:
        assert f'href="{href}"' in page
        assert all(f'href="{href}"' in request(server, path)[2].decode() for path in carriers)


def test_http_switch_off_and_request_log(server):
    control(server + "/__testsite__/faults?modes=all")
    faults = faults_of(server)
    assert control(server + "/__testsite__/faults?modes=none") == {"modes": []}
    assert request(server, faults["500"][0])[0] == 200
    assert request(server, "/loop-a/")[0] == 404
    assert "company-news" not in request(server, "/robots.txt")[2].decode()
    assert b"loop-a" not in request(server, "/news-archive/")[2]
    assert faults_of(server) == {}
    control(server + "/__testsite__/faults?modes=502")
    assert statuses(server, faults["502"][0], 3) == [502, 502, 200]
    with urllib.request.urlopen(server + "/__testsite__/requests.json", timeout=10) as response:
        log = json.load(response)
    assert ["GET", faults["502"][0], urlsplit(server).netloc] in log
    with pytest.raises(urllib.error.HTTPError):
        control(server + "/__testsite__/faults?modes=bogus")
