"""Run the test site in a subprocess, for tests: ``base, proc = start(); ...; stop(proc)``."""

import json
import os
import selectors
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def start(articles=300, seed=1, extra_args=(), timeout=60):
    """Start ``python -m testsite --port 0``; return (base URL, Popen) once it listens."""
    command = [sys.executable, "-m", "testsite", "--port", "0",
               "--articles", str(articles), "--seed", str(seed), *extra_args]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, (str(REPO_ROOT), os.environ.get("PYTHONPATH")))))
    stderr = tempfile.TemporaryFile()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, cwd=REPO_ROOT, env=env)
    proc.stderr_file = stderr
    try:
        line = _first_line(proc, timeout)
    except RuntimeError:
        stop(proc)
        raise
    return line, proc


def _first_line(proc, timeout):
    """The first stdout line, or RuntimeError (with the server's stderr) if it dies or times out."""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if selector.select(timeout=0.1):
                line = proc.stdout.readline().decode().strip()
                if line.startswith("http"):
                    return line
                break
            if proc.poll() is not None:
                break
    proc.stderr_file.seek(0)
    error = proc.stderr_file.read().decode(errors="replace")[-3000:]
    state = f"exited with code {proc.poll()}" if proc.poll() is not None else f"did not start within {timeout} s"
    raise RuntimeError(f"test site {state}:\n{error}")


def stop(proc, timeout=10):
    """Stop the server (SIGTERM, then SIGKILL after ``timeout`` seconds) and close its pipes."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    proc.stdout.close()
    proc.stderr_file.close()


def control(url, timeout=60):
    """POST to a control endpoint (/__testsite__/publish, /edit, /faults) and return its JSON answer."""
    request = urllib.request.Request(url, method="POST", data=b"")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)
