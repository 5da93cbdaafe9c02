"""One extraction worker process: its loop, and the crawl's end of its socket (newscrawl/workers.py runs them).

Each message on the socket is its length (8 bytes, big-endian), then a pickle. The crawl's end
is an asyncio stream: the event loop buffers what it writes and never blocks on it, whatever
the page's size. (Blocking writes on both ends deadlocked on pages larger than the socket's
buffer: the crawl waited to write a page while the worker waited to write a result.)
"""

import asyncio
import importlib
import pickle
import signal
import socket
import struct
import time
from collections import deque

from newscrawl.extensions import peak_rss_mb

HEADER = struct.Struct("!Q")  # each message: its length in bytes, then a pickle
UNPICKLABLE = (pickle.PicklingError, TypeError, AttributeError)


def serve(connection, warm_module):
    """A worker: imports warm_module and says it is ready, then until the socket closes: (function, args) in;
    out (True, result) or (False, exception), and its peak memory so far. Its reads and writes block: only it waits."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the crawl, which then closes this socket
    if warm_module:
        importlib.import_module(warm_module)
    # Replies go out with sendall, unbuffered: a buffered file would flush again on closing and raise
    # BrokenPipeError (a traceback in the crawl's log) when the crawl has closed its end first.
    with connection, connection.makefile("rb") as incoming:
        reply = (True, "ready")
        while True:
            try:
                data = pickle.dumps((*reply, peak_rss_mb()))
            except UNPICKLABLE as error:
                data = pickle.dumps((False, RuntimeError(f"unpicklable result or error: {error!r}"), peak_rss_mb()))
            try:
                connection.sendall(HEADER.pack(len(data)) + data)
                header = incoming.read(HEADER.size)
            except ConnectionError:  # the crawl closed its end
                return
            if not header:
                return
            function, args = pickle.loads(incoming.read(HEADER.unpack(header)[0]))
            try:
                reply = (True, function(*args))
            except Exception as error:  # the crawl's process raises it in the callback, as if it ran there
                reply = (False, error)


class Worker:
    """One worker process, the crawl's end of its socket, and the jobs it holds, oldest first."""

    def __init__(self, context, warm_module):
        self.socket, child = socket.socketpair()
        self.process = context.Process(target=serve, args=(child, warm_module), name="newscrawl-worker", daemon=True)
        try:
            self.process.start()
        except OSError:
            self.socket.close()
            raise
        finally:
            child.close()
        self.reader = self.writer = None  # asyncio streams, once connected
        self.sent = deque()  # futures of the jobs in the socket or running, in order
        self.clock = None  # the timeout of the job at the head of sent, which the worker runs now
        self.timed_out = None  # the future of the job it was killed for

    async def connect(self):
        # A limit of 1 MiB: the stream pauses reading at twice that, then resumes as replies are read.
        self.reader, self.writer = await asyncio.open_unix_connection(sock=self.socket, limit=2**20)

    def send(self, function, args, future):
        data = pickle.dumps((function, args))
        self.writer.write(HEADER.pack(len(data)) + data)  # kept by the transport until the socket takes it
        self.sent.append(future)

    async def receive(self):
        """The next reply, as (ok, value, peak RSS); IncompleteReadError once the worker is gone."""
        size, = HEADER.unpack(await self.reader.readexactly(HEADER.size))
        data = await self.reader.readexactly(size)
        try:
            return pickle.loads(data)
        except Exception as error:  # a result or an error this process cannot rebuild: the page is done here
            return False, RuntimeError(f"unreadable reply from the worker: {error!r}"), 0.0

    async def end(self, grace=0.0):
        """Close the socket (the worker then returns); kill the process if it still runs after grace seconds."""
        if self.writer is not None:
            self.writer.close()
        else:
            self.socket.close()
        deadline = time.monotonic() + grace
        while self.process.is_alive():  # is_alive() reaps the process without waiting
            if time.monotonic() >= deadline:
                self.process.kill()
            await asyncio.sleep(0.02)
