"""What the list says when it is empty, and the Saved tab across categories (real app, Pilot)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from beritatui.config import load_config
from beritatui.paths import database_file
from beritatui.store import Store
from beritatui.ui.app import BeritaApp
from beritatui.ui.widgets.article_list import ArticleList
from tests.helpers import driven, make_app, wait_for, write_config
from tests.server import LocalServer
from tests.site import LocalSite, build_site

pytestmark = pytest.mark.usefixtures("indonesian")


def _list_text(app: BeritaApp) -> str:
    articles = app.query_one(ArticleList)
    lines = [articles.render_line(y).text for y in range(articles.size.height)]
    return " ".join(" ".join(lines).split())


async def test_first_run_offline_says_where_the_feeds_are_and_how_to_add_some(
    isolated_dirs: dict[str, Path],
) -> None:
    path = write_config(isolated_dirs["config"], "[settings]\nrefresh_on_start = false\n")
    app = BeritaApp(load_config(), Store.open(database_file()), offline=True)
    async with driven(app, (160, 48)) as pilot:
        await wait_for(lambda: "feeds add" in _list_text(app), pilot)
        text = _list_text(app)
        assert "Belum ada artikel tersimpan untuk dibaca offline" in text
        assert str(path) in "".join(text.split())  # the whole path, folded over lines
        assert "beritatui feeds import" in text
        assert "Tekan r" not in text
        # The file lists no feeds: the bundled ones are read, and the list says so.
        assert "membaca feed bawaannya sampai Anda menambah feed sendiri" in text
        assert "Daftar feed Anda ada di" not in text


async def test_first_run_without_a_config_file_names_where_it_would_be(
    isolated_dirs: dict[str, Path],
) -> None:
    path = isolated_dirs["config"] / "beritatui" / "config.toml"
    assert not path.exists()
    app = BeritaApp(load_config(), Store.open(database_file()), offline=True)
    async with driven(app, (80, 24)) as pilot:
        await wait_for(lambda: "feeds add" in _list_text(app), pilot)
        text = _list_text(app)
        assert "membaca feed bawaannya" in text
        assert str(path) in "".join(text.split())
    assert not path.exists()  # naming the file does not create it


async def test_the_users_own_feeds_are_said_to_be_in_the_config(
    isolated_dirs: dict[str, Path],
) -> None:
    path = write_config(
        isolated_dirs["config"],
        '[settings]\nrefresh_on_start = false\n\n[[feeds]]\nurl = "https://berita.example/rss"\n',
    )
    app = BeritaApp(load_config(), Store.open(database_file()), offline=True)
    async with driven(app, (160, 48)) as pilot:
        await wait_for(lambda: "feeds add" in _list_text(app), pilot)
        text = _list_text(app)
        assert "Daftar feed Anda ada di" in text
        assert str(path) in "".join(text.split())
        assert "bawaan" not in text


async def test_an_empty_list_never_asks_for_the_refresh_that_is_running(
    server: LocalServer, isolated_dirs: dict[str, Path]
) -> None:
    release = threading.Event()

    def slow_feed(handler: BaseHTTPRequestHandler) -> None:
        release.wait(30)
        body = b"<rss version='2.0'><channel><title>t</title></channel></rss>"
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    url = server.handler("/lambat.xml", slow_feed)
    write_config(
        isolated_dirs["config"],
        "[settings]\nrefresh_interval_minutes = 0\n\n"
        f'[[feeds]]\nurl = "{url}"\ncategory = "Nasional"\n',
    )
    app = BeritaApp(load_config(), Store.open(database_file()))
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await wait_for(lambda: "Memuat berita" in _list_text(app), pilot)
            assert "Tekan r" not in _list_text(app)
            release.set()
            await wait_for(lambda: "Tekan r untuk memuat berita" in _list_text(app), pilot)
    finally:
        release.set()
        app.store.close()


async def test_saved_tab_lists_bookmarks_of_every_category_with_their_category(
    server: LocalServer, isolated_dirs: dict[str, Path]
) -> None:
    site: LocalSite = build_site(server)
    app = make_app(site, isolated_dirs["config"])
    async with driven(app, (160, 48)) as pilot:
        articles = app.query_one(ArticleList)
        await pilot.press("r")
        await wait_for(lambda: len(articles.rows) == 4, pilot)
        ekonomi = next(row for row in articles.rows if row.category == "Ekonomi")
        app.service.set_bookmark(ekonomi.id, True)
        await pilot.press("right_square_bracket")  # Nasional
        await wait_for(lambda: {r.category for r in articles.rows} == {"Nasional"}, pilot)
        await pilot.press("3")
        await wait_for(lambda: [r.id for r in articles.rows] == [ekonomi.id], pilot)
        assert "Nasional" in app.main.categories_widget.names  # the sidebar still says Nasional
        assert "semua kategori · 1 artikel" in str(app.query_one("#list-title").render())
        assert "· Ekonomi ·" in _list_text(app)


async def test_h_hides_read_articles_and_is_remembered(
    server: LocalServer, isolated_dirs: dict[str, Path]
) -> None:
    site = build_site(server)
    app = make_app(site, isolated_dirs["config"])
    async with driven(app, (160, 48)) as pilot:
        articles = app.query_one(ArticleList)
        await pilot.press("r")
        await wait_for(lambda: len(articles.rows) == 4, pilot)
        read = articles.rows[0]
        app.service.set_read(read.id, True)
        await pilot.press("h")
        await wait_for(lambda: len(articles.rows) == 3, pilot)
        assert read.id not in {row.id for row in articles.rows}
        assert "hanya yang belum dibaca" in str(app.query_one("#list-title").render())
        await pilot.press("q")
    again = make_app(site, isolated_dirs["config"])
    async with driven(again, (160, 48)) as pilot:
        articles = again.query_one(ArticleList)
        await wait_for(lambda: len(articles.rows) == 3, pilot)
        await pilot.press("h")
        await wait_for(lambda: len(articles.rows) == 4, pilot)
