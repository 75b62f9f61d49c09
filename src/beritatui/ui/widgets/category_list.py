"""The category sidebar: "All" (``Semua``) plus configured categories with unread counts."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from beritatui.models import ALL_CATEGORIES, category_label
from beritatui.ui.bindings import localize_bindings

__all__ = ["ALL_CATEGORIES", "CategoryList", "category_label"]


class CategoryList(OptionList):
    """Option ids are category names; ``Semua`` means every category."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        localize_bindings(self)
        self._counts: list[tuple[str, int, int]] = []

    def on_resize(self) -> None:
        """Counts are right-aligned to the width: lay them out again."""
        if self._counts:
            index = self.highlighted
            selected = self.names[index] if index is not None else ALL_CATEGORIES
            self.set_counts(self._counts, selected)

    def set_counts(self, counts: Sequence[tuple[str, int, int]], selected: str) -> None:
        """Show ``(category, total, unread)`` rows; keep ``selected`` highlighted."""
        self._counts = list(counts)
        rows = [
            (ALL_CATEGORIES, self.unread(ALL_CATEGORIES)),
            *((c, unread) for c, _, unread in counts),
        ]
        width = max(12, self.size.width - 2)
        options = []
        for name, unread in rows:
            label = Text(category_label(name), no_wrap=True, overflow="ellipsis")
            count = str(unread) if unread else ""
            label.truncate(max(1, width - len(count) - 1))
            label.pad_right(max(0, width - len(label) - len(count)))
            label.append(count, style="bold" if unread else "")
            options.append(Option(label, id=name))
        self.clear_options()
        self.add_options(options)
        names = [name for name, _ in rows]
        self.highlighted = names.index(selected) if selected in names else 0

    def unread(self, category: str) -> int:
        """Unread articles of ``category`` as last shown (``Semua``: all of them)."""
        if category == ALL_CATEGORIES:
            return sum(unread for _, _, unread in self._counts)
        return next((unread for name, _, unread in self._counts if name == category), 0)

    @property
    def names(self) -> list[str]:
        """Category names in display order."""
        return [str(self.get_option_at_index(i).id) for i in range(self.option_count)]
