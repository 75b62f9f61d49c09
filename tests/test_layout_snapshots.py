"""Snapshots of the screens and dialogs at 80×24 and 160×48, dark and light.

The layout changes with the width (ui/screens/layout.py): these pin both ends.
Update deliberately with ``pytest tests/test_layout_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from beritatui.feeds.outcomes import Code, note
from beritatui.i18n import _
from beritatui.models import FeedStatus
from beritatui.paths import database_file
from beritatui.store import Store
from beritatui.ui.app import BeritaApp
from beritatui.ui.screens.dialogs import ChoiceScreen, ConfirmScreen, PromptScreen
from beritatui.ui.screens.feeds import ALL_FEEDS, ASK_WHICH, FeedStatusScreen
from beritatui.ui.screens.help import HelpScreen
from beritatui.ui.widgets.cluster_list import ClusterList
from tests.helpers import wait_for
from tests.library import fill_library, library_config
from tests.site import NOW

pytestmark = pytest.mark.usefixtures("indonesian")

SIZES = {"80x24": (80, 24), "160x48": (160, 48)}
THEMES = ("textual-dark", "textual-light")


def _app(tmp_path: Path, theme: str, language: str | None = None) -> BeritaApp:
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
    state = tmp_path / "state.json"
    return BeritaApp(library_config(), store, theme=theme, state_path=state, language=language)


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


async def _trending(pilot: Pilot[int]) -> None:
    """The Trending tab: stories with their sparklines; the top one's detail when it fits."""
    app = await _listed(pilot)
    await pilot.press("2")
    clusters = app.main.query_one("#clusters", ClusterList)
    await wait_for(lambda: clusters.clusters and app.main.story_shown, pilot)
    await pilot.pause()


async def _story(pilot: Pilot[int]) -> None:
    """Enter on the top story: its detail has focus (on 80 columns, the whole width)."""
    await _trending(pilot)
    app = pilot.app
    assert isinstance(app, BeritaApp)
    await pilot.press("enter")
    await wait_for(lambda: app.main.story_detail.has_focus, pilot)
    await pilot.pause()


async def _prompt(pilot: Pilot[int]) -> None:
    """The feed screen's a: the dialog asking for an address."""
    await _feeds(pilot)
    await pilot.press("a")
    await wait_for(lambda: isinstance(pilot.app.screen, PromptScreen), pilot)
    await pilot.press(*"kompas.com")
    await pilot.pause()


async def _choice(pilot: Pilot[int]) -> None:
    """The dialog a site offering several feeds opens (pushed as discovery pushes it)."""
    await _listed(pilot)
    feeds = [
        "Kompas — Nasional  https://kompas.example/rss/nasional",
        "Kompas — Ekonomi  https://kompas.example/rss/ekonomi",
        "Kompas — Olahraga  https://kompas.example/rss/bola",
    ]
    question = _(ASK_WHICH).format(url="https://kompas.example/", n=3)
    pilot.app.push_screen(ChoiceScreen(question, feeds, _(ALL_FEEDS)))
    await wait_for(lambda: isinstance(pilot.app.screen, ChoiceScreen), pilot)
    await pilot.press("down")
    await pilot.pause()


async def _palette(pilot: Pilot[int]) -> None:
    """ctrl+p with part of a command typed: the app's commands, fuzzy, in the language."""
    await _listed(pilot)
    await pilot.press("ctrl+p")
    await wait_for(lambda: isinstance(pilot.app.screen, CommandPalette), pilot)
    await pilot.press(*"feed")
    results = pilot.app.screen.query_one(CommandList)
    await wait_for(lambda: results.option_count == 6, pilot)
    await pilot.pause()


VIEWS = {
    "list": _list,
    "reading": _reading,
    "feeds": _feeds,
    "confirm": _confirm,
    "trending": _trending,
    "story": _story,
    "prompt": _prompt,
    "choice": _choice,
    "palette": _palette,
}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", VIEWS)
def test_layout(snap_compare, tmp_path: Path, view: str, size: str, theme: str) -> None:  # type: ignore[no-untyped-def]
    app = _app(tmp_path, theme)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=VIEWS[view])


@pytest.mark.parametrize("size", SIZES)
def test_help_dark(snap_compare, tmp_path: Path, size: str) -> None:  # type: ignore[no-untyped-def]
    """The help in the dark theme (test_snapshots.py has it light, in both languages)."""

    async def run_before(pilot: Pilot[int]) -> None:
        await _listed(pilot)
        await pilot.press("question_mark")
        await wait_for(lambda: isinstance(pilot.app.screen, HelpScreen), pilot)
        await pilot.pause()

    app = _app(tmp_path, "textual-dark")
    app.config = replace(app.config, path=Path("/home/pembaca/.config/beritatui/config.toml"))
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_story_in_english(snap_compare, tmp_path: Path, size: str) -> None:  # type: ignore[no-untyped-def]
    app = _app(tmp_path, "textual-dark", language="en")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_story)
