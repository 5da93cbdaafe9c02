"""Draft a page-object fixture from a URL: the page as HTML and a JSON expectation to review.

    python scripts/save_fixture.py URL NAME [--manifest MANIFEST_URL]

Writes tests/fixtures/kyivindependent/article/NAME.html and NAME.json. The
expectation comes from the test site's manifest when --manifest is given
(the truth), else from the crawl's own extraction of the page (a draft: a person must
review every value before committing it).
"""

import argparse
import json
import sys
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

from scrapy.http import HtmlResponse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newscrawl.spiders.kyivindependent import analyse_article  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "kyivindependent" / "article"


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def expected_from_manifest(manifest_url, url):
    manifest = json.loads(fetch(manifest_url))
    for article in manifest["articles"]:
        if article["url"] == url:
            return {k: v for k, v in article["expected"].items() if v is not None}
    raise SystemExit(f"{url} is not in the manifest")


def expected_from_page(body, url):
    record = analyse_article(HtmlResponse, url, body, "utf-8")["record"]
    return {k: v for k, v in record.items() if v not in (None, []) and k != "_sources"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("name")
    parser.add_argument("--manifest", help="the test site's manifest URL, for the true expectation")
    args = parser.parse_args()
    body = fetch(args.url)
    expected = expected_from_manifest(args.manifest, args.url) if args.manifest else expected_from_page(body, args.url)
    FIXTURES.mkdir(parents=True, exist_ok=True)
    (FIXTURES / f"{args.name}.html").write_bytes(body)
    record = {"url": args.url, "fetched": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
              "expected": dict(sorted(expected.items()))}
    (FIXTURES / f"{args.name}.json").write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {FIXTURES / args.name}.html and .json; review the expectation before committing")


if __name__ == "__main__":
    main()
