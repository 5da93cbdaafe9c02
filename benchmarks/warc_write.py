"""What a capture costs the crawl's thread: python -m benchmarks.warc_write [--articles 300] [--sample 200]

Writes the test site's article pages as the crawl does (newscrawl.archive.captures.Captures: response,
request and metadata records, one write each, unbuffered) into a temporary directory, five
rounds, the fastest counts; prints milliseconds and WARC bytes per page.
"""

import argparse
import tempfile
import time

from scrapy import Request, Spider
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from benchmarks.extraction import article_pages
from newscrawl.archive.captures import NOTES, Captures
from testsite import process as testsite_process

ROUNDS = 5


def one_round(pages):
    """(seconds per page, bytes per page) for writing every page once into a fresh directory."""
    with tempfile.TemporaryDirectory() as directory:
        crawler = get_crawler(settings_dict={"NEWSCRAWL_WARC_DIR": directory, "NEWSCRAWL_WARC_MAX_SIZE": 10**9})
        captures = Captures.from_crawler(crawler)
        captures.open_files(Spider("bench"))
        responses = []
        for url, body in pages:
            request = Request(url, headers={"User-Agent": "newscrawl/0.1"},
                              meta={NOTES: {"discovered-via": url, "listed-date": "2026-01-01T00:00:00Z"}})
            responses.append(HtmlResponse(url, body=body, request=request, headers={"Content-Type": "text/html"}))
        started = time.perf_counter()
        for response in responses:
            captures.process_response(response.request, response)
        seconds = time.perf_counter() - started
        size = captures.writer.size
        captures.close(None)
    return seconds / len(pages), size / len(pages)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.warc_write")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--sample", type=int, default=200)
    args = parser.parse_args(argv)
    base_url, server = testsite_process.start(articles=args.articles)
    try:
        pages = article_pages(base_url, args.sample)
    finally:
        testsite_process.stop(server)
    results = [one_round(pages) for _ in range(ROUNDS)]
    seconds, size = min(results)
    page_bytes = sum(len(body) for _, body in pages) / len(pages)
    print(f"{len(pages)} article pages of {page_bytes:.0f} bytes on average")
    print(f"capture (response + request + metadata records, written): {seconds * 1000:.3f} ms per page "
          f"(rounds: {', '.join(f'{s * 1000:.3f}' for s, _ in results)}), {size:.0f} bytes of WARC per page")


if __name__ == "__main__":
    main()
