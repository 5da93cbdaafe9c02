"""Article pages parsed and extracted in a worker process, so that the crawl's own process only crawls.

Parsing an article page, its page object and the item loader cost about as much CPU as
Scrapy's own handling of the page. In the crawl's process that work halts downloads and
pipelines while it runs; in a worker it runs on another core (benchmarks/backfill.py).

``NEWSCRAWL_EXTRACT_PROCESSES`` workers (default 1; 0: everything in the crawl's process).
The spider marks the requests whose responses need work (``meta[WORK]``) and says what to run
(``spider.work_for(request, response)``); ``WorkerMiddleware`` runs it before the callback, whose
response then carries the result in ``meta[RESULT]``. Waiting there, a page keeps its place
among CONCURRENT_REQUESTS, so pages cannot pile up in memory behind a slow worker.

Why a middleware, and no async callback: Scrapy starts CONCURRENT_ITEMS (100) tasks for a
callback's output before reading it, and hundreds of pages waiting in callbacks kept tens of
thousands of tasks alive.
The crawl talks to each worker over a socket pair through asyncio streams: its writes are
buffered by the event loop and never block it, whatever the page's size. (A blocking pipe
deadlocked on pages larger than the socket's buffer: the crawl waited to write a page while
the worker waited to write a result.) A worker that dies, or gives no answer within
``NEWSCRAWL_EXTRACT_TIMEOUT`` seconds (then it is killed), loses nothing: the pages it held are
worked on in the crawl's process (counted in ``newscrawl/workers/failed/<error>``, logged with
their URLs), and a new worker takes the next pages. A page that raises in the worker is worked
on again in the callback, which fails as it would without workers.
"""

import asyncio
import concurrent.futures
import importlib
import logging
import multiprocessing
import pickle
import signal
import socket
import struct
import time
from collections import deque

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl.extensions import peak_rss_mb

logger = logging.getLogger(__name__)

WORK = "newscrawl_work"  # request meta: the response goes through spider.work_for first
RESULT = "newscrawl_work_result"  # response meta: what spider.work_for's function returned
IN_FLIGHT = 2  # jobs sent to one worker at a time: the next one waits in its socket, never more
HEADER = struct.Struct("!Q")  # each message: its length in bytes, then a pickle
UNPICKLABLE = (pickle.PicklingError, TypeError, AttributeError)


def warm(module):
    """Import a module in the worker before its first page needs it."""
    importlib.import_module(module)


def serve(connection, warm_module):
    """A worker: imports warm_module and says it is ready, then until the socket closes: (function, args) in;
    out (True, result) or (False, exception), and its peak memory so far. Its reads and writes block: only it waits."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the crawl, which then closes this socket
    if warm_module:
        importlib.import_module(warm_module)
    with connection, connection.makefile("rb") as incoming, connection.makefile("wb") as outgoing:
        reply = (True, "ready")
        while True:
            try:
                data = pickle.dumps((*reply, peak_rss_mb()))
            except UNPICKLABLE as error:
                data = pickle.dumps((False, RuntimeError(f"unpicklable result or error: {error!r}"), peak_rss_mb()))
            try:
                outgoing.write(HEADER.pack(len(data)) + data)
                outgoing.flush()
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


class WorkerLost(Exception):
    """The worker process died holding this job."""


class WorkerTimeout(WorkerLost):
    """The worker gave no answer to this job in time, and was killed."""


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
        return pickle.loads(await self.reader.readexactly(size))

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


class WorkerPool:
    """Runs picklable functions in worker processes, in the order they came, at most IN_FLIGHT per worker.

    Its methods run in the event loop's thread; ``stats`` counts restarts, timeouts and the workers' peak memory.
    """

    def __init__(self, processes, stats, warm_module=None, max_restarts=10, timeout=300):
        self.processes = processes
        self.stats = stats
        self.restarts_left = max_restarts  # then the rest of the crawl works in its own process
        self.warm_module = warm_module  # imported by each new worker before its first job
        self.timeout = timeout  # seconds a job may run before its worker is killed
        self.context = multiprocessing.get_context("spawn")  # a fork would copy the reactor and connections
        self.workers = []  # ready for jobs
        self.starting = set()  # not ready yet: jobs wait for them
        self.tasks = set()  # one per worker: attend()
        self.waiting = deque()  # (function, args, future) not yet sent
        self.closing = False

    def start(self):
        for _ in range(self.processes):
            self.add_worker()
        self.stats.set_value("newscrawl/workers/processes", len(self.starting))

    def add_worker(self):
        try:
            worker = Worker(self.context, self.warm_module)
        except OSError as error:  # run() then works in the crawl's process
            logger.error("Could not start a worker process: %s", error)
            return
        self.starting.add(worker)
        task = asyncio.get_running_loop().create_task(self.attend(worker))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def run(self, function, *args):
        """function(*args) in a worker; raises WorkerLost if the worker died first, or there is none,
        and WorkerTimeout if it ran longer than the timeout."""
        if not self.workers and not self.starting:
            raise WorkerLost("no worker process is running")
        future = asyncio.get_running_loop().create_future()
        self.waiting.append((function, args, future))
        self.dispatch()
        return await future

    def dispatch(self):
        for worker in self.workers:
            while self.waiting and len(worker.sent) < IN_FLIGHT and worker.timed_out is None:
                function, args, future = self.waiting.popleft()
                if not future.cancelled():
                    self.send(worker, function, args, future)

    def send(self, worker, function, args, future):
        try:
            worker.send(function, args, future)
        except UNPICKLABLE as error:
            future.set_exception(error)
            return
        if len(worker.sent) == 1:
            self.start_clock(worker)

    def start_clock(self, worker):
        """Time the job at the head of the worker's queue: the one it runs now."""
        if worker.clock is not None:
            worker.clock.cancel()
        worker.clock = asyncio.get_running_loop().call_later(self.timeout, self.stuck, worker) if worker.sent else None

    def stuck(self, worker):
        worker.timed_out = worker.sent[0]
        self.stats.inc_value("newscrawl/workers/timed_out")
        logger.error("A worker process gave no answer within %g s (NEWSCRAWL_EXTRACT_TIMEOUT); killing it",
                     self.timeout)
        worker.process.kill()  # its reader then sees the socket close, and replaces it

    async def attend(self, worker):
        """Once the worker is ready, give it jobs and each reply to its job's future until its socket closes;
        then replace it. Starting and importing is not timed."""
        try:
            await worker.connect()
            await worker.receive()  # ready
            self.starting.discard(worker)
            self.workers.append(worker)
            self.dispatch()
            while True:
                ok, value, peak_rss = await worker.receive()
                self.stats.max_value("newscrawl/workers/peak_rss_mb", round(peak_rss, 1))
                future = worker.sent.popleft()
                self.start_clock(worker)
                if not future.cancelled():
                    future.set_result(value) if ok else future.set_exception(value)
                self.dispatch()
        except (asyncio.IncompleteReadError, OSError):
            if not self.closing:
                await self.replace(worker)

    async def replace(self, worker):
        """The worker died or was killed: fail its jobs and start another in its place."""
        self.starting.discard(worker)
        if worker in self.workers:
            self.workers.remove(worker)
        if worker.clock is not None:
            worker.clock.cancel()
        await worker.end()
        status = worker.process.exitcode
        lost = WorkerLost(f"the worker process exited with status {status}")
        for future in worker.sent:
            if not future.done():
                timed_out = future is worker.timed_out
                future.set_exception(WorkerTimeout(f"no answer within {self.timeout:g} s") if timed_out else lost)
        if self.restarts_left:
            self.restarts_left -= 1
            self.stats.inc_value("newscrawl/workers/restarted")
            logger.warning("A worker process exited with status %s; starting another", status)
            self.add_worker()
        else:
            logger.error("A worker process exited with status %s, and no more restarts are left: the crawl "
                         "works on its pages in its own process", status)
        if not self.workers and not self.starting:  # nothing will take the waiting jobs
            for *_, future in self.waiting:
                if not future.done():
                    future.set_exception(lost)
            self.waiting.clear()
        self.dispatch()

    async def close(self):
        self.closing = True
        workers, self.workers = self.workers + list(self.starting), []
        await asyncio.gather(*(worker.end(grace=10) for worker in workers))


def prepare(module):
    """An executor worker's start: Ctrl-C is for the crawl; import the spider's module."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if module:
        warm(module)


def call(function, args):
    """function(*args) in an executor worker, and the worker's peak memory so far."""
    return function(*args), peak_rss_mb()


def executor_for(processes, warm_module):
    executor = concurrent.futures.ProcessPoolExecutor(
        processes, mp_context=multiprocessing.get_context("spawn"), initializer=prepare, initargs=(warm_module,))
    for _ in range(processes):
        executor.submit(int)  # start the workers now
    return executor


class ExecutorPool:
    """The same as WorkerPool, on concurrent.futures' ProcessPoolExecutor (its threads carry the jobs)."""

    def __init__(self, processes, stats, warm_module=None, max_restarts=10, timeout=300):
        self.processes = processes
        self.stats = stats
        self.restarts_left = max_restarts
        self.warm_module = warm_module
        self.timeout = timeout
        self.executor = None

    def start(self):
        self.executor = self.new_executor()
        self.stats.set_value("newscrawl/workers/processes", self.processes)

    def new_executor(self):
        return executor_for(self.processes, self.warm_module)

    async def run(self, function, *args):
        executor = self.executor
        if executor is None:
            raise WorkerLost("no worker process is running")
        try:
            future = asyncio.wrap_future(executor.submit(call, function, args))
            value, peak_rss = await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            self.stats.inc_value("newscrawl/workers/timed_out")
            logger.error("A worker process gave no answer within %g s (NEWSCRAWL_EXTRACT_TIMEOUT); killing it",
                         self.timeout)
            self.replace(executor)
            raise WorkerTimeout(f"no answer within {self.timeout:g} s") from None
        except concurrent.futures.BrokenExecutor as error:
            self.replace(executor)
            raise WorkerLost(f"the worker process exited: {error}") from None
        self.stats.max_value("newscrawl/workers/peak_rss_mb", round(peak_rss, 1))
        return value

    def replace(self, executor):
        if executor is not self.executor:
            return  # replaced already
        for process in list(executor._processes.values()):
            process.kill()
        executor.shutdown(wait=False, cancel_futures=True)
        self.executor = None
        if self.restarts_left:
            self.restarts_left -= 1
            self.stats.inc_value("newscrawl/workers/restarted")
            logger.warning("A worker process exited; starting another")
            self.executor = self.new_executor()

    async def close(self):
        if self.executor is not None:
            self.executor.shutdown(wait=False)


POOLS = {"streams": WorkerPool, "executor": ExecutorPool, "callback": None}


class WorkerMiddleware:
    """Downloader middleware: runs ``spider.work_for(request, response)`` in the worker pool before the callback."""

    def __init__(self, crawler):
        processes = crawler.settings.getint("NEWSCRAWL_EXTRACT_PROCESSES")
        if processes < 1:
            raise NotConfigured("NEWSCRAWL_EXTRACT_PROCESSES is 0: pages are worked on in the crawl's process")
        self.crawler = crawler
        self.processes = processes
        self.timeout = crawler.settings.getfloat("NEWSCRAWL_EXTRACT_TIMEOUT")
        self.pool_class = POOLS[crawler.settings.get("NEWSCRAWL_EXTRACT_POOL")]
        if self.pool_class is None:
            raise NotConfigured("the spider's callback awaits the executor")
        self.pool = None
        crawler.signals.connect(self.start, signal=signals.engine_started)
        crawler.signals.connect(self.close, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def start(self):
        self.pool = self.pool_class(self.processes, self.crawler.stats, type(self.crawler.spider).__module__,
                                    timeout=self.timeout)
        self.pool.start()

    async def close(self):
        if self.pool is not None:
            await self.pool.close()

    async def process_response(self, request, response):
        work = request.meta.get(WORK) and self.crawler.spider.work_for(request, response)
        if work:
            function, args = work
            try:
                request.meta[RESULT] = await self.pool.run(function, *args)
            except Exception as error:
                # The callback works on the page itself when meta holds no result: a page the worker
                # failed on fails in the callback as it would without workers, with its URL logged.
                self.crawler.stats.inc_value(f"newscrawl/workers/failed/{type(error).__name__}")
                logger.warning("%s: %r in the worker; worked on in the crawl's process instead", response.url, error)
        return response
