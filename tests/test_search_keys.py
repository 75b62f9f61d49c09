"""Keys typed right after ``/`` all go to the search box (real app, Pilot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from beritatui.paths import database_file
from beritatui.store import Store
from beritatui.ui.app import BeritaApp
from tests.helpers import driven, make_app, wait_for
from tests.library import fill_library, library_config
from tests.server import LocalServer
from tests.site import build_site

pytestmark = pytest.mark.usefixtures("indonesian")


async def test_fast_typing_after_slash_reaches_the_search_box(
    server: LocalServer, isolated_dirs: dict[str, Path]
) -> None:
    app = make_app(build_site(server), isolated_dirs["config"])
    async with driven(app, (160, 48)) as pilot:
        # As a terminal delivers fast typing: all the key events queued at once, no
        # pause for the focus change between them (pilot.press waits after each key).
        keys = [("slash", "/"), *((c, c) for c in "rqdbm12"), ("M", "M"), ("slash", "/")]
        for key, character in [*keys, ("question_mark", "?")]:
            app.post_message(events.Key(key, character))
        search = app.query_one("#search", Input)
        await wait_for(lambda: search.value == "rqdbm12M/?", pilot)
        assert app.is_running
        assert app.theme == "textual-dark"
        assert app.main.top_bar.progress == ""
        assert not app.service.store.count_articles()  # r did not refresh
        assert app.screen is app.screen_stack[0]  # no help, no confirm dialog


async def test_the_list_takes_the_focus_once_the_search_results_are_shown(
    tmp_path: Path,
) -> None:
    store = Store.open(database_file())
    fill_library(store)
    app = BeritaApp(library_config(), store, state_path=tmp_path / "state.json")
    async with driven(app, (160, 48)) as pilot:
        main = app.main
        articles = main.article_list
        await wait_for(lambda: articles.rows, pilot)
        latest = articles.rows
        search = app.query_one("#search", Input)
        # The store is busy (its lock held here): the search cannot load yet.
        store._lock.acquire()
        try:
            await pilot.press("slash", *"banjir", "enter")
            await wait_for(lambda: main.search_query == "banjir", pilot)
            await pilot.pause()
            assert articles.rows is latest
            assert app.focused is search  # no restyle for a focus move before the rows
        finally:
            store._lock.release()
        await wait_for(lambda: articles.rows is not latest, pilot)
        assert all("banjir" in r.title.lower() for r in articles.rows[:1])
        await wait_for(lambda: app.focused is articles, pilot)
        await pilot.press("escape")  # back to the latest list: the focus stays on it
        await wait_for(lambda: main.search_query is None, pilot)
        await wait_for(lambda: len(articles.rows) == len(latest), pilot)
        assert app.focused is articles
