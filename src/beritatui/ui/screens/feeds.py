"""Feed status: each feed's last fetch outcome, so errors are visible, never a crash."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from beritatui.models import FeedInfo, FeedStatus
from beritatui.ui.timefmt import short_date

STATUS_LABELS = {
    FeedStatus.NEVER: "belum diambil",
    FeedStatus.OK: "ok",
    FeedStatus.NOT_MODIFIED: "tidak berubah",
    FeedStatus.HTTP_ERROR: "galat HTTP",
    FeedStatus.TIMEOUT: "waktu habis",
    FeedStatus.NETWORK_ERROR: "galat jaringan",
    FeedStatus.TOO_LARGE: "terlalu besar",
    FeedStatus.PARSE_ERROR: "bukan feed",
    FeedStatus.STALE: "basi",
}
"""Status words of the feed table, in the app's language."""


class FeedStatusScreen(ModalScreen[None]):
    """A table of feeds: category, source, status, detail, last check."""

    BINDINGS = [Binding("escape,q,f", "dismiss", "Tutup")]

    def __init__(self, feeds: Sequence[FeedInfo]) -> None:
        super().__init__()
        self.feeds = list(feeds)

    def compose(self) -> ComposeResult:
        failed = sum(1 for f in self.feeds if not f.status.is_success and f.last_checked)
        title = f"Status feed · {len(self.feeds)} feed · {failed} gagal"
        with Vertical(id="feeds-box"):
            yield Static(Text(title, style="bold"))
            yield DataTable(id="feeds-table", cursor_type="row", zebra_stripes=True)
            yield Static(Text("escape untuk menutup", style="dim"))

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Kategori", "Sumber", "Status", "Keterangan", "Dicek", "Artikel")
        for feed in self.feeds:
            status_style = "" if feed.status.is_success else "bold"
            table.add_row(
                Text(feed.category),
                Text(feed.title or feed.url),
                Text(STATUS_LABELS.get(feed.status, feed.status.value), style=status_style),
                Text(feed.detail),
                Text(short_date(feed.last_checked) if feed.last_checked else "—"),
                Text(str(feed.article_count)),
            )
        table.focus()

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(result)
