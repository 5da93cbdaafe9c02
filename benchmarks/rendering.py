"""Article pages per second, fetched plain vs rendered in Chromium: python -m benchmarks.rendering

Starts a local test site, then crawls the same article pages (every article of its
manifest) twice with the project's settings, in two subprocesses: once through
Scrapy's downloader, once rendered through scrapy-playwright (NEWSCRAWL_PLAYWRIGHT=on,
NEWSCRAWL_PLAYWRIGHT_MAX_PAGES pages at once). Each crawl extracts every article;
pages per second count from the first to the last response (Chromium's start-up is
printed apart). Needs Chromium at NEWSCRAWL_PLAYWRIGHT_BROWSER (default /usr/bin/chromium).
"""

import argparse
import json
import subprocess
import sys
import time
import urllib.request

import scrapy

from testsite.demo import LOCAL_SITE_SETTINGS
from newscrawl.rendering import rendered
from newscrawl.sites.kyivindependent import SCRIPTED, ArticlePage
from testsite import process as testsite_process
from testsite.process import REPO_ROOT

OFFLINE = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]


class ArticlesSpider(scrapy.Spider):
    """Fetches the given article URLs, rendered or not, and checks that each has a body."""

    name = "bench_articles"

    def __init__(self, urls, rendered, **kwargs):
        super().__init__(**kwargs)
        self.urls, self.rendered = urls, rendered
        self.times, self.with_body = [], 0

    async def start(self):
        for url in self.urls:
            yield self.request(url)

    def request(self, url):
        request = scrapy.Request(url, callback=self.parse, dont_filter=True)
        return rendered(request, "article", SCRIPTED) if self.rendered else request

    def parse(self, response):
        self.times.append(time.monotonic())
        self.with_body += bool(ArticlePage(response).article_body())


def crawl(urls, rendered, concurrency):
    """One crawl in this process: {"pages", "with_body", "seconds", "started"}."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.setdict({**LOCAL_SITE_SETTINGS, "CONCURRENT_REQUESTS": concurrency,
                      "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency, "ITEM_PIPELINES": {}, "EXTENSIONS": {},
                      "LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": False, "COMMANDS_MODULE": "",
                      "NEWSCRAWL_PLAYWRIGHT": "on" if rendered else "off",
                      "NEWSCRAWL_PLAYWRIGHT_MAX_PAGES": concurrency, "NEWSCRAWL_PLAYWRIGHT_ARGS": OFFLINE},
                     priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(ArticlesSpider)
    started = time.monotonic()
    process.crawl(crawler, urls=urls, rendered=rendered)
    process.start()
    spider, times = crawler.spider, crawler.spider.times
    return {"pages": len(times), "with_body": spider.with_body, "started": times[0] - started if times else None,
            "seconds": times[-1] - times[0] if len(times) > 1 else None}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.rendering", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, help="articles on the test site (default 200)")
    parser.add_argument("--concurrency", type=int, default=4, help="requests, and browser pages, at once (default 4)")
    parser.add_argument("--one", choices=("plain", "rendered"), help=argparse.SUPPRESS)  # one crawl, for main()
    args = parser.parse_args(argv)
    if args.one:
        urls = json.loads(sys.stdin.read())
        print(json.dumps(crawl(urls, args.one == "rendered", args.concurrency)))
        return
    base_url, server = testsite_process.start(articles=args.articles)
    try:
        manifest = json.load(urllib.request.urlopen(base_url + "/__testsite__/manifest.json"))
        urls = [article["url"] for article in manifest["articles"]]
        results = {}
        for kind in ("plain", "rendered"):
            command = [sys.executable, "-m", "benchmarks.rendering", "--one", kind,
                       "--concurrency", str(args.concurrency)]
            out = subprocess.run(command, input=json.dumps(urls), capture_output=True, text=True, cwd=REPO_ROOT,
                                 check=True).stdout
            results[kind] = json.loads(out.strip().splitlines()[-1])
    finally:
        testsite_process.stop(server)
    print(f"test site: {len(urls)} article pages, {args.concurrency} at once")
    for kind, result in results.items():
        rate = (result["pages"] - 1) / result["seconds"] if result["seconds"] else float("nan")
        print(f"{kind:>8}: {rate:7.1f} pages/s  ({result['pages']} pages, {result['with_body']} with a body, "
              f"{result['seconds']:.2f} s; first page after {result['started']:.2f} s)")
    plain, rendered = (results[k] for k in ("plain", "rendered"))
    print(f"rendering is {(plain['pages'] - 1) / plain['seconds'] / ((rendered['pages'] - 1) / rendered['seconds']):.1f}x"
          " slower per page")


if __name__ == "__main__":
    main()
