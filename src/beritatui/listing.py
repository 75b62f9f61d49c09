"""What an article list shows, without Textual: the view, its query, its first page.

The TUI keeps a :class:`View` for the middle pane (a stale load for an older
view is dropped by comparing views) and loads it with :func:`load_page` and
:func:`more_rows`; ``beritatui search`` and ``bookmarks`` read the same
:func:`article_rows`. Titles are in the app's language (Indonesian).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from beritatui.i18n import _, ngettext
from beritatui.models import ALL_CATEGORIES, ArticleRow, category_label

if TYPE_CHECKING:
    from beritatui.service import Service
    from beritatui.store import Store
    from beritatui.trending import Cluster


class Tab(StrEnum):
    """The middle pane's tabs (the value is what the state file stores)."""

    LATEST = "terbaru"
    TRENDING = "trending"
    SAVED = "disimpan"

    @classmethod
    def parse(cls, value: object) -> Tab:
        """The tab named ``value``, else :attr:`LATEST`."""
        try:
            return cls(str(value))
        except ValueError:
            return cls.LATEST


class Sort(StrEnum):
    """The order of an article list (the value is what the state file stores)."""

    NEWEST = "newest"
    SOURCE = "source"
    """By source name, newest first within each source."""

    @classmethod
    def parse(cls, value: object) -> Sort:
        """The order named ``value``, else :attr:`NEWEST`."""
        try:
            return cls(str(value))
        except ValueError:
            return cls.NEWEST

    def toggled(self) -> Sort:
        """The other order (``s`` switches between the two)."""
        return Sort.SOURCE if self is Sort.NEWEST else Sort.NEWEST


@dataclass(frozen=True, slots=True)
class View:
    """What the middle pane is meant to show."""

    category: str = ALL_CATEGORIES
    tab: Tab = Tab.LATEST
    query: str | None = None
    """A search, shown instead of the tab's list."""
    cluster_key: str | None = None
    """A trending story opened from the Trending tab."""
    unread_only: bool = False
    """Hide read articles (``h``); a search still finds everything."""
    sort: Sort = Sort.NEWEST
    """Newest first, or by source (``s``); a search by source keeps the best first per source."""
    feed_id: int | None = None
    """One feed's articles in the Latest tab (the palette's "Feed: …"), whatever the category."""

    @property
    def by_source(self) -> bool:
        """The list is grouped by source."""
        return self.sort is Sort.SOURCE

    @property
    def category_filter(self) -> str | None:
        """The category to filter by, ``None`` for every category."""
        return None if self.category == ALL_CATEGORIES else self.category


LIST_LIMIT = 500
"""Rows per page of a list; further pages load as the cursor nears the end."""
SEARCH_LIMIT = 500
"""Search results shown in the app (best first)."""


@dataclass(frozen=True, slots=True)
class ListPage:
    """The first page of a view: what the sidebar and the middle pane show."""

    view: View
    counts: list[tuple[str, int, int]]
    """``(category, total, unread)`` for the sidebar."""
    rows: list[ArticleRow]
    clusters: list[Cluster] | None
    """Set for the Trending tab (a list of stories instead of articles)."""
    title: str
    """The line over the list, in the app's language."""
    more: bool
    """More rows exist past ``rows`` (:func:`more_rows` loads them)."""
    across_categories: bool = False
    """The rows come from every category whatever the sidebar shows (Saved, a search):
    each row should say its category."""


def article_rows(
    store: Store, view: View, *, offset: int = 0, limit: int | None = None
) -> list[ArticleRow]:
    """The articles of ``view``: a search, the saved articles, or the latest (blocking).

    ``limit`` defaults to :data:`LIST_LIMIT` (one page).
    """
    limit = LIST_LIMIT if limit is None else limit
    if view.query is not None:
        found = store.search(view.query, limit=limit)
        if view.by_source:
            found.sort(key=lambda row: row.source.casefold())  # stable: best first per source
        return found[offset:]
    saved = view.tab is Tab.SAVED
    feed = None if saved else view.feed_id
    return store.list_articles(
        # Every bookmark whatever the category; a feed is in one category already.
        category=None if saved or feed is not None else view.category_filter,
        feed_id=feed,
        bookmarked=saved,
        unread_only=view.unread_only,
        limit=limit,
        offset=offset,
        by_source=view.by_source,
    )


def load_page(service: Service, view: View, cluster: Cluster | None = None) -> ListPage:
    """The first page of ``view`` (blocking; call from a thread).

    ``cluster`` is the trending story ``view.cluster_key`` names, when one is open.
    """
    store = service.store
    if not service.feeds_synced:
        # The sidebar follows the config even before (or without) a refresh.
        service.sync_feeds()
    counts = service.category_counts()
    category = category_label(view.category)
    clusters: list[Cluster] | None = None
    more = False
    if view.query is not None:
        rows = article_rows(store, view, limit=SEARCH_LIMIT)
        title = _("Search: “{query}” · {count}").format(query=view.query, count=len(rows))
    elif cluster is not None:
        rows = store.list_articles(
            ids=sorted(cluster.article_ids),
            unread_only=view.unread_only,
            limit=LIST_LIMIT,
            by_source=view.by_source,
        )
        title = _("Trending · {title}").format(title=cluster.title)
    elif view.tab is Tab.TRENDING:
        clusters = service.trending(category=view.category_filter)
        rows = []
        title = ngettext(
            "Trending in {category} · {count} story",
            "Trending in {category} · {count} stories",
            len(clusters),
        ).format(category=category, count=len(clusters))
    else:
        rows = article_rows(store, view)
        more = len(rows) == LIST_LIMIT
        if view.tab is Tab.SAVED:
            title = ngettext(
                "Saved · every category · {count} article",
                "Saved · every category · {count} articles",
                len(rows),
            ).format(count=len(rows))
        elif view.feed_id is not None:
            total = store.count_articles(feed_id=view.feed_id)
            title = ngettext(
                "Feed {name} · {count} article", "Feed {name} · {count} articles", total
            ).format(name=store.feed_label(view.feed_id) or "?", count=total)
        else:
            total = store.count_articles(category=view.category_filter)
            title = ngettext(
                "{category} · {count} article", "{category} · {count} articles", total
            ).format(category=category, count=total)
    if view.unread_only and view.query is None and clusters is None:
        title += " · " + _("unread only")
    if view.by_source and clusters is None:
        title += " · " + _("by source")
    across = view.query is not None or (view.tab is Tab.SAVED and cluster is None)
    return ListPage(view, counts, rows, clusters, title, more, across_categories=across)


def more_rows(service: Service, view: View, offset: int) -> tuple[list[ArticleRow], bool]:
    """The page of ``view`` from ``offset`` on, and whether more follow (blocking)."""
    rows = article_rows(service.store, view, offset=offset)
    return rows, len(rows) == LIST_LIMIT
