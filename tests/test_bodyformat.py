"""The stored body format and the ``read --format json`` object are separate and lossless."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from beritatui.backup import export_bookmarks, import_bookmarks
from beritatui.bodyformat import body_from_dict, body_from_json, body_to_dict, body_to_json
from beritatui.config import FeedSpec
from beritatui.models import Block, ExtractedArticle, FeedEntry, Link
from beritatui.store import Store
from tests.site import NOW

READ_JSON_KEYS = {
    *("url", "title", "byline", "published", "site", "text", "blocks", "captions", "pages")
}
FEED = "https://berita.example.id/rss/nasional.xml"


def full_article() -> ExtractedArticle:
    """An article with every field set, none at its default."""
    lead = Block("figure", src="https://img.example.id/lead.jpg", caption="Lead", credit="ANTARA")
    return ExtractedArticle(
        url="https://berita.example.id/read/7/panen",
        title="Panen raya dimulai",
        byline="Redaksi Daerah",
        published=NOW - timedelta(hours=2),
        site="Berita Contoh",
        category="Ekonomi",
        blocks=[
            lead,
            Block(
                "paragraph",
                "Petani di Karawang memulai panen raya pekan ini.",
                links=[
                    Link(10, 18, "https://berita.example.id/tag/karawang"),
                    Link(27, 37, "https://kementan.example.go.id/panen?tahun=2026"),
                ],
            ),
            Block("heading", "Harga gabah", level=3),
            Block("list", items=["Gabah kering naik", "Beras stabil"]),
            Block("quote", "Kami berharap harga tetap baik."),
            Block("code", "harga = 5000"),
        ],
        lead_image=lead,
        pages=2,
        next_pages=["https://berita.example.id/read/7/panen?page=3"],
    )


@pytest.fixture
def store(isolated_dirs: dict[str, Path]) -> Iterator[Store]:
    opened = Store.open(isolated_dirs["data"] / "beritatui" / "beritatui.sqlite3")
    yield opened
    opened.close()


def test_every_field_of_an_article_is_stored() -> None:
    names = {f.name for f in dataclasses.fields(ExtractedArticle)}
    assert set(body_to_dict(full_article())) == names


def test_stored_format_round_trips_every_field() -> None:
    article = full_article()
    assert body_from_json(body_to_json(article)) == article
    assert body_from_dict(json.loads(json.dumps(body_to_dict(article)))) == article


def test_read_json_object_is_the_documented_contract() -> None:
    data = full_article().to_dict()
    assert set(data) == READ_JSON_KEYS
    assert data["text"].startswith("Petani di Karawang")
    assert data["captions"] == ["Lead"]
    assert data["published"] == (NOW - timedelta(hours=2)).isoformat()


def test_an_old_body_stored_as_the_read_object_still_reads() -> None:
    article = full_article()
    old = article.to_dict()
    del old["text"], old["captions"]
    restored = body_from_json(json.dumps(old))
    assert restored is not None
    assert restored.blocks == article.blocks
    assert (restored.category, restored.lead_image, restored.next_pages) == ("", None, [])


def test_links_are_stored_with_their_offsets_in_the_text() -> None:
    paragraph = body_to_dict(full_article())["blocks"][1]
    assert paragraph["links"][0] == {
        "start": 10,
        "end": 18,
        "url": "https://berita.example.id/tag/karawang",
    }
    text = paragraph["text"]
    assert [text[link["start"] : link["end"]] for link in paragraph["links"]] == [
        "Karawang",
        "panen raya",
    ]
    assert full_article().link_urls == [
        "https://berita.example.id/tag/karawang",
        "https://kementan.example.go.id/panen?tahun=2026",
    ]


def test_a_body_stored_before_links_were_kept_still_reads() -> None:
    old = body_to_dict(full_article())
    for block in old["blocks"]:
        block.pop("links", None)
    restored = body_from_json(json.dumps(old))
    assert restored is not None
    assert restored.blocks[1].text.startswith("Petani di Karawang")
    assert all(block.links is None for block in restored.blocks)
    assert restored.link_urls == []


@pytest.mark.parametrize(
    "links",
    [
        "https://a.example/",
        ["https://a.example/"],
        [{"start": 0, "end": 99, "url": "https://a.example/"}],  # past the text
        [{"start": 3, "end": 3, "url": "https://a.example/"}],  # empty
        [{"start": True, "end": 4, "url": "https://a.example/"}],
        [{"start": 0, "end": 4}],
        [
            {"start": 0, "end": 6, "url": "https://a.example/"},
            {"start": 4, "end": 9, "url": "https://b.example/"},  # overlaps
        ],
    ],
)
def test_malformed_links_are_refused_in_plain_words(links: object) -> None:
    data = body_to_dict(full_article())
    data["blocks"][1]["links"] = links
    with pytest.raises(ValueError, match="link"):
        body_from_dict(data)
    assert body_from_json(json.dumps(data)) is None


def test_the_store_keeps_only_http_links(store: Store) -> None:
    feed_id = store.sync_feeds([FeedSpec(FEED, "Nasional", "Berita Contoh")])[FEED]
    entry = FeedEntry(guid="g8", url="https://berita.example.id/read/8/x", title="X")
    (article_id,) = store.upsert_entries(feed_id, [entry])
    article = full_article()
    paragraph = article.blocks[1]
    assert paragraph.links is not None
    paragraph.links[0] = Link(10, 18, "javascript:alert(1)")
    store.save_body(article_id, article, None, 1)
    detail = store.get_article(article_id)
    assert detail is not None
    assert detail.body is not None
    assert detail.body.blocks[1].links == [paragraph.links[1]]


@pytest.mark.parametrize("text", [None, "", "[]", "{", '{"blocks": 3}', '{"next_pages": "x"}'])
def test_unreadable_stored_body_gives_none(text: str | None) -> None:
    assert body_from_json(text) is None


def test_store_keeps_category_and_lead_image(store: Store) -> None:
    feed_id = store.sync_feeds([FeedSpec(FEED, "Nasional", "Berita Contoh")])[FEED]
    entry = FeedEntry(guid="g7", url="https://berita.example.id/read/7/panen", title="Panen")
    (article_id,) = store.upsert_entries(feed_id, [entry])
    article = full_article()
    store.save_body(article_id, article, b"<html></html>", 1)
    detail = store.get_article(article_id)
    assert detail is not None
    assert detail.body == article


def test_backup_round_trip_keeps_category_and_lead_image(store: Store, tmp_path: Path) -> None:
    feed_id = store.sync_feeds([FeedSpec(FEED, "Nasional", "Berita Contoh")])[FEED]
    entry = FeedEntry(guid="g7", url="https://berita.example.id/read/7/panen", title="Panen")
    (article_id,) = store.upsert_entries(feed_id, [entry])
    store.save_body(article_id, full_article(), None, 1)
    store.set_bookmark(article_id, True)
    exported = export_bookmarks(store, "json")
    item = json.loads(exported)[0]
    assert item["body"]["text"].startswith("Petani")  # readable for people too
    with Store.open(tmp_path / "other.sqlite3") as other:
        assert import_bookmarks(other, exported) == 1
        (row,) = other.list_articles(bookmarked=True)
        detail = other.get_article(row.id)
        assert detail is not None
        assert detail.body == full_article()
