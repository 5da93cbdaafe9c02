"""Score newscrawl's generic extraction and trafilatura alone on the dev set, also as if blind.

Run ``python -m benchmarks.evaluate_extraction``. The dev set is the
``shared/extraction-devset`` folder beside the repository; the scoring rules are
those of its README (``benchmarks/extraction_scoring.py``).

Leave publisher out: the publishers are split into halves A and B by a hash of
their names (``--seed`` picks another split), and each half is scored on its
own. Rules written while looking at one half (``--half A`` runs only that half)
are judged on the other: a change that helps one half and hurts the other shows
there, field by field, and ``--save``/``--compare`` show each field's change per
half against an earlier run, with the pages whose scores changed.

``--without jsonld`` (or ``metadata``: JSON-LD and the article <meta> tags) takes that metadata
out of every page first: the pages as publishers with less of it serve them, which is where the
layers below it (the <h1>, the bylines) decide.
"""

import argparse
import gzip
import hashlib
import json
import re
import time
from pathlib import Path

import trafilatura

from benchmarks.extraction_scoring import METRICS, score, summarise
from newscrawl.extraction import extract_article

DEVSET = Path(__file__).resolve().parents[1] / ".." / "shared" / "extraction-devset"
HALVES = ("A", "B")
# --without: the pages as a publisher with less metadata would serve them, to judge the layers below.
JSONLD = re.compile(r"<script[^>]*ld\+json[^>]*>.*?</script>", re.S | re.I)
META = re.compile(r"<meta[^>]+(?:property|name)=[\"'](?:og|twitter|article|author|parsely|sailthru|dc|byl)[^>]*>", re.I)
WITHOUT = {"jsonld": lambda html: JSONLD.sub("", html), "metadata": lambda html: META.sub("", JSONLD.sub("", html))}


def load_pages(devset=DEVSET, limit=None):
    """Return the dev set's truth rows, each with its decoded ``html``."""
    lines = (devset / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()][:limit]
    for row in rows:
        row["html"] = gzip.decompress((devset / row["html_file"]).read_bytes()).decode("utf-8")
    return rows


def half_of(publisher, seed=0):
    """The half ("A" or "B") a publisher falls in: a hash of its name, the same on every run."""
    digest = hashlib.sha256(f"{seed}:{publisher}".encode()).digest()
    return HALVES[digest[0] % 2]


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
    """Run one extractor over the rows; return (per-page scores by id, pages per CPU second).

    CPU time, not wall time: on a machine shared with other work the two extractors are
    slowed alike only by chance, while their CPU time is theirs alone.
    """
    started = time.process_time()
    records = [extractor(row) for row in rows]
    elapsed = time.process_time() - started
    scores = {row["id"]: score(record, row) for record, row in zip(records, rows)}
    return scores, (len(rows) / elapsed if elapsed else 0.0)


def by_half(scores, rows, seed):
    """{"all": summary, "A": summary of half A's pages, "B": ...}."""
    halves = {"all": list(scores.values())}
    for row in rows:
        halves.setdefault(half_of(row["publisher"], seed), []).append(scores[row["id"]])
    return {name: summarise(pages) for name, pages in halves.items()}


def table(lines, columns):
    """A Markdown table of (label, {column: value}) lines."""
    out = ["| extractor | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for label, values in lines:
        cells = [f"{values[c]:.1f}" if c == "pages_per_cpu_s" else f"{values[c]:.3f}" for c in columns]
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def report(results, rows, seed):
    """The full set's table, then each half's figures and newscrawl's worse half per field."""
    halves = {name: by_half(scores, rows, seed) for name, (scores, _) in results.items()}
    full = [(name, {**halves[name]["all"], "pages_per_cpu_s": speed}) for name, (_, speed) in results.items()]
    counts = {h: len({r["publisher"] for r in rows if half_of(r["publisher"], seed) == h}) for h in HALVES}
    lines = [(f"{name}, half {h} ({counts[h]} publishers)", halves[name][h])
             for name in results for h in HALVES if h in halves[name]]
    if all(h in halves["newscrawl"] for h in HALVES):
        worst = {m: min(halves["newscrawl"][h][m] for h in HALVES) for m in METRICS}
        lines.append(("newscrawl, worse half", worst))
    return "\n\n".join([
        f"{len(rows)} pages, {len({r['publisher'] for r in rows})} publishers",
        table(full, METRICS + ("pages_per_cpu_s",)),
        f"Leave publisher out (split seed {seed}): rules judged on publishers other than those they were written for",
        table(lines, METRICS),
    ])


def comparison(scores, saved, rows, seed):
    """Each half's change per field against a saved run's scores, and the pages that changed."""
    common = [row for row in rows if row["id"] in saved]
    now, before = by_half(scores, common, seed), by_half(saved, common, seed)
    lines = [f"Change against the saved run ({len(common)} pages in both):",
             "| half | " + " | ".join(METRICS) + " |", "|---" * (len(METRICS) + 1) + "|"]
    lines += [f"| {h} | " + " | ".join(f"{now[h][m] - before[h][m]:+.3f}" for m in METRICS) + " |"
              for h in ("all", *HALVES) if h in now]
    for row in common:
        changed = {m: round(v - saved[row["id"]][m], 2) for m, v in scores[row["id"]].items()
                   if v is not None and saved[row["id"]].get(m) is not None and abs(v - saved[row["id"]][m]) > 0.005}
        if changed:
            lines.append(f"{half_of(row['publisher'], seed)} {row['id']} {json.dumps(changed)}")
    return "\n".join(lines)


def main(argv=None):
    """Evaluate both extractors on the same pages and print the tables."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.evaluate_extraction")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--devset", type=Path, default=DEVSET, help="dev set folder")
    parser.add_argument("--seed", type=int, default=0, help="which split of the publishers into halves")
    parser.add_argument("--half", choices=HALVES, help="only the pages of this half's publishers")
    parser.add_argument("--without", choices=sorted(WITHOUT),
                        help="take the pages' JSON-LD (or it and their article <meta> tags) out first")
    parser.add_argument("--details", action="store_true", help="per-page scores of newscrawl")
    parser.add_argument("--save", type=Path, help="write newscrawl's per-page scores to this JSON file")
    parser.add_argument("--compare", type=Path, help="show the change against scores saved by --save")
    args = parser.parse_args(argv)
    rows = load_pages(args.devset, args.limit)
    if args.half:
        rows = [row for row in rows if half_of(row["publisher"], args.seed) == args.half]
    if args.without:
        for row in rows:
            row["html"] = WITHOUT[args.without](row["html"])
    results = {"newscrawl": evaluate(newscrawl_record, rows), "trafilatura": evaluate(trafilatura_record, rows)}
    scores = results["newscrawl"][0]
    print(report(results, rows, args.seed))
    if args.details:
        for row in rows:
            print(row["id"], json.dumps({k: round(v, 2) for k, v in scores[row["id"]].items() if v is not None}))
    if args.compare:
        print(comparison(scores, json.loads(args.compare.read_text(encoding="utf-8")), rows, args.seed))
    if args.save:
        args.save.write_text(json.dumps(scores, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
