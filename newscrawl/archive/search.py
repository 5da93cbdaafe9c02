"""python -m newscrawl search "QUERY" [--since] [--until] [--section] [--author] [-o FILE]: full-text search.

A query is words and "quoted phrases", all of which must occur in the headline, the
description or the body: a word matches the whole word, case aside; ``word*`` matches every
word that starts so; a phrase matches its words in a row. Matches come newest first, each
with its URL, date, headline and a snippet of the body around the first hit. SQLite answers
from the FTS5 table articles_fts, PostgreSQL from articles.search_vector; both index the same
words (migration fulltext_search), so both give the same matches, and the snippet is cut here.
"""

import csv
import json
import logging
import re
import sys
from datetime import date, timedelta

from sqlalchemy import bindparam, exists, func, literal_column, select, text

from newscrawl.archive import database_url, safe_url
from newscrawl.archive.schema import FTS_TABLE, SEARCH_VECTOR, article_authors, articles
from newscrawl.archive.store import SchemaOutdated, Store

logger = logging.getLogger(__name__)

TERM = re.compile(r'"([^"]*)"?|(\S+)')
FIELDS = ("url", "date_published", "headline", "snippet")
SNIPPET_BEFORE, SNIPPET_AFTER = 60, 140  # characters of body around the first hit


def parse_query(query):
    """The query's terms, in order: ("phrase", text) for a word or a quoted phrase, ("prefix", word) for word*."""
    terms = []
    for phrase, word in TERM.findall(query):
        if re.fullmatch(r"\w+\*", word):
            terms.append(("prefix", word[:-1]))
        elif re.search(r"\w", phrase or word):
            terms.append(("phrase", phrase or word))
    return terms


def fts5_match(terms):
    """The FTS5 MATCH expression: every term a quoted string, so that no word is taken as an operator."""
    return " ".join('"' + value.replace('"', '""') + '"' + ("*" if kind == "prefix" else "") for kind, value in terms)


def tsquery(terms):
    """The PostgreSQL tsquery: the terms' queries joined by && (AND)."""
    simple = literal_column("'simple'")
    parts = [func.phraseto_tsquery(simple, value) if kind == "phrase" else func.to_tsquery(simple, f"'{value}':*")
             for kind, value in terms]
    query = parts[0]
    for part in parts[1:]:
        query = query.op("&&")(part)
    return query


def statement(dialect, terms, since=None, until=None, section=None, author=None):
    """Matching articles, newest first: url, date_published, headline, description, article_body."""
    columns = (articles.c.url, articles.c.date_published, articles.c.headline, articles.c.description,
               articles.c.article_body)
    query = select(*columns)
    if dialect == "sqlite":
        hits = text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match").bindparams(
            bindparam("match", fts5_match(terms)))
        query = query.where(articles.c.id.in_(hits))
    else:
        query = query.where(literal_column(f"articles.{SEARCH_VECTOR}").op("@@")(tsquery(terms)))
    if since:
        query = query.where(articles.c.date_published >= since.isoformat())
    if until:
        query = query.where(articles.c.date_published < (until + timedelta(days=1)).isoformat())
    if section:
        query = query.where(articles.c.section == section)
    if author:
        query = query.where(exists().where(article_authors.c.article_id == articles.c.id,
                                           article_authors.c.name == author))
    return query.order_by(articles.c.date_published.desc(), articles.c.url)


def hit_pattern(terms):
    """A regular expression for any of the terms in running text, case aside."""
    parts = [r"\b" + re.escape(value) + r"\w*" if kind == "prefix"
             else r"\b" + r"\W+".join(map(re.escape, re.findall(r"\w+", value))) + r"\b"
             for kind, value in terms]
    return re.compile("|".join(parts), re.IGNORECASE)


def snippet(body, description, pattern):
    """The body around its first hit, on whole words, hits in [brackets]; else the start of the description."""
    flat = " ".join((body or "").split())
    hit = pattern.search(flat)
    if hit is None:
        before, found, after = "", "", " ".join((description or flat).split())
    else:
        before, found, after = flat[:hit.start()], hit.group(0), flat[hit.end():]
    left, right = before[-SNIPPET_BEFORE:], after[:SNIPPET_AFTER]
    if len(before) > SNIPPET_BEFORE:
        left = "…" + left.partition(" ")[2]
    if len(after) > SNIPPET_AFTER:
        right = right.rpartition(" ")[0] + "…"
    return pattern.sub(lambda match: f"[{match.group(0)}]", left + found + right)


def search(engine, terms, **filters):
    """Yield each article that matches the terms as {"url", "date_published", "headline", "snippet"}, newest first."""
    pattern = hit_pattern(terms)
    with engine.connect() as connection:
        for row in connection.execute(statement(engine.dialect.name, terms, **filters)):
            yield {"url": row.url, "date_published": row.date_published, "headline": row.headline,
                   "snippet": snippet(row.article_body, row.description, pattern)}


def add_parser(subparsers):
    """Register the search command."""
    parser = subparsers.add_parser("search", help="full-text search of the stored articles")
    parser.add_argument("query", help='words and "quoted phrases", all of which must match; word* for a prefix')
    parser.add_argument("--url", help="database URL (default: $NEWSCRAWL_DATABASE_URL, else data/newscrawl.db)")
    parser.add_argument("--since", type=date.fromisoformat, help="first publication day, YYYY-MM-DD")
    parser.add_argument("--until", type=date.fromisoformat, help="last publication day, YYYY-MM-DD (inclusive)")
    parser.add_argument("--section", help="only articles of this section, e.g. 'Ukraine War'")
    parser.add_argument("--author", help="only articles with this author among their authors")
    parser.add_argument("-o", "--output", help="write the matches to this .jsonl or .csv file instead")


def print_matches(matches, file):
    """Date, headline, URL and snippet of each match, a blank line between; return how many."""
    count = 0
    for count, match in enumerate(matches, 1):
        day = (match["date_published"] or "")[:10] or "(no date)"
        file.write(f"{day}  {match['headline']}\n            {match['url']}\n            {match['snippet']}\n\n")
    return count


def write_file(matches, path):
    """The matches as JSON Lines or CSV, by the file's extension; return how many."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=FIELDS) if path.lower().endswith(".csv") else None
        if writer:
            writer.writeheader()
        for count, match in enumerate(matches, 1):
            if writer:
                writer.writerow(match)
            else:
                file.write(json.dumps(match, ensure_ascii=False) + "\n")
    return count


def run(args):
    """Search; return the exit code (1: no match, 2: bad query, database or file name)."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    terms = parse_query(args.query)
    if not terms:
        logger.error("Nothing to search for in %r: give words or a quoted phrase", args.query)
        return 2
    if args.output and not args.output.lower().endswith((".jsonl", ".csv")):
        logger.error("Cannot tell the format of %s: name it .jsonl or .csv", args.output)
        return 2
    store = Store(database_url(args.url))
    filters = {"since": args.since, "until": args.until, "section": args.section, "author": args.author}
    try:
        store.check_schema()
        matches = search(store.engine, terms, **filters)
        count = write_file(matches, args.output) if args.output else print_matches(matches, sys.stdout)
    except SchemaOutdated as error:
        logger.error("%s", error)
        return 2
    finally:
        store.close()
    logger.info("%d matches for %r in %s%s", count, args.query, safe_url(store.url),
                f", written to {args.output}" if args.output else "")
    return 0 if count else 1
