"""Headlines, authors and dates on pages written by other projects: a look from outside the dev set.

    pip download --no-deps --no-binary :all: trafilatura==2.3.1 newspaper4k==0.9.6   # then unpack both
    python -m benchmarks.outside_cases --trafilatura trafilatura-2.3.1 --newspaper4k newspaper4k-0.9.6

``--trafilatura``: the title and author cases of trafilatura's ``tests/metadata_tests.py``, small
hand-made pages, each with the title or author that trafilatura's authors expect (their conventions:
the <title> before a one-word <h1>, a nickname left out). Read with ``ast``, not run.

``--newspaper4k``: the real pages of newspaper4k's ``tests/data`` that come with expected metadata,
which is newspaper4k's own output (its <title>, authors from related stories, days without a time):
where newscrawl and it disagree is where to look, not a score.
"""

import argparse
import ast
import json
from pathlib import Path

import trafilatura

from newscrawl.extraction import extract_article

URL = "https://www.example.org/2024/01/01/story"
CASES = {"test_titles": "headline", "test_author_from_meta": "authors", "test_author_from_markup": "authors"}


def _value(node, names):
    """The value of a literal list of cases, f-strings of the function's own string ``names`` included."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.Tuple, ast.List)):
        return [_value(element, names) for element in node.elts]
    if isinstance(node, ast.JoinedStr):
        return "".join(_value(part.value if isinstance(part, ast.FormattedValue) else part, names)
                       for part in node.values)
    if isinstance(node, ast.Name) and node.id in names:
        return names[node.id]
    raise ValueError(f"not a literal at line {node.lineno}")


def trafilatura_cases(folder):
    """(field, html, expected) of each case in the test functions of CASES."""
    tree = ast.parse((folder / "tests" / "metadata_tests.py").read_text(encoding="utf-8"))
    cases = []
    for function in (node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name in CASES):
        names, lists = {}, []
        for statement in function.body:
            if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Tuple):
                names.update(zip((t.id for t in statement.targets[0].elts), _value(statement.value, names)))
            elif isinstance(statement, ast.Assign) and isinstance(statement.value, ast.List):
                lists.append(_value(statement.value, names))
        cases += [(CASES[function.name], html, expected) for cases_list in lists for html, expected in cases_list]
    return cases


def newscrawl_value(field, html):
    value = extract_article(html, URL)[field]
    return "; ".join(value) or None if field == "authors" else value


def trafilatura_value(field, html):
    doc = trafilatura.extract_metadata(html)
    return getattr(doc, "title" if field == "headline" else "author", None) if doc is not None else None


def run_trafilatura_cases(folder):
    cases = trafilatura_cases(folder)
    lines = [f"trafilatura's metadata test cases: {len(cases)}"]
    for name, extractor in (("newscrawl", newscrawl_value), ("trafilatura", trafilatura_value)):
        passed = [extractor(field, html) == expected for field, html, expected in cases]
        lines.append(f"  {name}: {sum(passed)} as expected")
    lines += [f"  newscrawl {field}: {got!r}, expected {expected!r}: {html[:160]}"
              for field, html, expected in cases if (got := newscrawl_value(field, html)) != expected]
    return "\n".join(lines)


def run_newspaper4k_pages(folder):
    data = folder / "tests" / "data"
    lines = ["newspaper4k's test pages with expected metadata, where newscrawl differs:"]
    same = {"headline": 0, "authors": 0, "date": 0}
    pages = [(meta, data / "html" / f"{meta.stem}.html") for meta in sorted((data / "metadata").glob("*.json"))]
    pages = [(meta, page) for meta, page in pages if page.exists()]
    for meta, page in pages:
        expected = json.loads(meta.read_text(encoding="utf-8"))
        record = extract_article(page.read_bytes().decode("utf-8", "replace"), expected.get("url") or URL)
        pairs = {"headline": (record["headline"], expected.get("title")),
                 "authors": (record["authors"] or [], expected.get("authors") or []),
                 "date": ((record["date_published"] or "")[:10], (expected.get("publish_date") or "")[:10])}
        for field, (got, wanted) in pairs.items():
            same[field] += got == wanted
            if got != wanted:
                lines.append(f"  {meta.stem} {field}: {got!r}, newspaper4k {wanted!r}")
    lines.insert(1, f"  {len(pages)} pages; the same: " + ", ".join(f"{k} {v}" for k, v in same.items()))
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.outside_cases")
    parser.add_argument("--trafilatura", type=Path, help="an unpacked trafilatura source distribution")
    parser.add_argument("--newspaper4k", type=Path, help="an unpacked newspaper4k source distribution")
    args = parser.parse_args(argv)
    if not (args.trafilatura or args.newspaper4k):
        parser.error("give --trafilatura or --newspaper4k (or both)")
    if args.trafilatura:
        print(run_trafilatura_cases(args.trafilatura))
    if args.newspaper4k:
        print(run_newspaper4k_pages(args.newspaper4k))


if __name__ == "__main__":
    main()
