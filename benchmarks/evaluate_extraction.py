"""Score newscrawl's generic extraction and trafilatura alone on the dev set.

Run ``python -m benchmarks.evaluate_extraction [--limit N]``. The dev set is the
``shared/extraction-devset`` folder beside the repository; the scoring rules are
those of its README (4-token shingles for the body, normalised exact headline,
author-set F1, calendar date, date+time to the minute in UTC).
"""

import argparse
import gzip
import json
import re
import time
import unicodedata
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import trafilatura

from newscrawl.extraction import extract_article

DEVSET = Path(__file__).resolve().parents[1] / ".." / "shared" / "extraction-devset"
QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»"})
DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"})
METRICS = ("body_p", "body_r", "body_f1", "headline", "authors_f1", "date", "datetime")


def load_pages(devset=DEVSET, limit=None):
    """Return the dev set's truth rows, each with its decoded ``html``."""
    lines = (devset / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()][:limit]
    for row in rows:
        row["html"] = gzip.decompress((devset / row["html_file"]).read_bytes()).decode("utf-8")
    return rows


def shingles(text):
    """Multiset of the runs of 4 consecutive word tokens of ``text``."""
    tokens = re.findall(r"\w+", text or "")
    return Counter(tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3))


def body_scores(predicted, expected):
    """Return (precision, recall) of predicted body shingles; empty scores 0."""
    pred, truth = shingles(predicted), shingles(expected)
    if not pred or not truth:
        return 0.0, 0.0
    matched = sum((pred & truth).values())
    return matched / sum(pred.values()), matched / sum(truth.values())


def norm_headline(text):
    """NFKC, unified quotes and dashes, no soft hyphens, folded whitespace."""
    text = unicodedata.normalize("NFKC", text or "").replace("\u00ad", "")
    return " ".join(text.translate(QUOTES).translate(DASHES).split())


def authors_f1(predicted, expected):
    """F1 of the sets of normalised names; two empty sets score 1."""
    norm = lambda names: {norm_headline(n).casefold() for n in names or [] if n.strip()}  # noqa: E731
    pred, truth = norm(predicted), norm(expected)
    if not pred and not truth:
        return 1.0
    common = len(pred & truth)
    return 2 * common / (len(pred) + len(truth))


def parse_iso(value):
    """Parse an ISO 8601 string (``Z`` allowed) or return None."""
    try:
        return datetime.fromisoformat((value or "").replace("Z", "+00:00"))
    except ValueError:
        return None


def date_scores(predicted, expected):
    """Return (date ok, date+time ok or None when the truth has no offset)."""
    truth, pred = parse_iso(expected), parse_iso(predicted)
    if truth is None:
        return None, None
    if pred is None:
        return 0.0, (0.0 if truth.tzinfo else None)
    if truth.tzinfo is None:
        return float(pred.date() == truth.date()), None
    if pred.tzinfo is None:
        pred = pred.replace(tzinfo=timezone.utc)
    same_date = pred.astimezone(truth.tzinfo).date() == truth.date()
    fmt = "%Y-%m-%dT%H:%M"
    same_minute = pred.astimezone(timezone.utc).strftime(fmt) == truth.astimezone(timezone.utc).strftime(fmt)
    return float(same_date), float(same_minute)


def score(record, row):
    """Score one prediction (body, headline, authors, date_published) against its truth row."""
    precision, recall = body_scores(record.get("article_body"), row["article_body"])
    date_ok, datetime_ok = date_scores(record.get("date_published"), row["date_published"])
    return {
        "body_p": precision,
        "body_r": recall,
        "headline": float(norm_headline(record.get("headline")) == norm_headline(row["headline"])),
        "authors_f1": authors_f1(record.get("authors"), row["authors"]),
        "date": date_ok,
        "datetime": datetime_ok,
    }


def newscrawl_record(row):
    """newscrawl's generic extraction of one page."""
    return extract_article(row["html"], row["url"])


def trafilatura_record(row):
    """trafilatura alone, defaults, with metadata."""
    doc = trafilatura.bare_extraction(row["html"], url=row["url"], with_metadata=True)
    if doc is None:
        return {}
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return {"article_body": doc.text, "headline": doc.title, "authors": authors, "date_published": doc.date}


def evaluate(extractor, rows):
    """Run one extractor over the rows; return mean metrics and pages per second."""
    started = time.perf_counter()
    records = [extractor(row) for row in rows]
    elapsed = time.perf_counter() - started
    scores = [score(record, row) for record, row in zip(records, rows)]
    result = {}
    for metric in ("body_p", "body_r", "headline", "authors_f1", "date", "datetime"):
        values = [s[metric] for s in scores if s[metric] is not None]
        result[metric] = sum(values) / len(values) if values else 0.0
    p, r = result["body_p"], result["body_r"]
    result["body_f1"] = 2 * p * r / (p + r) if p + r else 0.0
    result["pages_per_s"] = len(rows) / elapsed if elapsed else 0.0
    result["_pages"] = scores
    return result


def format_table(results, n_pages):
    """Render the results as a Markdown table, one row per extractor."""
    columns = METRICS + ("pages_per_s",)
    lines = [f"{n_pages} pages", "| extractor | " + " | ".join(columns) + " |",
             "|---" * (len(columns) + 1) + "|"]
    for name, result in results.items():
        cells = [f"{result[c]:.3f}" if c != "pages_per_s" else f"{result[c]:.1f}" for c in columns]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None):
    """Evaluate both extractors on the same pages and print the table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.evaluate_extraction")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--devset", type=Path, default=DEVSET, help="dev set folder")
    parser.add_argument("--details", action="store_true", help="per-page scores of newscrawl")
    args = parser.parse_args(argv)
    rows = load_pages(args.devset, args.limit)
    results = {"newscrawl": evaluate(newscrawl_record, rows),
               "trafilatura": evaluate(trafilatura_record, rows)}
    print(format_table(results, len(rows)))
    if args.details:
        for row, page in zip(rows, results["newscrawl"]["_pages"]):
            print(row["id"], json.dumps({k: round(v, 2) for k, v in page.items() if v is not None}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
