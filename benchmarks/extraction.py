"""Extraction alone, per article page: the crawl's extraction vs trafilatura, on the same HTML.

    python -m benchmarks.extraction [--articles 300] [--sample 200]

Both start from the page's bytes: the crawl's analyse_article (the page object and the loader,
parsing included),
trafilatura.bare_extraction from the decoded text, with metadata. Each is timed over
the whole sample in five alternating rounds; the fastest round of each counts.
"""

import argparse
import json
import time
import urllib.request

import trafilatura
from scrapy.http import HtmlResponse

from newscrawl.spiders.kyivindependent import analyse_article
from testsite import process as testsite_process

ROUNDS = 5


def fetch(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def article_pages(base_url, sample):
    """(url, body bytes) of `sample` article pages spread evenly over the manifest."""
    articles = json.loads(fetch(base_url + "/__testsite__/manifest.json"))["articles"]
    step = max(1, len(articles) // sample)
    return [(entry["url"], fetch(entry["url"])) for entry in articles[::step][:sample]]


def page_object(url, body):
    return analyse_article(HtmlResponse, url, body, "utf-8")


def with_trafilatura(url, body):
    return trafilatura.bare_extraction(body.decode("utf-8"), url=url, with_metadata=True)


def seconds_per_page(extract, pages):
    started = time.perf_counter()
    for url, body in pages:
        extract(url, body)
    return (time.perf_counter() - started) / len(pages)


def compare(base_url, sample):
    """Both extractors over the same pages, in alternating rounds; the fastest round of each counts.

    Alternating keeps a slow minute on a shared machine from falling on one side only.
    """
    pages = article_pages(base_url, sample)
    ours, theirs = [], []
    for _ in range(ROUNDS):
        ours.append(seconds_per_page(page_object, pages))
        theirs.append(seconds_per_page(with_trafilatura, pages))
    return {"pages": len(pages), "page_object_ms": 1000 * min(ours), "trafilatura_ms": 1000 * min(theirs),
            "ratio": min(theirs) / min(ours)}


def report(timing):
    return (f"extraction, {timing['pages']} article pages: analyse_article {timing['page_object_ms']:.2f} ms/page, "
            f"trafilatura.bare_extraction {timing['trafilatura_ms']:.2f} ms/page: {timing['ratio']:.1f}x faster")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.extraction", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--sample", type=int, default=200)
    args = parser.parse_args(argv)
    base_url, server = testsite_process.start(articles=args.articles)
    try:
        print(report(compare(base_url, args.sample)))
    finally:
        testsite_process.stop(server)


if __name__ == "__main__":
    main()
