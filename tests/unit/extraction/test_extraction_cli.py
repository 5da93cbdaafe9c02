"""The extract command on saved pages and on bad input."""

import argparse
import gzip
import json
from pathlib import Path

import pytest

from newscrawl.extraction import cli

PAGE = Path(__file__).parents[2] / "fixtures" / "extraction" / "jsonld_graph.html"


def run_cli(capsys, *argv):
    parser = argparse.ArgumentParser()
    cli.add_parser(parser.add_subparsers(dest="command"))
    status = cli.run(parser.parse_args(["extract", *map(str, argv)]))
    out, err = capsys.readouterr()
    return status, out, err


def test_html_file(capsys):
    status, out, _ = run_cli(capsys, PAGE, "--url", "https://news.example/story")
    assert status == 0
    assert json.loads(out)["headline"] == "Flood barrier opens early"


def test_gzipped_file(capsys, tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.read_bytes()))
    status, out, _ = run_cli(capsys, path)
    assert status == 0
    assert json.loads(out)["date_published"] == "2024-05-03T15:47:42Z"


def test_wrongly_declared_encoding_is_read_as_utf8(capsys, tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes('<html><head><meta charset="iso-8859-1"><title>Grüße</title></head>'
                     '<body><h1>Grüße aus Köln</h1></body></html>'.encode("utf-8"))
    status, out, _ = run_cli(capsys, path)
    assert status == 0
    assert json.loads(out)["headline"] == "Grüße aus Köln"


def test_latin1_page_is_decoded_by_its_declaration(capsys, tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes('<html><head><meta charset="iso-8859-1"></head><body><h1>Grüße</h1></body></html>'
                     .encode("latin-1"))
    status, out, _ = run_cli(capsys, path)
    assert status == 0
    assert json.loads(out)["headline"] == "Grüße"


def test_empty_file_gives_empty_record(capsys, tmp_path):
    path = tmp_path / "empty.html"
    path.write_bytes(b"")
    status, out, _ = run_cli(capsys, path, "--url", "https://news.example/x")
    record = json.loads(out)
    assert status == 0
    assert record["headline"] is None and record["url"] == "https://news.example/x"


@pytest.mark.parametrize("name, content, message", [
    ("binary.html", b"\x00\x01\x02PNG\x00" * 100, "binary"),
    ("notes.html", b"just some plain text, no markup", "does not look like HTML"),
    ("broken.html.gz", b"\x1f\x8b\x08\x00garbage", "not a valid gzip"),
])
def test_bad_input_exits_2_with_message(capsys, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    status, out, err = run_cli(capsys, path)
    assert status == 2 and out == ""
    assert message in err and "Traceback" not in err


def test_missing_file(capsys, tmp_path):
    status, _, err = run_cli(capsys, tmp_path / "nope.html")
    assert status == 2
    assert "cannot read" in err


def test_huge_file(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "MAX_BYTES", 1000)
    path = tmp_path / "huge.html.gz"
    path.write_bytes(gzip.compress(b"<html>" + b"a" * 5000))
    status, _, err = run_cli(capsys, path)
    assert status == 2
    assert "larger than" in err
