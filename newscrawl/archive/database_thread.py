"""DatabaseThread: the archive's database calls, made in a thread of their own, never in the event loop.

One job at a time, in the order they were given, so that a write never overtakes the one before
it; each job's answer comes back to the loop's thread. Neither a slow database nor one that does
not answer stops the crawl then: it goes on fetching while a batch is written, and the database
pipeline waits (its own item, not the loop) only while more than MAX_PENDING jobs are queued. A job
that raises is counted under newscrawl/write_failed/database, so that the crawl exits as failed.
"""

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from newscrawl.extensions import WRITE_FAILED

logger = logging.getLogger(__name__)

MAX_PENDING = 4  # jobs queued before the database pipeline waits for the oldest


class LoopStats:
    """The crawl's stats as a job counts in them: each count is made in the loop's thread (before the job's
    answer is taken there), so that no stats key is added while the loop reads the stats."""

    def __init__(self, stats, loop):
        self.stats, self.loop = stats, loop

    def inc_value(self, key, count=1, start=0):
        self.loop.call_soon_threadsafe(self.stats.inc_value, key, count, start)


class DatabaseThread:
    """Runs functions in one thread, in order; their answers are taken in the event loop's thread."""

    def __init__(self, stats):
        self.stats = stats
        self.job_stats = None  # the stats as jobs count in them, once started
        self.executor = None
        self.jobs = []  # futures of the jobs not yet answered, oldest first

    def start(self):
        """Start the thread; call in the event loop's thread."""
        self.job_stats = LoopStats(self.stats, asyncio.get_running_loop())
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="newscrawl-database")

    async def run(self, function, *args):
        """function(*args) in the thread, after the jobs submitted before; its result, or its exception."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, function, *args)

    def submit(self, job, *args, then=None):
        """Run job(*args) in the thread, after every job submitted before; then(its answer) in this one."""
        future = asyncio.get_running_loop().run_in_executor(self.executor, job, *args)
        self.jobs.append(future)
        future.add_done_callback(partial(self._answered, job, then))

    def _answered(self, job, then, future):
        """A job's answer; a job that raised (or whose answer could not be taken) is counted and logged."""
        self.jobs.remove(future)
        try:
            answer = future.result()
            if then is not None:
                then(answer)
        except Exception as error:
            self.stats.inc_value(f"{WRITE_FAILED}database")
            logger.error("Database job %s failed: %r", getattr(job, "__name__", job), error)

    async def keep_up(self):
        """Wait while more than MAX_PENDING jobs are queued: the database is slower than the crawl."""
        while len(self.jobs) > MAX_PENDING:
            await asyncio.wait([self.jobs[0]])

    async def drain(self):
        """Wait for every job submitted so far."""
        while self.jobs:
            await asyncio.wait(list(self.jobs))

    def stop(self, wait=True):
        self.executor.shutdown(wait=wait)
