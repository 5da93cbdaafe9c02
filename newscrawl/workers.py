"""Article pages parsed and extracted in a worker process, so that the crawl's own process only crawls.

Parsing an article page, its page object and the item loader cost about as much CPU as
Scrapy's own handling of the page. In the crawl's process that work halts downloads and
pipelines while it runs; in a worker it runs on another core (benchmarks/backfill.py).

``NEWSCRAWL_EXTRACT_PROCESSES`` workers (default 1; 0: everything in the crawl's process).
The spider marks the requests whose responses need work (``meta[WORK]``) and says what to run
(``spider.work_for(request, response)``); ``WorkerMiddleware`` runs it before the callback, whose
response then carries the result in ``meta[RESULT]``. Waiting there, a page keeps its place
among CONCURRENT_REQUESTS, so pages cannot pile up in memory behind a slow worker.

The crawl talks to each worker over a socket through asyncio streams (newscrawl/worker_process.py):
nothing blocks the event loop, and no thread is involved. The simpler designs measured slower
(README, Performance): concurrent.futures' ProcessPoolExecutor, whose threads carry each job,
awaited here or in an async callback (for which Scrapy also starts CONCURRENT_ITEMS tasks).

A worker that gives no answer within ``NEWSCRAWL_EXTRACT_TIMEOUT`` seconds is killed and a new one
started: the page it was working on gets one more try in a fresh worker, and if that times out too
the page fails for good (reason ``extraction_timeout``, retried by the next run), so that a page
that always hangs extraction cannot hang the crawl; the other pages the killed worker held go back
to the pool. A worker that dies loses nothing: the pages it held are worked on in the crawl's
process. Each is counted in ``newscrawl/workers/failed/<error>`` and logged with its URL. A page
that raises in the worker is worked on again in the callback, which fails as it would without
workers.
"""

import asyncio
import logging
import multiprocessing
from collections import deque

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl.worker_process import UNPICKLABLE, Worker

logger = logging.getLogger(__name__)

WORK = "newscrawl_work"  # request meta: the response goes through spider.work_for first
RESULT = "newscrawl_work_result"  # response meta: what spider.work_for's function returned
FAILED = "newscrawl_work_failed"  # response meta: why the work failed for good, when it did (no RESULT then)
TRIES = 2  # times a worker may time out on a page before the page fails for good
IN_FLIGHT = 2  # jobs sent to one worker at a time: the next one waits in its socket, never more


class WorkerLost(Exception):
    """The worker process died holding this job."""


class WorkerTimeout(WorkerLost):
    """The worker gave no answer to this job in time, and was killed."""


class WorkerKilled(WorkerLost):
    """The worker was killed for another job's timeout before it answered this one."""


class WorkerPool:
    """Runs picklable functions in worker processes, in the order they came, at most IN_FLIGHT per worker.

    Its methods run in the event loop's thread; ``stats`` counts restarts, timeouts and the workers' peak memory.
    """

    def __init__(self, processes, stats, warm_module=None, max_restarts=10, timeout=120):
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
        worker.process.kill()  # attend() then sees the socket close, and replaces it

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
                future.set_exception(self.loss(worker, future, status) if worker.timed_out else lost)
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

    def loss(self, worker, future, status):
        """The error for a job of a worker killed for the timeout of its job worker.timed_out."""
        if future is worker.timed_out:
            return WorkerTimeout(f"no answer within {self.timeout:g} s")
        return WorkerKilled(f"the worker process exited with status {status}, killed for another job's timeout")

    async def close(self):
        self.closing = True
        workers, self.workers = self.workers + list(self.starting), []
        await asyncio.gather(*(worker.end(grace=10) for worker in workers))


class WorkerMiddleware:
    """Downloader middleware: runs ``spider.work_for(request, response)`` in the worker pool before the callback."""

    def __init__(self, crawler):
        processes = crawler.settings.getint("NEWSCRAWL_EXTRACT_PROCESSES")
        if processes < 1:
            raise NotConfigured("NEWSCRAWL_EXTRACT_PROCESSES is 0: pages are worked on in the crawl's process")
        self.crawler = crawler
        self.processes = processes
        self.timeout = crawler.settings.getfloat("NEWSCRAWL_EXTRACT_TIMEOUT")
        self.pool = None
        crawler.signals.connect(self.start, signal=signals.engine_started)
        crawler.signals.connect(self.close, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def start(self):
        self.pool = WorkerPool(self.processes, self.crawler.stats, type(self.crawler.spider).__module__,
                                    timeout=self.timeout)
        self.pool.start()

    async def close(self):
        if self.pool is not None:
            await self.pool.close()

    async def process_response(self, request, response):
        work = request.meta.get(WORK) and self.crawler.spider.work_for(request, response)
        if work:
            await self.work(request, response, *work)
        return response

    async def work(self, request, response, function, args):
        """Put function(*args)'s result in meta[RESULT]; or, when its worker timed out on it TRIES times,
        "extraction_timeout" in meta[FAILED]. With neither, the callback works on the page itself.
        A job whose worker was killed for another job goes back to the pool: kills are bounded by the
        pool's restarts, after which run() raises WorkerLost."""
        timeouts = 0
        while True:
            try:
                request.meta[RESULT] = await self.pool.run(function, *args)
                return
            except WorkerKilled as error:
                self.count(error)
                logger.info("%s: %r; sent to another worker", response.url, error)
            except WorkerTimeout as error:
                self.count(error)
                timeouts += 1
                if timeouts == TRIES:
                    logger.warning("%s: %r in the worker, twice: not worked on", response.url, error)
                    request.meta[FAILED] = "extraction_timeout"
                    return
                logger.warning("%s: %r in the worker; trying once more in another", response.url, error)
            except Exception as error:
                # The callback works on the page itself when meta holds no result: a page the worker
                # failed on fails in the callback as it would without workers.
                self.count(error)
                logger.warning("%s: %r in the worker; worked on in the crawl's process instead", response.url, error)
                return

    def count(self, error):
        self.crawler.stats.inc_value(f"newscrawl/workers/failed/{type(error).__name__}")
