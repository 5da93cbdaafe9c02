"""WARC records (ISO 28500) with warcio, and WarcWriter, which appends them to rotating files.

Each record is one gzip member and each call of ``WarcWriter.write`` one write(), so a crawl
killed mid-write cuts at most its last record (newscrawl/archive/warcfiles.py repairs that).
"""

import hashlib
import io
import os
from base64 import b32encode
from http import HTTPStatus
from pathlib import Path

from scrapy.utils.httpobj import urlparse_cached
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.archive.warcfiles import OPEN, close_file, file_name, open_locked, worker_name

DROPPED_HEADERS = (b"Transfer-Encoding",)  # the body is stored de-chunked, as Scrapy received it
BUILDER = WARCWriter(None, warc_version="1.1")  # makes records; WarcWriter writes them


def payload_digest(body):
    """The WARC-Payload-Digest of body: SHA-1 in base32, as warcio writes it."""
    return "sha1:" + b32encode(hashlib.sha1(body).digest()).decode()


class WarcWriter:
    """WARC records into rotating files in directory, each opened by a warcinfo record and rotated past max_size."""

    def __init__(self, directory, crawl, max_size, info):
        self.directory = Path(directory)
        self.crawl, self.worker, self.max_size, self.info = crawl, worker_name(), max_size, info
        self.serial, self.file, self.path, self.size = 0, None, None, 0
        # The final name of the file being written (links name it): one string that every link shares.
        self.name = None
        self.buffer = io.BytesIO()
        self.builder = WARCWriter(self.buffer, gzip=True, warc_version="1.1")

    def write(self, records):
        """Append records in one write; return (file name, offset, length) of each. Raises OSError."""
        if self.file is None:
            self.open()
        chunks = [self.record_bytes(record) for record in records]
        offset = self.size
        try:
            write_all(self.file, b"".join(chunks))
        except OSError:
            self.undo(offset)
            raise
        places = []
        for chunk in chunks:
            places.append((self.name, self.size, len(chunk)))
            self.size += len(chunk)
        if self.size >= self.max_size:
            self.close()
        return places

    def record_bytes(self, record):
        """One record as a gzip member."""
        self.buffer.seek(0)
        self.buffer.truncate()
        self.builder.write_record(record)
        return self.buffer.getvalue()

    def open(self):
        """The next file, opened by its warcinfo record. Raises OSError; then the next write tries a new file."""
        self.directory.mkdir(parents=True, exist_ok=True)
        self.serial += 1
        self.name = name = file_name(self.crawl, self.worker, self.serial)
        self.path = self.directory / (name + OPEN)
        self.file, self.size = open_locked(self.path), 0
        warcinfo = self.record_bytes(self.builder.create_warcinfo_record(name, self.info))
        try:
            write_all(self.file, warcinfo)
        except OSError:
            self.undo(0)
            raise
        self.size = len(warcinfo)

    def undo(self, offset):
        """Cut a write that failed halfway. A file that cannot be cut is closed and left for the next run's
        repair, one that would hold no warcinfo record is removed; then the next write opens a new file."""
        try:
            self.file.truncate(offset)
        except OSError:
            offset = None
        if offset in (None, 0):
            self.file.close()
            self.file = None
            if offset == 0:
                self.path.unlink()

    def sync(self):
        """Make what was written so far durable (before the database links to it)."""
        if self.file is not None:
            os.fsync(self.file.fileno())

    def close(self):
        if self.file is not None:
            close_file(self.file, self.path)
            self.file = None


def write_all(file, data):
    """Write data to an unbuffered file; write() may take less than all of it."""
    view = memoryview(data)
    while view:
        view = view[file.write(view):]


def http_response_headers(response):
    try:
        status = f"{response.status} {HTTPStatus(response.status).phrase}"
    except ValueError:  # a status code Python does not know
        status = str(response.status)
    headers = [(name.decode("latin-1"), value.decode("latin-1"))
               for name, values in response.headers.items() if name not in DROPPED_HEADERS for value in values]
    return StatusAndHeaders(status, headers, protocol=response.protocol or "HTTP/1.1")


def http_request_headers(request):
    parts = urlparse_cached(request)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = [("Host", parts.netloc)] + [(name.decode("latin-1"), value.decode("latin-1"))
                                          for name, values in request.headers.items() for value in values]
    return StatusAndHeaders(f"{request.method} {target}", headers, protocol="HTTP/1.1", is_http_request=True)


def warc_date():
    """Now, as a WARC 1.1 date (microseconds)."""
    return BUILDER.curr_warc_date()


def response_record(response, digest, date):
    """A response record: the status line, headers and body as received."""
    headers = {"WARC-Date": date, "WARC-Payload-Digest": digest}
    if response.ip_address is not None:
        headers["WARC-IP-Address"] = str(response.ip_address)
    return BUILDER.create_warc_record(response.url, "response", payload=io.BytesIO(response.body),
                                      length=len(response.body), http_headers=http_response_headers(response),
                                      warc_headers_dict=headers)


def revisit_record(response, digest, date, refers_to_uri, refers_to, refers_to_date):
    """A revisit record (identical-payload-digest): the headers as received, the payload in the record refers_to."""
    return BUILDER.create_revisit_record(
        response.url, digest, refers_to_uri, refers_to_date, http_headers=http_response_headers(response),
        warc_headers_dict={"WARC-Date": date, "WARC-Refers-To": refers_to})


def resource_record(response, digest, date):
    """A resource record for a page a browser rendered: the HTML it made, with no HTTP exchange behind it."""
    encoding = getattr(response, "encoding", None) or "utf-8"
    return BUILDER.create_warc_record(
        response.url, "resource", payload=io.BytesIO(response.body), length=len(response.body),
        warc_content_type=f"text/html; charset={encoding}", warc_headers_dict={"WARC-Date": date,
                                                                              "WARC-Payload-Digest": digest})


def request_record(request, date, concurrent_to):
    return BUILDER.create_warc_record(
        request.url, "request", payload=io.BytesIO(request.body), length=len(request.body),
        http_headers=http_request_headers(request),
        warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": concurrent_to})


def metadata_record(url, fields, date, concurrent_to):
    """A metadata record of warc-fields ("name: value" lines) about the capture concurrent_to."""
    block = "".join(f"{name}: {value}\r\n" for name, value in fields.items() if value is not None).encode()
    return BUILDER.create_warc_record(
        url, "metadata", payload=io.BytesIO(block), length=len(block), warc_content_type="application/warc-fields",
        warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": concurrent_to})
