"""The backfill benchmark's code runs end to end on a small site (no timing is checked)."""

from benchmarks import backfill


def test_backfill_benchmark_runs_on_a_small_site(capsys):
    results = backfill.main(["--articles", "100", "--large", "150", "--sample", "5", "--rounds", "2",
                             "--compare", "in-process:NEWSCRAWL_EXTRACT_PROCESSES=0"])
    bare, full, large = results["bare"], results["full"], results["large"]
    assert full["items"] == 101 and large["items"] == 151  # the seed article besides the generated ones
    assert bare["items"] == 0 and bare["pages"] >= full["pages"] > 101
    assert bare["worker_rss_mb"] == 0 and full["worker_rss_mb"] > 0  # the full crawl extracts in a worker
    assert results["extraction"]["pages"] == 5
    assert {kind: len(runs) for kind, runs in results["rounds"].items()} == {"bare": 2, "full": 2, "in-process": 2}
    assert bare in results["rounds"]["bare"] and full in results["rounds"]["full"]
    assert [run["items"] for run in results["rounds"]["in-process"]] == [101, 101]
    assert [run["worker_rss_mb"] for run in results["rounds"]["in-process"]] == [0, 0]  # its setting took effect
    output = capsys.readouterr().out
    for line in ("full / bare pages per second", "in-process / full pages per second", "extraction, 5 article pages",
                 "peak RSS, 150 vs 100 articles"):
        assert line in output
