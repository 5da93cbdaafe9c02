"""Field-level diffs between two versions of an article, and how a revision is reported."""

from newscrawl.changes.diff import body_diff, change_kind, diff, list_diff, word_diff

OLD = {
    "url": "https://example.org/a/", "headline": "Russia attacks Kyiv", "description": "Overnight strikes.",
    "article_body": "First.\n\nSecond.\n\nThird.", "authors": ["A One", "B Two"], "tags": ["War", "Kyiv"],
    "date_published": "2025-03-01T10:00:00Z", "date_modified": "2025-03-01T10:00:00Z", "word_count": 3,
}


def changed(**fields):
    return {**OLD, **fields}


def test_equal_versions_have_no_diff():
    assert diff(OLD, dict(OLD)) == {}


def test_headline_and_dates_old_to_new_and_the_kind():
    new = changed(headline="Russia attacks Kyiv with drones", date_modified="2025-03-02T08:00:00Z")
    changes = diff(OLD, new)
    assert changes == {"fields": {
        "headline": {"old": "Russia attacks Kyiv", "new": "Russia attacks Kyiv with drones"},
        "date_modified": {"old": "2025-03-01T10:00:00Z", "new": "2025-03-02T08:00:00Z"}}}
    assert change_kind(changes) == "headline"


def test_paragraphs_added_removed_and_changed_with_positions():
    new = changed(article_body="First.\n\nSecond, corrected.\n\nThird.\n\nUpdate: more.", word_count=6,
                  date_modified="2025-03-02T08:00:00Z")
    assert diff(OLD, new)["body"] == [
        {"op": "changed", "position": 2, "old": "Second.", "new": "Second, corrected."},
        {"op": "added", "position": 4, "new": "Update: more."},
    ]
    assert body_diff(["a", "b", "c"], ["a", "c"]) == [{"op": "removed", "position": 2, "old": "b"}]
    assert body_diff(["a", "b"], ["x", "a", "b"]) == [{"op": "added", "position": 1, "new": "x"}]
    assert body_diff([], ["a"]) == [{"op": "added", "position": 1, "new": "a"}]
    assert change_kind(diff(OLD, new)) == "edit"


def test_authors_and_tags_added_and_removed():
    new = changed(authors=["B Two", "C Three"], tags=["War", "Kyiv", "Drones"], date_modified="2025-03-03T00:00:00Z")
    changes = diff(OLD, new)
    assert changes["authors"] == {"added": ["C Three"], "removed": ["A One"]}
    assert changes["tags"] == {"added": ["Drones"]}
    assert change_kind(changes) == "byline"
    assert list_diff(["a", "b"], ["b", "a"]) == {"order": ["b", "a"]}
    assert list_diff([], ["a"]) == {"added": ["a"]}


def test_content_changed_with_date_modified_unchanged_is_silent():
    silent = diff(OLD, changed(article_body="First.\n\nSecond.\n\nThird, quietly."))
    assert silent["silent"] is True and change_kind(silent) == "silent"
    headline_too = diff(OLD, changed(headline="Quiet headline"))
    assert change_kind(headline_too) == "silent"
    assert "silent" not in diff(OLD, changed(article_body="Other.", date_modified="2025-03-05T00:00:00Z"))
    # Only date_modified moved: an edit with nothing else to show, not silent.
    touched = diff(OLD, changed(date_modified="2025-03-05T00:00:00Z"))
    assert touched == {"fields": {"date_modified": {"old": OLD["date_modified"], "new": "2025-03-05T00:00:00Z"}}}
    assert change_kind(touched) == "edit"


def test_a_site_without_date_modified_makes_every_change_silent():
    old, new = dict(OLD, date_modified=None), dict(OLD, date_modified=None, description="New.")
    assert diff(old, new)["silent"] is True


def test_word_count_is_left_to_the_body_and_the_url_is_never_compared():
    changes = diff(OLD, changed(word_count=99, url="https://example.org/b/"))
    assert changes == {}


def test_word_diff_marks_removed_and_added_words():
    assert word_diff("Five people were killed", "Six people were killed today") == \
        "[-Five-] {+Six+} people were killed {+today+}"
    assert word_diff("same", "same") == "same"
