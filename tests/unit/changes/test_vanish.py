"""Removals need two consecutive observations hours apart; a return is at once; a failure for now is no check."""

from newscrawl.changes.vanish import CLEARED, Observation, observe, state_of

URL = "https://example.org/a/"
LIVE_ROW = {}


def test_a_first_404_is_only_a_suspicion_a_second_one_an_hour_later_an_event():
    first = observe(URL, LIVE_ROW, Observation("unpublished", "2026-03-01T10:00:00Z", 404), confirm_hours=1)
    assert first.event is None and first.suspected
    row = dict(LIVE_ROW, **first.updates)
    soon = observe(URL, row, Observation("unpublished", "2026-03-01T10:30:00Z", 404), confirm_hours=1)
    assert soon.event is None and soon.updates == {} and not soon.suspected
    later = observe(URL, row, Observation("unpublished", "2026-03-01T11:00:00Z", 410), confirm_hours=1)
    assert later.event == {"url": URL, "kind": "unpublished", "found_at": "2026-03-01T11:00:00Z", "status": 410,
                           "redirected_to": None, "since": "2026-03-01T10:00:00Z"}
    row.update(later.updates)
    assert row["unpublished_at"] == "2026-03-01T10:00:00Z" and row["gone_status"] == 410 and row["suspect"] is None
    assert state_of(row) == ("unpublished", None)
    again = observe(URL, row, Observation("unpublished", "2026-03-02T11:00:00Z", 410), 1)
    assert again.event is None and again.updates == {} and not again.suspected


def test_with_zero_hours_the_second_check_may_follow_at_once():
    first = observe(URL, LIVE_ROW, Observation("redirected", "2026-03-01T10:00:00Z", 301, "https://example.org/b/"), 0)
    second = observe(URL, first.updates, Observation("redirected", "2026-03-01T10:00:00Z", 301,
                                                  "https://example.org/b/"), 0)
    assert second.event["kind"] == "redirected" and second.event["redirected_to"] == "https://example.org/b/"
    assert state_of(second.updates) == ("redirected", "https://example.org/b/")


def test_a_different_observation_starts_a_new_suspicion_and_a_200_clears_one():
    first = observe(URL, LIVE_ROW, Observation("redirected", "2026-03-01T10:00:00Z", 301, "https://example.org/b/"), 0)
    elsewhere = Observation("redirected", "2026-03-01T12:00:00Z", 301, "https://example.org/c/")
    other = observe(URL, first.updates, elsewhere, 0)
    assert other.event is None and other.suspected and other.updates["suspect"]["redirected_to"].endswith("/c/")
    back = observe(URL, first.updates, Observation("live", "2026-03-01T12:00:00Z", 200), 0)
    assert back.event is None and back.updates == {"suspect": None}


def test_an_article_that_comes_back_is_restored_at_once():
    row = {"unpublished_at": "2026-03-01T10:00:00Z", "gone_status": 404, "redirected_to": None}
    back = observe(URL, row, Observation("live", "2026-03-03T09:00:00Z", 200), confirm_hours=1)
    assert back.event == {"url": URL, "kind": "restored", "found_at": "2026-03-03T09:00:00Z", "status": 200,
                          "redirected_to": None, "since": None}
    assert back.updates == CLEARED


def test_unlisted_needs_confirming_too_and_sets_its_own_column():
    first = observe(URL, LIVE_ROW, Observation("unlisted", "2026-03-01T10:00:00Z", 200), 1)
    confirmed = observe(URL, first.updates, Observation("unlisted", "2026-03-01T12:00:00Z", 200), 1)
    assert confirmed.event["kind"] == "unlisted" and confirmed.updates["unlisted_at"] == "2026-03-01T10:00:00Z"
    assert confirmed.updates["unpublished_at"] is None and state_of(confirmed.updates) == ("unlisted", None)
