"""What a refresh reports: progress, per-feed outcomes, the summary; offline errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from beritatui.feeds.outcomes import Code, Note, note
from beritatui.i18n import _, ngettext
from beritatui.models import FeedStatus

NOT_CACHED_OFFLINE = note(Code.NOT_CACHED_OFFLINE)
"""Why an article opened offline has only the feed's text (``ArticleDetail.body_error``)."""
NETWORK_DOWN_STATUSES = frozenset({FeedStatus.NETWORK_ERROR, FeedStatus.TIMEOUT})


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a refresh or prefetch has got."""

    phase: Literal["feeds", "articles"]
    done: int
    total: int
    label: str = ""


ProgressCallback = Callable[[Progress], None]


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """What happened to one feed in a refresh."""

    feed_id: int
    url: str
    title: str
    category: str
    status: FeedStatus
    detail: Note
    """What happened beyond the status (worded at the edge: :func:`beritatui.wording.say`)."""
    new_articles: int = 0


@dataclass(slots=True)
class RefreshReport:
    """The result of :meth:`Service.refresh`."""

    outcomes: list[FeedOutcome] = field(default_factory=list)
    new_article_ids: list[int] = field(default_factory=list)
    articles_saved: int = 0
    articles_failed: int = 0

    @property
    def feeds_ok(self) -> int:
        return sum(1 for o in self.outcomes if o.status.is_success)

    @property
    def feeds_failed(self) -> list[FeedOutcome]:
        return [o for o in self.outcomes if not o.status.is_success]

    @property
    def network_down(self) -> bool:
        """Every feed failed to connect: the machine is probably offline."""
        return bool(self.outcomes) and all(o.status in NETWORK_DOWN_STATUSES for o in self.outcomes)

    def summary(self) -> str:
        """One plain line, e.g. for ``beritatui refresh`` without a TTY."""
        new = len(self.new_article_ids)
        parts = [
            _("{ok}/{total} feeds ok").format(ok=self.feeds_ok, total=len(self.outcomes)),
            ngettext("{count} new article", "{count} new articles", new).format(count=new),
        ]
        saved, failed_pages = self.articles_saved, self.articles_failed
        if saved or failed_pages:
            text = ngettext("{count} page cached", "{count} pages cached", saved)
            parts.append(text.format(count=saved))
        if failed_pages:
            text = ngettext("{count} page failed", "{count} pages failed", failed_pages)
            parts.append(text.format(count=failed_pages))
        failed = len(self.feeds_failed)
        if failed:
            text = ngettext("{count} feed failed", "{count} feeds failed", failed)
            parts.append(text.format(count=failed))
        return ", ".join(parts)


class OfflineError(Exception):
    """An action needs the network while beritatui is offline."""
