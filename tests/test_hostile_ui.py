"""Hostile text in every pane of the TUI and in CLI output (issue #6, part 1).

Feeds and pages on the local server carry terminal escapes (OSC 52 clipboard,
OSC 8 links, window titles, CSI, DCS), C1 controls, bidi overrides and
Rich/Textual markup in titles, source names, categories, summaries, bylines,
bodies and captions, plus an enormous title. The app refreshes, opens
articles, visits every tab and the feed status screen; no control byte may
reach any rendered output, markup must show as literal text, and keys must
keep working (``q`` quits normally). The CLI text commands get the same check.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from rich.console import Console

from beritatui.config import load_config
from beritatui.paths import database_file
from beritatui.service import Service
from beritatui.store import Store
from beritatui.ui.app import BeritaApp
from beritatui.ui.screens.feeds import FeedStatusScreen
from beritatui.ui.widgets.cluster_list import ClusterList
from tests.helpers import make_app, wait_for, write_config
from tests.server import LocalServer
from tests.site import NOW

# The interface in Indonesian (English has its own tests).
pytestmark = pytest.mark.usefixtures("indonesian")

HOSTILE_DIR = Path(__file__).parent / "hostile"

# Terminal attacks: every one must vanish before anything is shown.
ESCAPES = {
    "osc52-clipboard": "\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGV8c2g=\x07",
    "csi-clear": "\x1b[2J\x1b[H",
    "sgr-colour": "\x1b[31;1m",
    "osc8-link": "\x1b]8;;http://evil.example/\x1b\\",
    "osc-title": "\x1b]0;judul palsu\x07",
    "dcs": "\x1bP1$r0m\x1b\\",
    "c1-csi": "\x9b2J",
    "c1-osc": "\x9d0;judul\x9c",
    "c0-bel-bs-del": "\x07\x08\x7f",
    "bidi": "\u202eatakaJ\u202c \u2066isolat\u2069\u200f",
}
# Markup: every one must be shown literally, never interpreted.
MARKUP = {
    "click": "[@click=app.quit]keluar[/]",
    "bold": "[bold]tebal[/bold]",
    "close": "[/]",
    "link": "[link=http://evil.example]tautan[/link]",
    "variable": "[$accent on red]warna[/]",
}
ENORMOUS = "Sangat panjang " * 1400
HOSTILE_CASES = len(ESCAPES) + len(MARKUP) + 1
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")

CATEGORY_CLICK = "[@click=app.quit]Q[/]"
CATEGORY_LINK = "[link=http://evil.example]Kat[/link]"
SOURCE_CLICK = "[@click=app.quit]Sumber[/]"
STORY = "Banjir rob rendam pesisir utara Jakarta"


def hostile(text: str, number: int) -> str:
    """``text`` with one markup case in front and one escape case woven in."""
    markup = list(MARKUP.values())[number % len(MARKUP)]
    attack = list(ESCAPES.values())[number % len(ESCAPES)]
    return f"{markup} {attack}{text}{attack}"


def toml_string(value: str) -> str:
    """A TOML basic string; control characters as ``\\uXXXX`` escapes."""
    out = []
    for char in value:
        if char in '"\\' or ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


PARAGRAPHS = (
    "Air laut pasang merendam permukiman nelayan di kawasan pesisir utara sejak Senin pagi,"
    " membuat ratusan warga mengungsi ke masjid dan balai warga terdekat.",
    "Petugas badan penanggulangan bencana daerah menyiagakan pompa portabel dan perahu karet,"
    " sementara dapur umum mulai beroperasi sejak siang.",
    "Menurut pengamat tata kota, penurunan muka tanah membuat genangan rob bertahan lebih"
    " lama dibandingkan sepuluh tahun lalu.",
    "Warga berharap pembangunan tanggul laut yang tertunda dapat segera dilanjutkan sebelum"
    " puncak pasang tahunan bulan depan.",
)


@dataclass
class HostileSite:
    """Feeds, pages and config full of hostile text, served by the local server."""

    server: LocalServer
    feeds: list[tuple[str, str, str]] = field(default_factory=list)
    """(url, category, config title) in config order."""
    page_urls: list[str] = field(default_factory=list)

    def config_toml(self) -> str:
        lines = [
            "[settings]",
            "refresh_on_start = false",
            "refresh_interval_minutes = 0",
            "timeout_seconds = 5.0",
            "per_host_limit = 8",
            "",
        ]
        for url, category, title in self.feeds:
            lines += [
                "[[feeds]]",
                f"url = {toml_string(url)}",
                f"category = {toml_string(category)}",
            ]
            if title:
                lines.append(f"title = {toml_string(title)}")
            lines.append("")
        return "\n".join(lines)

    def write_config(self, config_home: Path) -> Path:
        return write_config(config_home, self.config_toml())


def page_html(number: int, title: str) -> str:
    """An article page with hostile title, byline, body and caption."""
    body = "".join(
        f"<p>{escape(hostile(p, number + i) if i % 2 else p)}</p>" for i, p in enumerate(PARAGRAPHS)
    )
    caption = escape(hostile("Warga menyeberangi genangan dengan perahu", number))
    author = hostile("Rina Kusuma", number)
    return (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f'<meta name="author" content="{escape(author, {chr(34): "&quot;"})}">'
        f"</head><body><article><h1>{escape(title)}</h1>"
        f'<p class="byline">Penulis: {escape(hostile("Rina Kusuma", number))}</p>'
        '<figure><img src="/foto/rob.jpg" alt="">'
        f"<figcaption>{caption} (ANTARA FOTO/{escape(MARKUP['click'])})</figcaption></figure>"
        f"{body}</article></body></html>"
    )


def rss(title: str, items: list[tuple[str, str, str]]) -> str:
    """RSS with raw (hostile) text: (title, link, summary) per item."""
    now = NOW
    parts = []
    for n, (headline, link, summary) in enumerate(items):
        caption = escape(hostile("Foto genangan rob di Muara Baru", n))
        parts.append(
            f"<item><title>{escape(headline)}</title><link>{escape(link)}</link>"
            f"<guid>{escape(link)}</guid>"
            f"<pubDate>{format_datetime(now - timedelta(minutes=5 + n))}</pubDate>"
            f"<author>redaksi@uji.example.id ({escape(hostile('Redaksi', n))})</author>"
            f"<description>{escape(summary)}</description>"
            f'<media:content url="http://127.0.0.1/foto/{n}.jpg" medium="image">'
            f"<media:description>{caption}</media:description></media:content></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>'
        f"<title>{escape(title)}</title><link>http://127.0.0.1/</link>"
        + "".join(parts)
        + "</channel></rss>"
    )


def build_hostile_site(server: LocalServer) -> HostileSite:
    site = HostileSite(server)
    items_a: list[tuple[str, str, str]] = []
    items_b: list[tuple[str, str, str]] = []
    for n in range(len(ESCAPES) + len(MARKUP)):
        headline = hostile(f"{STORY} bagian {n}" if n < 2 else f"Kabar pesisir nomor {n}", n)
        url = server.route(f"/hostile/berita/{n}", page_html(n, headline))
        site.page_urls.append(url)
        summary = hostile("Ringkasan: warga mengungsi karena rob.", n + 1)
        (items_a if n % 2 == 0 else items_b).append((headline, url, summary))
    # The same story from both sources, so Trending has a hostile cluster.
    same_a = server.route("/hostile/berita/sama-a", page_html(90, hostile(STORY, 0)))
    same_b = server.route("/hostile/berita/sama-b", page_html(91, hostile(STORY, 3)))
    items_a.append((hostile(STORY, 0), same_a, hostile("Rob setinggi lutut.", 2)))
    items_b.append((hostile(STORY, 3), same_b, hostile("Rob setinggi lutut.", 4)))
    huge = server.route("/hostile/berita/raksasa", page_html(92, ENORMOUS))
    items_a.append((ENORMOUS, huge, ENORMOUS))
    escapes_page = server.route(
        "/hostile/berita/escapes", (HOSTILE_DIR / "pages" / "escapes_page.html").read_bytes()
    )
    items_b.append((hostile("Halaman penuh escape", 5), escapes_page, "ringkas"))
    site.page_urls += [same_a, same_b, huge, escapes_page]
    feed_a = server.route(
        "/hostile/a.xml", rss(hostile("Kanal A", 1), items_a), content_type="application/rss+xml"
    )
    feed_b = server.route(
        "/hostile/b.xml",
        rss(f"{MARKUP['click']} {ESCAPES['osc52-clipboard']}Kanal B", items_b),
        content_type="application/rss+xml",
    )
    terminal = server.route(
        "/hostile/escapes.xml",
        (HOSTILE_DIR / "feeds" / "terminal_escapes.xml").read_bytes(),
        content_type="application/rss+xml",
    )
    broken = server.route("/hostile/rusak.xml", "galat", status=500, content_type="text/plain")
    site.feeds = [
        (
            feed_a,
            f"{CATEGORY_CLICK}{ESCAPES['osc52-clipboard']}",
            f"{SOURCE_CLICK}{ESCAPES['csi-clear']}",
        ),
        (feed_b, f"{MARKUP['close']}Nasional\u202e", ""),  # source = the feed's own (hostile) title
        (terminal, CATEGORY_LINK, ""),
        (broken, f"{MARKUP['bold']}\x9b2J", f"{MARKUP['link']}\x1b]0;judul\x07 Rusak"),
    ]
    return site


# -- helpers over what the app shows ------------------------------------------------


def assert_clean(text: str, where: str) -> None:
    found = FORBIDDEN.search(text)
    assert found is None, f"{where}: control character {found.group()!r} in {text[:200]!r}"


def screenshot(app: BeritaApp, where: str) -> str:
    svg = app.export_screenshot()
    assert_clean(svg, f"screenshot {where}")
    return svg


def plain(renderable: object, width: int = 200) -> str:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def list_text(app: BeritaApp) -> str:
    articles = app.main.article_list
    return "\n".join(articles.render_line(y).text for y in range(articles.size.height))


def sidebar_text(app: BeritaApp) -> list[str]:
    widget = app.main.categories_widget
    return [plain(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


def list_title(app: BeritaApp) -> str:
    """The line over the list as drawn on screen."""
    widget = app.query_one("#list-title")
    return widget.render_line(0).text


@pytest.fixture
def hostile_site(server: LocalServer) -> HostileSite:
    return build_hostile_site(server)


@pytest.fixture
async def app(
    hostile_site: HostileSite, isolated_dirs: dict[str, Path]
) -> AsyncIterator[BeritaApp]:
    instance = make_app(hostile_site, isolated_dirs["config"])
    yield instance
    instance.store.close()


async def refresh(app: BeritaApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("r")
    await wait_for(lambda: len(app.main.article_list.rows) >= 10, pilot)
    await wait_for(lambda: app.main.top_bar.progress == "", pilot, timeout=30)
    # The list reload after it, too.
    await wait_for(lambda: all(w.is_finished for w in app.workers), pilot)


async def quit_with_q(app: BeritaApp, pilot) -> None:  # type: ignore[no-untyped-def]
    assert app.is_running
    assert app.return_code is None  # nothing (no click action) quit it meanwhile
    await pilot.press("escape", "escape")
    await pilot.press("q")
    await wait_for(lambda: app.return_code == 0, pilot)


# -- the TUI ------------------------------------------------------------------------


async def test_list_and_sidebar_show_hostile_text_literally(app: BeritaApp) -> None:
    async with app.run_test(size=(200, 50)) as pilot:
        await refresh(app, pilot)
        svg = screenshot(app, "after refresh")
        assert "[@click=app.quit]" in svg
        rows = app.main.article_list.rows
        for row in rows:
            assert_clean(row.title, "row title")
            assert_clean(row.source, "row source")
            assert_clean(row.category, "row category")
        titles = " ".join(row.title for row in rows)
        for markup in MARKUP.values():
            assert markup in titles
        assert any(row.title.startswith("Sangat panjang") for row in rows)
        shown = list_text(app)
        assert_clean(shown, "article list")
        assert "[@click=app.quit]keluar[/]" in shown
        assert "[bold]tebal[/bold]" in shown
        assert SOURCE_CLICK in shown  # the configured source name, literally
        assert "Kanal B" in " ".join(row.source for row in rows)
        names = sidebar_text(app)
        for name in names:
            assert_clean(name, "sidebar")
        assert CATEGORY_CLICK in app.main.categories_widget.names
        assert CATEGORY_LINK in app.main.categories_widget.names
        joined = " ".join(names)  # long names are cut with an ellipsis, still literal
        for name in (CATEGORY_CLICK, CATEGORY_LINK, "[/]Nasional"):
            assert name[:12] in joined, (name, joined)
        for _ in range(len(rows)):  # move through every row: each one is rendered
            await pilot.press("j")
        screenshot(app, "list scrolled to the end")
        assert_clean(list_text(app), "article list at the end")
        await quit_with_q(app, pilot)


async def test_reader_shows_hostile_article_literally(app: BeritaApp) -> None:
    async with app.run_test(size=(200, 50)) as pilot:
        await refresh(app, pilot)
        for index, row in enumerate(list(app.main.article_list.rows)):
            app.main.article_list.cursor = index
            await pilot.press("enter")
            await wait_for(lambda row=row: app.main.reader.article_id == row.id, pilot)
            await wait_for(lambda: "Memuat artikel" not in plain(app.main.reader.content), pilot)
            text = plain(app.main.reader.content)
            assert_clean(text, f"reader {row.title[:40]!r}")
            for link in _links(app.main.reader.content):  # only http(s) links are offered
                assert link.startswith(("http://", "https://")), link
                assert "evil.example" not in link
            screenshot(app, f"reader {index}")
            app.main.article_list.focus()
        # One fully hostile page, checked piece by piece.
        target = next(r for r in app.main.article_list.rows if r.url.endswith("/hostile/berita/0"))
        app.main.article_list.move_to(target.id)
        await pilot.press("enter")
        await wait_for(lambda: app.main.reader.article_id == target.id, pilot)
        await wait_for(lambda: "Memuat artikel" not in plain(app.main.reader.content), pilot)
        detail = app.store.get_article(target.id)
        assert detail is not None
        assert detail.body is not None
        text = plain(app.main.reader.content)
        assert "[@click=app.quit]keluar[/]" in text  # title
        assert "Air laut pasang merendam" in text  # body
        assert "[bold]tebal[/bold]" in text  # a hostile body paragraph
        assert "Warga menyeberangi genangan" in text  # caption
        bylines = [line for line in text.splitlines() if "Penulis:" in line]
        assert bylines
        assert "Rina Kusuma" in bylines[0] or "Redaksi" in bylines[0]
        assert "ANTARA FOTO/[@click=app.quit]keluar[/]" in text  # caption credit
        screenshot(app, "hostile reader")
        await quit_with_q(app, pilot)


def _links(renderable: object) -> list[str]:
    """Every hyperlink target in a rendered renderable."""
    console = Console(width=200, file=io.StringIO())
    links = []
    for segment in console.render(renderable):
        if segment.style is not None and segment.style.link:
            links.append(segment.style.link)
    return links


async def test_selecting_a_hostile_category_keeps_markup_literal(app: BeritaApp) -> None:
    async with app.run_test(size=(200, 50)) as pilot:
        await refresh(app, pilot)
        names = app.main.categories_widget.names
        for _ in names[1:]:
            await pilot.press("right_square_bracket")
            await wait_for(lambda: app.main.category in list_title(app), pilot)
            assert app.is_running
            category = app.main.category
            screenshot(app, f"category {category!r}")
            title = list_title(app)
            assert_clean(title, "list title")
            assert category in title, (category, title)
        await quit_with_q(app, pilot)


async def test_searching_for_markup_keeps_it_literal(app: BeritaApp) -> None:
    async with app.run_test(size=(200, 50)) as pilot:
        await refresh(app, pilot)
        await pilot.press("slash", "left_square_bracket", "slash", "right_square_bracket", "enter")
        await wait_for(lambda: app.main.search_query == "[/]", pilot)
        await wait_for(lambda: list_title(app).startswith("Cari: “[/]”"), pilot)
        assert app.is_running
        assert "[/]" in list_title(app)
        await quit_with_q(app, pilot)


async def test_trending_tab_and_cluster_with_hostile_titles(app: BeritaApp) -> None:
    async with app.run_test(size=(200, 50)) as pilot:
        await refresh(app, pilot)
        await pilot.press("2")
        clusters = app.query_one("#clusters", ClusterList)
        await wait_for(lambda: bool(clusters.clusters), pilot)
        cluster = clusters.clusters[0]
        assert len(cluster.sources) > 1
        shown = [
            plain(clusters.get_option_at_index(i).prompt) for i in range(clusters.option_count)
        ]
        for text in shown:
            assert_clean(text, "trending list")
        assert any("[@click=app.quit]keluar[/]" in text or "[/]" in text for text in shown)
        assert any(SOURCE_CLICK in text for text in shown)
        screenshot(app, "trending")
        await pilot.press("j", "k")
        assert app.is_running
        await quit_with_q(app, pilot)


async def test_opening_a_hostile_cluster_keeps_markup_literal(app: BeritaApp) -> None:
    async with app.run_test(size=(200, 50)) as pilot:
        await refresh(app, pilot)
        await pilot.press("2")
        clusters = app.query_one("#clusters", ClusterList)
        await wait_for(lambda: bool(clusters.clusters), pilot)
        cluster = clusters.clusters[0]
        await pilot.press("enter")  # into the story's detail: why, timeline, articles by source
        detail = app.main.story_detail
        await wait_for(lambda: app.focused is detail and detail.cluster == cluster, pilot)
        shown = "\n".join(
            plain(detail.get_option_at_index(i).prompt) for i in range(detail.option_count)
        )
        assert_clean(shown, "story detail")
        assert cluster.title[:30] in shown, (cluster.title, shown)
        screenshot(app, "trending story")
        app.main.open_story(cluster)  # its articles listed (the palette's trending story)
        await wait_for(lambda: app.main.cluster is not None, pilot)
        await wait_for(lambda: list_title(app).startswith("Trending · "), pilot)
        assert app.is_running
        title = list_title(app)
        assert_clean(title, "cluster title")
        assert cluster.title[:30] in title, (cluster.title, title)
        screenshot(app, "trending cluster")
        await quit_with_q(app, pilot)


async def test_bookmarks_tab_and_feed_status_with_hostile_text(app: BeritaApp) -> None:
    async with app.run_test(size=(200, 50)) as pilot:
        await refresh(app, pilot)
        await pilot.press("b")
        await wait_for(lambda: app.main.article_list.rows[0].is_bookmarked, pilot)
        saved = app.main.article_list.rows[0]
        await pilot.press("3")
        await wait_for(lambda: [r.id for r in app.main.article_list.rows] == [saved.id], pilot)
        assert_clean(list_text(app), "bookmarks tab")
        screenshot(app, "bookmarks tab")
        await pilot.press("1")
        await pilot.press("f")
        await wait_for(lambda: isinstance(app.screen, FeedStatusScreen), pilot)
        await wait_for(lambda: app.screen.query_one("#feeds-table").row_count > 0, pilot)  # type: ignore[attr-defined]
        svg = screenshot(app, "feed status")
        table = app.screen.query_one("#feeds-table")
        cells = [
            plain(cell)
            for row in range(table.row_count)  # type: ignore[attr-defined]
            for cell in table.get_row_at(row)  # type: ignore[attr-defined]
        ]
        for cell in cells:
            assert_clean(cell, "feed status cell")
        joined = " ".join(cells)
        assert "[link=http://evil.example]tautan[/link]" in joined  # failing feed's title
        assert "galat HTTP" in joined  # the failing feed, in the app's words
        assert CATEGORY_CLICK in joined
        assert "[@click=app.quit]" in svg
        await pilot.press("escape")
        await wait_for(lambda: not isinstance(app.screen, FeedStatusScreen), pilot)
        await quit_with_q(app, pilot)


# -- CLI text output ------------------------------------------------------------------


def cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    result = subprocess.run(
        [sys.executable, "-m", "beritatui", *args],
        env=dict(os.environ),
        capture_output=True,
        timeout=120,
        check=False,
    )
    return result


def assert_clean_bytes(data: bytes, where: str) -> None:
    """No ESC, no C0 but tab/newline, no C1 and no bidi control in the output."""
    text = data.decode("utf-8")
    assert_clean(text, where)


@pytest.fixture
def hostile_store(hostile_site: HostileSite, isolated_dirs: dict[str, Path]) -> list[int]:
    """A refreshed store with a few bookmarks; returns the bookmarked ids."""
    import asyncio

    hostile_site.write_config(isolated_dirs["config"])
    with Store.open(database_file()) as store:
        report = asyncio.run(Service(load_config(), store).refresh())
        assert report.feeds_ok >= 3
        rows = store.list_articles(limit=100)
        ids = [row.id for row in rows[:6]]
        for article_id in ids:
            store.set_bookmark(article_id, True)
    return ids


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "jsonl"])
@pytest.mark.parametrize("page", ["escapes_page.html", "generated"])
def test_cli_read_hostile_page(fmt: str, page: str, tmp_path: Path) -> None:
    if page == "generated":
        path = tmp_path / "berita.html"
        path.write_text(page_html(4, hostile(STORY, 4)), "utf-8")
    else:
        path = HOSTILE_DIR / "pages" / page
    result = cli("read", "--format", fmt, "--base-url", "https://uji.example.id/b/1", str(path))
    assert result.returncode == 0, result.stderr
    assert_clean_bytes(result.stdout, f"read {fmt}")
    assert_clean_bytes(result.stderr, f"read {fmt} stderr")
    if page == "generated":
        out = result.stdout.decode()
        if fmt in ("json", "jsonl"):
            out = json.dumps(json.loads(out.splitlines()[0] if fmt == "jsonl" else out))
            out = json.loads(out)["title"] + json.loads(out)["text"]  # type: ignore[index]
        if fmt == "markdown":
            out = out.replace("\\[", "[").replace("\\]", "]")  # Markdown escapes brackets
        assert "[@click=app.quit]keluar[/]" in out
        assert "[$accent on red]warna[/]" in out


@pytest.mark.parametrize(
    "args",
    [
        ["search", "rob"],
        ["search", "rob", "--json"],
        ["search", "[bold]"],
        ["bookmarks"],
        ["bookmarks", "--json"],
        ["bookmarks", "--export", "markdown"],
        ["trending"],
        ["trending", "--json"],
        ["feeds", "list"],
        ["feeds", "list", "--json"],
        ["feeds", "export"],
    ],
)
def test_cli_commands_on_hostile_store(args: list[str], hostile_store: list[int]) -> None:
    result = cli(*args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert_clean_bytes(result.stdout, " ".join(args))
    assert_clean_bytes(result.stderr, " ".join(args) + " stderr")
    assert b"Traceback" not in result.stderr


def test_cli_refresh_output_on_hostile_feeds(
    hostile_site: HostileSite, isolated_dirs: dict[str, Path]
) -> None:
    hostile_site.write_config(isolated_dirs["config"])
    result = cli("refresh")
    assert result.returncode == 0, result.stderr
    assert_clean_bytes(result.stdout, "refresh")
    assert_clean_bytes(result.stderr, "refresh stderr")
    assert b"http error" in result.stderr  # the failing feed is named, cleanly
