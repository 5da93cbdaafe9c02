"""python -m testsite.demo: a crawl of the test site, its summary, its coverage line and how to browse it."""

import subprocess
import sys

from conftest import ROOT


def test_demo_ends_with_the_coverage_line_and_how_to_browse(tmp_path):
    done = subprocess.run([sys.executable, "-m", "testsite.demo", "--articles", "20", "--data-dir", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    db_url = f"sqlite:///{tmp_path / 'demo.db'}"
    # The test site lists its 21 articles and 3 broken pages, which are dropped.
    assert lines[-4] == ("coverage: the archive holds 21 of the 24 articles the site lists (87.5%); "
                         "missing 3: 3 dropped (none that another run can fix)")
    assert lines[-3].endswith(f"-m newscrawl coverage --url {db_url}")
    assert lines[-1].endswith(f"-m newscrawl browse --url {db_url}")
    # Its lock and captures are beside its outputs, not in the checkout's data/.
    assert (tmp_path / "demo.lock").exists() and list((tmp_path / "demo-warc").glob("*.warc.gz"))
