"""Smoke test: the dev-set evaluation runs on a few pages and prints both extractors."""

import pytest

from benchmarks import evaluate_extraction


@pytest.mark.skipif(not evaluate_extraction.DEVSET.is_dir(),
                    reason="the extraction dev set is not beside this checkout: copy it to ../shared/extraction-devset "
                           "(pages/ and truth.jsonl), or run python -m benchmarks.evaluate_extraction --devset DIR")
def test_evaluation_runs_on_five_pages(capsys):
    assert evaluate_extraction.main(["--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("5 pages")
    assert "| newscrawl |" in out and "| trafilatura |" in out


def test_scoring_rules():
    assert evaluate_extraction.body_scores("a b c d e", "a b c d x") == (0.5, 0.5)
    assert evaluate_extraction.body_scores("", "a b c d") == (0.0, 0.0)
    assert evaluate_extraction.norm_headline("“Quote” – dash\u00ad ") == '"Quote" - dash'
    assert evaluate_extraction.authors_f1(["Jane Doe"], ["jane doe", "dpa"]) == pytest.approx(2 / 3)
    assert evaluate_extraction.date_scores("2024-10-15T16:00:00Z", "2024-10-16T00:00:00+08:00") == (1.0, 1.0)
    assert evaluate_extraction.date_scores("2024-04-24T00:00:00Z", "2024-04-24T00:00:00") == (1.0, None)
