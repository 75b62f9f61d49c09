"""Charset detection for pages that lie about or omit their encoding."""

from __future__ import annotations

import codecs

import pytest

from beritatui.extract import extract_article
from beritatui.extract.charset import decode_html

SENTENCE = "Menteri menyebut “harga naik” di Café Kopi — kata Budi, naïf sekali."


def _page(body: str, meta: str = "") -> str:
    head = f"<head>{meta}<title>t</title></head>"
    return f"<html>{head}<body><article><p>{body}</p></article></body></html>"


def test_cp1252_page_claiming_utf8_in_header() -> None:
    data = _page(SENTENCE).encode("cp1252")
    assert SENTENCE in decode_html(data, "text/html; charset=utf-8")


def test_cp1252_page_claiming_utf8_in_meta() -> None:
    data = _page(SENTENCE, '<meta charset="utf-8">').encode("cp1252")
    assert SENTENCE in decode_html(data)


def test_missing_declaration_utf8() -> None:
    assert SENTENCE in decode_html(_page(SENTENCE).encode("utf-8"))


def test_missing_declaration_cp1252_falls_back() -> None:
    assert SENTENCE in decode_html(_page(SENTENCE).encode("cp1252"), "text/html")


def test_meta_charset_windows_1252() -> None:
    data = _page(
        SENTENCE, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    )
    assert SENTENCE in decode_html(data.encode("cp1252"))


@pytest.mark.parametrize(
    ("bom", "codec"), [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")]
)
def test_byte_order_mark_wins_over_a_wrong_header(bom: bytes, codec: str) -> None:
    data = bom + _page(SENTENCE).encode(codec)
    text = decode_html(data, "text/html; charset=iso-8859-1")
    assert SENTENCE in text
    assert not text.startswith("\ufeff")


def test_iso_8859_1_header_with_latin1_bytes() -> None:
    body = "Peña dan Müller tiba di Jakarta"
    assert body in decode_html(_page(body).encode("latin-1"), "text/html; charset=ISO-8859-1")


def test_utf8_bytes_mislabelled_as_iso_8859_1() -> None:
    data = _page(SENTENCE).encode("utf-8")
    assert SENTENCE in decode_html(data, "text/html; charset=iso-8859-1")


def test_unknown_charset_label_is_ignored() -> None:
    data = _page(SENTENCE).encode("utf-8")
    assert SENTENCE in decode_html(data, "text/html; charset=x-bogus-123")


def test_undefined_cp1252_bytes_never_raise() -> None:
    data = _page("harga").encode() + b"\x81\x8d\xff"
    assert "harga" in decode_html(data, "text/html; charset=windows-1252")


def test_extract_article_uses_content_type() -> None:
    body = " ".join([SENTENCE] * 6)
    data = _page(body).encode("cp1252")
    article = extract_article(
        data, "https://example.com/a", content_type="text/html; charset=utf-8"
    )
    assert "“harga naik”" in article.text
    assert "\ufffd" not in article.text
