"""The coverage audit: the articles the site lists against the ones archived, per publication day, and
why each missing one is missing.

The site's list is what the crawls saw (site_listings) since the latest full run that finished
started (a full run reads every listing and sitemap to its end), so that URLs the site no
longer lists drop out; before any full run has finished, everything seen counts. A listed URL counts as archived when an
article is stored under it, or under the URL its page named (url_outcomes). Otherwise its status
says why: failed (failed_urls, with its reason), dropped (with the pipeline's reason), not an
article, disallowed by robots.txt, outside since (the run skipped it as older than its since),
or never fetched. A day is the article's publication day in UTC: the stored article's, else the
page's, the listing's or feed's, and at last the sitemap's lastmod.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, case, func, literal, or_, select

from newscrawl.archive.schema import articles, crawl_runs, failed_urls, site_listings, url_outcomes

# Statuses that another run can fix by fetching the URL again (a run retries failed URLs anyway).
FIXABLE = ("never fetched", "failed")


def snapshot_start():
    """SQL: when the latest full run that finished started ('' when none did: then everything seen counts)."""
    latest = select(func.max(crawl_runs.c.id)).where(crawl_runs.c.mode == "full", crawl_runs.c.status == "finished")
    started = select(crawl_runs.c.started_at).where(crawl_runs.c.id == latest.scalar_subquery().correlate(None))
    return func.coalesce(started.scalar_subquery().correlate(None), literal(""))


def listed_urls():
    """Per URL the site lists now: its dates, and whether a run skipped it as older than its since."""
    not_sitemap = site_listings.c.kind != "sitemap"
    return select(
        site_listings.c.url,
        func.min(case((not_sitemap, site_listings.c.listed_date))).label("published"),
        func.max(case((~not_sitemap, site_listings.c.listed_date))).label("lastmod"),
        func.max(case((site_listings.c.before_since, 1), else_=0)).label("before_since"),
    ).where(site_listings.c.last_seen >= snapshot_start()).group_by(site_listings.c.url).subquery("listed")


def statement():
    """Per listed URL: url, article_url (when archived), day, status and detail (see the module's docstring)."""
    listed = listed_urls()
    same, named = articles.alias("same_url"), articles.alias("named_url")
    outcome = url_outcomes.c.outcome
    failure = failed_urls.c.reason
    status = case(
        (or_(same.c.id.is_not(None), named.c.id.is_not(None)), literal("archived")),
        (failure == "not_html", literal("not an article")),
        (failure.is_not(None), literal("failed")),
        (outcome == "dropped", literal("dropped")),
        (outcome == "not_article", literal("not an article")),
        (outcome == "robots", literal("disallowed by robots.txt")),
        (or_(outcome == "before_since", listed.c.before_since == 1), literal("outside since")),
        else_=literal("never fetched"),
    )
    detail = case((same.c.id.is_not(None), literal(None)), (named.c.id.is_not(None), literal(None)),
                  (failure.is_not(None), failure), else_=url_outcomes.c.reason)
    day = func.coalesce(*(func.substr(date, 1, 10) for date in (
        same.c.date_published, named.c.date_published, url_outcomes.c.date_published, listed.c.published,
        listed.c.lastmod)))
    return (
        select(listed.c.url, func.coalesce(same.c.url, named.c.url).label("article_url"), day.label("day"),
               status.label("status"), detail.label("detail"))
        .select_from(listed)
        .outerjoin(url_outcomes, url_outcomes.c.url == listed.c.url)
        .outerjoin(same, same.c.url == listed.c.url)
        .outerjoin(named, and_(named.c.url == url_outcomes.c.article_url, same.c.id.is_(None)))
        .outerjoin(failed_urls, and_(failed_urls.c.url == listed.c.url, failed_urls.c.resolved_at.is_(None)))
        .order_by(day, listed.c.url)
    )


def missing_statement():
    """The listed URLs that are not archived, by day: what the canned query "missing articles" shows."""
    listed = statement().order_by(None).subquery("coverage")
    return select(listed).where(listed.c.status != "archived").order_by(listed.c.day, listed.c.url)


def reason(status, detail):
    """The reason of a missing article as one string: "failed: http_500", "never fetched", ..."""
    return f"{status}: {detail}" if detail else status


@dataclass
class Coverage:
    """Per day, the articles listed and archived; each missing article as {"url", "day", "reason", "fixable"}."""

    listed: Counter = field(default_factory=Counter)
    archived: Counter = field(default_factory=Counter)
    missing: list = field(default_factory=list)

    def fixable(self):
        """The missing articles that another run can fetch."""
        return [entry for entry in self.missing if entry["fixable"]]

    def reasons(self):
        """How many articles are missing for each status."""
        return Counter(entry["reason"].split(":")[0] for entry in self.missing)


def audit(connection, since=None, until=None):
    """The Coverage of the archive, for publication days since..until (dates; None: open).

    Listed URLs that name the same stored article count once. Without since and until, articles
    whose day nothing tells are counted under the day None."""
    rows = connection.execute(statement()).mappings().all()
    by_article = defaultdict(list)
    for row in rows:
        by_article[row["article_url"] or row["url"]].append(row)
    coverage = Coverage()
    for key, group in by_article.items():
        row = next((row for row in group if row["status"] == "archived"), group[0])
        day = row["day"]
        if (since or until) and (day is None or (since and day < since.isoformat())
                                 or (until and day > until.isoformat())):
            continue
        coverage.listed[day] += 1
        if row["status"] == "archived":
            coverage.archived[day] += 1
        else:
            coverage.missing.append({"url": row["url"], "day": day, "reason": reason(row["status"], row["detail"]),
                                     "fixable": row["status"] in FIXABLE})
    return coverage
