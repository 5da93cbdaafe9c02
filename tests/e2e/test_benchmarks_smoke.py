"""The backfill benchmark's code runs end to end on a small site (no timing is checked)."""

from benchmarks import backfill


def test_backfill_benchmark_runs_on_a_small_site(capsys):
    results = backfill.main(["--articles", "100", "--large", "150", "--sample", "5", "--rounds", "2"])
    bare, full, large = results["bare"], results["full"], results["large"]
    assert full["items"] == 101 and large["items"] == 151  # the seed article besides the generated ones
    assert bare["items"] == 0 and bare["pages"] >= full["pages"] > 101
    assert bare["worker_rss_mb"] == 0 and full["worker_rss_mb"] > 0  # the full crawl extracts in a worker
    assert results["extraction"]["pages"] == 5
    assert [len(runs) for runs in results["rounds"].values()] == [2, 2]
    assert bare in results["rounds"]["bare"] and full in results["rounds"]["full"]
    output = capsys.readouterr().out
    for line in ("full / bare pages per second", "extraction, 5 article pages", "peak RSS, 150 vs 100 articles"):
        assert line in output
