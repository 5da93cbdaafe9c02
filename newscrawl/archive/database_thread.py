"""DatabaseThread: the archive's database calls, made in a thread of their own, never in the event loop.

One job at a time, in the order they were given, so that a write never overtakes the one before
it; each job's answer comes back to the loop's thread. Neither a slow database nor one that does
not answer stops the crawl then: it goes on fetching while a batch is written, and the database
pipeline waits (its own item, not the loop) only while more than MAX_PENDING jobs are queued. A job
that raises is counted under newscrawl/write_failed/database, so that the crawl exits as failed.

A job that runs past the deadline (a server that stopped answering while its host still
acknowledges what it is sent: no timeout of the driver's fires) declares the database hung,
counted under newscrawl/db/hung: a new thread takes over, and runs each job's ``refused``
version from then on (which keeps its writes in the spool) in place of the job; the stuck
thread is a daemon, so the process still exits.
"""

import asyncio
import logging
import queue
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from newscrawl.extensions import DB_HUNG, WRITE_FAILED

logger = logging.getLogger(__name__)

MAX_PENDING = 4  # jobs queued before the database pipeline waits for the oldest


class DatabaseHung(Exception):
    """The database did not answer a job within the deadline: no database call is made any more."""


@dataclass
class Job:
    """function(*args) for the thread; refused(*args) in its place once the database is hung (None: the job fails)."""

    function: object
    args: tuple
    refused: object
    future: asyncio.Future


class LoopStats:
    """The crawl's stats as a job counts in them: each count is made in the loop's thread (before the job's
    answer is taken there), so that no stats key is added while the loop reads the stats."""

    def __init__(self, stats, loop):
        self.stats, self.loop = stats, loop

    def inc_value(self, key, count=1, start=0):
        self.loop.call_soon_threadsafe(self.stats.inc_value, key, count, start)


def job_name(function):
    """A job's name for the log."""
    return getattr(function, "__name__", function)


class DatabaseThread:
    """Runs functions in one thread, in order; their answers are taken in the event loop's thread. A job that runs
    longer than deadline seconds declares the database hung."""

    def __init__(self, stats, deadline):
        self.stats = stats
        self.deadline = deadline
        self.job_stats = None  # the stats as jobs count in them, once started
        self.loop = None
        self.thread = self.queue = None  # the thread that runs the jobs, and its queue
        self.jobs = []  # the Jobs not yet answered, oldest first: the oldest one has the thread
        self.timer = None  # declares the database hung when the oldest job's deadline passes
        self.hung = None  # why the database was declared hung; from then on no job runs, their refused versions do
        # Held while a job changes the spools, and while the thread is replaced (keeping()).
        self.lock = threading.Lock()

    def start(self):
        """Start the thread; call in the event loop's thread."""
        self.loop = asyncio.get_running_loop()
        self.job_stats = LoopStats(self.stats, self.loop)
        self._new_thread()

    def _new_thread(self):
        """Start a thread for the jobs queued from now on (a daemon: a stuck one does not keep the process alive)."""
        self.queue = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._work, args=(self.queue,), name="newscrawl-database", daemon=True)
        self.thread.start()

    def _work(self, jobs):
        """The thread: each job in turn, its answer handed to the loop's thread; until stopped, or replaced."""
        while (job := jobs.get()) is not None and threading.current_thread() is self.thread:
            try:
                answer, error = job.function(*job.args), None
            except Exception as raised:
                answer, error = None, raised
            self.loop.call_soon_threadsafe(self._answered, threading.current_thread(), job, answer, error)

    async def run(self, function, *args):
        """function(*args) in the thread, after the jobs submitted before; its result, or its exception
        (DatabaseHung when it ran past the deadline, or came after)."""
        return await self._put(Job(function, args, None, self.loop.create_future()))

    def submit(self, job, *args, then=None, refused=None):
        """Run job(*args) in the thread, after every job submitted before, or refused(*args) once the database
        is hung; then(its answer) in this one."""
        future = self._put(Job(job, args, refused, self.loop.create_future()))
        future.add_done_callback(partial(self._taken, job, then))

    def _put(self, job):
        """Queue a job (its refused version once the database is hung: without one, it fails); its future."""
        if self.hung:
            if job.refused is None:
                job.future.set_exception(DatabaseHung(self.hung))
                return job.future
            job.function = job.refused
        self.jobs.append(job)
        self.queue.put(job)
        if len(self.jobs) == 1:
            self._arm()
        return job.future

    def _answered(self, thread, job, answer, error):
        """In the loop's thread: a job's answer, unless its thread was replaced meanwhile (the job, past its
        deadline, is the new thread's now); the next job's deadline starts."""
        if thread is not self.thread:
            return
        self.jobs.remove(job)
        if error is None:
            job.future.set_result(answer)
        else:
            job.future.set_exception(error)
        self._arm()

    def _taken(self, job, then, future):
        """A job's answer; a job that raised (or whose answer could not be taken) is counted and logged."""
        try:
            answer = future.result()
            if then is not None:
                then(answer)
        except DatabaseHung:
            pass  # a job without a refused version, after the hang was logged
        except Exception as error:
            self.stats.inc_value(f"{WRITE_FAILED}database")
            logger.error("Database job %s failed: %r", job_name(job), error)

    def _arm(self):
        """Start the deadline of the oldest job, which has the thread now (none once the database is hung)."""
        if self.timer is not None:
            self.timer.cancel()
        self.timer = self.loop.call_later(self.deadline, self._hang) if self.jobs and not self.hung else None

    def _hang(self):
        """The oldest job ran past the deadline: declare the database hung, and give a new thread the refused
        versions of that job and of every later one; the stuck thread is left to itself."""
        self.timer = None
        self.hung = f"Database did not answer within {self.deadline:g} s ({job_name(self.jobs[0].function)})"
        self.stats.inc_value(DB_HUNG)
        logger.error("%s: a frozen server? This run's writes are kept in the spool from now on, for the next run",
                     self.hung)
        # Waits (briefly) for a job of the stuck thread that is changing the spools, so that none does afterwards.
        with self.lock:
            self._new_thread()
        waiting, self.jobs = self.jobs, []
        for job in waiting:
            self._put(job)

    @contextmanager
    def keeping(self):
        """Held while a job changes the spools: in a thread replaced past its deadline (whose writes the new
        thread keeps), DatabaseHung instead."""
        with self.lock:
            if threading.current_thread() is not self.thread:
                raise DatabaseHung(self.hung)
            yield

    async def keep_up(self):
        """Wait while more than MAX_PENDING jobs are queued: the database is slower than the crawl."""
        while len(self.jobs) > MAX_PENDING:
            await asyncio.wait([self.jobs[0].future])

    async def drain(self):
        """Wait for every job submitted so far."""
        while self.jobs:
            await asyncio.wait([job.future for job in self.jobs])

    def stop(self):
        """End the thread once its jobs are done."""
        self.queue.put(None)
