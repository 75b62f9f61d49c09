"""The feed screen (f) of the real app: status in plain Indonesian, feeds managed by keyboard."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from textual.widgets import DataTable

from beritatui.config import load_config
from beritatui.config_edit import backup_path
from beritatui.models import FeedStatus
from beritatui.paths import config_file, database_file
from beritatui.store import Store
from beritatui.ui.app import BeritaApp
from beritatui.ui.screens.dialogs import ChoiceScreen, ConfirmScreen, PromptScreen
from beritatui.ui.screens.feeds import FeedStatusScreen
from beritatui.ui.widgets.article_list import ArticleList
from tests.feeddocs import RSS, homepage, link, rss
from tests.helpers import refreshed, wait_for
from tests.server import LocalServer
from tests.site import NOW, LocalSite, build_site

# The interface in Indonesian (English has its own tests).
pytestmark = pytest.mark.usefixtures("indonesian")

SIZE = (180, 45)


@pytest.fixture
def site(server: LocalServer, isolated_dirs: dict[str, Path]) -> LocalSite:
    site = build_site(server)
    site.write_config(isolated_dirs["config"])
    return site


@pytest.fixture
async def app(site: LocalSite) -> AsyncIterator[BeritaApp]:
    app = BeritaApp(load_config(), Store.open(database_file(), clock=lambda: NOW))
    yield app
    app.store.close()


def cells(app: BeritaApp) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def open_feeds(app: BeritaApp, pilot) -> FeedStatusScreen:  # type: ignore[no-untyped-def]
    await pilot.press("f")
    await wait_for(lambda: isinstance(app.screen, FeedStatusScreen), pilot)
    assert isinstance(app.screen, FeedStatusScreen)
    return app.screen


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+u", *text)


async def test_status_columns_speak_indonesian(app: BeritaApp, server: LocalServer) -> None:
    server.route("/atom/ekonomi", "rusak", status=500, content_type="text/plain")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await wait_for(lambda: len(app.query_one(ArticleList).rows) == 3, pilot)
        await wait_for(lambda: app.main.top_bar.progress == "", pilot)
        await pilot.press("r")  # a second round: the RSS feed answers 304
        await wait_for(lambda: app.main.top_bar.progress == "", pilot)
        await open_feeds(app, pilot)
        rows = {row[1]: row for row in cells(app)}
        antara = rows["Antara Lokal"]
        assert antara[2] == "tidak berubah"
        assert antara[3] != "—"  # last success
        assert antara[4] == "2"  # items
        assert antara[5] not in ("—", "")  # newest item age
        assert antara[6] == "—"  # nothing repeated ("not modified: not modified")
        detik = rows["Detik Lokal"]
        assert detik[2] == "galat HTTP"
        assert detik[6] == "HTTP 500: situs mengalami galat internal; coba lagi nanti"
        assert detik[3] == "—"
        text = " ".join(" ".join(row) for row in rows.values())
        assert "modified" not in text
        assert "error" not in text


async def test_add_by_homepage_choosing_one_of_several(app: BeritaApp, server: LocalServer) -> None:
    page = server.route("/rumah/", homepage(link("a.xml"), link("b.xml")))
    first = server.route("/rumah/a.xml", rss("Rumah A", items=3), content_type=RSS)
    server.route("/rumah/b.xml", rss("Rumah B"), content_type=RSS)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_feeds(app, pilot)
        await pilot.press("a")
        await wait_for(lambda: isinstance(app.screen, PromptScreen), pilot)
        await type_text(pilot, page)
        await pilot.press("enter")
        await wait_for(lambda: isinstance(app.screen, PromptScreen), pilot)
        await type_text(pilot, "Rumah")
        await pilot.press("enter")
        await wait_for(lambda: isinstance(app.screen, ChoiceScreen), pilot)
        await pilot.press("enter")  # the first feed offered
        await wait_for(lambda: any(f.url == first for f in screen.feeds), pilot)
        await wait_for(
            lambda: next(f for f in screen.feeds if f.url == first).status is FeedStatus.OK, pilot
        )
        added = next(row for row in cells(app) if row[1] == "Rumah A")
        assert added[0] == "Rumah"
        assert added[4] == "3"
        assert [f.url for f in load_config().feeds][-1] == first
        assert backup_path(config_file()).exists()
        await pilot.press("escape")
        await wait_for(lambda: "Rumah" in app.main.categories_widget.names, pilot)


async def test_remove_asks_first_and_keeps_bookmarks(app: BeritaApp, site: LocalSite) -> None:
    async with app.run_test(size=SIZE) as pilot:
        articles = app.query_one(ArticleList)
        await refreshed(app, pilot, 4)
        saved = next(r for r in articles.rows if r.category == "Nasional")
        app.store.set_bookmark(saved.id, True)
        screen = await open_feeds(app, pilot)
        assert screen.current is not None
        assert screen.current.url == site.feed_urls["Nasional"]
        await pilot.press("d")
        await wait_for(lambda: isinstance(app.screen, ConfirmScreen), pilot)
        await pilot.press("n")
        await wait_for(lambda: app.screen is screen, pilot)
        assert len(load_config().feeds) == 3
        await pilot.press("delete")
        await wait_for(lambda: isinstance(app.screen, ConfirmScreen), pilot)
        await pilot.press("y")
        await wait_for(lambda: len(screen.feeds) == 2, pilot)
        assert site.feed_urls["Nasional"] not in [f.url for f in load_config().feeds]
        await pilot.press("escape")
        await wait_for(lambda: "Nasional" not in app.main.categories_widget.names, pilot)
        await pilot.press("3")
        await wait_for(lambda: [r.id for r in articles.rows] == [saved.id], pilot)
    detail = app.store.get_article(saved.id)
    assert detail is not None
    assert detail.body is not None


async def test_rename_change_category_and_retry(
    app: BeritaApp, site: LocalSite, server: LocalServer
) -> None:
    server.route("/atom/ekonomi", "mati", status=503, content_type="text/plain")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await wait_for(lambda: len(app.query_one(ArticleList).rows) == 3, pilot)
        await wait_for(lambda: app.main.top_bar.progress == "", pilot)
        screen = await open_feeds(app, pilot)
        await pilot.press("j")  # the Ekonomi feed
        assert screen.current is not None
        assert screen.current.url == site.feed_urls["Ekonomi"]
        await pilot.press("e")
        await wait_for(lambda: isinstance(app.screen, PromptScreen), pilot)
        await type_text(pilot, "Detik Baru [b]x[/b]")
        await pilot.press("enter")
        await wait_for(lambda: screen.current is not None and "Baru" in screen.current.title, pilot)
        await pilot.press("c")
        await wait_for(lambda: isinstance(app.screen, PromptScreen), pilot)
        await type_text(pilot, "Bisnis")
        await pilot.press("enter")
        await wait_for(
            lambda: screen.current is not None and screen.current.category == "Bisnis", pilot
        )
        spec = next(f for f in load_config().feeds if f.url == site.feed_urls["Ekonomi"])
        assert (spec.title, spec.category) == ("Detik Baru [b]x[/b]", "Bisnis")
        assert "HTTP 503" in cells(app)[1][6]
        del server.routes["/atom/ekonomi"]  # the site is back
        build_site(server)
        await pilot.press("r")
        await wait_for(
            lambda: screen.current is not None and screen.current.status is FeedStatus.OK, pilot
        )
        assert cells(app)[1][1] == "Detik Baru [b]x[/b]"  # literal, never markup
        assert screen.current.article_count == 1
        await pilot.press("escape")
        await wait_for(lambda: "Bisnis" in app.main.categories_widget.names, pilot)
        await wait_for(lambda: len(app.query_one(ArticleList).rows) == 4, pilot)


async def test_add_with_no_feed_says_so_and_changes_nothing(
    app: BeritaApp, server: LocalServer
) -> None:
    page = server.route("/tanpa-feed", homepage())
    before = config_file().read_text("utf-8")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_feeds(app, pilot)
        await pilot.press("a")
        await wait_for(lambda: isinstance(app.screen, PromptScreen), pilot)
        await type_text(pilot, page)
        await pilot.press("enter")
        await wait_for(lambda: isinstance(app.screen, PromptScreen), pilot)
        await pilot.press("enter")
        await wait_for(
            lambda: any("Tidak ada feed" in n.message for n in app._notifications), pilot
        )
        assert app.screen is screen
        assert len(screen.feeds) == 3
    assert config_file().read_text("utf-8") == before


@pytest.mark.parametrize("language", ["id", "en"])
def test_feed_problems_come_in_the_interface_language(language: str) -> None:
    from beritatui import i18n
    from beritatui.feeds.outcomes import Code, note
    from beritatui.models import FeedInfo
    from beritatui.ui.feedwords import explain

    i18n.set_language(language)
    # What the fetcher records for a 404: a code, worded when shown.
    detail = note(Code.HTTP_STATUS, code=404, phrase="Not Found")
    info = FeedInfo(
        id=1, url="https://a.example/rss", category="Nasional", title="A",
        status=FeedStatus.HTTP_ERROR,
        detail=detail,
    )  # fmt: skip
    expected = {
        "id": "HTTP 404: tidak ada apa-apa di alamat ini (feed-nya mungkin sudah pindah)",
        "en": "HTTP 404 Not Found: nothing at this address (the feed may have moved)",
    }[language]
    assert explain(info) == expected
    assert FeedStatus.HTTP_ERROR.label == {"id": "galat HTTP", "en": "http error"}[language]
    empty = FeedInfo(
        id=1, url="https://a.example/rss", category="Nasional", title="A", status=FeedStatus.OK,
        detail=note(Code.EMPTY_FEED),
    )  # fmt: skip
    assert explain(empty) == {"id": "feed kosong", "en": "the feed is empty"}[language]
