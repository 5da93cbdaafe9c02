"""`python -m newscrawl db|export`: what they say, and one line and a non-zero exit for each error."""

import subprocess
import sys

from conftest import ROOT
from services import free_port


def newscrawl(*argv, cwd=ROOT):
    """Run `python -m newscrawl argv...`; the finished process."""
    return subprocess.run([sys.executable, "-m", "newscrawl", *argv], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def assert_one_line_error(done, *words):
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("newscrawl")]
    assert len(errors) == 1 and all(word in errors[0] for word in words), done.stderr


def test_db_current_on_an_empty_database_says_so(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    done = newscrawl("db", "--url", url, "current")
    assert done.returncode == 0, done.stderr
    assert "no schema yet" in done.stdout and "db upgrade" in done.stdout
    assert newscrawl("db", "--url", url, "upgrade").returncode == 0
    assert "(head)" in newscrawl("db", "--url", url, "current").stdout


def test_downgrade_to_an_unknown_revision(tmp_path):
    url = f"sqlite:///{tmp_path / 'newscrawl.db'}"
    assert newscrawl("db", "--url", url, "upgrade").returncode == 0
    assert_one_line_error(newscrawl("db", "--url", url, "downgrade", "nonesuch"), "nonesuch")


def test_an_unreachable_database(tmp_path):
    url = f"postgresql+psycopg://newscrawl:secret@127.0.0.1:{free_port()}/newscrawl"
    for argv in (["db", "--url", url, "upgrade"], ["export", "--url", url, "--since", "2025-01-01", "-o",
                                                     str(tmp_path / "out.jsonl")]):
        done = newscrawl(*argv)
        assert_one_line_error(done, "127.0.0.1")
        assert "secret" not in done.stderr


def test_export_to_a_missing_folder(tmp_path):
    url = f"sqlite:///{tmp_path / 'newscrawl.db'}"
    assert newscrawl("db", "--url", url, "upgrade").returncode == 0
    output = tmp_path / "missing" / "out.jsonl"
    assert_one_line_error(newscrawl("export", "--url", url, "--since", "2025-01-01", "-o", str(output)), str(output))
