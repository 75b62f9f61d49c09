"""Offline-first reading (issue #4), end to end over the local test server.

Every test caches the fake site first (feeds and article pages), then takes
the network away by stopping its own server, so the port refuses connections,
and checks what still works: the TUI driven by Pilot, and the real CLI run as
a subprocess with the test's XDG dirs.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from beritatui.config import load_config
from beritatui.models import FeedEntry
from beritatui.paths import config_file, database_file
from beritatui.service import RefreshReport, Service
from beritatui.store import Store
from beritatui.ui.app import BeritaApp
from beritatui.ui.screens.dialogs import ConfirmScreen
from beritatui.ui.widgets.article_list import ROW_HEIGHT, ArticleList
from tests.helpers import driven, make_app, rendered_reader, wait_for
from tests.server import LocalServer
from tests.site import EKONOMI, NASIONAL, NOW, OLAHRAGA, Story, build_site

# The interface in Indonesian (English has its own tests).
pytestmark = pytest.mark.usefixtures("indonesian")

STORIES = {story.slug: story for story in NASIONAL + EKONOMI + OLAHRAGA}
BANJIR = STORIES["banjir-bekasi"]
BERAS = STORIES["harga-beras"]
KERETA = STORIES["kereta-cepat-libur"]
BODY_ONLY_WORD = "tanggul"
"""Appears in the last paragraph of the Bekasi flood story only: not in any title or summary."""
SIZE = (160, 45)


# -- fixtures and helpers -----------------------------------------------------------------


class SiteServer:
    """A LocalServer of this test alone, so stopping it really takes the network away."""

    def __init__(self) -> None:
        self.server = LocalServer().start()
        self.site = build_site(self.server)
        self.running = True

    def stop(self) -> None:
        if self.running:
            self.running = False
            self.server.stop()

    def page_requests(self) -> list[str]:
        return [r.path for r in self.server.requests if r.path.startswith("/berita/")]

    def served_pages(self) -> set[str]:
        """URLs of the article pages the site serves (the others answer 404)."""
        return {url for url in self.site.page_urls.values() if _path(url) in self.server.routes}


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def net(isolated_dirs: dict[str, Path]) -> Iterator[SiteServer]:
    running = SiteServer()
    running.site.write_config(isolated_dirs["config"])
    yield running
    running.stop()


def app_from_current_config(**kwargs: Any) -> BeritaApp:
    """The app over config.toml as it is now (``make_app`` rewrites it with every feed)."""
    return BeritaApp(load_config(), Store.open(database_file()), **kwargs)


def story_of(url: str) -> Story:
    return STORIES[url.rstrip("/").rsplit("/", 1)[1]]


def flat(text: str) -> str:
    """Whitespace-normalised text, so wrapped lines compare with paragraphs."""
    return " ".join(text.split())


def shows_full_body(text: str, story: Story) -> bool:
    """Every paragraph is there, including those the feed summary does not carry."""
    return all(flat(p) in flat(text) for p in story.paragraphs)


async def cache_everything(*, prefetch: bool = True) -> RefreshReport:
    """Refresh the feeds of config.toml with the real service (pages too when ``prefetch``)."""
    store = Store.open(database_file())
    try:
        return await Service(load_config(), store).refresh(prefetch=prefetch)
    finally:
        store.close()


async def cached_and_offline(net: SiteServer) -> RefreshReport:
    """Refresh with prefetch while the site is up, then take the site down."""
    report = await cache_everything()
    assert report.feeds_ok == 3
    assert report.articles_saved == len(net.served_pages())
    net.stop()
    return report


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``beritatui`` command with the test's XDG dirs."""
    return subprocess.run(
        [sys.executable, "-m", "beritatui", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ) if env is None else env,
        timeout=120,
        check=False,
    )


def cli_json(*args: str, env: dict[str, str] | None = None) -> Any:
    done = cli(*args, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def record_notifications(app: BeritaApp) -> list[tuple[str, str]]:
    """Keep every ``(message, severity)`` the app notifies, then show it as usual."""
    seen: list[tuple[str, str]] = []
    original = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        seen.append((str(message), str(kwargs.get("severity", "information"))))
        original(message, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return seen


def meta_line(articles: ArticleList, index: int) -> str:
    """The rendered second line (source · time · marks) of row ``index``."""
    y = index * ROW_HEIGHT + 1 - int(articles.scroll_offset.y)
    return articles.render_line(y).text


def sidebar_unread(app: BeritaApp) -> dict[str, int]:
    """Unread counts as the sidebar shows them, by category name."""
    widget = app.main.categories_widget
    shown: dict[str, int] = {}
    for index in range(widget.option_count):
        option = widget.get_option_at_index(index)
        match = re.search(r"(\d+)\s*$", str(getattr(option.prompt, "plain", option.prompt)))
        shown[str(option.id)] = int(match.group(1)) if match else 0
    return shown


def store_unread(store: Store) -> dict[str, int]:
    counts = {name: unread for name, _total, unread in store.categories()}
    return {"Semua": sum(counts.values()), **counts}


def row_index(articles: ArticleList, pick: Callable[[Any], bool]) -> int:
    return next(i for i, row in enumerate(articles.rows) if pick(row))


async def open_row(app: BeritaApp, pilot: Any, index: int) -> None:
    """Highlight row ``index`` in the list and press enter on it.

    A list reload still in flight (a refresh ends with one) would move the cursor
    back to the row it keeps: let it land first.
    """
    await wait_for(
        lambda: not any(w.group == "list" and not w.is_finished for w in app.workers), pilot
    )
    await pilot.pause()
    articles = app.main.article_list
    articles.focus()
    articles.cursor = index
    article_id = articles.rows[index].id
    await pilot.press("enter")
    await wait_for(lambda: app.main.reader.article_id == article_id, pilot)


# -- (a) the TUI started with --offline ------------------------------------------------------


async def test_offline_tui_reads_cached_articles_in_full(
    net: SiteServer, isolated_dirs: dict[str, Path]
) -> None:
    await cached_and_offline(net)
    cached = net.served_pages()
    app = make_app(net.site, isolated_dirs["config"], offline=True)
    async with driven(app, SIZE) as pilot:
        articles = app.main.article_list
        await wait_for(lambda: len(articles.rows) == len(STORIES), pilot)
        assert not app.main.top_bar.online
        assert "offline" in app.main.top_bar.render().plain
        # The offline mark: on exactly the rows whose page was cached.
        assert {r.url for r in articles.rows if r.has_body} == cached
        for index, row in enumerate(articles.rows):
            assert ("⤓" in meta_line(articles, index)) == (row.url in cached), row.title
        # Each cached article opens with its whole body, not the feed summary.
        for url in sorted(cached):
            await open_row(app, pilot, row_index(articles, lambda r, u=url: r.url == u))
            story = story_of(url)
            await wait_for(lambda s=story: shows_full_body(rendered_reader(app), s), pilot)
            assert "Memuat artikel lengkap" not in rendered_reader(app)


async def test_offline_tui_refresh_says_network_is_needed(
    net: SiteServer, isolated_dirs: dict[str, Path]
) -> None:
    await cached_and_offline(net)
    app = make_app(net.site, isolated_dirs["config"], offline=True)
    notes = record_notifications(app)
    async with driven(app, SIZE) as pilot:
        articles = app.main.article_list
        await wait_for(lambda: len(articles.rows) == len(STORIES), pilot)
        before = len(notes)
        await pilot.press("r")
        await wait_for(lambda: len(notes) > before, pilot)
        message, severity = notes[-1]
        assert "jaringan" in message  # "network" in the app's language
        assert severity == "warning"
        await wait_for(lambda: app.main.top_bar.progress == "", pilot)
        assert not app.main.top_bar.online
        assert len(articles.rows) == len(STORIES)


async def test_offline_tui_bookmark_shows_in_disimpan(
    net: SiteServer, isolated_dirs: dict[str, Path]
) -> None:
    await cached_and_offline(net)
    app = make_app(net.site, isolated_dirs["config"], offline=True)
    async with driven(app, SIZE) as pilot:
        articles = app.main.article_list
        await wait_for(lambda: len(articles.rows) == len(STORIES), pilot)
        url = net.site.page_urls[BERAS.slug]
        await open_row(app, pilot, row_index(articles, lambda r: r.url == url))
        target = app.main.reader.article_id
        assert target is not None
        await pilot.press("b")
        await wait_for(lambda: app.store.is_bookmarked(target), pilot)
        await wait_for(lambda: "★ disimpan" in rendered_reader(app), pilot)
        await pilot.press("3")
        await wait_for(lambda: [r.id for r in articles.rows] == [target], pilot)
        assert app.main.top_bar.tab == "disimpan"
        assert articles.rows[0].is_bookmarked
        assert articles.rows[0].has_body
        await open_row(app, pilot, 0)
        await wait_for(lambda: shows_full_body(rendered_reader(app), BERAS), pilot)


async def test_offline_tui_search_finds_a_word_of_the_body_and_opens_it(
    net: SiteServer, isolated_dirs: dict[str, Path]
) -> None:
    await cached_and_offline(net)
    app = make_app(net.site, isolated_dirs["config"], offline=True)
    async with driven(app, SIZE) as pilot:
        articles = app.main.article_list
        await wait_for(lambda: len(articles.rows) == len(STORIES), pilot)
        assert not any(BODY_ONLY_WORD in r.title.lower() for r in articles.rows)
        await pilot.press("slash")
        await pilot.press(*BODY_ONLY_WORD)
        await pilot.press("enter")
        url = net.site.page_urls[BANJIR.slug]
        await wait_for(lambda: [r.url for r in articles.rows] == [url], pilot)
        await wait_for(lambda: app.focused is articles, pilot)  # once the rows are shown
        await pilot.press("enter")
        await wait_for(lambda: app.main.reader.article_id == articles.rows[0].id, pilot)
        await wait_for(lambda: shows_full_body(rendered_reader(app), BANJIR), pilot)
        assert BODY_ONLY_WORD in rendered_reader(app)


# -- (b) the TUI started online while the network is down ------------------------------------


@pytest.mark.parametrize("start", ["key r", "refresh on start"])
async def test_online_tui_goes_offline_when_every_feed_fails(
    net: SiteServer, isolated_dirs: dict[str, Path], start: str
) -> None:
    await cached_and_offline(net)
    app = make_app(net.site, isolated_dirs["config"], refresh_on_start=start != "key r")
    notes = record_notifications(app)
    async with driven(app, SIZE) as pilot:
        articles = app.main.article_list
        await wait_for(lambda: len(articles.rows) == len(STORIES), pilot)
        if start == "key r":
            assert app.main.top_bar.online
            await pilot.press("r")
        await wait_for(lambda: not app.main.top_bar.online, pilot)
        await wait_for(lambda: app.main.top_bar.progress == "", pilot)
        assert "○ offline" in app.main.top_bar.render().plain
        assert any("jaringan" in message for message, _ in notes)
        statuses = {feed.title: feed.status.value for feed in app.store.feeds()}
        assert set(statuses.values()) == {"network error"}, statuses
        # What was cached still opens in full, without waiting on the network.
        assert len(articles.rows) == len(STORIES)
        url = net.site.page_urls[KERETA.slug]
        await open_row(app, pilot, row_index(articles, lambda r: r.url == url))
        await wait_for(lambda: shows_full_body(rendered_reader(app), KERETA), pilot)
        assert "Memuat artikel lengkap" not in rendered_reader(app)


async def test_offline_tui_uncached_article_says_the_network_is_needed(
    net: SiteServer, isolated_dirs: dict[str, Path]
) -> None:
    await cache_everything(prefetch=False)
    net.stop()
    app = make_app(net.site, isolated_dirs["config"], offline=True)
    async with driven(app, SIZE) as pilot:
        articles = app.main.article_list
        await wait_for(lambda: len(articles.rows) == len(STORIES), pilot)
        assert not any(row.has_body for row in articles.rows)
        assert not any("⤓" in meta_line(articles, i) for i in range(len(articles.rows)))
        url = net.site.page_urls[KERETA.slug]
        await open_row(app, pilot, row_index(articles, lambda r: r.url == url))
        await wait_for(lambda: "tidak tersedia" in rendered_reader(app), pilot)
        text = rendered_reader(app)
        assert flat(KERETA.paragraphs[0]) in flat(text)  # the feed summary is shown
        assert flat(KERETA.paragraphs[-1]) not in flat(text)
        assert "network" in text or "jaringan" in text
        assert "Memuat artikel lengkap" not in text


# -- (c) the CLI offline ---------------------------------------------------------------------


async def test_cli_offline_read_answers_from_the_cache(net: SiteServer) -> None:
    await cached_and_offline(net)
    url = net.site.page_urls[BANJIR.slug]
    text = cli("--offline", "read", url)
    assert text.returncode == 0, text.stderr
    assert shows_full_body(text.stdout, BANJIR)
    assert BANJIR.title in text.stdout
    data = cli_json("--offline", "read", "--format", "json", url)
    assert data["title"] == BANJIR.title
    assert shows_full_body(data["text"], BANJIR)
    assert "ADVERTISEMENT" not in data["text"]
    assert any(BANJIR.caption in caption for caption in data["captions"])
    # The same article behind a tracking parameter is the same cached article.
    tracked = cli_json("--offline", "read", "--format", "json", url + "?utm_source=whatsapp")
    assert tracked["text"] == data["text"]


async def test_cli_read_falls_back_to_the_cache_when_the_network_is_down(
    net: SiteServer,
) -> None:
    await cached_and_offline(net)
    done = cli("read", "--format", "json", net.site.page_urls[BERAS.slug])
    assert done.returncode == 0, done.stderr
    assert shows_full_body(json.loads(done.stdout)["text"], BERAS)


async def test_cli_offline_read_of_an_uncached_page_says_so(net: SiteServer) -> None:
    await cached_and_offline(net)
    uncached = next(u for u in net.site.page_urls.values() if u not in net.served_pages())
    done = cli("--offline", "read", uncached)
    assert done.returncode != 0
    assert done.stdout == ""
    assert "offline" in done.stderr
    assert "Traceback" not in done.stderr


async def test_cli_search_finds_a_word_that_is_only_in_a_body(net: SiteServer) -> None:
    await cached_and_offline(net)
    store = Store.open(database_file())
    try:
        for row in store.list_articles():
            detail = store.get_article(row.id)
            assert detail is not None
            assert BODY_ONLY_WORD not in (row.title + " " + detail.summary).lower()
    finally:
        store.close()
    url = net.site.page_urls[BANJIR.slug]
    hits = cli_json("--offline", "search", BODY_ONLY_WORD, "--json")
    assert [hit["url"] for hit in hits] == [url]
    assert hits[0]["offline"] is True
    # Diacritics are folded, and two words must both match.
    assert [h["url"] for h in cli_json("search", "pengungsián", "posko", "--json")] == [url]
    assert cli_json("search", BODY_ONLY_WORD, "timnas", "--json") == []
    plain = cli("search", BODY_ONLY_WORD)
    assert plain.returncode == 0
    assert BANJIR.title in plain.stdout


async def test_cli_bookmarks_lists_saved_articles(net: SiteServer) -> None:
    await cached_and_offline(net)
    assert cli_json("--offline", "bookmarks", "--json") == []
    wanted = {net.site.page_urls[BANJIR.slug], net.site.page_urls[BERAS.slug]}
    store = Store.open(database_file())
    try:
        for row in store.list_articles():
            if row.url in wanted:
                store.set_bookmark(row.id, True)
    finally:
        store.close()
    listed = cli_json("--offline", "bookmarks", "--json")
    assert {item["url"] for item in listed} == wanted
    assert all(item["bookmarked"] and item["offline"] for item in listed)
    plain = cli("bookmarks")
    assert BANJIR.title in plain.stdout
    assert BERAS.title in plain.stdout


# -- (d) bookmarks outlive feed removal and retention --------------------------------------------


def remove_feed(category: str) -> None:
    """Rewrite config.toml without the feed of ``category`` and sync the store to it."""
    path = config_file()
    text = path.read_text("utf-8")
    blocks = text.split("[[feeds]]")
    kept = [blocks[0]] + [b for b in blocks[1:] if f'category = "{category}"' not in b]
    assert len(kept) == len(blocks) - 1
    path.write_text("[[feeds]]".join(kept), "utf-8")
    config = load_config()
    assert category not in config.categories
    store = Store.open(database_file())
    try:
        store.sync_feeds(config.feeds)
    finally:
        store.close()


def extra_entries(net: SiteServer, count: int) -> list[FeedEntry]:
    """Newer entries of the flood feed, so a count cap has something to cut."""
    return [
        FeedEntry(
            guid=net.server.url(f"/berita/tambahan-{n}"),
            url=net.server.url(f"/berita/tambahan-{n}"),
            title=f"Pembaruan banjir Bekasi bagian {n}",
            summary="Ketinggian air mulai surut di sebagian wilayah.",
            published=NOW + timedelta(minutes=n),
        )
        for n in range(1, count + 1)
    ]


@pytest.mark.parametrize("rule", ["days", "count"])
async def test_bookmark_survives_feed_removal_and_retention(
    net: SiteServer, isolated_dirs: dict[str, Path], rule: str
) -> None:
    await cached_and_offline(net)
    url = net.site.page_urls[KERETA.slug]
    store = Store.open(database_file())
    try:
        feed_id = next(f.id for f in store.feeds() if f.category == "Nasional")
        store.upsert_entries(feed_id, extra_entries(net, 3))
        saved = next(r for r in store.list_articles() if r.url == url)
        store.set_bookmark(saved.id, True)
        before = store.stats()
    finally:
        store.close()
    remove_feed("Nasional")
    store = Store.open(database_file())
    try:
        assert url not in {r.url for r in store.list_articles()}  # its feed is gone
        if rule == "days":
            pruned = store.prune(retention_days=1, per_feed=0, now=NOW + timedelta(days=10))
            assert pruned == before["articles"] - 1
        else:
            pruned = store.prune(retention_days=0, per_feed=1)
            assert pruned == 3  # the Nasional feed kept its newest non-bookmarked article
        after = store.stats()
        assert after["articles"] == before["articles"] - pruned
        assert after["bodies"] < before["bodies"]
        assert after["bookmarks"] == 1
        detail = store.get_article(saved.id)
        assert detail is not None
        assert detail.row.is_bookmarked
        assert detail.body is not None
        assert shows_full_body(detail.body.text, KERETA)
        raw = store.raw_html(saved.id)
        assert raw is not None
        assert flat(KERETA.paragraphs[-1]) in flat(raw.decode("utf-8"))
    finally:
        store.close()
    assert [b["url"] for b in cli_json("--offline", "bookmarks", "--json")] == [url]
    read = cli_json("--offline", "read", "--format", "json", url)
    assert shows_full_body(read["text"], KERETA)
    assert [h["url"] for h in cli_json("search", "sembilan", "puluh", "--json")] == [url]
    app = app_from_current_config(offline=True)
    async with driven(app, SIZE) as pilot:
        articles = app.main.article_list
        await pilot.press("3")
        await wait_for(lambda: [r.url for r in articles.rows] == [url], pilot)
        await open_row(app, pilot, 0)
        await wait_for(lambda: shows_full_body(rendered_reader(app), KERETA), pilot)


# -- (e) export and import of bookmarks ---------------------------------------------------------


async def test_bookmarks_export_import_round_trip(net: SiteServer, tmp_path: Path) -> None:
    await cached_and_offline(net)
    wanted = {net.site.page_urls[s.slug]: s for s in (BANJIR, BERAS)}
    store = Store.open(database_file())
    try:
        for row in store.list_articles():
            if row.url in wanted:
                store.set_bookmark(row.id, True)
    finally:
        store.close()
    exported = cli("--offline", "bookmarks", "--export", "json")
    assert exported.returncode == 0, exported.stderr
    backup = tmp_path / "simpanan.json"
    backup.write_text(exported.stdout, "utf-8")
    assert {item["url"] for item in json.loads(exported.stdout)} == set(wanted)
    markdown = cli("bookmarks", "--export", "markdown")
    assert markdown.returncode == 0
    assert flat(BANJIR.paragraphs[-1]) in flat(markdown.stdout)

    fresh = dict(os.environ)
    fresh["XDG_DATA_HOME"] = str(tmp_path / "data-baru")
    fresh["XDG_CONFIG_HOME"] = str(tmp_path / "config-baru")
    assert cli_json("bookmarks", "--json", env=fresh) == []
    imported = cli("bookmarks", "--import", str(backup), env=fresh)
    assert imported.returncode == 0, imported.stderr
    assert "2" in imported.stdout
    listed = cli_json("--offline", "bookmarks", "--json", env=fresh)
    assert {item["url"]: item["title"] for item in listed} == {
        url: story.title for url, story in wanted.items()
    }
    assert all(item["offline"] for item in listed)
    for url, story in wanted.items():
        read = cli_json("--offline", "read", "--format", "json", url, env=fresh)
        assert shows_full_body(read["text"], story)
    hits = cli_json("--offline", "search", BODY_ONLY_WORD, "--json", env=fresh)
    assert [hit["url"] for hit in hits] == [net.site.page_urls[BANJIR.slug]]
    # Importing the same file again adds nothing.
    assert cli("bookmarks", "--import", str(backup), env=fresh).returncode == 0
    assert len(cli_json("bookmarks", "--json", env=fresh)) == 2
    again = cli("bookmarks", "--export", "json", env=fresh)
    assert json.loads(again.stdout) == json.loads(exported.stdout)


# -- (f) refresh with and without article pages ---------------------------------------------------


def store_stats() -> dict[str, int]:
    store = Store.open(database_file())
    try:
        return store.stats()
    finally:
        store.close()


def cached_urls() -> set[str]:
    store = Store.open(database_file())
    try:
        return {r.url for r in store.list_articles() if r.has_body}
    finally:
        store.close()


def test_refresh_no_articles_caches_no_bodies(net: SiteServer) -> None:
    done = cli("refresh", "--no-articles")
    assert done.returncode == 0, done.stderr
    assert "3/3 feeds ok" in done.stdout
    assert net.page_requests() == []
    stats = store_stats()
    assert stats["articles"] == len(STORIES)
    assert stats["bodies"] == 0
    assert cached_urls() == set()

    done = cli("refresh")
    assert done.returncode == 0, done.stderr
    assert f"{len(net.served_pages())} pages cached" in done.stdout
    assert store_stats()["bodies"] == len(net.served_pages())
    assert cached_urls() == net.served_pages()
    assert {net.server.url(p) for p in net.page_requests()} == set(net.site.page_urls.values())


def test_refresh_offline_flag_refuses_plainly(net: SiteServer) -> None:
    done = cli("--offline", "refresh")
    assert done.returncode == 1
    assert "network" in done.stderr
    assert net.server.requests == []


# -- (g) read state ---------------------------------------------------------------------


async def test_read_state_and_sidebar_unread_counts(
    net: SiteServer, isolated_dirs: dict[str, Path]
) -> None:
    await cached_and_offline(net)
    app = make_app(net.site, isolated_dirs["config"], offline=True)
    store = app.store
    try:
        async with app.run_test(size=SIZE) as pilot:
            articles = app.main.article_list
            await wait_for(lambda: len(articles.rows) == len(STORIES), pilot)
            await wait_for(lambda: sidebar_unread(app) == store_unread(store), pilot)
            assert sidebar_unread(app)["Semua"] == len(STORIES)

            # Opening marks read (row, store and sidebar).
            url = net.site.page_urls[BANJIR.slug]
            index = row_index(articles, lambda r: r.url == url)
            await open_row(app, pilot, index)
            article_id = articles.rows[index].id
            await wait_for(lambda: articles.rows[index].is_read, pilot)
            assert store.list_articles(ids=[article_id])[0].is_read
            await wait_for(lambda: sidebar_unread(app)["Nasional"] == 1, pilot)
            assert sidebar_unread(app) == store_unread(store)
            assert "○" in articles.render_line(index * ROW_HEIGHT).text

            # m toggles it back to unread, and again to read.
            await pilot.press("m")
            await wait_for(lambda: not articles.rows[index].is_read, pilot)
            assert not store.list_articles(ids=[article_id])[0].is_read
            await wait_for(lambda: sidebar_unread(app) == store_unread(store), pilot)
            assert sidebar_unread(app)["Nasional"] == 2
            await pilot.press("m")
            await wait_for(lambda: articles.rows[index].is_read, pilot)
            await wait_for(lambda: sidebar_unread(app)["Nasional"] == 1, pilot)

            # M marks the selected category read, and only that one.
            articles.focus()
            await pilot.press("right_square_bracket", "right_square_bracket")  # Ekonomi
            await wait_for(lambda: app.main.category == "Ekonomi", pilot)
            await wait_for(lambda: len(articles.rows) == len(EKONOMI), pilot)
            # It asks first; n (or escape) leaves everything as it was.
            before = store_unread(store)
            await pilot.press("M")
            await wait_for(lambda: isinstance(app.screen, ConfirmScreen), pilot)
            question = str(app.screen.query_one(Static).render())
            assert f"{len(EKONOMI)} artikel belum dibaca di Ekonomi" in question
            await pilot.press("n")
            await wait_for(lambda: not isinstance(app.screen, ConfirmScreen), pilot)
            await pilot.pause()
            assert store_unread(store) == before
            await pilot.press("M", "y")
            await wait_for(lambda: store_unread(store)["Ekonomi"] == 0, pilot)
            assert before["Ekonomi"] == len(EKONOMI)
            await wait_for(lambda: sidebar_unread(app) == store_unread(store), pilot)
            assert all(row.is_read for row in articles.rows)
            shown = sidebar_unread(app)
            assert shown["Nasional"] == 1
            assert shown["Olahraga"] == len(OLAHRAGA)
            assert shown["Semua"] == 1 + len(OLAHRAGA)
    finally:
        store.close()


async def test_read_state_survives_a_restart(
    net: SiteServer, isolated_dirs: dict[str, Path]
) -> None:
    await cached_and_offline(net)
    app = make_app(net.site, isolated_dirs["config"], offline=True)
    async with driven(app, SIZE) as pilot:
        articles = app.main.article_list
        await wait_for(lambda: len(articles.rows) == len(STORIES), pilot)
        await pilot.press("M", "y")  # Semua: everything, once confirmed
        await wait_for(lambda: all(r.is_read for r in articles.rows), pilot)
        await pilot.press("q")
    again = make_app(net.site, isolated_dirs["config"], offline=True)
    async with driven(again, SIZE) as pilot:
        articles = again.main.article_list
        await wait_for(lambda: len(articles.rows) == len(STORIES), pilot)
        assert all(row.is_read for row in articles.rows)
        await wait_for(lambda: sidebar_unread(again) == store_unread(again.store), pilot)
        assert set(sidebar_unread(again).values()) == {0}
