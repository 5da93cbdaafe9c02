"""DatabaseThread: jobs in order, their answers in the loop's thread, and a job that never answers."""

import asyncio
import logging
import threading

import pytest
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from conftest import in_event_loop
from newscrawl.archive.database_thread import MAX_PENDING, DatabaseHung, DatabaseThread


def started(deadline=0.3):
    """A started DatabaseThread (call in the event loop), with its own stats."""
    database = DatabaseThread(MemoryStatsCollector(get_crawler()), deadline)
    database.start()
    return database


@in_event_loop
async def test_jobs_run_in_order_and_answer_in_the_loops_thread():
    database, answers = started(), []
    for number in range(10):
        database.submit(lambda n: (n, threading.current_thread().name), number, then=answers.append)
    await database.drain()
    assert answers == [(number, "newscrawl-database") for number in range(10)]
    assert await database.run(threading.current_thread) is not threading.current_thread()
    database.stop()


@in_event_loop
async def test_a_job_past_the_deadline_declares_the_database_hung(caplog):
    database, unblock, done, refused, answers = started(), threading.Event(), [], [], []

    def keep(what):
        """A refused version: keeps what its job would have written; its answer goes to then, as the job's would."""
        refused.append(what)
        return f"kept {what}"

    database.submit(unblock.wait, 30, then=answers.append, refused=keep)
    for number in range(MAX_PENDING + 2):
        database.submit(done.append, number, then=answers.append, refused=keep)
    database.submit(done.append, "no refused version", then=answers.append)  # dropped
    start = asyncio.get_running_loop().time()
    await asyncio.wait_for(database.keep_up(), 5)  # the old code waits for the stuck job: 30 s
    await asyncio.wait_for(database.drain(), 5)
    assert asyncio.get_running_loop().time() - start < 2
    assert refused == [30, *range(MAX_PENDING + 2)] and done == []
    assert answers == [f"kept {what}" for what in refused]
    assert database.stats.get_value("newscrawl/db/hung") == 1
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR] == [
        "Database did not answer within 0.3 s (wait): a frozen server? "
        "This run's writes are kept in the spool from now on, for the next run"]
    # Later jobs are refused at once, never run; a job without a refused version fails.
    database.submit(done.append, "later", then=answers.append, refused=keep)
    await database.drain()
    assert refused[-1] == "later"
    with pytest.raises(DatabaseHung):
        await database.run(done.append, "run")
    # The stuck job answers at last: its answer is not taken, and its thread runs nothing more.
    unblock.set()
    await asyncio.sleep(0.2)
    assert done == [] and answers == [f"kept {what}" for what in refused]
    database.stop()


@in_event_loop
async def test_a_stuck_job_that_wakes_changes_no_spool():
    database, unblock, kept = started(), threading.Event(), []

    def write():
        unblock.wait(30)
        with database.keeping():
            kept.append("written")

    database.submit(write)
    await asyncio.sleep(0.5)  # past the deadline
    assert database.hung
    unblock.set()
    await asyncio.sleep(0.2)
    assert kept == []
    database.stop()
