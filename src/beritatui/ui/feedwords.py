"""What happened to a feed, in words for the feed screen.

The fetcher, parser and service word their problems through the catalogs
(:mod:`beritatui.i18n`), so a feed's stored detail is already in the interface
language of the refresh that recorded it; this module only decides what the
table's "Detail" column shows for each status.
"""

from __future__ import annotations

from beritatui.i18n import _
from beritatui.models import FeedInfo, FeedStatus

QUIET = (FeedStatus.OK, FeedStatus.NOT_MODIFIED, FeedStatus.NEVER)
"""Statuses that say it all: their detail ("12 items", "HTTP 200, 4 KB") is not repeated."""


def explain(info: FeedInfo) -> str:
    """The problem or warning of a feed; empty when the status says it all."""
    status, detail = info.status, info.detail
    if status in QUIET:
        empty = _("the feed is empty")
        return empty if detail in (empty, "the feed is empty") else ""
    return detail or status.label
