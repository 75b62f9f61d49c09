"""The real Textual app, driven headless with Pilot against the local test server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from beritatui.models import ArticleDetail
from beritatui.paths import database_file, state_file
from beritatui.store import Store
from beritatui.ui.app import BeritaApp
from beritatui.ui.screens.help import HelpScreen
from beritatui.ui.widgets.article_list import ArticleList
from beritatui.ui.widgets.reader import ReaderPane
from tests.helpers import driven, make_app, refreshed, rendered_reader, wait_for
from tests.library import fill_library, library_config
from tests.server import LocalServer
from tests.site import LocalSite, build_site

# The interface in Indonesian (English has its own tests).
pytestmark = pytest.mark.usefixtures("indonesian")


@pytest.fixture
def site(server: LocalServer) -> LocalSite:
    return build_site(server)


@pytest.fixture
async def refreshed_app(
    site: LocalSite, isolated_dirs: dict[str, Path]
) -> AsyncIterator[BeritaApp]:
    app = make_app(site, isolated_dirs["config"])
    yield app
    app.store.close()


async def test_start_refresh_pick_category_open_article(
    refreshed_app: BeritaApp,
) -> None:
    app = refreshed_app
    async with app.run_test(size=(160, 45)) as pilot:
        articles = app.main.article_list
        await refreshed(app, pilot, 4)
        # Sidebar: Semua + three categories with unread counts.
        names = app.main.categories_widget.names
        assert names == ["Semua", "Nasional", "Ekonomi", "Olahraga"]
        # Pick Ekonomi with ] twice (Semua -> Nasional -> Ekonomi).
        await pilot.press("right_square_bracket", "right_square_bracket")
        await wait_for(lambda: len(articles.rows) == 1, pilot)
        assert articles.rows[0].title.startswith("Harga beras naik")
        await pilot.press("enter")
        await wait_for(lambda: "Pasar Induk Cipinang" in rendered_reader(app), pilot)
        text = rendered_reader(app)
        assert "Kenaikan tertinggi terjadi di wilayah timur" in text
        assert "ADVERTISEMENT" not in text
        assert "Gambas" not in text
        assert "SCROLL TO CONTINUE" not in text
        # The caption is its own block: an image placeholder line.
        caption_lines = [line for line in text.splitlines() if "Pasar Induk Cipinang" in line]
        assert caption_lines
        assert caption_lines[0].lstrip().startswith("▌")
        await wait_for(lambda: articles.rows[0].is_read, pilot)
        await pilot.press("q")


async def test_article_body_replaces_summary_when_page_arrives(
    refreshed_app: BeritaApp,
) -> None:
    app = refreshed_app
    async with app.run_test(size=(160, 45)) as pilot:
        articles = app.query_one(ArticleList)
        await pilot.press("r")
        await wait_for(lambda: len(articles.rows) == 4, pilot)
        first = articles.rows[0]
        assert first.title.startswith("Banjir rendam")
        await pilot.press("enter")
        await wait_for(lambda: "posko pengungsian" in rendered_reader(app), pilot)
        text = rendered_reader(app)
        assert "Baca juga" not in text
        assert "Copyright" not in text
        assert "Terpopuler" not in text
        assert "Petugas gabungan mengevakuasi warga" in text
        assert app.focused is app.query_one(ReaderPane)


async def test_feed_content_used_when_page_is_missing(refreshed_app: BeritaApp) -> None:
    app = refreshed_app
    async with app.run_test(size=(160, 45)) as pilot:
        articles = app.query_one(ArticleList)
        await pilot.press("r")
        await wait_for(lambda: len(articles.rows) == 4, pilot)
        index = next(i for i, r in enumerate(articles.rows) if r.category == "Olahraga")
        articles.cursor = index
        await pilot.press("enter")
        await wait_for(lambda: "tiga pemain" in rendered_reader(app), pilot)
        text = rendered_reader(app)
        assert "Gabung dan ikuti kami" not in text


async def test_dark_mode_toggle_is_persisted(
    site: LocalSite, isolated_dirs: dict[str, Path]
) -> None:
    app = make_app(site, isolated_dirs["config"])
    async with driven(app) as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("d")
        assert app.theme == "textual-light"
        await pilot.press("q")
    assert '"textual-light"' in state_file().read_text()
    again = make_app(site, isolated_dirs["config"])
    async with driven(again) as pilot:
        assert again.theme == "textual-light"
        await pilot.press("d")
        assert again.theme == "textual-dark"


async def test_help_screen_opens_and_closes(refreshed_app: BeritaApp) -> None:
    app = refreshed_app
    async with app.run_test() as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_bookmark_tab_and_read_toggle(refreshed_app: BeritaApp) -> None:
    app = refreshed_app
    async with app.run_test(size=(160, 45)) as pilot:
        articles = app.query_one(ArticleList)
        await pilot.press("r")
        await wait_for(lambda: len(articles.rows) == 4, pilot)
        target = articles.rows[1]
        await pilot.press("j", "b")
        await wait_for(lambda: articles.rows[1].is_bookmarked, pilot)
        assert app.store.is_bookmarked(target.id)
        await pilot.press("m")
        await wait_for(lambda: articles.rows[1].is_read, pilot)
        await pilot.press("3")
        await wait_for(lambda: [r.id for r in articles.rows] == [target.id], pilot)
        assert app.main.top_bar.tab == "disimpan"
        await pilot.press("1")
        await wait_for(lambda: len(articles.rows) == 4, pilot)


async def test_failing_feed_is_reported_not_fatal(
    site: LocalSite, server: LocalServer, isolated_dirs: dict[str, Path]
) -> None:
    server.route("/atom/ekonomi", "rusak", status=500, content_type="text/plain")
    app = make_app(site, isolated_dirs["config"])
    async with driven(app, (160, 45)) as pilot:
        await refreshed(app, pilot, 3)
        await pilot.press("f")
        await wait_for(lambda: app.screen.__class__.__name__ == "FeedStatusScreen", pilot)
        statuses = {f.title: f.status.value for f in app.screen.feeds}  # type: ignore[attr-defined]
        assert statuses["Detik Lokal"] == "http error"
        assert statuses["Antara Lokal"] == "ok"
        await pilot.press("escape")


async def test_resume_reopens_last_article(
    refreshed_app: BeritaApp, site: LocalSite, isolated_dirs: dict[str, Path]
) -> None:
    app = refreshed_app
    async with driven(app, (160, 45)) as pilot:
        articles = app.query_one(ArticleList)
        await pilot.press("r")
        await wait_for(lambda: len(articles.rows) == 4, pilot)
        await pilot.press("j", "enter")
        opened = articles.rows[1].id
        await wait_for(lambda: app.main.reader.article_id == opened, pilot)
        await pilot.press("q")
    again = make_app(site, isolated_dirs["config"])
    async with driven(again, (160, 45)) as pilot:
        await wait_for(lambda: again.main.reader.article_id == opened, pilot)
        assert again.query_one(ArticleList).current is not None
        assert again.query_one(ArticleList).current.id == opened  # type: ignore[union-attr]


async def test_r_before_the_warm_up_ends_is_the_only_refresh_on_start(
    server: LocalServer, site: LocalSite, isolated_dirs: dict[str, Path]
) -> None:
    """The refresh on start waits for the warm-up; an r pressed meanwhile replaces it."""
    from urllib.parse import urlsplit

    app = make_app(site, isolated_dirs["config"], refresh_on_start=True)
    feeds = {urlsplit(url).path for url in site.feed_urls.values()}
    async with driven(app) as pilot:
        await pilot.press("r")
        await wait_for(lambda: app.main.warmed, pilot)
        await wait_for(lambda: not app.main._refreshing, pilot)
        await wait_for(lambda: app.main.top_bar.progress == "", pilot)
        fetched = [r.path for r in server.requests if r.path in feeds]
        assert sorted(fetched) == sorted(feeds)  # each feed once: one refresh, not two
        await pilot.press("q")


async def test_the_start_up_heap_is_kept_out_of_full_collections_while_the_app_runs(
    site: LocalSite, isolated_dirs: dict[str, Path]
) -> None:
    """Once warmed, the app freezes what start-up built (full collections walked all of it,
    stalling the loop 45-70 ms mid-refresh); quitting makes it collectable again."""
    import gc

    gc.unfreeze()
    app = make_app(site, isolated_dirs["config"])
    async with driven(app) as pilot:
        await wait_for(lambda: app.main.warmed, pilot)
        assert gc.get_freeze_count() > 10_000  # modules, widgets, the imported stack
        await pilot.press("q")
    assert gc.get_freeze_count() == 0


async def test_opening_an_unread_article_draws_its_body_once(tmp_path: Path) -> None:
    """Marking it read changes the list, not the reader (which shows only the bookmark):
    the body is not laid out a second time; a bookmark shows it again with ★."""
    store = Store.open(database_file())
    fill_library(store)
    app = BeritaApp(library_config(), store, state_path=tmp_path / "state.json")
    async with driven(app) as pilot:
        articles = app.main.article_list
        await wait_for(lambda: articles.rows, pilot)
        reader = app.main.reader
        bodies: list[int] = []
        original = reader.show_article

        def show_article(detail: ArticleDetail, **kwargs: Any) -> None:
            if detail.body is not None:
                bodies.append(detail.row.id)
            original(detail, **kwargs)

        reader.show_article = show_article  # type: ignore[method-assign]
        row = articles.rows[0]
        assert not row.is_read
        await pilot.press("enter")
        await wait_for(lambda: articles.rows[0].is_read, pilot)  # the read mark reached the list
        await wait_for(lambda: app.focused is reader, pilot)
        await pilot.pause()
        assert bodies == [row.id]
        await pilot.press("b")
        await wait_for(lambda: "★" in rendered_reader(app), pilot)
        assert bodies == [row.id, row.id]
