"""The dev set's scoring rules, one function per field (see the dev set's README).

4-token shingles for the body, normalised exact headline, author-set F1,
calendar date, date+time to the minute in UTC.
"""

import re
import unicodedata
from collections import Counter
from datetime import datetime, timezone

QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»"})
DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"})
METRICS = ("body_p", "body_r", "body_f1", "headline", "authors_f1", "date", "datetime")


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


def summarise(scores):
    """Mean of each metric over pages that have it; body F1 from the mean precision and recall."""
    result = {}
    for metric in METRICS:
        values = [s[metric] for s in scores if s.get(metric) is not None]
        result[metric] = sum(values) / len(values) if values else 0.0
    p, r = result["body_p"], result["body_r"]
    result["body_f1"] = 2 * p * r / (p + r) if p + r else 0.0
    return result
