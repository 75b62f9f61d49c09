"""What the article list shows, without Textual: tabs and the view key.

The TUI keeps a :class:`View` for the middle pane (a stale load for an older
view is dropped by comparing views); the CLI and the TUI read the same lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from beritatui.models import ALL_CATEGORIES


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


@dataclass(frozen=True, slots=True)
class View:
    """What the middle pane is meant to show."""

    category: str = ALL_CATEGORIES
    tab: Tab = Tab.LATEST
    query: str | None = None
    """A search, shown instead of the tab's list."""
    cluster_key: str | None = None
    """A trending story opened from the Trending tab."""

    @property
    def category_filter(self) -> str | None:
        """The category to filter by, ``None`` for every category."""
        return None if self.category == ALL_CATEGORIES else self.category
