"""An article's links in the reader (numbered, listed) and the ``o`` picker that opens them."""

from __future__ import annotations

from pathlib import Path

import pytest

from beritatui.extract import EXTRACTOR_VERSION
from beritatui.models import Block, Link
from beritatui.paths import database_file
from beritatui.store import Store
from beritatui.ui.app import BeritaApp
from beritatui.ui.screens.link_picker import LinkPickerScreen
from beritatui.ui.screens.main import MainScreen
from tests.helpers import driven, rendered_reader, wait_for
from tests.library import fill_library, library_config

ARTICLE = "https://detik.example/berita/harga-beras"
PANEL = "https://panelharga.badanpangan.go.id/harga?komoditas=beras"
BPS = "https://www.bps.go.id/inflasi"
OPERASI = "https://detik.example/tag/operasi-pasar"


def linked_blocks(extra: int = 0) -> list[Block]:
    """The harga-beras story with links: one URL twice, hostile link text, ``extra`` more."""
    first = (
        "Jakarta - Harga beras medium tercatat naik di dua belas provinsi menurut "
        "[bold red]panel harga[/] pangan dan data BPS."
    )
    panel = first.index("[bold red]")
    second = "Panel yang sama mencatat kenaikan di wilayah timur; lihat operasi pasar."
    blocks = [
        Block(
            "paragraph",
            first,
            links=[
                Link(panel, panel + len("[bold red]panel harga[/]"), PANEL),
                Link(first.index("data BPS"), first.index("data BPS") + 8, BPS),
            ],
        ),
        Block(
            "paragraph",
            second,
            links=[
                Link(0, 5, PANEL),  # the same link again keeps its number
                Link(second.index("operasi"), len(second) - 1, OPERASI),
            ],
        ),
    ]
    for n in range(extra):
        text = f"Tautan tambahan nomor {n + 4} untuk daftar yang panjang."
        blocks.append(Block("paragraph", text, links=[Link(0, 6, f"https://x{n + 4}.example/")]))
    return blocks


def _app(tmp_path: Path, extra: int = 0) -> tuple[BeritaApp, dict[str, int]]:
    store = Store.open(database_file())
    ids = fill_library(store)
    detail = store.get_article(ids["harga-beras"])
    assert detail is not None
    assert detail.body is not None
    detail.body.blocks = linked_blocks(extra)
    store.save_body(ids["harga-beras"], detail.body, None, EXTRACTOR_VERSION)
    app = BeritaApp(library_config(), store, state_path=tmp_path / "s.json")
    return app, ids


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app asked the browser to open (the real opener is never run)."""
    import webbrowser

    urls: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: urls.append(url) or True)
    return urls


async def _read(app: BeritaApp, ids: dict[str, int], pilot: object, slug: str) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await wait_for(lambda: len(app.main.article_list.rows) == 5, pilot)
    app.main.article_list.move_to(ids[slug])
    await pilot.press("enter")
    await wait_for(lambda: app.main.reader.article_id == ids[slug], pilot)
    await wait_for(lambda: app.main.reader.has_focus, pilot)


async def test_the_reader_numbers_each_link_and_lists_them_at_the_end(tmp_path: Path) -> None:
    app, ids = _app(tmp_path)
    async with driven(app) as pilot:
        await _read(app, ids, pilot, "harga-beras")
        text = rendered_reader(app)
    flat = " ".join(text.split())  # the paragraphs as read, whatever the wrapping
    # The link's text as the page wrote it (markup-looking text stays literal), then its number.
    assert "[bold red]panel harga[/] [1] pangan dan data BPS [2]." in flat
    assert "Panel [1] yang sama" in flat  # the same URL: the same number
    assert "lihat operasi pasar [3]." in flat
    listed = text[text.index("\nLinks\n") :]
    assert "[1] [bold red]panel harga[/] · panelharga.badanpangan.go.id" in listed
    assert "[2] data BPS · bps.go.id" in listed
    assert "[3] operasi pasar · detik.example" in listed
    assert "[4]" not in text


@pytest.mark.usefixtures("indonesian")
async def test_the_link_list_heading_is_indonesian_in_indonesian(tmp_path: Path) -> None:
    app, ids = _app(tmp_path)
    async with driven(app) as pilot:
        await _read(app, ids, pilot, "harga-beras")
        text = rendered_reader(app)
    assert "\nTautan\n" in text
    assert "\nLinks\n" not in text


async def test_o_then_enter_opens_the_article_itself(tmp_path: Path, opened: list[str]) -> None:
    app, ids = _app(tmp_path)
    async with driven(app) as pilot:
        await _read(app, ids, pilot, "harga-beras")
        await pilot.press("o")
        await wait_for(lambda: isinstance(app.screen, LinkPickerScreen), pilot)
        assert opened == []  # o alone only asks
        await pilot.press("enter")
        await wait_for(lambda: bool(opened), pilot)
        assert isinstance(app.screen, MainScreen)
    assert opened == [ARTICLE]


@pytest.mark.parametrize(("keys", "url"), [("2", BPS), ("3", OPERASI), ("0", ARTICLE)])
async def test_a_typed_number_opens_that_link(
    tmp_path: Path, opened: list[str], keys: str, url: str
) -> None:
    app, ids = _app(tmp_path)
    async with driven(app) as pilot:
        await _read(app, ids, pilot, "harga-beras")
        await pilot.press("o")
        await wait_for(lambda: isinstance(app.screen, LinkPickerScreen), pilot)
        await pilot.press(*keys, "enter")
        await wait_for(lambda: bool(opened), pilot)
    assert opened == [url]


async def test_two_digit_numbers_backspace_and_numbers_that_do_not_exist(
    tmp_path: Path, opened: list[str]
) -> None:
    app, ids = _app(tmp_path, extra=10)  # links 1..13
    async with driven(app) as pilot:
        await _read(app, ids, pilot, "harga-beras")
        await pilot.press("o")
        await wait_for(lambda: isinstance(app.screen, LinkPickerScreen), pilot)
        picker = app.screen
        assert isinstance(picker, LinkPickerScreen)
        await pilot.press("1", "2")
        assert picker.typed == "12"
        await pilot.press("7")  # 127 is no link, 7 is: a new number starts
        assert picker.typed == "7"
        await pilot.press("backspace", "1", "3")
        assert picker.typed == "13"
        await pilot.press("9")  # 139 is no link, 9 is: it starts over
        assert picker.typed == "9"
        await pilot.press("backspace", "1", "1", "enter")
        await wait_for(lambda: bool(opened), pilot)
    assert opened == ["https://x11.example/"]


async def test_escape_closes_the_picker_and_opens_nothing(
    tmp_path: Path, opened: list[str]
) -> None:
    app, ids = _app(tmp_path)
    async with driven(app) as pilot:
        await _read(app, ids, pilot, "harga-beras")
        await pilot.press("o")
        await wait_for(lambda: isinstance(app.screen, LinkPickerScreen), pilot)
        await pilot.press("2", "escape")
        await wait_for(lambda: isinstance(app.screen, MainScreen), pilot)
        # The picker is gone: o opens it again, and Enter now means the article.
        await pilot.press("o")
        await wait_for(lambda: isinstance(app.screen, LinkPickerScreen), pilot)
        await pilot.press("enter")
        await wait_for(lambda: bool(opened), pilot)
    assert opened == [ARTICLE]


async def test_an_article_without_links_opens_at_once(tmp_path: Path, opened: list[str]) -> None:
    app, ids = _app(tmp_path)
    async with driven(app) as pilot:
        await _read(app, ids, pilot, "timnas-uji-coba")
        await pilot.press("o")
        await wait_for(lambda: bool(opened), pilot)
        assert isinstance(app.screen, MainScreen)
        assert "\nLinks\n" not in rendered_reader(app)
    assert opened == ["https://wp.example/berita/timnas-uji-coba"]


async def test_the_highlighted_row_that_is_not_being_read_opens_at_once(
    tmp_path: Path, opened: list[str]
) -> None:
    """The links belong to the article shown: another highlighted row has none to pick."""
    app, ids = _app(tmp_path)
    async with driven(app) as pilot:
        await _read(app, ids, pilot, "harga-beras")
        app.main.article_list.focus()
        app.main.article_list.move_to(ids["timnas-uji-coba"])
        await pilot.press("o")
        await wait_for(lambda: bool(opened), pilot)
        assert isinstance(app.screen, MainScreen)
    assert opened == ["https://wp.example/berita/timnas-uji-coba"]
