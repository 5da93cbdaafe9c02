"""Real services for the deployment tests: Redis, PostgreSQL, free ports, and article rows.

In CI (CI=true) a missing service fails the test; elsewhere it skips it.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
import contextlib
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from sqlalchemy import create_engine, make_url, select, text

from newscrawl.archive.schema import articles
from newscrawl.archive.store import Store
from newscrawl.items import ARTICLE_FIELDS

REDIS_URL = "redis://127.0.0.1:6379/13"  # a database number of its own, for tests
# The server's maintenance database; NEWSCRAWL_TEST_POSTGRES_URL points the tests at another server.
POSTGRES_URL = os.environ.get("NEWSCRAWL_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def unavailable(reason):
    """Fail in CI, skip elsewhere."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: required)")
    pytest.skip(reason)


def redis_client(url=REDIS_URL):
    """A client of the test Redis database, or fail/skip when Redis is down."""
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.RedisError as error:
        unavailable(f"Redis is not available at {url}: {error}")
    return client


def admin_engine():
    """An autocommit engine on the server's maintenance database."""
    return create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})


@contextmanager
def postgres_database(migrate=True):
    """A new PostgreSQL database, with the newest schema unless not migrate; dropped afterwards."""
    name = f"newscrawl_test_{uuid.uuid4().hex[:12]}"
    admin = admin_engine()
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # any driver error: the server is not there
        admin.dispose()
        unavailable(f"PostgreSQL is not available at {make_url(POSTGRES_URL).render_as_string()}: {error}")
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    if migrate:
        # Workers started together would race to create the schema of an empty database.
        store = Store(url)
        store.check_schema(create_empty=True)
        store.close()
    try:
        yield url
    finally:
        with admin.connect() as connection:
            # A test may have closed it to new connections (dbfixtures.database_outage).
            connection.execute(text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true'))
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def article_rows(db_url):
    """{url: {article field: value}} of every stored article."""
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(articles)).mappings().all()
    finally:
        engine.dispose()
    return {row["url"]: {field: row[field] for field in ARTICLE_FIELDS} for row in rows}


def wait_port(port, timeout=30):
    """Wait until something accepts TCP connections on 127.0.0.1:port."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s") from None
            time.sleep(0.1)


def postgres_bindir():
    """The bin directory of the newest PostgreSQL server that Debian's postgresql package installed."""
    found = [Path(path).parent for path in glob.glob("/usr/lib/postgresql/*/bin/initdb")]
    found = [path for path in found if os.access(path / "pg_ctl", os.X_OK)]
    if not found:
        unavailable("initdb/pg_ctl not found under /usr/lib/postgresql/*/bin: apt-get install postgresql")

    def version(bindir):
        return tuple(int(part) if part.isdigit() else 0 for part in bindir.parent.name.split("."))

    return max(found, key=version)


class ThrowawayCluster:
    """A PostgreSQL cluster of its own in a temporary directory, on a free port, to stop and start at will.

    Trust authentication, TCP on 127.0.0.1 only, its unix socket in the directory.
    initdb refuses to run as root, so as root the cluster belongs to the postgres user.
    """

    def __init__(self):
        self.bindir = postgres_bindir()
        self.as_user = []
        if os.geteuid() == 0:
            if not shutil.which("runuser"):
                unavailable("running as root, but runuser (util-linux) is missing to run initdb as postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.directory = Path(tempfile.mkdtemp(prefix="newscrawl-pg-"))
        if self.as_user:
            shutil.chown(self.directory, "postgres", "postgres")
        self.data = self.directory / "data"
        self.port = free_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, program, *args):
        command = [*self.as_user, str(self.bindir / program), *map(str, args)]
        done = subprocess.run(command, cwd=self.directory, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.directory / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(command)} exited with {done.returncode}:\n{done.stdout}{done.stderr}{tail}")

    def init(self):
        """Create the cluster (no fsync: a test's data need not survive a power cut)."""
        self._run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync")

    def start(self, timeout=30):
        """Start the server and wait until it takes connections."""
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "start", "-D", self.data, "-l", self.directory / "server.log",
                  "-w", "-t", timeout, "-o", options)
        wait_port(self.port, timeout)

    def stop(self, mode="fast"):
        """Stop the server: fast ends the open sessions, as a restart by an administrator does."""
        self._run("pg_ctl", "stop", "-D", self.data, "-m", mode, "-w")

    def running(self):
        return (self.data / "postmaster.pid").exists()

    def create_database(self, name):
        """Create an empty database; return its URL."""
        admin = create_engine(self.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        return self.url.rsplit("/", 1)[0] + "/" + name

    def remove(self):
        """Stop the server if it runs, and delete the directory."""
        try:
            if self.running():
                self.stop("immediate")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)


@contextmanager
def throwaway_postgres():
    """A started ThrowawayCluster, removed afterwards whatever happens."""
    cluster = ThrowawayCluster()
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        cluster.remove()


class FreezingProxy:
    """A TCP proxy from a free port to 127.0.0.1:target_port that forwards until frozen; frozen, it keeps every
    connection open and forwards nothing, as a frozen server does whose host still acknowledges what it is sent."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.frozen, self.closed = threading.Event(), threading.Event()
        self.sockets = [self.listener]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        """Connect each client to the target, one thread each way."""
        while True:
            try:
                client, _ = self.listener.accept()
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                return  # closed
            self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._forward, args=(source, sink), daemon=True).start()

    def _forward(self, source, sink):
        """Copy source to sink until either closes; once frozen, hold what comes until the proxy closes."""
        try:
            while data := source.recv(65536):
                if self.frozen.is_set():
                    self.closed.wait()
                    return
                sink.sendall(data)
        except OSError:
            pass  # closed

    def freeze(self):
        self.frozen.set()

    def close(self):
        """Close every connection: the server's sessions end, and the locks they held are released."""
        self.closed.set()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()


@contextmanager
def freezing_proxy(target_port):
    """A FreezingProxy to 127.0.0.1:target_port, closed afterwards."""
    proxy = FreezingProxy(target_port)
    try:
        yield proxy
    finally:
        proxy.close()
