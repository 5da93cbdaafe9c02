"""What each re-extraction process does with a capture: read it, extract it, validate it, and judge it against
the stored version, so that only records that changed travel back to the process that writes them.

``start`` is called once in each process (as the pool's initializer, or directly when there is one process)
with the stored articles' content hashes; ``judge_chunk`` then takes jobs of captures.
"""

from collections import Counter

from scrapy.exceptions import DropItem

from newscrawl.archive.store import content_hash
from newscrawl.archive.warcread import page_response, read_record
from newscrawl.changes.checks import validators
from newscrawl.pipelines.validate import ValidatePipeline
from newscrawl.spiders.kyivindependent import analyse_article, article_item

_state = {}


class Counts(Counter):
    """What re-extraction counts (for one capture here, for the summary in the main process); the pipelines
    count here as in a crawl's stats."""

    def inc_value(self, key, count=1, start=0):
        self[key] += count


def start(known_hashes, earliest):
    """Ready this process: {article URL: stored content hash}, and the earliest publication date allowed."""
    _state.update(known=known_hashes, earliest=earliest)


def extract(warc_dir, capture):
    """("item", (dict, the page's HTTP validators)) for one capture, or (reason, message) when it gives no article."""
    try:
        record = read_record(warc_dir, capture["file"], capture["offset"], capture["length"])
    except (OSError, ValueError) as error:
        return "unreadable", f"{capture['url']}: {error}"
    response = page_response(record)
    result = analyse_article(type(response), response.url, response.body, getattr(response, "encoding", None),
                             capture.get("listed-date"), False)
    if result.get("not_article"):
        return "not_article", capture["url"]
    item = dict(article_item(result["record"], capture.get("discovered-via"), capture))
    # A rendered page's validators are in its metadata record (newscrawl/archive/captures.py).
    fetched = validators(response) if record.rec_type == "response" else {
        name: capture.get(name) for name in ("etag", "last_modified")}
    return "item", (item, fetched)


def judge(warc_dir, capture):
    """(outcome, value, counts) for one capture, outcome being:

    - "item": (the validated item with its content_hash, its fetch) for a record that differs from the stored one;
    - "unchanged": ({url, date_modified}, its fetch) for a record equal to the stored one;
    - "dropped": (the DropItem, its fetch) for an item validation refused;
    - "unreadable" or "not_article": a message, when the capture gives no article.

    A fetch is the article's last fetch as a crawl's checks record it (its time and HTTP validators);
    counts are validation's, per field and reason."""
    outcome, value = extract(warc_dir, capture)
    if outcome != "item":
        return outcome, value, {}
    item, page_validators = value
    fetch = {"url": item.get("url"), "last_checked": item["crawled_at"], **page_validators}
    counts = Counts()
    try:
        ValidatePipeline(counts, _state["earliest"]).process_item(item)
    except DropItem as error:
        return "dropped", (error, fetch), counts
    item["content_hash"] = content_hash(item)
    if _state["known"].get(item["url"]) == item["content_hash"]:
        return "unchanged", ({"url": item["url"], "date_modified": item.get("date_modified")}, fetch), counts
    return "item", (item, fetch), counts


def judge_chunk(arguments):
    """judge() for each of a job's captures."""
    warc_dir, captures = arguments
    return [judge(warc_dir, capture) for capture in captures]
