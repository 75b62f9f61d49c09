"""The help screen: every key binding, in the words of the footer."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: tuple[tuple[str, str], ...] = (
    ("j / k, ↓ / ↑", "pindah (move)"),
    ("enter", "buka di pembaca (open in reader)"),
    ("tab / shift+tab", "panel berikut / sebelumnya (next/prev pane)"),
    ("escape", "kembali (back)"),
    ("1  2  3", "Terbaru / Trending / Disimpan"),
    ("[  ]", "kategori sebelumnya / berikutnya"),
    ("n / p", "artikel berikut / sebelumnya saat membaca"),
    ("space", "halaman bawah di pembaca (page down)"),
    ("b", "simpan / hapus bookmark"),
    ("m", "tandai dibaca / belum dibaca"),
    ("M", "tandai semua di kategori dibaca"),
    ("d", "mode gelap / terang (disimpan)"),
    ("r", "muat ulang feed (refresh)"),
    ("/", "cari (search)"),
    ("v", "versi sumber lain dari berita ini (also reported by)"),
    ("o", "buka di browser"),
    ("y", "salin tautan (copy link)"),
    ("f", "feed: status, tambah, hapus, ubah nama, kategori, coba lagi"),
    ("?", "bantuan ini"),
    ("ctrl+p", "palet perintah"),
    ("q", "keluar (quit)"),
)


class HelpScreen(ModalScreen[None]):
    """Modal list of keys; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Tutup")]

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for key, action in KEYS:
            table.add_row(Text(key), Text(action))
        with VerticalScroll(id="help-box"):
            yield Static(Text("Tombol beritatui", style="bold"), id="help-title")
            yield Static(table)
            yield Static(Text("escape untuk menutup", style="dim"), id="help-hint")

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(result)
