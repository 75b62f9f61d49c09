"""The responsive layout: width classes, the sidebar toggle, maximising, narrow reading."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from beritatui.models import FeedEntry
from beritatui.paths import database_file
from beritatui.store import Store
from beritatui.ui.app import BeritaApp
from beritatui.ui.screens.feed_columns import CELL_PADDING, cut, fit_columns
from beritatui.ui.screens.layout import width_class
from beritatui.ui.widgets.footer import ResponsiveFooter, fitting
from tests.helpers import driven, wait_for
from tests.library import fill_library, library_config
from tests.site import NOW

pytestmark = pytest.mark.usefixtures("indonesian")


def _app(tmp_path: Path, theme: str = "textual-dark") -> BeritaApp:
    store = Store.open(database_file())
    fill_library(store)
    return BeritaApp(library_config(), store, theme=theme, state_path=tmp_path / "state.json")


async def _listed(app: BeritaApp, pilot: Pilot[int]) -> None:
    await wait_for(lambda: app.main.article_list.rows, pilot)
    await pilot.pause()


def reader_line_width(app: BeritaApp) -> int:
    """The width the reader's text is laid out in (columns)."""
    return app.main.query_one("#reader-body").content_region.width


def test_width_classes() -> None:
    assert [width_class(w) for w in (80, 119, 120, 159, 160, 250)] == [
        "-narrow",
        "-narrow",
        "-medium",
        "-medium",
        "-wide",
        "-wide",
    ]


async def test_narrow_starts_without_sidebar_and_c_toggles_it(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with driven(app, size=(80, 24)) as pilot:
        await _listed(app, pilot)
        main = app.main
        sidebar = main.categories_widget
        assert main.has_class("-narrow")
        assert not sidebar.display
        title = str(main.query_one("#list-title").render())
        assert "Semua" in title  # the category stays visible without the sidebar
        await pilot.press("c")
        await pilot.pause()
        assert sidebar.display
        assert sidebar.has_focus
        await pilot.press("c")
        await pilot.pause()
        assert not sidebar.display
        assert main.article_list.has_focus


async def test_wide_shows_sidebar_and_resize_changes_class(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with driven(app, size=(160, 48)) as pilot:
        await _listed(app, pilot)
        main = app.main
        assert main.has_class("-wide")
        assert main.categories_widget.display
        await pilot.resize_terminal(130, 40)
        await wait_for(lambda: main.has_class("-medium"), pilot)
        assert main.categories_widget.display
        await pilot.resize_terminal(100, 30)
        await wait_for(lambda: main.has_class("-narrow"), pilot)
        assert not main.categories_widget.display


async def test_narrow_reading_gives_the_reader_the_width(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with driven(app, size=(80, 24)) as pilot:
        await _listed(app, pilot)
        main = app.main
        middle = main.query_one("#middle")
        assert middle.display
        assert not main.reader.display
        await pilot.press("enter")
        await wait_for(lambda: main.reader.has_focus, pilot)
        await pilot.pause()
        assert main.reader.display
        assert not middle.display
        assert reader_line_width(app) >= 60
        await pilot.press("escape")
        await pilot.pause()
        assert middle.display
        assert main.article_list.has_focus
        assert not main.reader.display


@pytest.mark.parametrize(("size", "least"), [((120, 40), 60), ((160, 48), 70), ((250, 60), 90)])
async def test_reader_lines_between_60_and_100(
    tmp_path: Path, size: tuple[int, int], least: int
) -> None:
    app = _app(tmp_path)
    async with driven(app, size=size) as pilot:
        await _listed(app, pilot)
        await pilot.press("enter")
        await wait_for(lambda: app.main.reader.has_focus, pilot)
        await pilot.pause()
        assert least <= reader_line_width(app) <= 100


async def test_z_maximizes_the_focused_pane_and_escape_restores(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with driven(app, size=(160, 48)) as pilot:
        await _listed(app, pilot)
        main = app.main
        await pilot.press("z")
        await pilot.pause()
        assert main.maximized is main.query_one("#middle")
        assert not main.reader.display or main.reader.region.width == 0
        await pilot.press("escape")
        await pilot.pause()
        assert main.maximized is None
        await pilot.press("enter")
        await wait_for(lambda: main.reader.has_focus, pilot)
        await pilot.press("z")
        await pilot.pause()
        assert main.maximized is main.reader
        assert main.reader.region.width == 160
        await pilot.press("z")
        await pilot.pause()
        assert main.maximized is None


def _long_titles(app: BeritaApp, count: int = 30) -> None:
    """Enough long titles for the list to scroll (a scrollbar shows) and cut them."""
    feed_id = next(iter(app.store.sync_feeds(library_config().feeds).values()))
    words = "Pemerintah provinsi umumkan rencana pembangunan jembatan baru di wilayah timur"
    entries = [
        FeedEntry(
            guid=f"https://antara.example/panjang/{n}",
            url=f"https://antara.example/panjang/{n}",
            title=f"{words} nomor {n} " + "dan sekitarnya " * 4,
            summary="",
            published=NOW - timedelta(hours=2, minutes=n),
        )
        for n in range(count)
    ]
    app.store.upsert_entries(feed_id, entries)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_cut_titles_end_in_an_ellipsis(tmp_path: Path, size: tuple[int, int]) -> None:
    app = _app(tmp_path)
    _long_titles(app)
    async with driven(app, size=size) as pilot:
        await _listed(app, pilot)
        articles = app.main.article_list
        width = articles.scrollable_content_region.width
        cut = 0
        for index, row in enumerate(articles.rows[: articles.size.height // 2]):
            line = articles.render_line(index * 2).text
            assert len(line) == width
            if len(row.title) + 2 > width:
                cut += 1
                assert line.rstrip().endswith("…"), line
        assert cut  # titles longer than the list is wide
        assert articles.scrollbars_enabled[0]  # and "…" shows beside the scrollbar too


def footer_text(app: BeritaApp) -> str:
    """The footer's keys as shown, left to right."""
    keys = app.main.query(FooterKey)
    return " ".join(f"{k.key_display} {k.description}" for k in keys)


@pytest.mark.parametrize(("size", "wanted"), [((80, 24), "r Muat ulang"), ((160, 48), "d Gelap")])
async def test_footer_shows_what_fits_most_important_first(
    tmp_path: Path, size: tuple[int, int], wanted: str
) -> None:
    app = _app(tmp_path)
    async with driven(app, size=size) as pilot:
        await _listed(app, pilot)
        await pilot.pause()
        keys = list(app.main.query(FooterKey))
        assert wanted in footer_text(app)
        assert keys[0].description == "Baca"  # enter: the most important key first
        footer = app.main.query_one(ResponsiveFooter)
        # Every key is whole inside the footer (none clipped at the right edge).
        assert all(k.region.right <= footer.region.right for k in keys)
        assert sum(k.region.width for k in keys) <= size[0]


async def test_footer_drops_low_priority_keys_when_narrow(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with driven(app, size=(160, 48)) as pilot:
        await _listed(app, pilot)
        wide = footer_text(app)
        await pilot.resize_terminal(60, 24)
        await wait_for(lambda: footer_text(app) != wide, pilot)
        narrow = footer_text(app)
        assert "Gelap/terang" in wide
        assert "Gelap/terang" not in narrow
        assert "Muat ulang" in narrow


async def test_footer_rebuilds_only_when_its_keys_change(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with driven(app, size=(160, 48)) as pilot:
        await _listed(app, pilot)
        main = app.main
        footer = main.query_one(ResponsiveFooter)
        signals: list[object] = []
        main.bindings_updated_signal.subscribe(footer, signals.append)
        main.article_list.focus()
        await wait_for(lambda: "Baca" in footer_text(app), pilot)  # enter: the list's key
        await pilot.pause()
        on_list = footer_text(app)
        built = footer.recomposes
        main.reader.focus()  # the reader has no "enter": the keys really change
        # Wait for the new keys themselves: mid-recompose the footer is briefly empty.
        await wait_for(lambda: "Kembali" in footer_text(app), pilot)  # esc goes back
        await pilot.pause()
        on_reader = footer_text(app)
        assert "Baca" not in on_reader
        assert footer.recomposes > built
        built = footer.recomposes
        signalled = len(signals)
        main.refresh_bindings()  # bindings signalled again, the keys shown are the same
        await wait_for(lambda: len(signals) > signalled, pilot)
        await pilot.pause()
        await pilot.pause()
        assert footer.recomposes == built  # the bindings changed, the keys shown did not
        assert footer_text(app) == on_reader
        main.article_list.focus()  # and back: "enter" shows again
        await wait_for(lambda: footer_text(app) == on_list, pilot)
        assert footer.recomposes > built


def test_fitting_keeps_rank_order_and_skips_what_does_not_fit() -> None:
    # (rank, width): the first two fit in 20, the third (12) does not, the fourth (3) does.
    assert fitting([(0, 10), (1, 8), (2, 12), (3, 2)], 20) == [0, 1, 3]
    assert fitting([(5, 4), (0, 4)], 8) == [1, 0]


def test_feed_columns_fit_80_columns() -> None:
    labels = ["Kategori", "Sumber", "Status", "Terakhir berhasil", "Butir", "Terbaru", "Ket"]
    row = ["Nasional", "CNN Indonesia", "galat HTTP", "27 Nov 16:00", "12", "25 mnt lalu"]
    rows = [[*row, "HTTP 403: situs menolak permintaan (mungkin memblokir pembaca feed)"]]
    wide = fit_columns(labels, rows, 160)
    assert [i for i, _ in wide] == list(range(7))
    for width in (60, 72, 80):
        shown = fit_columns(labels, rows, width)
        assert sum(w + CELL_PADDING for _, w in shown) <= width
        assert {1, 2, 6} <= {i for i, _ in shown}  # source, status and detail stay
    assert 3 not in {i for i, _ in fit_columns(labels, rows, 72)}  # last success goes first
    assert cut("abcdef", 4) == "abc…"
    assert cut("abc", 4) == "abc"


def test_capped_feed_columns_grow_back_when_there_is_room() -> None:
    labels = ["Kategori", "Sumber", "Status", "Terakhir berhasil", "Butir", "Terbaru", "Ket"]
    source = "Portal Berita Nusantara Raya Edisi Daerah"  # past the source column's cap
    rows = [["Nasional", source, "ok", "27 Nov 16:00", "12", "25 mnt lalu", "HTTP 200"]]
    widths = dict(fit_columns(labels, rows, 200))
    assert widths[1] == len(source)  # whole, with room to spare
    narrow = dict(fit_columns(labels, rows, 80))
    assert narrow[1] < len(source)  # capped when the room is short
    assert sum(w + CELL_PADDING for w in narrow.values()) <= 80
