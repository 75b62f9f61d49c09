"""The service on its own: refresh, offline, opening articles, trending, re-extraction."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from beritatui.config import Config, FeedSpec, Settings
from beritatui.extract import EXTRACTOR_VERSION
from beritatui.models import Block, ExtractedArticle, FeedEntry, FeedStatus
from beritatui.paths import database_file
from beritatui.service import NOT_CACHED_OFFLINE, OfflineError, Progress, Service
from beritatui.store import Store
from beritatui.wording import say
from tests.library import fill_library, library_config
from tests.server import LocalServer, send
from tests.site import NASIONAL, NOW, OLAHRAGA, LocalSite, build_site

PAGE = b"""<html><head><title>Judul</title></head><body><article>
<h1>Judul halaman tersimpan</h1>
<p>Paragraf pertama dari halaman yang disimpan untuk dibaca ulang tanpa jaringan.</p>
<p>Paragraf kedua menjelaskan bahwa pengekstrak baru bekerja pada salinan lama.</p>
</article></body></html>"""


def test_reextract_stale_uses_stored_page_without_network() -> None:
    store = Store.open(database_file())
    ids = fill_library(store, bodies=False)
    article_id = ids["harga-beras"]
    old = ExtractedArticle(url="https://x.id/a", blocks=[Block("paragraph", text="versi lama")])
    store.save_body(article_id, old, PAGE, EXTRACTOR_VERSION - 1)
    service = Service(library_config(), store, offline=True)
    assert service.reextract_stale() == 1
    detail = store.get_article(article_id)
    assert detail is not None
    assert detail.body is not None
    assert "pengekstrak baru bekerja" in detail.body.text
    assert "versi lama" not in detail.body.text
    # Current now: nothing left to redo.
    assert store.stale_bodies(EXTRACTOR_VERSION) == []
    assert service.reextract_stale() == 0
    store.close()


def test_reextract_stale_keeps_a_stitched_body_without_extracting_its_first_page() -> None:
    store = Store.open(database_file())
    ids = fill_library(store, bodies=False)
    article_id = ids["harga-beras"]
    blocks = [Block("paragraph", text="halaman satu"), Block("paragraph", text="halaman dua")]
    stitched = ExtractedArticle(url="https://x.id/a", blocks=blocks, pages=2)
    store.save_body(article_id, stitched, PAGE, EXTRACTOR_VERSION - 1)
    service = Service(library_config(), store, offline=True)
    assert service.reextract_stale() == 0
    detail = store.get_article(article_id)
    assert detail is not None
    assert detail.body is not None
    assert detail.body.pages == 2
    assert "halaman dua" in detail.body.text  # not the stored first page's text alone
    assert "pengekstrak baru bekerja" not in detail.body.text
    assert store.stale_bodies(EXTRACTOR_VERSION) == []  # current now
    store.close()


# -- the service on its own (real store, the local test server) ---------------------------


@pytest.fixture
def store() -> Iterator[Store]:
    opened = Store.open(database_file())
    yield opened
    opened.close()


def site_config(site: LocalSite, **settings: Any) -> Config:
    values: dict[str, Any] = {"refresh_on_start": False, "refresh_interval_minutes": 0}
    values |= settings
    feeds = tuple(
        FeedSpec(url, category, f"{category} Lokal") for category, url in site.feed_urls.items()
    )
    return Config(settings=Settings(**values), feeds=feeds, using_default_feeds=False)


async def test_forced_offline_refresh_and_prefetch_raise_without_touching_feeds(
    store: Store,
) -> None:
    service = Service(library_config(), store, offline=True)
    assert service.offline
    assert service.forced_offline
    with pytest.raises(OfflineError):
        await service.refresh()
    with pytest.raises(OfflineError):
        await service.prefetch()
    assert not service.feeds_synced
    assert store.feeds() == []


def test_sync_feeds_follows_the_config_order(store: Store) -> None:
    service = Service(library_config(), store)
    service.sync_feeds()
    assert service.feeds_synced
    assert [f.url for f in store.feeds()] == [f.url for f in library_config().feeds]


async def test_refresh_stores_entries_then_a_second_refresh_finds_nothing_new(
    server: LocalServer, store: Store
) -> None:
    site = build_site(server)
    service = Service(site_config(site), store)
    seen: list[Progress] = []
    report = await service.refresh(prefetch=False, on_progress=seen.append)
    assert report.feeds_ok == 3
    assert report.feeds_failed == []
    assert len(report.new_article_ids) == store.count_articles() > 0
    assert (seen[0].done, seen[-1].done, seen[-1].total) == (0, 3, 3)
    again = await service.refresh(prefetch=False)
    assert again.new_article_ids == []
    statuses = {o.url: o.status for o in again.outcomes}
    # The Nasional feed sends an ETag: the second fetch is conditional.
    assert statuses[site.feed_urls["Nasional"]] is FeedStatus.NOT_MODIFIED
    assert not service.network_down


async def test_refresh_that_reaches_no_feed_sets_network_down(store: Store) -> None:
    dead = Config(
        settings=Settings(refresh_on_start=False, timeout_seconds=2),
        feeds=(FeedSpec("http://127.0.0.1:9/rss", "Nasional", "Mati"),),
        using_default_feeds=False,
    )
    service = Service(dead, store)
    report = await service.refresh()
    assert report.network_down
    assert service.network_down
    assert service.offline
    assert not service.forced_offline
    (feed,) = store.feeds()
    assert feed.status is FeedStatus.NETWORK_ERROR
    assert "refused" in say(feed.detail)


async def test_open_article_downloads_the_page_once(server: LocalServer, store: Store) -> None:
    site = build_site(server)
    service = Service(site_config(site), store)
    await service.refresh(prefetch=False)
    url = site.page_urls[NASIONAL[0].slug]
    (row,) = [r for r in store.list_articles() if r.url == url]
    assert not row.has_body
    detail = await service.open_article(row.id)
    assert detail is not None
    assert detail.body is not None
    assert NASIONAL[0].paragraphs[0][:40] in detail.body.text
    server.clear()  # the page is gone from the web now, and no longer needed
    again = await service.open_article(row.id)
    assert again is not None
    assert again.body == detail.body


async def test_prefetch_leaves_a_page_opened_after_it_started_alone(
    server: LocalServer, store: Store
) -> None:
    """The prefetch's list is made at its start; an article the user opens meanwhile is not
    downloaded and extracted a second time when the prefetch comes to it."""
    site = build_site(server)
    service = Service(site_config(site, max_concurrency=1), store)
    await service.refresh(prefetch=False)
    url = site.page_urls[NASIONAL[0].slug]
    (row,) = [r for r in store.list_articles() if r.url == url]
    opened = ExtractedArticle(url=url, blocks=[Block(type="paragraph", text="Dibuka dulu.")])
    listed: list[int] = []

    def progress(step: Progress) -> None:
        if step.done == 0:  # the list is made: now the user's open saves this one
            listed.append(step.total)
            store.save_body(row.id, opened, PAGE, EXTRACTOR_VERSION)

    server.requests.clear()
    saved, failed = await service.prefetch(on_progress=progress)
    path = url.removeprefix(server.base)
    fetched = [r.path for r in server.requests]
    assert listed == [saved + failed + 1]  # it was on the list
    assert path not in fetched
    assert len(fetched) >= saved  # the other pages were fetched
    detail = store.get_article(row.id)
    assert detail is not None
    assert detail.body is not None
    assert detail.body.text == "Dibuka dulu."


async def test_opening_a_page_the_prefetch_is_downloading_joins_that_download(
    server: LocalServer, store: Store
) -> None:
    """One fetch and one extraction serve both the prefetch and the open."""
    site = build_site(server)
    service = Service(site_config(site), store)
    await service.refresh(prefetch=False)
    url = site.page_urls[NASIONAL[0].slug]
    (row,) = [r for r in store.list_articles() if r.url == url]
    known = store.get_article(row.id)
    path = url.removeprefix(server.base)
    page = server.routes.pop(path)
    gate = threading.Event()
    served: list[str] = []

    def slow_page(request: BaseHTTPRequestHandler) -> None:
        served.append(request.path)
        gate.wait(10)
        send(request, page)

    server.handler(path, slow_page)
    prefetch = asyncio.create_task(service.prefetch())
    for _ in range(1000):  # until the prefetch is fetching the page
        if served:
            break
        await asyncio.sleep(0.01)
    assert served == [path]
    opening = asyncio.create_task(service.open_article(row.id, known=known))
    for _ in range(3):
        await asyncio.sleep(0)  # the open finds the prefetch's download and waits for it
    gate.set()
    detail = await asyncio.wait_for(opening, 30)
    await asyncio.wait_for(prefetch, 30)
    assert served == [path]  # fetched once
    assert detail is not None
    assert detail.body is not None
    assert NASIONAL[0].paragraphs[0][:40] in detail.body.text


async def test_open_article_offline_uses_feed_content_and_says_why(
    server: LocalServer, store: Store
) -> None:
    site = build_site(server, serve_pages=False)
    await Service(site_config(site), store).refresh(prefetch=False)
    offline = Service(site_config(site), store, offline=True)
    url = site.page_urls[OLAHRAGA[0].slug]  # the WordPress feed carries content:encoded
    (row,) = [r for r in store.list_articles() if r.url == url]
    detail = await offline.open_article(row.id)
    assert detail is not None
    assert detail.body_error == NOT_CACHED_OFFLINE
    assert detail.body is not None
    assert detail.body.blocks
    assert await offline.open_article(10**9) is None


def test_trending_is_cached_until_the_articles_change(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_library(store)
    runs: list[int] = []
    real = Service._cluster_off_the_gil

    def counted(self: Service, *args: Any) -> Any:
        runs.append(1)
        return real(self, *args)

    monkeypatch.setattr(Service, "_cluster_off_the_gil", counted)
    service = Service(library_config(), store)
    first = service.trending()
    assert any(len(c.sources) > 1 for c in first)
    assert service.trending() == first
    assert len(runs) == 1  # the second call came from the cache
    feed_id = store.feeds()[0].id
    entry = FeedEntry(guid="baru", url="https://antara.example/berita/baru", title="Baru")
    store.upsert_entries(feed_id, [entry])
    service.trending()
    assert len(runs) == 2  # new articles: computed again


def test_trending_is_rescored_when_the_app_clock_enters_a_new_slot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    moment = [NOW]
    store = Store.open(database_file(), clock=lambda: moment[0])
    fill_library(store)
    runs: list[int] = []
    real = Service._cluster_off_the_gil

    def counted(self: Service, *args: Any) -> Any:
        runs.append(1)
        return real(self, *args)

    monkeypatch.setattr(Service, "_cluster_off_the_gil", counted)
    service = Service(library_config(), store)
    moment[0] = NOW.replace(minute=0, second=0, microsecond=0)
    service.trending()
    moment[0] += timedelta(minutes=9)
    service.trending()
    assert len(runs) == 1  # same ten-minute slot, nothing new: cached
    moment[0] += timedelta(minutes=1)
    service.trending()
    assert len(runs) == 2  # a new slot: scores follow the clock
    store.close()


def test_trending_is_clustered_in_a_worker_process_with_the_same_result(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The clustering holds no GIL of the app: it runs in the pool, not in this process."""
    import beritatui.service

    fill_library(store)
    monkeypatch.setattr(beritatui.service, "POOLED_TRENDING_MIN", 0)  # the library is small
    here = Service(library_config(), store)
    monkeypatch.setattr(Service, "_cluster_off_the_gil", _cluster_here)
    expected = here.trending()
    monkeypatch.undo()

    def not_here(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("clustered in the app's process")

    import beritatui.trending

    monkeypatch.setattr(beritatui.trending, "cluster_stories", not_here)  # what the service calls
    monkeypatch.setattr(beritatui.service, "POOLED_TRENDING_MIN", 0)
    pooled = Service(library_config(), store).trending()
    assert pooled == expected
    assert any(len(c.sources) > 1 for c in pooled)


def test_trending_falls_back_to_this_process_when_no_worker_can_cluster(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from beritatui.extract.pool import ExtractionFailed, ExtractorPool

    def broken(*args: Any) -> Any:
        raise ExtractionFailed("the page could not be read: the extractor crashed")

    import beritatui.service

    fill_library(store)
    monkeypatch.setattr(beritatui.service, "POOLED_TRENDING_MIN", 0)
    monkeypatch.setattr(ExtractorPool, "trending_blocking", broken)
    clusters = Service(library_config(), store).trending()
    assert any(len(c.sources) > 1 for c in clusters)


def _cluster_here(self: Service, items: Any, now: Any, window: float, category: Any) -> Any:
    from beritatui.trending import cluster_stories

    return cluster_stories(items, now=now, hours=window, category=category)


async def test_one_network_client_serves_refresh_and_article_opens_until_closed(
    server: LocalServer, store: Store
) -> None:
    site = build_site(server)
    service = Service(site_config(site), store)
    await service.refresh(prefetch=False)
    client = await service._fetcher()
    url = site.page_urls[NASIONAL[0].slug]
    (row,) = [r for r in store.list_articles() if r.url == url]
    detail = await service.open_article(row.id)
    assert detail is not None
    assert detail.body is not None
    assert await service._fetcher() is client  # no new pool or handshake per article
    assert not client._client.is_closed
    await service.aclose()
    assert client._client.is_closed
    await service.aclose()  # twice is harmless
    again = await service._fetcher()  # reopened on demand
    assert again is not client
    await service.aclose()


def test_each_event_loop_gets_its_own_network_client(store: Store) -> None:
    service = Service(library_config(), store)

    async def open_client() -> object:
        return await service._fetcher()

    first = asyncio.run(open_client())
    second = asyncio.run(open_client())  # the CLI: one asyncio.run per command
    assert first is not second
    asyncio.run(service.aclose())


async def test_concurrent_first_uses_share_one_client_built_off_the_event_loop(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from beritatui.feeds.fetch import Fetcher

    built_in: list[int] = []
    real = Fetcher.from_settings.__func__  # type: ignore[attr-defined]

    def recording(cls: type[Fetcher], settings: Settings, **kwargs: Any) -> Fetcher:
        built_in.append(threading.get_ident())
        return real(cls, settings, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(Fetcher, "from_settings", classmethod(recording))
    service = Service(library_config(), store)
    clients = await asyncio.gather(*(service._fetcher() for _ in range(5)))
    assert len({id(c) for c in clients}) == 1  # the refresh's feeds race for it at start
    assert len(built_in) == 1
    assert built_in[0] != threading.get_ident()  # the SSL context is loaded in a thread
    assert await service._fetcher() is clients[0]
    await service.aclose()


async def test_a_refresh_with_one_feed_in_flight_still_reaches_every_feed(
    server: LocalServer, store: Store
) -> None:
    site = build_site(server)
    service = Service(site_config(site, max_concurrency=1), store)
    report = await service.refresh(prefetch=False)
    assert report.feeds_ok == 3
    assert len(report.new_article_ids) == store.count_articles() > 0
    await service.aclose()
