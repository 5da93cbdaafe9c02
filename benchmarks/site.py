"""The test site as benchmarks serve it: every page stays cached once rendered.

    python -m benchmarks.site --port 0 --articles N    (the arguments of python -m testsite)

The served test site keeps at most pages.MAX_CACHED rendered pages; a 20,000-article
site has more, and would render pages again during a timed crawl. Here the cache
is unbounded, and a warm-up crawl fills it before timing.
"""

import json
import os
import subprocess
import sys
import tempfile
import urllib.request

from testsite import __main__ as testsite_main
from testsite import pages
from testsite import process

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def start(articles, seed=1, timeout=120):
    """Start this module in a subprocess; (base URL, Popen) once it listens. Stop with process.stop."""
    command = [sys.executable, "-m", "benchmarks.site", "--port", "0", "--articles", str(articles), "--seed", str(seed)]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, (str(process.REPO_ROOT),
                                                                     os.environ.get("PYTHONPATH")))))
    stderr = tempfile.TemporaryFile()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, cwd=process.REPO_ROOT, env=env)
    proc.stderr_file = stderr
    try:
        return process._first_line(proc, timeout), proc
    except RuntimeError:
        process.stop(proc)
        raise


def article_count(base_url):
    """How many articles the site's manifest lists: what a full crawl must store."""
    with urllib.request.urlopen(base_url + "/__testsite__/manifest.json", timeout=60) as response:
        return len(json.load(response)["articles"])


def cpu_seconds(pid):
    """User + system CPU seconds a running process has used so far (from /proc/<pid>/stat)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


if __name__ == "__main__":
    pages.MAX_CACHED = sys.maxsize
    testsite_main.main()
