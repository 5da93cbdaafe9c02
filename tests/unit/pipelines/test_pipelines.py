"""Validation and deduplication pipelines on hand-built items; the JSON Lines writer's write loop."""

import io

import pytest

from newscrawl.items import Article
from newscrawl.pipelines.dedup import DedupPipeline, DuplicateArticle
from newscrawl.pipelines.jsonl import write_all
from newscrawl.pipelines.validate import MissingBody, MissingDate, MissingHeadline, MissingUrl, ValidatePipeline

COMPLETE = {
    "url": "https://kyivindependent.com/a/",
    "headline": "A headline",
    "article_body": "Body.",
    "date_published": "2025-03-18T13:10:00Z",
}


@pytest.mark.parametrize(
    "missing, error",
    [("url", MissingUrl), ("headline", MissingHeadline), ("article_body", MissingBody), ("date_published", MissingDate)],
)
def test_validate_drops_with_the_reason(missing, error):
    item = Article({k: v for k, v in COMPLETE.items() if k != missing}, discovered_via="https://kyivindependent.com/news-archive/")
    with pytest.raises(error, match=f"no {missing}"):
        ValidatePipeline().process_item(item)


def test_validate_names_the_url():
    with pytest.raises(MissingHeadline, match="https://kyivindependent.com/a/: no headline"):
        ValidatePipeline().process_item(Article({**COMPLETE, "headline": None}))


def test_validate_passes_a_complete_item():
    item = Article(COMPLETE)
    assert ValidatePipeline().process_item(item) is item


def test_dedup_lets_each_url_through_once_unless_newer():
    pipeline = DedupPipeline()
    first = Article(COMPLETE, date_modified="2025-03-18T13:10:00Z")
    assert pipeline.process_item(first) is first
    with pytest.raises(DuplicateArticle):
        pipeline.process_item(Article(COMPLETE, date_modified="2025-03-18T13:10:00Z"))
    with pytest.raises(DuplicateArticle):
        pipeline.process_item(Article(COMPLETE, date_modified="2025-03-17T00:00:00Z"))
    newer = Article(COMPLETE, date_modified="2025-03-19T08:00:00Z")
    assert pipeline.process_item(newer) is newer
    other = Article({**COMPLETE, "url": "https://kyivindependent.com/b/"})
    assert pipeline.process_item(other) is other


class TrickleFile(io.RawIOBase):
    """An unbuffered file whose write() takes at most three bytes, as a full disk or a signal can make it."""

    def __init__(self):
        self.data = bytearray()

    def writable(self):
        return True

    def write(self, chunk):
        self.data += bytes(chunk[:3])
        return min(3, len(chunk))


def test_write_all_finishes_a_line_that_write_takes_in_pieces():
    file, line = TrickleFile(), '{"headline": "Київ"}\n'.encode("utf-8")
    write_all(file, line)
    assert bytes(file.data) == line
