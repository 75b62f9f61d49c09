"""The Textual-free list pipeline (listing.py) the TUI and the CLI share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import beritatui.listing as listing
from beritatui import i18n
from beritatui.listing import ListPage, Sort, Tab, View, article_rows, load_page, more_rows
from beritatui.models import ALL_CATEGORIES, ArticleRow
from beritatui.paths import database_file
from beritatui.service import Service
from beritatui.store import Store
from tests.library import fill_library, library_config

pytestmark = pytest.mark.usefixtures("indonesian")


@pytest.fixture
def service() -> Iterator[Service]:
    store = Store.open(database_file())
    fill_library(store)
    yield Service(library_config(), store)
    store.close()


def test_latest_page_of_every_category(service: Service) -> None:
    page = load_page(service, View())
    assert isinstance(page, ListPage)
    assert page.view == View()
    total = service.store.count_articles()
    assert page.title == f"{ALL_CATEGORIES} · {total} artikel"
    assert len(page.rows) == total
    assert page.clusters is None
    assert not page.more
    assert [c for c, _, _ in page.counts] == ["Nasional", "Ekonomi", "Olahraga"]
    assert service.feeds_synced


def test_category_search_saved_and_trending_pages(service: Service) -> None:
    ekonomi = load_page(service, View("Ekonomi"))
    assert {r.category for r in ekonomi.rows} == {"Ekonomi"}
    assert ekonomi.title.startswith("Ekonomi · ")
    found = load_page(service, View(query="banjir"))
    assert found.title == f"Cari: “banjir” · {len(found.rows)}"
    assert found.rows
    assert all("anjir" in r.title for r in found.rows)
    saved = load_page(service, View(tab=Tab.SAVED))
    assert (saved.rows, saved.title) == ([], "Disimpan · semua kategori · 0 artikel")
    assert saved.across_categories
    assert found.across_categories
    assert not ekonomi.across_categories
    trending = load_page(service, View(tab=Tab.TRENDING))
    assert trending.clusters
    assert trending.rows == []
    assert trending.title == f"Trending di {ALL_CATEGORIES} · {len(trending.clusters)} cerita"
    cluster = trending.clusters[0]
    opened = load_page(service, View(tab=Tab.TRENDING, cluster_key=cluster.key), cluster)
    assert {r.id for r in opened.rows} == set(cluster.article_ids)
    assert opened.title == f"Trending · {cluster.title}"


def test_titles_in_english(service: Service) -> None:
    i18n.set_language("en")
    total = service.store.count_articles()
    assert load_page(service, View()).title == f"All · {total} articles"
    assert load_page(service, View("Ekonomi")).title.startswith("Ekonomi · ")
    found = load_page(service, View(query="banjir"))
    assert found.title == f"Search: “banjir” · {len(found.rows)}"
    assert load_page(service, View(tab=Tab.SAVED)).title == "Saved · every category · 0 articles"
    trending = load_page(service, View(tab=Tab.TRENDING))
    assert trending.clusters
    count = len(trending.clusters)
    noun = "story" if count == 1 else "stories"
    assert trending.title == f"Trending in All · {count} {noun}"


def test_pages_and_more_rows(service: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listing, "LIST_LIMIT", 2)
    first = load_page(service, View())
    assert len(first.rows) == 2
    assert first.more
    rest, more = more_rows(service, View(), 2)
    everything = article_rows(service.store, View(), limit=100)
    assert [r.id for r in first.rows + rest] == [r.id for r in everything][: 2 + len(rest)]
    assert more == (len(rest) == 2)


def test_cli_and_tui_read_the_same_saved_rows(service: Service) -> None:
    row = service.store.list_articles(limit=1)[0]
    service.set_bookmark(row.id, True)
    assert [r.id for r in article_rows(service.store, View(tab=Tab.SAVED))] == [row.id]
    assert [r.id for r in load_page(service, View(tab=Tab.SAVED)).rows] == [row.id]


def test_saved_lists_every_bookmark_whatever_the_category(service: Service) -> None:
    ekonomi = load_page(service, View("Ekonomi")).rows[0]
    nasional = load_page(service, View("Nasional")).rows[0]
    service.set_bookmark(ekonomi.id, True)
    service.set_bookmark(nasional.id, True)
    for category in ("Olahraga", "Nasional", ALL_CATEGORIES):
        saved = load_page(service, View(category, Tab.SAVED))
        assert {row.id for row in saved.rows} == {ekonomi.id, nasional.id}
        assert saved.title == "Disimpan · semua kategori · 2 artikel"


def test_unread_only_hides_read_articles_but_not_search_results(service: Service) -> None:
    everything = load_page(service, View("Ekonomi"))
    first = everything.rows[0]
    service.set_read(first.id, True)
    unread = load_page(service, View("Ekonomi", unread_only=True))
    assert {row.id for row in unread.rows} == {row.id for row in everything.rows} - {first.id}
    assert all(not row.is_read for row in unread.rows)
    assert unread.title.endswith(" · hanya yang belum dibaca")
    word = first.title.split()[0]
    found = load_page(service, View(query=word, unread_only=True))
    assert first.id in {row.id for row in found.rows}


def test_one_feeds_page_whatever_the_category(service: Service) -> None:
    feeds = {f.title: f.id for f in service.feed_infos()}
    antara = feeds["Antara"]
    nasional = load_page(service, View("Nasional"))
    assert {r.source for r in nasional.rows} == {"Antara", "CNN Indonesia"}
    for category in ("Nasional", "Olahraga", ALL_CATEGORIES):  # the feed decides, not the sidebar
        page = load_page(service, View(category, feed_id=antara))
        assert page.rows
        assert {r.feed_id for r in page.rows} == {antara}
        assert page.title == f"Feed Antara · {len(page.rows)} artikel"
    rows = load_page(service, View(feed_id=antara)).rows
    service.set_read(rows[0].id, True)
    unread = load_page(service, View(feed_id=antara, unread_only=True))
    assert [r.id for r in unread.rows] == [r.id for r in rows[1:]]
    assert unread.title == f"Feed Antara · {len(rows)} artikel · hanya yang belum dibaca"
    # A search is not narrowed by a feed left in the view; the next page is.
    word = rows[0].title.split()[0]
    assert (
        load_page(service, View(query=word, feed_id=antara)).rows
        == load_page(service, View(query=word)).rows
    )
    assert more_rows(service, View(feed_id=antara), 1)[0] == rows[1:]
    i18n.set_language("en")
    title = load_page(service, View(feed_id=feeds["Warta Bola"])).title
    count = service.store.count_articles(feed_id=feeds["Warta Bola"])
    assert title == f"Feed Warta Bola · {count} article" + ("s" if count != 1 else "")


def _by_source_then_newest(rows: list[ArticleRow]) -> list[ArticleRow]:
    newest = sorted(rows, key=lambda r: (r.published, r.id), reverse=True)
    return sorted(newest, key=lambda r: r.source.casefold())


def test_sort_by_source_groups_each_source_newest_first(service: Service) -> None:
    newest = load_page(service, View())
    by_source = load_page(service, View(sort=Sort.SOURCE))
    assert len({row.source for row in by_source.rows}) > 1
    assert [r.id for r in by_source.rows] == [r.id for r in _by_source_then_newest(newest.rows)]
    assert [r.id for r in by_source.rows] != [r.id for r in newest.rows]
    assert by_source.title == newest.title + " · menurut sumber"
    assert Sort.NEWEST.toggled() is Sort.SOURCE
    assert Sort.SOURCE.toggled() is Sort.NEWEST
    assert Sort.parse("source") is Sort.SOURCE
    assert Sort.parse("junk") is Sort.NEWEST


def test_sort_by_source_pages_follow_the_same_order(
    service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = View(sort=Sort.SOURCE)
    everything = article_rows(service.store, view, limit=100)
    monkeypatch.setattr(listing, "LIST_LIMIT", 2)
    first = load_page(service, view)
    rest, _more = more_rows(service, view, 2)
    assert [r.id for r in first.rows + rest] == [r.id for r in everything][: 2 + len(rest)]


def test_sort_by_source_in_search_saved_and_a_trending_story(service: Service) -> None:
    trending = load_page(service, View(tab=Tab.TRENDING))
    assert trending.clusters
    cluster = max(trending.clusters, key=lambda c: len(c.sources))
    story = View(tab=Tab.TRENDING, cluster_key=cluster.key, sort=Sort.SOURCE)
    opened = load_page(service, story, cluster).rows
    assert [r.id for r in opened] == [r.id for r in _by_source_then_newest(opened)]
    assert load_page(service, story, cluster).title.endswith(" · menurut sumber")
    found = load_page(service, View(query="banjir", sort=Sort.SOURCE)).rows
    assert len({r.source for r in found}) > 1
    assert [r.source.casefold() for r in found] == sorted(r.source.casefold() for r in found)
    for row in load_page(service, View()).rows:
        service.set_bookmark(row.id, True)
    saved = load_page(service, View(tab=Tab.SAVED, sort=Sort.SOURCE)).rows
    assert [r.id for r in saved] == [r.id for r in _by_source_then_newest(saved)]
