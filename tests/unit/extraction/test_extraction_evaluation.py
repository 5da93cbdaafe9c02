"""Smoke test: the dev-set evaluation runs on a few pages and prints both extractors, also by half."""

import json

import pytest

from benchmarks import evaluate_extraction, extraction_scoring, outside_cases


@pytest.mark.skipif(not evaluate_extraction.DEVSET.is_dir(),
                    reason="no extraction dev set beside this checkout: put it at shared/extraction-devset next to "
                           "the checkout (pages/, truth.jsonl), or run python -m benchmarks.evaluate_extraction --devset DIR")
def test_evaluation_runs_on_a_few_pages_and_compares_halves(capsys, tmp_path):
    saved = tmp_path / "scores.json"
    assert evaluate_extraction.main(["--limit", "6", "--save", str(saved)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("6 pages")
    assert "| newscrawl |" in out and "| trafilatura |" in out
    assert "| newscrawl, half A (" in out and "| newscrawl, half B (" in out and "| newscrawl, worse half |" in out
    assert len(json.loads(saved.read_text())) == 6
    assert evaluate_extraction.main(["--limit", "6", "--half", "A", "--compare", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "half B" not in out.split("Change against")[0]
    assert "| A | +0.000 | +0.000 |" in out


def test_publishers_split_into_halves_by_a_stable_hash():
    names = [f"Publisher{i}" for i in range(40)]
    halves = [evaluate_extraction.half_of(name) for name in names]
    assert halves == [evaluate_extraction.half_of(name) for name in names]
    assert 10 < halves.count("A") < 30
    assert halves != [evaluate_extraction.half_of(name, seed=1) for name in names]


def test_scoring_rules():
    assert extraction_scoring.body_scores("a b c d e", "a b c d x") == (0.5, 0.5)
    assert extraction_scoring.body_scores("", "a b c d") == (0.0, 0.0)
    assert extraction_scoring.norm_headline("“Quote” – dash\u00ad ") == '"Quote" - dash'
    assert extraction_scoring.authors_f1(["Jane Doe"], ["jane doe", "dpa"]) == pytest.approx(2 / 3)
    assert extraction_scoring.date_scores("2024-10-15T16:00:00Z", "2024-10-16T00:00:00+08:00") == (1.0, 1.0)
    assert extraction_scoring.date_scores("2024-04-24T00:00:00Z", "2024-04-24T00:00:00") == (1.0, None)


def test_summary_takes_body_f1_from_mean_precision_and_recall():
    pages = [{"body_p": 1.0, "body_r": 0.5, "headline": 1.0, "authors_f1": 1.0, "date": 1.0, "datetime": None},
             {"body_p": 0.5, "body_r": 0.5, "headline": 0.0, "authors_f1": 0.0, "date": 1.0, "datetime": 1.0}]
    summary = extraction_scoring.summarise(pages)
    assert summary["body_f1"] == pytest.approx(2 * 0.75 * 0.5 / 1.25)
    assert (summary["headline"], summary["datetime"]) == (0.5, 1.0)


def test_without_takes_out_the_json_ld_and_then_the_article_meta_tags():
    page = ('<head><script type="application/ld+json">{"headline": "H"}</script>'
            '<meta property="og:title" content="H"><meta name="author" content="A">'
            '<meta name="viewport" content="width=device-width"></head><body><h1>H</h1></body>')
    without_jsonld = evaluate_extraction.WITHOUT["jsonld"](page)
    assert "ld+json" not in without_jsonld and 'property="og:title"' in without_jsonld
    without_metadata = evaluate_extraction.WITHOUT["metadata"](page)
    assert "og:title" not in without_metadata and 'name="author"' not in without_metadata
    assert 'name="viewport"' in without_metadata and "<h1>H</h1>" in without_metadata


def test_outside_cases_are_read_from_the_test_files_literals_and_scored(tmp_path, capsys):
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "metadata_tests.py").write_text('''
def test_author_from_markup():
    begin, end = "<html><body>", "</body></html>"
    cases = [
        (f'{begin}<span class="author">Jenny Smith</span>{end}', "Jenny Smith"),
        (f"{begin}<p>No byline</p>{end}", "Somebody"),
    ]
    for doc, expected in cases:
        assert extract_metadata(doc).author == expected
''')
    assert outside_cases.trafilatura_cases(tmp_path) == [
        ("authors", '<html><body><span class="author">Jenny Smith</span></body></html>', "Jenny Smith"),
        ("authors", "<html><body><p>No byline</p></body></html>", "Somebody"),
    ]
    outside_cases.main(["--trafilatura", str(tmp_path)])
    out = capsys.readouterr().out
    assert "newscrawl: 1 as expected" in out and "newscrawl authors: None, expected 'Somebody'" in out
