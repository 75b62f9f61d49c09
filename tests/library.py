"""A deterministic, pre-filled library (no network) for snapshot and UI tests."""

from __future__ import annotations

from datetime import timedelta

from beritatui.config import Config, FeedSpec, Settings
from beritatui.extract import EXTRACTOR_VERSION
from beritatui.models import Block, ExtractedArticle, FeedEntry
from beritatui.store import Store
from tests.site import EKONOMI, NASIONAL, NOW, OLAHRAGA, Story

FEEDS = (
    FeedSpec("https://antara.example/rss/nasional.xml", "Nasional", "Antara"),
    FeedSpec("https://cnn.example/nasional/rss", "Nasional", "CNN Indonesia"),
    FeedSpec("https://detik.example/finance/rss", "Ekonomi", "detikFinance"),
    FeedSpec("https://wp.example/feed", "Olahraga", "Warta Bola"),
)

# A second source covering the flood story, so Trending has a multi-source cluster.
FLOOD_ECHO = Story(
    "cnn-banjir-bekasi",
    "Ratusan rumah di Bekasi terendam banjir usai hujan deras semalaman",
    (
        "Jakarta, CNN Indonesia -- Banjir merendam ratusan rumah di Kota Bekasi setelah hujan"
        " deras turun sejak Rabu malam hingga Kamis dini hari.",
        "Petugas BPBD mengevakuasi warga lanjut usia dan anak-anak ke posko pengungsian.",
    ),
    minutes_ago=25,
)


def library_config() -> Config:
    """Config of the pre-filled library: no refresh on start, no timers."""
    settings = Settings(refresh_on_start=False, refresh_interval_minutes=0)
    return Config(settings=settings, feeds=FEEDS, using_default_feeds=False)


def _entry(story: Story, base: str) -> FeedEntry:
    url = f"{base}/berita/{story.slug}"
    return FeedEntry(
        guid=url,
        url=url,
        title=story.title,
        summary=story.paragraphs[0],
        published=NOW - timedelta(minutes=story.minutes_ago),
        image_caption=story.caption or None,
    )


def _body(story: Story, url: str, site: str) -> ExtractedArticle:
    blocks: list[Block] = []
    if story.caption:
        blocks.append(Block("figure", src=f"{url}.jpg", caption=story.caption, credit=story.credit))
    blocks += [Block("paragraph", text=p) for p in story.paragraphs]
    return ExtractedArticle(
        url=url,
        title=story.title,
        byline="Dewi Lestari",
        published=NOW - timedelta(minutes=story.minutes_ago),
        site=site,
        blocks=blocks,
    )


def fill_library(store: Store, *, bodies: bool = True) -> dict[str, int]:
    """Store the fixed stories (with cached bodies); returns slug -> article id."""
    ids = store.sync_feeds(FEEDS)
    plan = [
        (FEEDS[0], NASIONAL, "https://antara.example"),
        (FEEDS[1], (FLOOD_ECHO,), "https://cnn.example"),
        (FEEDS[2], EKONOMI, "https://detik.example"),
        (FEEDS[3], OLAHRAGA, "https://wp.example"),
    ]
    slugs: dict[str, int] = {}
    for spec, stories, base in plan:
        feed_id = ids[spec.url]
        store.upsert_entries(feed_id, [_entry(s, base) for s in stories])
        for row in store.list_articles(limit=100):
            for story in stories:
                if row.url == f"{base}/berita/{story.slug}":
                    slugs[story.slug] = row.id
                    if bodies:
                        store.save_body(
                            row.id, _body(story, row.url, spec.title), None, EXTRACTOR_VERSION
                        )
    return slugs
