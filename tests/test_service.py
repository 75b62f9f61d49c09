"""Service pieces not covered end to end: re-extraction of stored pages."""

from __future__ import annotations

from beritatui.extract import EXTRACTOR_VERSION
from beritatui.models import Block, ExtractedArticle
from beritatui.paths import database_file
from beritatui.service import Service
from beritatui.store import Store
from tests.library import fill_library, library_config

PAGE = b"""<html><head><title>Judul</title></head><body><article>
<h1>Judul halaman tersimpan</h1>
<p>Paragraf pertama dari halaman yang disimpan untuk dibaca ulang tanpa jaringan.</p>
<p>Paragraf kedua menjelaskan bahwa pengekstrak baru bekerja pada salinan lama.</p>
</article></body></html>"""


def test_reextract_stale_uses_stored_page_without_network() -> None:
    store = Store.open(database_file())
    ids = fill_library(store, bodies=False)
    article_id = ids["harga-beras"]
    old = ExtractedArticle(url="https://x.id/a", blocks=[Block("paragraph", text="versi lama")])
    store.save_body(article_id, old, PAGE, EXTRACTOR_VERSION - 1)
    service = Service(library_config(), store, offline=True)
    assert service.reextract_stale() == 1
    detail = store.get_article(article_id)
    assert detail is not None
    assert detail.body is not None
    assert "pengekstrak baru bekerja" in detail.body.text
    assert "versi lama" not in detail.body.text
    # Current now: nothing left to redo.
    assert store.stale_bodies(EXTRACTOR_VERSION) == []
    assert service.reextract_stale() == 0
    store.close()
