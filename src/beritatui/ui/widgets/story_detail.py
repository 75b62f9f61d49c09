"""A trending story in detail: why it trends, its timeline, its articles by source.

The right pane shows it in place of the reader while a story is highlighted in
the Trending tab (:mod:`beritatui.ui.screens.story`). It only renders what the
cluster already holds (no I/O); feed text goes in as plain :class:`~rich.text.Text`,
never markup. The story's articles are options, grouped under a heading per
source: ``enter`` asks the screen to open one (:class:`StoryDetail.Opened`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from math import inf

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from beritatui.i18n import N_, _, ngettext
from beritatui.timefmt import local_time, relative_time, short_date
from beritatui.trending import Cluster, StoryInput
from beritatui.trending.timeline import Timeline, sparkline, story_timeline
from beritatui.trending.types import GROWTH_HOURS
from beritatui.ui.bindings import localize_bindings

HEADER_ID = "story-header"
"""The option holding the title, the reasons and the timeline (never selectable)."""


class StoryDetail(OptionList):
    """One story: a header (why, timeline) and its articles as options (id: article id)."""

    BINDINGS = [Binding("enter", "select", N_("Read"), show=True)]

    @dataclass
    class Opened(Message):
        """The user asked to read the story's article ``article_id``."""

        article_id: int

    def __init__(self, *, clock: Callable[[], datetime], id: str | None = None) -> None:
        super().__init__(id=id)
        localize_bindings(self)
        self.cluster: Cluster | None = None
        self.article_ids: list[int] = []
        """The story's articles in the order shown (by source)."""
        self._clock = clock

    def show_story(self, cluster: Cluster) -> None:
        """Show ``cluster``; the cursor on its first article (kept when it is the same story)."""
        same = self.cluster is not None and self.cluster.key == cluster.key
        keep = self.current_article if same else None
        self.cluster = cluster
        now = self._clock()
        self.clear_options()
        options: list[Option | None] = [Option(_header(cluster, now), id=HEADER_ID, disabled=True)]
        self.article_ids = []
        for source, articles in by_source(cluster):
            options.append(None)
            heading = Text(source, style="bold")
            count = ngettext("{count} article", "{count} articles", len(articles))
            heading.append(" · " + count.format(count=len(articles)), style="dim")
            options.append(Option(heading, disabled=True))
            for article in articles:
                options.append(Option(_article_line(article, now), id=str(article.id)))
                self.article_ids.append(article.id)
        self.add_options(options)
        first = self.article_ids[0] if self.article_ids else None
        self.move_to(keep if keep is not None else first)
        self.scroll_home(animate=False)

    @property
    def current_article(self) -> int | None:
        """The id of the highlighted article."""
        index = self.highlighted
        if index is None:
            return None
        option_id = self.get_option_at_index(index).id
        return int(option_id) if option_id is not None and option_id.isdigit() else None

    def move_to(self, article_id: int | None) -> None:
        """Put the cursor on ``article_id`` (when it is one of the story's)."""
        if article_id is not None and article_id in self.article_ids:
            self.highlighted = self.get_option_index(str(article_id))

    def step(self, article_id: int | None, step: int) -> int | None:
        """The article ``step`` places after ``article_id`` (``n``/``p`` while reading), if any."""
        if not self.article_ids:
            return None
        if article_id not in self.article_ids:
            return self.article_ids[0]
        index = self.article_ids.index(article_id) + step
        return self.article_ids[index] if 0 <= index < len(self.article_ids) else None

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        article = self.current_article
        if article is not None:
            self.post_message(self.Opened(article))


def by_source(cluster: Cluster) -> list[tuple[str, list[StoryInput]]]:
    """The story's articles grouped by source (sources in the cluster's order), newest first."""
    groups: dict[str, list[StoryInput]] = {source: [] for source in cluster.sources}
    for article in cluster.articles:
        groups.setdefault(article.source, []).append(article)
    for articles in groups.values():  # newest first, undated last
        articles.sort(key=lambda a: a.published.timestamp() if a.published else -inf, reverse=True)
    return [(source, articles) for source, articles in groups.items() if articles]


def _clock_time(when: datetime, now: datetime) -> str:
    """``16:13`` on the local day of ``now``, else ``26 Nov 16:13``."""
    local = local_time(when)
    if local.date() == local_time(now).date():
        return f"{local:%H:%M}"
    return short_date(when)


def _article_line(article: StoryInput, now: datetime) -> Text:
    line = Text("  ")
    moment = _clock_time(article.published, now) if article.published else "--:--"
    line.append(moment.rjust(5), style="italic")
    line.append("  ")
    line.append(article.title)
    return line


def _header(cluster: Cluster, now: datetime) -> Text:
    """Title, why the story trends in words, its timeline with times."""
    parts = cluster.parts
    text = Text(cluster.title, style="bold")
    text.append("\n\n" + _("Why it trends"), style="bold underline")
    independent = parts.independent_sources or len(cluster.sources)
    line = ngettext(
        "{count} independent source", "{count} independent sources", independent
    ).format(count=independent)
    if parts.wire_copies:
        line += " · " + ngettext(
            "{count} wire copy counted with its source",
            "{count} wire copies counted with their sources",
            parts.wire_copies,
        ).format(count=parts.wire_copies)
    if cluster.single_source:
        line += " · " + _("one source only: not a trend yet")
    text.append("\n• " + line)
    articles = len(cluster.articles)
    line = ngettext("{count} article", "{count} articles", articles).format(count=articles)
    if parts.first_seen is not None:
        line += " · " + _("first seen {time} ({age})").format(
            time=_clock_time(parts.first_seen, now), age=relative_time(parts.first_seen, now)
        )
    if cluster.newest is not None:
        line += " · " + _("newest {age}").format(age=relative_time(cluster.newest, now))
    text.append("\n• " + line)
    hours = f"{GROWTH_HOURS:g}"
    line = ngettext(
        "growth: {count} source reported in the last {hours} hours",
        "growth: {count} sources reported in the last {hours} hours",
        parts.recent_sources,
    ).format(count=parts.recent_sources, hours=hours)
    text.append("\n• " + line)
    text.append(
        "\n• "
        + _(
            "score {total:.2f} = coverage {coverage:.2f} (sources, by freshness)"
            " + volume {volume:.2f} (articles) + growth {growth:.2f} (recent sources)"
        ).format(
            total=parts.total, coverage=parts.coverage, volume=parts.volume, growth=parts.growth
        ),
        style="dim",
    )
    timeline = story_timeline((a.published for a in cluster.articles), now)
    if timeline is not None:
        text.append("\n\n")
        text.append_text(timeline_text(timeline, now))
    return text


def timeline_text(timeline: Timeline, now: datetime) -> Text:
    """The timeline: a title, the sparkline between its first and last times, the peak."""
    if timeline.bucket_hours == 1:
        title = _("Timeline · articles per hour")
    else:
        title = _("Timeline · articles per {hours} hours").format(hours=timeline.bucket_hours)
    text = Text(title, style="bold underline")
    text.append("\n" + _clock_time(timeline.start, now) + " ", style="dim")
    text.append(sparkline(timeline.counts), style="bold")
    text.append(" " + _("now"), style="dim")
    peak = timeline.peak_start
    if peak is not None:
        text.append("\n")
        text.append(
            ngettext(
                "peak from {time}: {count} article",
                "peak from {time}: {count} articles",
                timeline.peak,
            ).format(count=timeline.peak, time=_clock_time(peak, now)),
            style="dim",
        )
    return text
