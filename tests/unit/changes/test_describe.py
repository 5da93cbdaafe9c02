"""Readable diffs and change lines."""

from newscrawl.changes.describe import diff_lines, event_line, history_text
from newscrawl.changes.diff import diff

OLD = {"headline": "Kyiv attacked", "article_body": "One two three.\n\nGone paragraph.", "authors": ["A"],
       "tags": ["War", "Kyiv"], "date_modified": "2025-03-01T10:00:00Z"}
NEW = {"headline": "Kyiv attacked overnight", "article_body": "One two four.\n\nUpdate: " + "x" * 200,
       "authors": ["A", "B"], "tags": ["Kyiv", "War"], "date_modified": "2025-03-01T10:00:00Z"}


def test_diff_lines_show_each_kind_of_change():
    lines = diff_lines(diff(OLD, NEW))
    assert lines[0] == "headline: 'Kyiv attacked' -> 'Kyiv attacked overnight'"
    assert "paragraph 1 changed: One two [-three.-] {+four.+}" in lines
    assert "paragraph 2 changed: [-Gone paragraph.-] {+Update: " + "x" * 200 + "+}" in lines
    assert "authors: + B" in lines and "tags: now in the order Kyiv, War" in lines
    assert lines[-1] == "silent: the content changed, date_modified did not"
    added = diff_lines({"body": [{"op": "added", "position": 3, "new": "y" * 300}]})
    assert added == ["paragraph 3 added: " + "y" * 99 + "…"]


def test_event_lines_and_history():
    gone = {"url": "https://e.org/a/", "kind": "redirected", "found_at": "2026-03-02T10:00:00Z", "status": 301,
            "redirected_to": "https://e.org/b/", "since": "2026-03-02T09:00:00Z"}
    assert event_line(gone) == ("2026-03-02T10:00:00Z  redirected   https://e.org/a/  -> https://e.org/b/ "
                                "(301 since 2026-03-02T09:00:00Z)")
    edit = {"url": "https://e.org/a/", "kind": "silent", "found_at": "2026-03-01T10:00:00Z", "revision": 2,
            "diff": diff(OLD, NEW)}
    summary = {"url": "https://e.org/a/", "headline": "Kyiv attacked overnight", "revision": 2,
               "first_seen": "2026-02-28T10:00:00Z", "state": "redirected", "state_since": "2026-03-02T09:00:00Z"}
    text = history_text(summary, [edit, gone]).splitlines()
    assert text[:3] == ["https://e.org/a/",
                        "  'Kyiv attacked overnight': revision 2, first seen 2026-02-28T10:00:00Z, "
                        "redirected since 2026-03-02T09:00:00Z",
                        "  2026-03-01T10:00:00Z  silent       revision 2"]
    assert text[3] == "      headline: 'Kyiv attacked' -> 'Kyiv attacked overnight'"
    assert text[-1].startswith("  2026-03-02T10:00:00Z  redirected   -> https://e.org/b/")
