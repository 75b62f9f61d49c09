"""The Trending tab: ranked story clusters, one option each, with a sparkline timeline."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from beritatui.i18n import _, ngettext
from beritatui.timefmt import relative_time
from beritatui.trending import Cluster
from beritatui.trending.timeline import sparkline, story_timeline
from beritatui.trending.types import GROWTH_HOURS
from beritatui.ui.bindings import localize_bindings


class ClusterList(OptionList):
    """Options carry the cluster key as id; :attr:`clusters` keeps the data."""

    def __init__(self, *, clock: Callable[[], datetime], id: str | None = None) -> None:
        super().__init__(id=id)
        localize_bindings(self)
        self.clusters: list[Cluster] = []
        self._clock = clock

    def set_clusters(self, clusters: Sequence[Cluster]) -> None:
        """Show ``clusters`` in rank order."""
        self.clusters = list(clusters)
        self.clear_options()
        now = self._clock()
        options: list[Option | None] = []
        for rank, cluster in enumerate(self.clusters, start=1):
            text = Text(f"{rank:>2}. ", style="bold")
            text.append(cluster.title, style="bold")
            text.append_text(_why(cluster, now))
            text.append("\n    " + ", ".join(cluster.sources), style="italic")
            if options:
                options.append(None)  # a separator line between stories
            options.append(Option(text, id=cluster.key))
        self.add_options(options)
        if options:
            self.highlighted = 0

    @property
    def current(self) -> Cluster | None:
        """The highlighted cluster."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self.clusters):
            return None
        return self.clusters[index]


def _why(cluster: Cluster, now: datetime) -> Text:
    """Why the story trends: sources (wire copies once), size, age, and for a
    story of several articles its timeline (a sparkline), when it began and how
    many sources reported lately."""
    parts = cluster.parts
    count = len(cluster.sources)
    sources = ngettext("{count} source", "{count} sources", count).format(count=count)
    if cluster.single_source:
        sources += " " + _("(one source)") if count > 1 else ""
    elif parts.wire_copies:
        sources += " " + _("({count} independent)").format(count=parts.independent_sources)
    articles = len(cluster.articles)
    line = "\n    " + sources
    line += " · " + ngettext("{count} article", "{count} articles", articles).format(count=articles)
    if cluster.newest:
        line += f" · {relative_time(cluster.newest, now)}"
    text = Text(line)
    if parts.first_seen and len(cluster.articles) > 1:
        text.append("\n    ")
        timeline = story_timeline((a.published for a in cluster.articles), now)
        if timeline is not None:
            text.append(sparkline(timeline.counts), style="bold")
            text.append(" ")
        age = relative_time(parts.first_seen, now)  # "12 min ago", "just now"
        line = _("began {age}").format(age=age)
        if parts.recent_sources and not cluster.single_source:
            line += " · " + _("{count} sources/{hours} hr").format(
                count=parts.recent_sources, hours=f"{GROWTH_HOURS:g}"
            )
        text.append(line)
    return text
