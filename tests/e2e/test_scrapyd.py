"""Scrapyd: started as deploy/ says, deploy the project egg with scrapyd-deploy, schedule a crawl of the test site."""

import base64
import configparser
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

import pytest
from sqlalchemy import create_engine, select

from conftest import ROOT, fetch_json, read_jsonl
from newscrawl.archive import schema
from testsite.demo import LOCAL_SITE_SETTINGS
from testsite import process as testsite_process
from services import article_rows, free_port, unavailable

USERNAME, PASSWORD = "newscrawl-test", "not-a-secret"
START = ROOT / "deploy" / "start_scrapyd.py"  # how deploy/systemd/scrapyd.service starts Scrapyd


def call(base, endpoint, data=None, auth=True):
    """GET (or POST data, a list of pairs) a Scrapyd endpoint; the decoded JSON answer."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(base + endpoint, data=body)
    if auth:
        token = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def write_config(directory, port, credentials=True):
    """deploy/scrapyd.conf with a test port, the test credentials (else the shipped placeholders)
    and directories under `directory`."""
    config = configparser.ConfigParser()
    config.read(ROOT / "deploy" / "scrapyd.conf")
    section = config["scrapyd"]
    section.update(http_port=str(port), poll_interval="0.5")
    if credentials:
        section.update(username=USERNAME, password=PASSWORD)
    for name in ("eggs_dir", "logs_dir", "items_dir", "dbs_dir"):
        section[name] = str(directory / name.removesuffix("_dir"))
    with (directory / "scrapyd.conf").open("w") as file:
        config.write(file)


def crawl_runs(db_url):
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return connection.execute(select(schema.crawl_runs)).mappings().all()
    finally:
        engine.dispose()


def wait_until_up(base, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Scrapyd exited with code {process.returncode}")
        try:
            return call(base, "daemonstatus.json")
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    pytest.fail(f"Scrapyd did not answer within {timeout} s")


def scrapyd_env(**extra):
    """This environment without Scrapyd's and newscrawl's variables, plus extra."""
    return {**{k: v for k, v in os.environ.items() if not k.startswith(("SCRAPYD_", "NEWSCRAWL_"))}, **extra}


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory):
    """A real Scrapyd on a free port of 127.0.0.1, basic auth on, everything in a temp dir."""
    if shutil.which("scrapyd-deploy", path=os.path.dirname(sys.executable)) is None:
        unavailable("scrapyd-deploy is not installed next to this Python")
    directory = tmp_path_factory.mktemp("scrapyd")
    port = free_port()
    write_config(directory, port)
    log = (directory / "scrapyd.log").open("w")
    # Scrapyd reads ./scrapyd.conf: its working directory is the temp dir.
    process = subprocess.Popen([sys.executable, START], cwd=directory, env=scrapyd_env(), stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(base, process)
        yield base, directory
    finally:
        process.terminate()
        process.wait(30)
        log.close()


def deploy(base):
    """scrapyd-deploy production, with the target's URL and credentials from the environment."""
    env = dict(os.environ, SCRAPYD_URL=base, SCRAPYD_USERNAME=USERNAME, SCRAPYD_PASSWORD=PASSWORD)
    deployer = os.path.join(os.path.dirname(sys.executable), "scrapyd-deploy")
    return subprocess.run([deployer, "production"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def wait_for_job(base, job, timeout=300):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        jobs = call(base, "listjobs.json?project=newscrawl")
        if any(entry["id"] == job for entry in jobs["finished"]):
            return
        time.sleep(0.5)
    pytest.fail(f"job {job} did not finish within {timeout} s: {jobs}")


@pytest.fixture(scope="module")
def scheduled_crawl(scrapyd, tmp_path_factory):
    """Deploy, then schedule kyivindependent on a 60-article test site, as cron would."""
    base, directory = scrapyd
    deployed = deploy(base)
    assert deployed.returncode == 0, deployed.stderr + deployed.stdout
    work = tmp_path_factory.mktemp("job")
    db_url = f"sqlite:///{work / 'archive.db'}"
    site_url, server = testsite_process.start(articles=60)
    try:
        settings = {**LOCAL_SITE_SETTINGS, "NEWSCRAWL_DATABASE_URL": db_url,
                    "NEWSCRAWL_STATS_FILE": str(work / "stats.json"), "NEWSCRAWL_JSONL_PATH": str(work / "articles.jsonl")}
        data = [("project", "newscrawl"), ("spider", "kyivindependent"),
                ("base_url", site_url), ("mode", "update"), ("max_pages", "50")]
        data += [("setting", f"{name}={value}") for name, value in settings.items()]
        job = call(base, "schedule.json", data)["jobid"]
        wait_for_job(base, job)
        manifest = fetch_json(site_url + "/__testsite__/manifest.json")
    finally:
        testsite_process.stop(server)
    log = next((directory / "logs").rglob(f"{job}.log")).read_text()
    stats = json.loads((work / "stats.json").read_text()) if (work / "stats.json").exists() else {}
    return {"deployed": deployed, "manifest": manifest, "log": log, "stats": stats,
            "rows": article_rows(db_url), "runs": crawl_runs(db_url), "items": read_jsonl(work / "articles.jsonl")}


def test_scrapyd_will_not_start_with_the_shipped_placeholder_credentials(tmp_path):
    port = free_port()
    write_config(tmp_path, port, credentials=False)
    done = subprocess.run([sys.executable, START], cwd=tmp_path, env=scrapyd_env(), capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 78
    assert done.stderr.count("\n") == 1 and "username and password are still placeholders (CHANGE-ME" in done.stderr
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_real_credentials_in_the_environment_override_the_placeholders():
    spec = importlib.util.spec_from_file_location("start_scrapyd", START)
    start = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(start)
    shipped = configparser.ConfigParser()
    shipped.read(ROOT / "deploy" / "scrapyd.conf")
    config = dict(shipped["scrapyd"])
    assert start.placeholders(config, {}) == ["username", "password"]
    assert start.placeholders(config, {"SCRAPYD_PASSWORD": "s3cret"}) == ["username"]
    assert start.placeholders(config, {"SCRAPYD_USERNAME": "crawler", "SCRAPYD_PASSWORD": "s3cret"}) == []


def test_requests_without_credentials_are_refused(scrapyd):
    base, _ = scrapyd
    with pytest.raises(urllib.error.HTTPError) as refused:
        call(base, "daemonstatus.json", auth=False)
    assert refused.value.code == 401


def test_the_egg_is_deployed_with_the_spider(scrapyd, scheduled_crawl):
    base, _ = scrapyd
    assert "newscrawl" in call(base, "listprojects.json")["projects"]
    assert call(base, "listspiders.json?project=newscrawl")["spiders"] == ["kyivindependent"]


def test_the_job_ran_from_the_egg_and_finished(scheduled_crawl):
    log, stats = scheduled_crawl["log"], scheduled_crawl["stats"]
    # Enabled only when the code runs from a zipped egg, as under Scrapyd.
    assert "newscrawl.egg.UnzippedMigrations" in log
    assert stats.get("finish_reason") == "finished", log[-3000:]
    assert stats.get("item_scraped_count", 0) > 0


def test_spider_arguments_arrive_as_strings_and_apply(scheduled_crawl):
    assert [(run["spider"], run["mode"]) for run in scheduled_crawl["runs"]] == [("kyivindependent", "update")]


def test_every_article_is_stored_exactly_once(scheduled_crawl):
    expected = {article["url"]: article["expected"] for article in scheduled_crawl["manifest"]["articles"]}
    rows = scheduled_crawl["rows"]
    assert set(rows) == set(expected)
    assert [url for url, n in Counter(item["url"] for item in scheduled_crawl["items"]).items() if n > 1] == []
    mismatches = [(url, field) for url, row in rows.items() for field, value in expected[url].items()
                  if field in row and row[field] != value]
    assert mismatches == []
