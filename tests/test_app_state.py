"""App state rules: which article an action hits, theme changes, stale list loads."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from beritatui.config import Config, FeedSpec, Settings
from beritatui.paths import database_file
from beritatui.service import Service
from beritatui.store import Store
from beritatui.trending import Cluster
from beritatui.ui.app import BeritaApp
from beritatui.ui.widgets.cluster_list import ClusterList
from tests.helpers import driven, wait_for
from tests.library import fill_library, library_config
from tests.site import NOW

# The interface in Indonesian (English has its own tests).
pytestmark = pytest.mark.usefixtures("indonesian")


def _app(tmp_path: Path, config: Config | None = None) -> tuple[BeritaApp, dict[str, int]]:
    store = Store.open(database_file())
    ids = fill_library(store)
    app = BeritaApp(config or library_config(), store, state_path=tmp_path / "s.json")
    return app, ids


async def test_bookmark_from_reader_hits_the_article_being_read(tmp_path: Path) -> None:
    app, ids = _app(tmp_path)
    async with driven(app, (150, 40)) as pilot:
        await wait_for(lambda: len(app.main.article_list.rows) == 5, pilot)
        # Bookmark X from the list, then read A and switch to the Disimpan tab (only X listed).
        x, a = ids["harga-beras"], ids["banjir-bekasi"]
        app.main.article_list.move_to(x)
        await pilot.press("b")
        await wait_for(lambda: app.store.is_bookmarked(x), pilot)
        app.main.article_list.move_to(a)
        await pilot.press("enter")
        await wait_for(lambda: app.main.reader.article_id == a, pilot)
        await pilot.press("3")
        await wait_for(lambda: [r.id for r in app.main.article_list.rows] == [x], pilot)
        app.main.reader.focus()
        await pilot.press("b")
        await wait_for(lambda: app.store.is_bookmarked(a), pilot)
        assert app.store.is_bookmarked(x)  # the highlighted row was left alone


async def test_theme_change_restyles_the_open_article(tmp_path: Path) -> None:
    app, _ids = _app(tmp_path)
    async with driven(app, (150, 40)) as pilot:
        await wait_for(lambda: len(app.main.article_list.rows) == 5, pilot)
        await pilot.press("enter")
        await wait_for(lambda: app.main.reader.article_id is not None, pilot)
        await pilot.pause()

        def title_style() -> str:
            group = app.main.reader.content
            return str(group.renderables[0].style)  # type: ignore[attr-defined]

        dark = title_style()
        await pilot.press("d")
        await wait_for(lambda: title_style() != dark, pilot)
        assert title_style() == str(app.main.reader.get_component_rich_style("reader--title"))


def list_loads_running(app: BeritaApp) -> int:
    """List-loading workers not finished yet."""
    return sum(1 for w in app.workers if w.group == "list" and not w.is_finished)


async def test_a_slow_old_list_load_cannot_replace_the_current_view(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _ = _app(tmp_path)
    gate = threading.Event()
    original = Service.trending

    def slow_trending(self: Service, **kwargs: object) -> list[Cluster]:
        if kwargs.get("category") is None and not gate.is_set():
            gate.wait(5)  # the Trending tab's load is stuck until released
        return original(self, **kwargs)  # type: ignore[arg-type]

    async with driven(app, (150, 40)) as pilot:
        await wait_for(lambda: len(app.main.article_list.rows) == 5, pilot)
        monkeypatch.setattr(Service, "trending", slow_trending)
        await pilot.press("2")  # starts a load that blocks in trending()
        await wait_for(lambda: list_loads_running(app) == 1, pilot)
        monkeypatch.setattr(Service, "trending", original)
        await pilot.press("1")
        await wait_for(lambda: app.query_one("#switcher").current == "articles", pilot)  # type: ignore[attr-defined]
        gate.set()
        await wait_for(lambda: list_loads_running(app) == 0, pilot)  # the old load ended
        await pilot.pause()  # and any message it posted was handled
        assert app.query_one("#switcher").current == "articles"  # type: ignore[attr-defined]
        assert len(app.query_one(ClusterList).clusters) == 0
        assert app.main.tab == "terbaru"


async def test_feed_category_named_semua_does_not_break_the_sidebar(tmp_path: Path) -> None:
    from beritatui.config import parse_config

    text = '[[feeds]]\nurl = "https://a.example/rss"\ncategory = "Semua"\n'
    parsed = parse_config(text, tmp_path / "c.toml")
    config = Config(
        settings=Settings(refresh_on_start=False, refresh_interval_minutes=0),
        feeds=(*parsed.feeds, FeedSpec("https://b.example/rss", "Nasional", "B")),
        using_default_feeds=False,
    )
    store = Store.open(database_file())
    app = BeritaApp(config, store, state_path=tmp_path / "s.json")
    async with app.run_test(size=(150, 40)) as pilot:
        await wait_for(lambda: len(app.main.categories_widget.names) == 3, pilot)
        assert app.main.categories_widget.names == ["Semua", "Semua (feed)", "Nasional"]
    store.close()


async def test_open_in_browser_and_copy_link_use_only_http_urls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    app, ids = _app(tmp_path)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with driven(app, (150, 40)) as pilot:
        await wait_for(lambda: len(app.main.article_list.rows) == 5, pilot)
        app.main.article_list.move_to(ids["harga-beras"])
        await pilot.press("o")
        await wait_for(lambda: bool(opened), pilot)
        await pilot.press("y")
        assert opened == ["https://detik.example/berita/harga-beras"]
        assert copied == ["https://detik.example/berita/harga-beras"]
        # A row whose link is not http(s) is refused in plain words, nothing is opened.
        row = app.main.article_list.current
        assert row is not None
        app.main.article_list.update_row(row.id, url="javascript:alert(1)")
        notes: list[str] = []
        monkeypatch.setattr(app, "notify", lambda message, **kw: notes.append(message))
        await pilot.press("o", "y")
        await wait_for(lambda: len(notes) == 2 and opened, pilot)
        assert opened == ["https://detik.example/berita/harga-beras"]
        assert len(copied) == 1
        assert len(notes) == 2
        assert all("http(s)" in n for n in notes)


async def test_long_lists_load_the_next_page_near_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import timedelta

    from beritatui import listing
    from beritatui.models import FeedEntry

    monkeypatch.setattr(listing, "LIST_LIMIT", 40)
    app, _ = _app(tmp_path)
    feed_id = app.store.feeds()[0].id
    app.store.upsert_entries(
        feed_id,
        [
            FeedEntry(
                guid=f"arsip-{n}",
                url=f"https://antara.example/arsip/{n}",
                title=f"Arsip berita nomor {n}",
                published=NOW - timedelta(days=1, minutes=n),
            )
            for n in range(100)
        ],
    )
    async with driven(app, (150, 40)) as pilot:
        articles = app.main.article_list
        await wait_for(lambda: len(articles.rows) == 40, pilot)
        assert articles.more_available
        await pilot.press("G")  # to the end: the next page arrives
        await wait_for(lambda: len(articles.rows) == 80, pilot)
        await pilot.press("G")
        await wait_for(lambda: len(articles.rows) == 105, pilot)
        assert not articles.more_available
        assert len({r.id for r in articles.rows}) == 105  # no row twice
        assert articles.rows[-1].title == "Arsip berita nomor 99"
