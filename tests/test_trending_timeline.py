"""A story's timeline (trending/timeline.py): articles per hour on the app's clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beritatui.trending.timeline import BARS, NO_ARTICLE, sparkline, story_timeline
from tests.site import NOW  # the tests' clock (09:00 UTC), never the wall clock


def _ago(hours: float) -> datetime:
    return NOW - timedelta(hours=hours)


def test_counts_articles_per_hour_from_the_first_hour_to_nows() -> None:
    timeline = story_timeline([_ago(2.5), _ago(2.2), _ago(0.1), _ago(0.2), _ago(0.3)], NOW)
    assert timeline is not None
    # 06:30 and 06:48 in the 06:00 hour, none at 07:00, 08:42 to 08:54 in the 08:00 hour,
    # and now's hour (NOW is 09:00 sharp) still empty.
    assert timeline.start == datetime(2026, 11, 27, 6, 0, tzinfo=UTC)
    assert timeline.bucket_hours == 1
    assert timeline.counts == (2, 0, 3, 0)
    assert timeline.end == datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    assert timeline.bucket_start(2) == datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


def test_peak_is_the_first_busiest_bucket() -> None:
    timeline = story_timeline([_ago(3.5), _ago(3.4), _ago(1.5), _ago(1.4)], NOW)
    assert timeline is not None
    assert timeline.counts == (2, 0, 2, 0, 0)  # 05:00 to 09:00
    assert timeline.peak == 2
    assert timeline.peak_start == datetime(2026, 11, 27, 5, 0, tzinfo=UTC)


def test_follows_the_clock_passed_not_the_wall_clock() -> None:
    later = NOW + timedelta(hours=5)
    early = story_timeline([_ago(1)], NOW)
    late = story_timeline([_ago(1)], later)
    assert early is not None
    assert late is not None
    assert early.counts == (1, 0)  # 08:00 and 09:00
    assert late.counts == (1, 0, 0, 0, 0, 0, 0)  # 08:00 to 14:00
    assert late.end == datetime(2026, 11, 27, 15, 0, tzinfo=UTC)


def test_undated_articles_are_left_out_and_none_dated_is_no_timeline() -> None:
    assert story_timeline([None, None], NOW) is None
    assert story_timeline([], NOW) is None
    timeline = story_timeline([None, _ago(0.5)], NOW)
    assert timeline is not None
    assert timeline.counts == (1, 0)


def test_an_article_from_the_future_counts_in_nows_hour() -> None:
    timeline = story_timeline([_ago(1.5), NOW + timedelta(hours=3)], NOW)
    assert timeline is not None
    assert timeline.counts == (1, 0, 1)
    assert timeline.end == NOW + timedelta(hours=1)


def test_only_future_articles_give_one_bucket() -> None:
    timeline = story_timeline([NOW + timedelta(hours=2)], NOW)
    assert timeline is not None
    assert timeline.counts == (1,)
    assert timeline.start == NOW


def test_a_long_story_gets_wider_buckets_ending_with_nows_hour() -> None:
    # 48 hours (09:00 two days ago to now's hour: 49 whole hours) in at most 24 buckets.
    timeline = story_timeline([_ago(48), _ago(47.5), _ago(0.5)], NOW, max_buckets=24)
    assert timeline is not None
    assert timeline.bucket_hours == 3
    assert len(timeline.counts) == 17
    assert timeline.end == NOW + timedelta(hours=1)
    assert timeline.start <= _ago(48)
    assert timeline.counts[0] == 2
    assert timeline.counts[-1] == 1
    assert sum(timeline.counts) == 3


def test_times_in_other_zones_are_the_same_moments() -> None:
    wib = timezone(timedelta(hours=7))
    in_wib = story_timeline([_ago(2).astimezone(wib)], NOW.astimezone(wib))
    in_utc = story_timeline([_ago(2)], NOW)
    assert in_wib == in_utc
    naive = story_timeline([_ago(2).replace(tzinfo=None)], NOW)  # naive means UTC
    assert naive == in_utc


def test_max_buckets_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        story_timeline([NOW], NOW, max_buckets=0)


@given(
    st.lists(st.floats(min_value=-5, max_value=72, allow_nan=False), min_size=1, max_size=60),
    st.integers(min_value=1, max_value=30),
)
def test_every_dated_article_is_counted_once_within_the_bucket_limit(
    ages: list[float], max_buckets: int
) -> None:
    timeline = story_timeline([_ago(age) for age in ages], NOW, max_buckets=max_buckets)
    assert timeline is not None
    assert sum(timeline.counts) == len(ages)
    assert 1 <= len(timeline.counts) <= max_buckets
    assert timeline.start <= min(min(_ago(age), NOW) for age in ages)
    assert timeline.end - timedelta(hours=timeline.bucket_hours) <= NOW < timeline.end


def test_sparkline_scales_to_the_peak_and_marks_empty_hours() -> None:
    assert sparkline([0, 1, 4, 8]) == f"{NO_ARTICLE}▁▄█"
    assert sparkline([3, 0, 3]) == f"█{NO_ARTICLE}█"
    assert sparkline([0, 0]) == NO_ARTICLE * 2
    assert sparkline([]) == ""


@given(st.lists(st.integers(min_value=0, max_value=500), max_size=48))
def test_sparkline_has_one_known_character_per_count(counts: list[int]) -> None:
    line = sparkline(counts)
    assert len(line) == len(counts)
    assert set(line) <= set(BARS) | {NO_ARTICLE}
    pairs = zip(line, counts, strict=True)
    assert all((char == NO_ARTICLE) == (count == 0) for char, count in pairs)
    if any(counts):
        assert line[counts.index(max(counts))] == BARS[-1]
