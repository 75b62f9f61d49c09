"""The Trending tab's story detail: why a story trends, its timeline, its articles by source.

Highlight a story → its detail in the right pane; enter → into the detail; enter on
an article → the reader; escape → the story again; escape → the stories.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from rich.text import Text

from beritatui.paths import database_file
from beritatui.store import Store
from beritatui.trending import Cluster, StoryInput
from beritatui.ui.app import BeritaApp
from beritatui.ui.widgets.cluster_list import ClusterList
from beritatui.ui.widgets.story_detail import StoryDetail, by_source
from tests.helpers import rendered_reader, wait_for
from tests.library import fill_library, library_config
from tests.site import NOW


def _app(tmp_path: Path, language: str = "en") -> BeritaApp:
    store = Store.open(database_file())
    fill_library(store)
    return BeritaApp(library_config(), store, state_path=tmp_path / "state.json", language=language)


def shown_text(detail: StoryDetail) -> str:
    """The plain text of every line of the detail, headings and articles."""
    lines = []
    for index in range(detail.option_count):
        prompt = detail.get_option_at_index(index).prompt
        assert isinstance(prompt, Text)  # built from data, never parsed as markup
        lines.append(prompt.plain)
    return "\n".join(lines)


async def _trending(app: BeritaApp, pilot) -> ClusterList:  # type: ignore[no-untyped-def]
    await wait_for(lambda: len(app.main.article_list.rows) == 5, pilot)
    await pilot.press("2")
    clusters = app.query_one(ClusterList)
    await wait_for(lambda: bool(clusters.clusters) and app.main.story_shown, pilot)
    return clusters


async def test_highlighting_a_story_shows_why_it_trends_its_timeline_and_sources(
    tmp_path: Path,
) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        clusters = await _trending(app, pilot)
        detail = app.main.story_detail
        assert app.focused is clusters
        assert detail.display
        assert not app.main.reader.display  # the detail takes the reader's place
        top = clusters.clusters[0]
        assert detail.cluster == top
        text = shown_text(detail)
        assert top.title in text
        assert "Why it trends" in text
        assert "2 independent sources" in text
        # The two flood reports came 25 and 12 minutes before the app clock's 16:00 WIB.
        assert "first seen 15:35 (25 min ago)" in text
        assert "growth: 2 sources reported in the last 6 hours" in text
        assert f"score {top.score:.2f} = coverage {top.parts.coverage:.2f}" in text
        # Articles per hour from the first one's hour (15:00) to the clock's (16:00).
        assert "Timeline · articles per hour\n15:00 █· now" in text
        assert "peak from 15:00: 2 articles" in text
        # Grouped by source: a heading, then each article's time and title.
        for article in top.articles:
            assert f"{article.source} · 1 article" in text
            when = (article.published or NOW).astimezone()
            assert f"  {when:%H:%M}  {article.title}" in text
        # The next story follows the cursor: one source, said so, no timeline.
        await pilot.press("down")
        await wait_for(lambda: detail.cluster == clusters.clusters[1], pilot)
        text = shown_text(detail)
        assert "one source only: not a trend yet" in text
        assert clusters.clusters[1].title in text
        app.store.close()


async def test_open_an_article_of_the_story_and_come_back(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        clusters = await _trending(app, pilot)
        detail = app.main.story_detail
        top = clusters.clusters[0]
        await pilot.press("enter")
        await wait_for(lambda: app.focused is detail, pilot)
        first, second = detail.article_ids
        assert {first, second} == set(top.article_ids)
        assert detail.current_article == first
        await pilot.press("down")
        assert detail.current_article == second
        await pilot.press("enter")
        await wait_for(lambda: app.main.reader.has_focus, pilot)
        await wait_for(lambda: app.main.reader.article_id == second, pilot)
        assert app.main.reader.display
        assert not detail.display
        title = next(a.title for a in top.articles if a.id == second)
        await wait_for(lambda: title in rendered_reader(app), pilot)
        # p while reading: the story's previous article, not the hidden Latest list's.
        await pilot.press("p")
        await wait_for(lambda: app.main.reader.article_id == first, pilot)
        # escape: the story again, its cursor on the article just read.
        await pilot.press("escape")
        await wait_for(lambda: app.focused is detail, pilot)
        assert detail.display
        assert not app.main.reader.display
        assert detail.current_article == first
        await pilot.press("escape")
        await wait_for(lambda: app.focused is clusters, pilot)
        assert detail.display  # still beside the stories
        app.store.close()


async def test_narrow_screen_shows_the_detail_in_place_of_the_list(tmp_path: Path) -> None:
    app = _app(tmp_path, language="id")
    async with app.run_test(size=(80, 24)) as pilot:
        clusters = await _trending(app, pilot)
        detail = app.main.story_detail
        middle = app.main.query_one("#middle")
        # 80 columns: the stories alone, each with its sparkline.
        assert middle.display
        assert not detail.display
        assert "█·" in clusters.get_option_at_index(0).prompt.plain  # type: ignore[union-attr]
        await pilot.press("enter")
        await wait_for(lambda: app.focused is detail, pilot)
        await pilot.pause()
        assert detail.display
        assert not middle.display
        assert "Mengapa jadi tren" in shown_text(detail)
        await pilot.press("enter")
        await wait_for(lambda: app.main.reader.has_focus, pilot)
        assert app.main.reader.display
        assert not detail.display
        await pilot.press("escape")
        await wait_for(lambda: app.focused is detail, pilot)
        await pilot.pause()
        assert detail.display
        assert not app.main.reader.display
        await pilot.press("escape")
        await wait_for(lambda: app.focused is clusters, pilot)
        await pilot.pause()
        assert middle.display
        assert not detail.display
        app.store.close()


async def test_leaving_the_tab_gives_the_pane_back_to_the_reader(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _trending(app, pilot)
        await pilot.press("1")
        await wait_for(lambda: not app.main.story_shown, pilot)
        assert app.main.reader.display
        assert not app.main.story_detail.display
        app.store.close()


async def test_keys_for_an_article_do_not_reach_the_hidden_list_behind_the_stories(
    tmp_path: Path,
) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _trending(app, pilot)
        await pilot.press("b")  # the Latest list's first row is behind the stories
        await pilot.pause()
        assert app.service.store.list_articles(bookmarked=True, limit=10) == []
        app.store.close()


def _story(title: str, source: str, minutes: int, id: int) -> StoryInput:
    when = NOW - timedelta(minutes=minutes)
    return StoryInput(id, title, "", source, "Nasional", when, f"https://x.example/{id}")


def test_articles_are_grouped_by_source_newest_first_undated_last() -> None:
    articles = (
        _story("A1", "Antara", 50, 1),
        _story("B1", "BBC", 30, 2),
        _story("A2", "Antara", 10, 3),
        replace(_story("A3", "Antara", 0, 4), published=None),
    )
    cluster = Cluster("1", "A1", 1.0, articles, ("Antara", "BBC"), NOW)
    groups = by_source(cluster)
    assert [(s, [a.title for a in arts]) for s, arts in groups] == [
        ("Antara", ["A2", "A1", "A3"]),
        ("BBC", ["B1"]),
    ]


async def test_feed_text_in_the_detail_is_never_markup(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _trending(app, pilot)
        detail = app.main.story_detail
        title = "[bold red]Awas[/] \\[x] banjir"
        article = _story(title, "[link=https://evil.example]Situs[/link]", 5, 99)
        detail.show_story(Cluster("99", title, 1.0, (article,), (article.source,), NOW))
        text = shown_text(detail)
        assert title in text
        assert "[link=https://evil.example]Situs[/link] · 1 article" in text
        for index in range(detail.option_count):
            prompt = detail.get_option_at_index(index).prompt
            assert isinstance(prompt, Text)
            styles = [str(span.style) for span in prompt.spans]
            assert not any("red" in style or "link" in style for style in styles)
        app.store.close()
