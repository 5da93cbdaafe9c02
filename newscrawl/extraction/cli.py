"""The ``extract`` command: print the article record of a saved page as JSON.

``python -m newscrawl extract PATH [--url URL]`` reads a .html or .html.gz file.
Unreadable input exits with status 2 and a one-line message on stderr.
"""

import gzip
import io
import json
import sys
import zlib
from pathlib import Path

from w3lib.encoding import html_to_unicode

from newscrawl.extraction import extract_article

MAX_BYTES = 20 * 1024 * 1024


class InputError(Exception):
    """The file cannot be read as an HTML page."""


def add_parser(subparsers):
    """Register the ``extract`` command."""
    parser = subparsers.add_parser("extract", help="print the article record of a saved page as JSON")
    parser.add_argument("path", type=Path, help="saved page (.html or .html.gz)")
    parser.add_argument("--url", default="", help="the page's URL (for relative links and site rules)")
    return parser


def read_page(path):
    """Return the page's text; gzip is detected by content, the encoding from the bytes."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.GzipFile(fileobj=io.BytesIO(data)).read(MAX_BYTES + 1)
        except (OSError, EOFError, zlib.error) as error:
            raise InputError(f"{path} is not a valid gzip file: {error}") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{path} is larger than {MAX_BYTES // 1024 // 1024} MiB")
    return decode(data, path)


def decode(data, path):
    """Decode page bytes: valid UTF-8 first (declarations are often wrong), then the
    BOM or declared charset, then cp1252."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path} looks binary, not HTML")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = html_to_unicode(None, data, default_encoding="cp1252")[1]
    if text.strip() and "<" not in text[:4096]:
        raise InputError(f"{path} does not look like HTML")
    return text


def run(args):
    """Print the record of ``args.path`` as JSON; return the exit status."""
    try:
        html = read_page(args.path)
    except InputError as error:
        print(f"extract: error: {error}", file=sys.stderr)
        return 2
    record = extract_article(html, args.url or args.path.resolve().as_uri())
    json.dump(record, sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
    sys.stdout.write("\n")
    return 0
