"""The mouse: tabs, categories and rows answer clicks, the wheel scrolls (real app, Pilot)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual import events
from textual.events import MouseEvent
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import ContentSwitcher

from beritatui.listing import Tab
from beritatui.models import FeedEntry
from beritatui.paths import database_file
from beritatui.store import Store
from beritatui.ui.app import BeritaApp
from beritatui.ui.widgets.article_list import ROW_HEIGHT, ArticleList
from beritatui.ui.widgets.top_bar import TopBar
from tests.helpers import driven, make_app, refreshed, wait_for
from tests.library import FEEDS, fill_library, library_config
from tests.server import LocalServer
from tests.site import NOW, build_site

pytestmark = pytest.mark.usefixtures("indonesian")


async def _click_tab(pilot: Pilot[int], app: BeritaApp, label: str) -> None:
    bar = app.query_one(TopBar)
    column = bar.render().plain.index(label)
    assert bar.tab_at(column) is not None
    await pilot.click(TopBar, offset=(column, 0))


async def test_clicking_a_tab_switches_to_it(
    server: LocalServer, isolated_dirs: dict[str, Path]
) -> None:
    app = make_app(build_site(server), isolated_dirs["config"])
    async with driven(app, (160, 48)) as pilot:
        await refreshed(app, pilot, 4)
        switcher = app.query_one("#switcher", ContentSwitcher)
        await _click_tab(pilot, app, "2 Trending")
        await wait_for(lambda: switcher.current == "clusters", pilot)
        assert app.main.tab is Tab.TRENDING
        assert app.query_one(TopBar).tab is Tab.TRENDING
        await _click_tab(pilot, app, "3 Disimpan")
        await wait_for(lambda: "Disimpan ·" in str(app.query_one("#list-title").render()), pilot)
        assert switcher.current == "articles"
        await _click_tab(pilot, app, "1 Terbaru")
        await wait_for(lambda: len(app.query_one(ArticleList).rows) == 4, pilot)
        assert app.main.tab is Tab.LATEST
        await pilot.click(TopBar, offset=(1, 0))  # the app name is no tab
        assert app.main.tab is Tab.LATEST


async def test_clicking_a_row_opens_it_and_a_category_shows_it(
    server: LocalServer, isolated_dirs: dict[str, Path]
) -> None:
    app = make_app(build_site(server), isolated_dirs["config"])
    async with driven(app, (160, 48)) as pilot:
        await refreshed(app, pilot, 4)
        articles = app.query_one(ArticleList)
        second = articles.rows[1]
        await pilot.click(ArticleList, offset=(4, ROW_HEIGHT + 1))
        assert articles.cursor == 1
        await wait_for(lambda: app.main.reader.article_id == second.id, pilot)
        categories = app.main.categories_widget
        target = next(name for name in categories.names if name == "Ekonomi")
        index = categories.names.index(target)
        await pilot.click(categories, offset=(3, index + 1))
        await wait_for(lambda: {r.category for r in articles.rows} == {"Ekonomi"}, pilot)
        assert app.main.category == "Ekonomi"


async def _wheel(pilot: Pilot[int], widget: Widget, event: type[MouseEvent], times: int) -> None:
    """Turn the mouse wheel ``times`` notches over ``widget`` (Pilot has no public wheel)."""
    await pilot._post_mouse_events([event] * times, widget, (2, 2))


async def test_the_wheel_scrolls_the_reader(
    server: LocalServer, isolated_dirs: dict[str, Path]
) -> None:
    app = make_app(build_site(server), isolated_dirs["config"])
    async with driven(app, (80, 24)) as pilot:
        await refreshed(app, pilot, 4)
        await pilot.press("enter")
        reader = app.main.reader
        await wait_for(lambda: reader.max_scroll_y > 0, pilot)
        assert reader.scroll_y == 0
        await _wheel(pilot, reader, events.MouseScrollDown, 3)
        await wait_for(lambda: reader.scroll_y > 0, pilot)
        down = reader.scroll_y
        await _wheel(pilot, reader, events.MouseScrollUp, 1)
        await wait_for(lambda: reader.scroll_y < down, pilot)


async def test_the_wheel_scrolls_the_list(tmp_path: Path) -> None:
    store = Store.open(database_file())
    fill_library(store)
    feed_id = store.sync_feeds(FEEDS)[FEEDS[0].url]
    store.upsert_entries(feed_id, [_entry(n) for n in range(30)])
    app = BeritaApp(library_config(), store, state_path=tmp_path / "state.json")
    async with driven(app, (80, 24)) as pilot:
        articles = app.main.article_list
        await wait_for(lambda: len(articles.rows) > 30, pilot)
        await wait_for(lambda: articles.max_scroll_y > 0, pilot)
        assert articles.scroll_offset.y == 0
        await _wheel(pilot, articles, events.MouseScrollDown, 3)
        await wait_for(lambda: articles.scroll_offset.y > 0, pilot)
        down = articles.scroll_offset.y
        await _wheel(pilot, articles, events.MouseScrollUp, 1)
        await wait_for(lambda: articles.scroll_offset.y < down, pilot)


def _entry(number: int) -> FeedEntry:
    url = f"https://antara.example/berita/arsip-{number}"
    return FeedEntry(
        guid=url,
        url=url,
        title=f"Arsip berita nomor {number}",
        summary="Ringkasan.",
        published=NOW - timedelta(hours=5 + number),
    )
