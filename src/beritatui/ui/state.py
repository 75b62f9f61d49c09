"""Small UI state kept between runs (theme, place in the list, scroll).

Plain JSON next to the database. Reading tolerates a missing or broken file;
writing is atomic (temp file + rename) so a kill never leaves half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from beritatui.listing import Sort, Tab
from beritatui.models import ALL_CATEGORIES
from beritatui.themes import DEFAULT_THEME_DARK


@dataclass
class UIState:
    """What the app restores on start."""

    theme: str = DEFAULT_THEME_DARK
    theme_came_from: str = ""
    """The theme the last ``d`` left, so the next ``d`` returns to it (themes.py)."""
    category: str = ALL_CATEGORIES
    tab: str = Tab.LATEST.value
    article_id: int | None = None
    reader_scroll: float = 0.0
    hide_read: bool = False
    sort: str = Sort.NEWEST.value

    @classmethod
    def load(cls, path: Path) -> UIState:
        """The saved state, or defaults when the file is missing or unreadable."""
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        state = cls()
        for name, kinds in _FIELD_TYPES.items():
            value = data.get(name)
            if isinstance(value, kinds) and (kinds is bool or not isinstance(value, bool)):
                setattr(state, name, value)
        return state

    def save(self, path: Path) -> None:
        """Write atomically; errors (read-only dir, disk full) are swallowed by callers."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".state-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(asdict(self), handle)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


_FIELD_TYPES: dict[str, type | tuple[type, ...]] = {
    "theme": str,
    "theme_came_from": str,
    "category": str,
    "tab": str,
    "article_id": int,
    "reader_scroll": (int, float),
    "hide_read": bool,
    "sort": str,
}
"""Accepted JSON types per field; anything else in the file keeps the default."""
