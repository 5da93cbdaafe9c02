"""Reading captures back: an index of a WARC file's records, one record at its offset, the page as a Scrapy response.

A file that ends in a cut record (a crawl killed mid-write, not yet repaired by the next crawl)
is read up to it; ``scan`` says so, and the cut record is never read as a page.
"""

import io
import zlib

from scrapy.http import Headers
from scrapy.responsetypes import responsetypes
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newscrawl.middlewares import utf8_if_mislabelled
from newscrawl.archive.warcfiles import final_path, locate

PAGE_TYPES = ("response", "resource")  # records that hold a page
CUT_ERRORS = (ArchiveLoadFailed, zlib.error, EOFError, ValueError)


def scan(path):
    """(entries, cut) for one WARC file: a dict per page, revisit and metadata record, in file order;
    cut: whether the file ends in a record cut short."""
    entries, name = [], final_path(path).name
    with open(path, "rb") as file:
        records = ArchiveIterator(file)
        try:
            for record in records:
                entry = index_entry(record)
                if record.rec_type == "metadata":
                    entry["fields"] = warc_fields(record.content_stream().read())
                records.read_to_end(record)
                if entry["type"] in PAGE_TYPES + ("revisit", "metadata"):
                    entries.append({**entry, "file": name, "offset": records.get_record_offset(),
                                    "length": records.get_record_length()})
        except CUT_ERRORS:
            return entries, True
    return entries, False


def index_entry(record):
    headers = record.rec_headers
    return {"type": record.rec_type, "url": headers.get_header("WARC-Target-URI"),
            "date": headers.get_header("WARC-Date"), "record_id": headers.get_header("WARC-Record-ID"),
            "digest": headers.get_header("WARC-Payload-Digest"),
            "refers_to": headers.get_header("WARC-Refers-To") or headers.get_header("WARC-Concurrent-To")}


def warc_fields(block):
    """{name: value} of an application/warc-fields block."""
    fields = {}
    for line in block.decode("utf-8").splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields


def read_record(directory, name, offset, length):
    """The record at offset in WARC file name, with its payload read; OSError or ValueError when it is not there."""
    path = locate(directory, name)
    if path is None:
        raise FileNotFoundError(f"no WARC file {name} in {directory}")
    with open(path, "rb") as file:
        file.seek(offset)
        data = file.read(length)
    if len(data) < length:
        raise ValueError(f"{name} ends before the record at offset {offset}")
    record = next(iter(ArchiveIterator(io.BytesIO(data))))
    record.payload = record.content_stream().read()  # de-chunked and decompressed, as Scrapy would give it
    return record


def page_response(record):
    """The Scrapy response the crawl's callback got for a page record: decompressed, its charset as the crawl
    read it."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type == "resource":
        status, headers = 200, Headers({"Content-Type": record.rec_headers.get_header("Content-Type")})
    else:
        status = int(record.http_headers.get_statuscode())
        headers = Headers([(name, value) for name, value in record.http_headers.headers
                           if name.lower() not in ("content-encoding", "content-length")])
    cls = responsetypes.from_args(headers=headers, url=url, body=record.payload)
    return utf8_if_mislabelled(cls(url, status=status, headers=headers, body=record.payload))
