"""Scale-out through Redis: any number of worker processes, on any machines, share one crawl.

Switched on by the NEWSCRAWL_REDIS_URL setting (-s, Scrapyd's setting=, settings.py, whose
default comes from the environment): the ScaleOut add-on then installs the rest. Every
worker runs the same `scrapy crawl kyivindependent`; they share one request queue
and one dupefilter in Redis, so each URL is downloaded once by one of them. The
keys of a crawl are named after its crawl id (spider argument `crawl_id`, else
the NEWSCRAWL_CRAWL_ID setting, else the spider name):

    newscrawl:<crawl id>:requests    the shared queue (scrapy-redis priority queue)
    newscrawl:<crawl id>:dupefilter  fingerprints of every request scheduled so far
    newscrawl:<crawl id>:seeded      set once: the worker that yields the start requests
    newscrawl:<crawl id>:workers     worker id -> Redis time when it was last busy

A worker with nothing to do waits (DontCloseSpider) while the queue holds
requests or any worker was busy in the last NEWSCRAWL_REDIS_IDLE_SECONDS; then
the crawl is done, the first worker to notice deletes its keys, and every worker
stops. The next crawl with the same id starts afresh.
"""

import logging
import os
import socket

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis import connection
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler as RedisScheduler
from twisted.internet.task import LoopingCall

logger = logging.getLogger(__name__)

# Redis's own clock, so that workers on machines with skewed clocks agree.
NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) + tonumber(t[2]) / 1000000 "
# KEYS: seeded, workers; ARGV: worker id. 1 if this worker seeds the crawl.
JOIN = NOW + """
redis.call('HSET', KEYS[2], ARGV[1], tostring(now))
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then return 1 end
return 0"""
# KEYS: workers; ARGV: worker id.
TOUCH = NOW + "redis.call('HSET', KEYS[1], ARGV[1], tostring(now)) return 1"
# KEYS: requests, workers, dupefilter, seeded; ARGV: idle seconds. 1 (and keys deleted) if done.
FINISH = NOW + """
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
for _, busy in ipairs(redis.call('HVALS', KEYS[2])) do
  if now - tonumber(busy) < tonumber(ARGV[1]) then return 0 end
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
return 1"""


class ScaleOut:
    """Add-on: the Redis scheduler, dupefilter and seeding when NEWSCRAWL_REDIS_URL is set, however it was set."""

    def update_settings(self, settings):
        url = settings.get("NEWSCRAWL_REDIS_URL")
        if not url:
            return
        # At "project" priority, since settings.py sets a DUPEFILTER_CLASS of its own; -s still wins.
        for name, value in {
            "REDIS_URL": url,
            "SCHEDULER": "newscrawl.distributed.Scheduler",  # default "scrapy.core.scheduler.Scheduler"
            "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",  # settings.py: RunDupeFilter
            "SCHEDULER_PERSIST": True,  # one worker closing must not clear the queue the others still use
        }.items():
            settings.set(name, value, "project")
        # Only one worker yields the start requests.
        settings.set_in_component_priority_dict("SPIDER_MIDDLEWARES", SeedOnce, 10)


def crawl_id_of(spider):
    """The id that names this crawl's Redis keys."""
    return getattr(spider, "crawl_id", None) or spider.settings.get("NEWSCRAWL_CRAWL_ID") or spider.name


def crawl_keys(crawl_id):
    """The Redis keys of one crawl."""
    return {name: f"newscrawl:{crawl_id}:{name}" for name in ("requests", "dupefilter", "seeded", "workers")}


class SharedCrawl:
    """One crawl's state in Redis, as seen by one worker."""

    def __init__(self, server, crawl_id, idle_seconds):
        self.server = server
        self.crawl_id = crawl_id
        self.keys = crawl_keys(crawl_id)
        self.idle_seconds = idle_seconds
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}"
        self._join = server.register_script(JOIN)
        self._touch = server.register_script(TOUCH)
        self._finish = server.register_script(FINISH)

    def join(self):
        """Register as busy; True for the one worker that seeds the crawl."""
        return bool(self._join(keys=[self.keys["seeded"], self.keys["workers"]], args=[self.worker_id]))

    def touch(self):
        """Record that this worker is busy now."""
        self._touch(keys=[self.keys["workers"]], args=[self.worker_id])

    def leave(self):
        """Stop counting as a worker (a worker stopped early must not keep others waiting)."""
        self.server.hdel(self.keys["workers"], self.worker_id)

    def finish(self):
        """True, and the keys deleted, when the queue is empty and no worker was busy lately."""
        keys = [self.keys[name] for name in ("requests", "workers", "dupefilter", "seeded")]
        return bool(self._finish(keys=keys, args=[self.idle_seconds]))


class Scheduler(RedisScheduler):
    """scrapy-redis's scheduler with keys per crawl id and a shared notion of 'done'."""

    crawler = None
    shared = None
    heartbeat = None

    @classmethod
    def from_crawler(cls, crawler):
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(scheduler.spider_closed, signal=signals.spider_closed)
        return scheduler

    def open(self, spider):
        idle_seconds = spider.settings.getfloat("NEWSCRAWL_REDIS_IDLE_SECONDS")
        self.shared = SharedCrawl(self.server, crawl_id_of(spider), idle_seconds)
        self.queue_key = self.shared.keys["requests"]
        self.df = RFPDupeFilter(self.server, self.shared.keys["dupefilter"], spider.settings.getbool("DUPEFILTER_DEBUG"))
        super().open(spider)
        logger.info("Worker %s on shared crawl %r", self.shared.worker_id, self.shared.crawl_id)
        self.heartbeat = LoopingCall(self.beat)
        self.heartbeat.start(min(1.0, idle_seconds / 4), now=False)

    def enqueue_request(self, request):
        self.shared.touch()
        return super().enqueue_request(request)

    def next_request(self):
        request = super().next_request()
        if request is not None:
            self.shared.touch()
        return request

    def beat(self):
        """Keep this worker's busy time fresh, and make its engine look at the shared queue.

        The engine asks the scheduler for requests after each download and every 5 s;
        a worker with free slots should not wait that long for requests that other
        workers queued. No public API does this in Scrapy 2.19, hence the _slot.
        """
        engine = self.crawler.engine
        if not engine.spider_is_idle():
            self.shared.touch()
        slot = getattr(engine, "_slot", None)
        if slot is not None:
            slot.nextcall.schedule()

    def spider_idle(self, spider):
        if self.shared.finish():
            logger.info("Shared crawl %r is done; its Redis keys are cleared", self.shared.crawl_id)
            return
        raise DontCloseSpider

    def spider_closed(self, spider, reason):
        if self.heartbeat is not None and self.heartbeat.running:
            self.heartbeat.stop()
        if self.shared is not None:
            self.shared.leave()


class SeedOnce:
    """Spider middleware: only the first worker of a crawl yields the spider's start requests."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_start(self, start):
        spider = self.crawler.spider
        idle_seconds = spider.settings.getfloat("NEWSCRAWL_REDIS_IDLE_SECONDS")
        server = connection.from_settings(self.crawler.settings)
        shared = SharedCrawl(server, crawl_id_of(spider), idle_seconds)
        if not shared.join():
            self.crawler.stats.set_value("newscrawl/redis/seeded", 0)
            logger.info("Crawl %r already seeded by another worker; taking requests from its queue", shared.crawl_id)
            return
        self.crawler.stats.set_value("newscrawl/redis/seeded", 1)
        async for item_or_request in start:
            yield item_or_request
