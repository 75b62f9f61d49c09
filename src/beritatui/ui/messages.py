"""App-wide messages posted by workers; the app's handlers own the state."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from beritatui.listing import ListPage, View
from beritatui.models import ArticleDetail, ArticleRow, FeedInfo
from beritatui.service import Progress, RefreshReport
from beritatui.trending import Cluster


@dataclass
class ListLoaded(Message):
    """Fresh data for the sidebar and the middle pane."""

    page: ListPage
    """With the view it was loaded for; a stale view is dropped."""
    keep_id: int | None = None


@dataclass
class MoreLoaded(Message):
    """The next page of the list for ``view``."""

    view: View
    rows: list[ArticleRow]
    more: bool


@dataclass
class TrendingLoaded(Message):
    """Every trending cluster, for list marks and "Juga diberitakan oleh"."""

    clusters: list[Cluster]


@dataclass
class ArticleReady(Message):
    """An article to show; ``loading`` when the full page is still on its way."""

    detail: ArticleDetail
    loading: bool = False
    restore_scroll: float | None = None


@dataclass
class RowChanged(Message):
    """Read/bookmark state of one article changed in the store."""

    article_id: int
    is_read: bool | None = None
    is_bookmarked: bool | None = None


@dataclass
class RefreshProgress(Message, bubble=False):
    """Feeds or pages done so far."""

    progress: Progress


@dataclass
class RefreshFinished(Message):
    """A refresh ended: ``report`` on success, ``error`` in plain words otherwise."""

    report: RefreshReport | None
    error: str | None = None


@dataclass
class FeedsReady(Message):
    """Feed statuses for the feed status screen."""

    feeds: list[FeedInfo]
