"""WCAG contrast of what the light themes used to lose: pane borders and titles, the list
title, the tabs, the offline mark, the trending mark, photo captions, footer keys, muted
text (read titles, source lines, the reader's byline) also on the list's cursor row.

The colours are read from the screen the app composed (the real app, headless, over the
fixed library), as a terminal would draw each cell: its foreground against its own
background. Text needs 4.5:1, borders 3:1 (WCAG 1.4.3 and 1.4.11).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style
from textual.geometry import Region
from textual.pilot import Pilot

from beritatui.paths import database_file
from beritatui.store import Store
from beritatui.ui.app import BeritaApp
from tests.helpers import wait_for
from tests.library import fill_library, library_config

pytestmark = pytest.mark.usefixtures("english")

TEXT = 4.5
BORDER = 3.0
THEMES = ["textual-dark", "textual-light", "catppuccin-latte", "rose-pine-dawn", "atom-one-light"]


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG contrast ratio, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert contrast((30, 30, 30), (30, 30, 30)) == 1


Cell = tuple[str, Style]


def screen_cells(app: BeritaApp) -> list[list[Cell]]:
    """Every cell of the composed screen: its character and final style."""
    rows: list[list[Cell]] = []
    for strip in app.screen._compositor.render_strips():
        row: list[Cell] = []
        for segment in strip:
            style = segment.style or Style.null()
            row += [(char, style) for char in segment.text]
        rows.append(row)
    return rows


def cell_contrast(
    cells: list[list[Cell]], needle: str, region: Region | None = None, nth: int = 0
) -> float:
    """Contrast of the first character of the ``nth`` ``needle`` inside ``region``."""
    for y, row in enumerate(cells):
        if region is not None and not region.y <= y < region.bottom:
            continue
        text = "".join(char for char, _ in row)
        start = text.find(needle)
        while start >= 0:
            if region is None or region.x <= start < region.right:
                if nth == 0:
                    style = row[start][1]
                    assert style.color is not None, needle
                    assert style.bgcolor is not None, needle
                    assert not style.dim, needle  # a terminal would dim it further
                    fg = style.color.get_truecolor()
                    bg = style.bgcolor.get_truecolor()
                    return contrast(tuple(fg), tuple(bg))
                nth -= 1
            start = text.find(needle, start + 1)
    raise AssertionError(f"{needle!r} is not on screen:\n" + "\n".join(
        "".join(char for char, _ in row) for row in cells
    ))  # fmt: skip


async def _reading(pilot: Pilot[int]) -> BeritaApp:
    app = pilot.app
    assert isinstance(app, BeritaApp)
    await wait_for(lambda: app.main.query("#articles"), pilot)
    articles = app.main.article_list
    await wait_for(lambda: articles.rows and articles.trending_ids, pilot)
    await pilot.press("enter")  # the newest article: the flood story, with a photo caption
    await wait_for(
        lambda: app.main.reader.article_id is not None and app.main.reader.has_focus, pilot
    )
    await pilot.pause()
    return app


@pytest.mark.parametrize("theme", THEMES)
async def test_borders_titles_and_marks_keep_their_contrast(theme: str, tmp_path: Path) -> None:
    store = Store.open(database_file())
    fill_library(store)
    config = library_config()
    app = BeritaApp(config, store, theme=theme, offline=True, state_path=tmp_path / "state.json")
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await _reading(pilot)
            main = app.main
            sidebar = main.categories_widget.region
            middle = main.query_one("#middle").region
            reader = main.reader.region
            cells = screen_cells(app)
            found = {
                # The reader has the focus: the sidebar and the list are unfocused panes.
                "unfocused border": (cell_contrast(cells, "╭", sidebar), BORDER),
                "unfocused list border": (cell_contrast(cells, "╭", middle), BORDER),
                "focused border": (cell_contrast(cells, "╭", reader), BORDER),
                "unfocused title": (cell_contrast(cells, "Categories", sidebar), TEXT),
                "unfocused subtitle": (cell_contrast(cells, "unread", sidebar), TEXT),
                "focused title": (cell_contrast(cells, "Reader", reader), TEXT),
                "list title": (cell_contrast(cells, "All · ", middle), TEXT),
                "active tab": (cell_contrast(cells, "1 Latest"), TEXT),
                "tab": (cell_contrast(cells, "2 Trending"), TEXT),
                "offline mark": (cell_contrast(cells, "○ offline"), TEXT),
                "offline word": (cell_contrast(cells, "offline "), TEXT),
                "trending mark, cursor row": (cell_contrast(cells, "▲ trending", middle), TEXT),
                "trending mark": (cell_contrast(cells, "▲ trending", middle, nth=1), TEXT),
                "caption": (cell_contrast(cells, "Petugas gabungan", reader), TEXT),
                # Muted text: a read title on the (unfocused) cursor row, a source line.
                "read title, cursor row": (cell_contrast(cells, "Banjir rendam", middle), TEXT),
                "source line": (cell_contrast(cells, "detikFinance", middle), TEXT),
                "reader meta": (cell_contrast(cells, "Antara · ", reader), TEXT),
                "footer key": (cell_contrast(cells, " r ", Region(0, 47, 160, 1)), TEXT),
            }
            await pilot.press("escape")  # back to the list: now the reader is unfocused
            await wait_for(lambda: main.article_list.has_focus, pilot)
            await pilot.pause()
            cells = screen_cells(app)
            found["unfocused reader title"] = (cell_contrast(cells, "Reader", reader), TEXT)
            found["unfocused reader border"] = (cell_contrast(cells, "╭", reader), BORDER)
            found["focused list border"] = (cell_contrast(cells, "╭", middle), BORDER)
            # The focused list's cursor row: its read title and trending mark.
            found["read title, focused cursor"] = (
                cell_contrast(cells, "Banjir rendam", middle),
                TEXT,
            )
            found["trending mark, focused cursor"] = (
                cell_contrast(cells, "▲ trending", middle),
                TEXT,
            )
    finally:
        store.close()
    low = {name: round(ratio, 2) for name, (ratio, floor) in found.items() if ratio < floor}
    assert not low, f"{theme}: below WCAG contrast: {low}"


@pytest.mark.parametrize("theme", THEMES)
async def test_the_trending_tab_keeps_its_contrast(theme: str, tmp_path: Path) -> None:
    store = Store.open(database_file())
    fill_library(store)
    app = BeritaApp(library_config(), store, theme=theme, state_path=tmp_path / "state.json")
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            main = app.main
            await wait_for(lambda: main.query("#articles"), pilot)
            await wait_for(lambda: main.article_list.trending_ids, pilot)
            await pilot.press("2")  # the stories, focused; the top one's detail beside them
            clusters = main.query_one("#clusters")
            await wait_for(lambda: main.story_shown and clusters.has_focus, pilot)
            await pilot.pause()
            stories = main.query_one("#middle").region
            story = main.story_detail.region
            cells = screen_cells(app)
            found = {
                # The highlighted story (focused list): its title, counts and sources.
                "story title, cursor": (cell_contrast(cells, "Banjir rendam", stories), TEXT),
                "story counts, cursor": (cell_contrast(cells, "2 sources", stories), TEXT),
                "story sources, cursor": (cell_contrast(cells, "Antara, CNN", stories), TEXT),
                "story counts": (cell_contrast(cells, "1 source", stories), TEXT),
                "story sources": (cell_contrast(cells, "detikFinance", stories), TEXT),
                # The detail (unfocused): its dimmed score line, a source's count, and the
                # highlighted article.
                "score line": (cell_contrast(cells, "score ", story), TEXT),
                "source's count": (cell_contrast(cells, "1 article", story), TEXT),
                "article, cursor": (cell_contrast(cells, "Banjir rendam", story, nth=1), TEXT),
                "article": (cell_contrast(cells, "Ratusan rumah", story), TEXT),
            }
    finally:
        store.close()
    low = {name: round(ratio, 2) for name, (ratio, floor) in found.items() if ratio < floor}
    assert not low, f"{theme}: below WCAG contrast: {low}"
