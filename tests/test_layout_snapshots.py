"""Snapshots of the screens and dialogs at 80×24 and 160×48, dark and light.

The layout changes with the width (ui/screens/layout.py): these pin both ends.
Update deliberately with ``pytest tests/test_layout_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from beritatui.feeds.outcomes import Code, note
from beritatui.models import FeedStatus
from beritatui.paths import database_file
from beritatui.store import Store
from beritatui.ui.app import BeritaApp
from beritatui.ui.screens.dialogs import ConfirmScreen
from beritatui.ui.screens.feeds import FeedStatusScreen
from tests.helpers import wait_for
from tests.library import fill_library, library_config
from tests.site import NOW

pytestmark = pytest.mark.usefixtures("indonesian")

SIZES = {"80x24": (80, 24), "160x48": (160, 48)}
THEMES = ("textual-dark", "textual-light")


def _app(tmp_path: Path, theme: str) -> BeritaApp:
    store = Store.open(database_file())
    fill_library(store)
    store.clock = lambda: NOW
    outcomes = [
        (FeedStatus.OK, note(Code.ITEMS, count=3)),
        (FeedStatus.HTTP_ERROR, note(Code.HTTP_STATUS, code=403, phrase="Forbidden")),
        (FeedStatus.TIMEOUT, note(Code.READ_TIMEOUT, host="lambat.example.id", seconds=15)),
        (FeedStatus.STALE, note(Code.ABANDONED, date="2016-03-01")),
    ]
    for feed, (status, detail) in zip(store.feeds(), outcomes, strict=True):
        store.record_fetch(feed.id, status, detail)
    return BeritaApp(library_config(), store, theme=theme, state_path=tmp_path / "state.json")


async def _listed(pilot: Pilot[int]) -> BeritaApp:
    app = pilot.app
    assert isinstance(app, BeritaApp)
    await wait_for(lambda: app.main.query("#articles"), pilot)
    await wait_for(lambda: app.main.article_list.rows and app.main.article_list.trending_ids, pilot)
    await pilot.pause()
    return app


async def _list(pilot: Pilot[int]) -> None:
    await _listed(pilot)


async def _reading(pilot: Pilot[int]) -> None:
    app = await _listed(pilot)
    await pilot.press("enter")
    await wait_for(lambda: app.main.reader.has_focus, pilot)
    await pilot.pause()


async def _feeds(pilot: Pilot[int]) -> None:
    await _listed(pilot)
    await pilot.press("f")
    await wait_for(lambda: isinstance(pilot.app.screen, FeedStatusScreen), pilot)
    await pilot.pause()


async def _confirm(pilot: Pilot[int]) -> None:
    await _listed(pilot)
    await pilot.press("M")
    await wait_for(lambda: isinstance(pilot.app.screen, ConfirmScreen), pilot)
    await pilot.pause()


VIEWS = {"list": _list, "reading": _reading, "feeds": _feeds, "confirm": _confirm}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", VIEWS)
def test_layout(snap_compare, tmp_path: Path, view: str, size: str, theme: str) -> None:  # type: ignore[no-untyped-def]
    app = _app(tmp_path, theme)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=VIEWS[view])
