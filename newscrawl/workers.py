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
The crawl talks to each worker over a pipe watched by the event loop: no threads. (A first
version, an async callback awaiting concurrent.futures' ProcessPoolExecutor, which passes every
job through two threads of the crawl's process, was slower than no worker at all.) A worker
that dies loses nothing: the pages it held are worked on in the crawl's process (counted in
``newscrawl/workers/failed/WorkerLost``, logged with their URLs), and a new worker takes the next
pages. A page that raises in the worker is worked on again in the callback, which fails as it
would without workers.
"""

import asyncio
import importlib
import logging
import multiprocessing
import pickle
import signal
from collections import deque

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl.extensions import peak_rss_mb

logger = logging.getLogger(__name__)

WORK = "newscrawl_work"  # request meta: the response goes through spider.work_for first
RESULT = "newscrawl_work_result"  # response meta: what spider.work_for's function returned
IN_FLIGHT = 2  # jobs sent to one worker at a time: the next one waits in its pipe, never more


def warm(module):
    """Import a module in the worker before its first page needs it."""
    importlib.import_module(module)


def serve(connection):
    """A worker's loop until the pipe closes: (function, args) in; out (True, result) or (False, exception),
    and the worker's peak memory so far."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the crawl, which then closes this pipe
    while True:
        try:
            function, args = connection.recv()
        except EOFError:
            return
        try:
            reply = (True, function(*args))
        except Exception as error:  # the crawl's process raises it in the callback, as if it ran there
            reply = (False, error)
        try:
            connection.send((*reply, peak_rss_mb()))
        except (pickle.PicklingError, TypeError, AttributeError) as error:
            connection.send((False, RuntimeError(f"unpicklable result or error: {error!r}"), peak_rss_mb()))


class WorkerLost(Exception):
    """The worker process died holding this job."""


class Worker:
    """One worker process and the jobs it holds, oldest first."""

    def __init__(self, context, on_reply):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=serve, args=(child,), name="newscrawl-worker", daemon=True)
        self.process.start()
        child.close()
        self.sent = deque()  # futures of the jobs in the pipe or running, in order
        asyncio.get_running_loop().add_reader(self.connection.fileno(), on_reply, self)

    def send(self, function, args, future):
        self.connection.send((function, args))
        self.sent.append(future)

    def stop(self):
        asyncio.get_running_loop().remove_reader(self.connection.fileno())
        self.connection.close()  # the worker reads EOF and returns
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


class WorkerPool:
    """Runs picklable functions in worker processes, in the order they came, at most IN_FLIGHT per worker.

    Its methods run in the event loop's thread; ``stats`` counts restarts and the workers' peak memory.
    """

    def __init__(self, processes, stats, warm_module=None, max_restarts=10):
        self.processes = processes
        self.stats = stats
        self.restarts_left = max_restarts  # then the rest of the crawl works in its own process
        self.warm_module = warm_module  # imported by each new worker before its first job
        self.context = multiprocessing.get_context("spawn")  # a fork would copy the reactor and connections
        self.workers = []
        self.waiting = deque()  # (function, args, future) not yet sent

    def start(self):
        for _ in range(self.processes):
            self.add_worker()
        self.stats.set_value("newscrawl/workers/processes", len(self.workers))

    def add_worker(self):
        try:
            worker = Worker(self.context, self.on_reply)
        except OSError as error:  # run() then works in the crawl's process
            logger.error("Could not start a worker process: %s", error)
            return
        self.workers.append(worker)
        if self.warm_module:
            warmed = asyncio.get_running_loop().create_future()
            # Nobody awaits it: a lost worker is reported where it is replaced.
            warmed.add_done_callback(lambda future: future.exception())
            worker.send(warm, (self.warm_module,), warmed)

    async def run(self, function, *args):
        """function(*args) in a worker; raises WorkerLost if the worker died first, or there is none."""
        if not self.workers:
            raise WorkerLost("no worker process is running")
        future = asyncio.get_running_loop().create_future()
        self.waiting.append((function, args, future))
        self.dispatch()
        return await future

    def dispatch(self):
        for worker in self.workers:
            while self.waiting and len(worker.sent) < IN_FLIGHT:
                function, args, future = self.waiting.popleft()
                if future.cancelled():
                    continue
                try:
                    worker.send(function, args, future)
                except (pickle.PicklingError, TypeError, AttributeError, OSError) as error:
                    future.set_exception(error)  # unpicklable, or the worker just died: its reader hears of it

    def on_reply(self, worker):
        try:
            ok, value, peak_rss = worker.connection.recv()
        except (EOFError, OSError):
            return self.replace(worker)
        self.stats.max_value("newscrawl/workers/peak_rss_mb", round(peak_rss, 1))
        future = worker.sent.popleft()
        if not future.cancelled():
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        self.dispatch()

    def replace(self, worker):
        """The worker died: fail its jobs with WorkerLost and start another in its place."""
        worker.stop()
        self.workers.remove(worker)
        lost = WorkerLost(f"the worker process exited with status {worker.process.exitcode}")
        for future in worker.sent:
            if not future.done():
                future.set_exception(lost)
        if self.restarts_left:
            self.restarts_left -= 1
            self.stats.inc_value("newscrawl/workers/restarted")
            logger.warning("A worker process exited with status %s; starting another", worker.process.exitcode)
            self.add_worker()
        else:
            logger.error("A worker process exited with status %s, and no more restarts are left: the crawl "
                         "works on its pages in its own process", worker.process.exitcode)
        if not self.workers:  # nothing will take the waiting jobs
            for *_, future in self.waiting:
                if not future.done():
                    future.set_exception(lost)
            self.waiting.clear()
        self.dispatch()

    def close(self):
        for worker in self.workers:
            worker.stop()
        self.workers = []


class WorkerMiddleware:
    """Downloader middleware: runs ``spider.work_for(request, response)`` in the worker pool before the callback."""

    def __init__(self, crawler):
        processes = crawler.settings.getint("NEWSCRAWL_EXTRACT_PROCESSES")
        if processes < 1:
            raise NotConfigured("NEWSCRAWL_EXTRACT_PROCESSES is 0: pages are worked on in the crawl's process")
        self.crawler = crawler
        self.processes = processes
        self.pool = None
        crawler.signals.connect(self.start, signal=signals.engine_started)
        crawler.signals.connect(self.close, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def start(self):
        self.pool = WorkerPool(self.processes, self.crawler.stats, type(self.crawler.spider).__module__)
        self.pool.start()

    def close(self):
        if self.pool is not None:
            self.pool.close()

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
