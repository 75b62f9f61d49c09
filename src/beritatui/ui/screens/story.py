"""The story detail in the right pane: what the Trending tab shows beside its stories.

While a story is highlighted in the Trending tab, the right pane shows
:class:`~beritatui.ui.widgets.story_detail.StoryDetail` in place of the reader (the
screen's ``-story`` class; ``styles/app.tcss``). ``enter`` on a story moves into
its detail, ``enter`` there opens the article in the reader, and escape goes back:
reader → story → stories. ``n``/``p`` while reading such an article step through
the story's articles. Everything shown comes from the cluster already loaded: no I/O.
"""

from __future__ import annotations

from textual import on
from textual.screen import Screen
from textual.widgets import OptionList

from beritatui.trending import Cluster
from beritatui.ui.widgets.cluster_list import ClusterList
from beritatui.ui.widgets.story_detail import StoryDetail


class StoryMixin(Screen[None]):
    """Shows, enters and leaves the story detail; the screen opens the articles."""

    _reading_story = False
    """The reader shows an article opened from the story detail (escape goes back to it)."""

    @property
    def story_detail(self) -> StoryDetail:
        """The story detail widget (``#story``)."""
        return self.query_one("#story", StoryDetail)

    @property
    def reading_story(self) -> bool:
        """The reader shows an article opened from the story detail."""
        return self._reading_story

    @property
    def story_shown(self) -> bool:
        """The right pane shows the story detail (not the reader)."""
        return self.has_class("-story")

    def show_story(self, cluster: Cluster | None) -> None:
        """Show ``cluster`` in the detail; the right pane switches to it unless an
        article of the story is being read. ``None``: the reader again."""
        if cluster is None:
            self.leave_story()
            return
        self.story_detail.show_story(cluster)
        if not self._reading_story:
            self.set_class(True, "-story")

    def leave_story(self) -> None:
        """The reader takes the right pane again (another tab, a search, no story)."""
        self._reading_story = False
        self.set_class(False, "-story")

    def enter_story(self) -> None:
        """Move into the detail of the highlighted story (on a narrow screen it takes
        the list's place, as the reader does)."""
        self._reading_story = False
        self.set_class(True, "-story")
        self.set_class(True, "-reading")
        self.story_detail.focus()

    def read_from_story(self) -> None:
        """An article of the story is being opened: the reader takes the right pane."""
        self._reading_story = True
        self.set_class(False, "-story")

    def back_to_story(self) -> bool:
        """Escape in the reader: back to the story the article was opened from, if any."""
        if not self._reading_story:
            return False
        self._reading_story = False
        self.story_detail.move_to(self._story_article())
        self.enter_story()
        return True

    def _story_article(self) -> int | None:
        """The article the reader shows (overridden by the screen that owns the reader)."""
        return None

    @on(OptionList.OptionHighlighted, "#clusters")
    def _on_cluster_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        clusters = self.query_one("#clusters", ClusterList)
        if clusters.has_focus:
            self._reading_story = False  # the user is back among the stories
        self.show_story(clusters.current)
