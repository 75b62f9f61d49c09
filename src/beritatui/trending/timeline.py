"""A story's timeline: how many of its articles appeared in each hour of its span.

Pure and Textual-free: the caller passes ``now`` from the app's clock (never the
wall clock). Buckets are whole UTC hours, so the same articles give the same
timeline whenever it is drawn within one hour; a story older than
``max_buckets`` hours gets wider buckets (2, 3, ... hours) instead of more of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from .types import as_utc

__all__ = ["BARS", "MAX_BUCKETS", "NO_ARTICLE", "Timeline", "sparkline", "story_timeline"]

MAX_BUCKETS = 24
"""Most buckets a timeline has (one character each in a sparkline)."""
BARS = "▁▂▃▄▅▆▇█"
"""Bar heights of a sparkline, lowest first."""
NO_ARTICLE = "·"
"""A bucket without an article."""

_HOUR = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Timeline:
    """Articles per bucket from the story's first hour to the hour of ``now``."""

    start: datetime
    """Start of the first bucket: a whole UTC hour, that of the first article
    (or earlier when buckets are wider than an hour)."""
    bucket_hours: int
    """Width of each bucket in hours (1 unless the story is older than the buckets allow)."""
    counts: tuple[int, ...]
    """Articles per bucket, oldest first; the last bucket holds ``now``."""

    @property
    def end(self) -> datetime:
        """End of the last bucket: the end of ``now``'s hour."""
        return self.start + len(self.counts) * self.bucket_hours * _HOUR

    def bucket_start(self, index: int) -> datetime:
        """When bucket ``index`` begins."""
        return self.start + index * self.bucket_hours * _HOUR

    @property
    def peak(self) -> int:
        """The largest bucket count (0 for an empty timeline)."""
        return max(self.counts, default=0)

    @property
    def peak_start(self) -> datetime | None:
        """When the first bucket with the most articles begins, ``None`` when empty."""
        if self.peak == 0:
            return None
        return self.bucket_start(self.counts.index(self.peak))


def story_timeline(
    published: Iterable[datetime | None], now: datetime, *, max_buckets: int = MAX_BUCKETS
) -> Timeline | None:
    """Articles per hour from the hour of the first dated article to the hour of ``now``.

    Undated articles are left out; an article dated after ``now`` (a feed's
    clock ahead) counts in the last bucket, the one of ``now``. ``None`` when no
    article has a date.
    """
    if max_buckets < 1:
        raise ValueError(f"max_buckets must be at least 1, not {max_buckets!r}")
    limit = as_utc(now)
    moments = [min(as_utc(moment), limit) for moment in published if moment is not None]
    if not moments:
        return None
    end = _hour_of(limit)
    hours = (end - _hour_of(min(moments))) // _HOUR + 1  # the first article's hour to now's
    width = -(-hours // max_buckets)  # ceiling: the fewest hours per bucket that fit
    buckets = -(-hours // width)
    # The last bucket holds now's hour; a wider first bucket may begin before the story.
    start = end + _HOUR - buckets * width * _HOUR
    counts = [0] * buckets
    for moment in moments:
        counts[(moment - start) // _HOUR // width] += 1
    return Timeline(start, width, tuple(counts))


def sparkline(counts: Sequence[int]) -> str:
    """One character per count: ``·`` for none, else a bar scaled to the largest count.

    Plain characters only (the UI wraps them in its own styled text).
    """
    peak = max(counts, default=0)
    if peak <= 0:
        return NO_ARTICLE * len(counts)
    levels = len(BARS)
    return "".join(
        BARS[-(-count * levels // peak) - 1] if count > 0 else NO_ARTICLE for count in counts
    )


def _hour_of(moment: datetime) -> datetime:
    """The whole UTC hour ``moment`` falls in."""
    return moment.replace(minute=0, second=0, microsecond=0)
