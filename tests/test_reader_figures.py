"""The reader pane shows a photo's caption and credit, and no empty "Foto:" label."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from rich.console import Console
from textual.app import App, ComposeResult

from beritatui.models import ArticleDetail, ArticleRow, Block, ExtractedArticle
from beritatui.ui.widgets.reader import ReaderPane

# The interface in Indonesian (English has its own tests).
pytestmark = pytest.mark.usefixtures("indonesian")


class _ReaderApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ReaderPane(id="reader")


def _text(pane: ReaderPane) -> str:
    console = Console(width=100, record=True, color_system=None, file=io.StringIO())
    console.print(pane.content)
    return console.export_text()


async def test_figure_without_caption_has_no_empty_label() -> None:
    row = ArticleRow(
        id=1, feed_id=1, source="Antara", category="Ekonomi", title="Harga beras turun",
        url="https://www.antaranews.com/berita/1", published=datetime(2025, 1, 2, tzinfo=UTC),
    )  # fmt: skip
    body = ExtractedArticle(
        url=row.url,
        blocks=[
            Block(type="figure", src="https://img.example.id/lead.jpg"),
            Block(type="paragraph", text="Harga beras di pasar induk turun pekan ini."),
            Block(type="figure", src="https://img.example.id/2.jpg", caption="Pedagang beras"),
            Block(type="figure", src="https://img.example.id/3.jpg", credit="ANTARA/Rina"),
        ],
    )
    app = _ReaderApp()
    async with app.run_test():
        pane = app.query_one(ReaderPane)
        pane.show_article(ArticleDetail(row=row, body=body))
        text = _text(pane)
    labels = [line.strip() for line in text.splitlines() if "Foto:" in line]
    assert labels == ["▌ Foto: Pedagang beras", "▌ Foto: ANTARA/Rina"]
    assert "Harga beras di pasar induk turun pekan ini." in text
