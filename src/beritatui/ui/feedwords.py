"""What happened to a feed, in words for the feed screen.

A feed's stored detail is a :class:`~beritatui.feeds.outcomes.Note` (a code and
parameters), worded here in the interface language of the moment; this module
decides what the table's "Detail" column shows for each status.
"""

from __future__ import annotations

from beritatui.feeds.outcomes import NO_NOTE, Code
from beritatui.models import FeedInfo, FeedStatus
from beritatui.wording import say

QUIET = (FeedStatus.OK, FeedStatus.NOT_MODIFIED, FeedStatus.NEVER)
"""Statuses that say it all: their detail ("12 items", "HTTP 200, 4 KB") is not repeated."""


def explain(info: FeedInfo) -> str:
    """The problem or warning of a feed; empty when the status says it all."""
    status, detail = info.status, info.detail
    if status in QUIET:
        return say(detail) if detail.code is Code.EMPTY_FEED else ""
    return status.label if detail == NO_NOTE else say(detail)
