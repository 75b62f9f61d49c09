"""The sanitiser: no terminal control byte survives; plain text is unchanged."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beritatui.sanitize import clean_line, clean_text, safe_url, strip_controls

CONTROL = set(range(0x09)) | set(range(0x0B, 0x20)) | set(range(0x7F, 0xA0))
BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


def assert_terminal_safe(text: str) -> None:
    for char in text:
        assert ord(char) not in CONTROL, f"control {ord(char):#x} survived in {text!r}"
        assert ord(char) not in BIDI, f"bidi {ord(char):#x} survived in {text!r}"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\x1b[31mMerah\x1b[0m", "Merah"),
        ("Judul\x1b]0;judul jendela palsu\x07 asli", "Judul asli"),
        ("\x1b]52;c;cm0gLXJmIC8=\x07Salin", "Salin"),
        ("\x1b]8;;http://jahat.example\x1b\\klik\x1b]8;;\x1b\\", "klik"),
        ("A\x1bP1;2|data\x1b\\B", "AB"),
        ("C1\x9b31mcsi", "C1csi"),
        ("\x9d0;title\x9cok", "ok"),
        ("kanan\u202ekiri\u202c", "kanankiri"),
        ("nol\x00byte\x07bel\x08", "nolbytebel"),
        (
            "[bold]tebal[/bold] [link=http://x]y[/link]",
            "[bold]tebal[/bold] [link=http://x]y[/link]",
        ),
    ],
)
def test_strip_controls_removes_sequences(raw: str, expected: str) -> None:
    assert strip_controls(raw) == expected


@given(st.text())
def test_no_control_byte_ever_survives(text: str) -> None:
    for result in (strip_controls(text), clean_text(text), clean_line(text)):
        assert_terminal_safe(result)
        assert "\x1b" not in result


@given(st.text(alphabet=string.ascii_letters + string.digits + " .,:;!?()[]/'\"-éàüñ—“”"))
def test_plain_text_round_trips(text: str) -> None:
    assert strip_controls(text) == text


@given(st.lists(st.text(alphabet=string.ascii_letters + "éü ,.", min_size=1), max_size=5))
def test_clean_text_keeps_paragraph_breaks(parts: list[str]) -> None:
    words = [p.strip() for p in parts if p.strip()]
    result = clean_text("\n\n".join(words))
    assert [line for line in result.split("\n") if line] == [" ".join(w.split()) for w in words]


def test_clean_line_collapses_and_cuts() -> None:
    assert clean_line("  Harga\n beras\tnaik  ") == "Harga beras naik"
    long = clean_line("kata " * 100, max_length=20)
    assert len(long) == 20
    assert long.endswith("…")


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "file:///etc/passwd",
        "ftp://example.com/x",
        "http://exa mple.com/",
        "https://example.com/\x1b[31m",
        "http:///nohost",
        "",
        None,
    ],
)
def test_safe_url_rejects(url: str | None) -> None:
    assert safe_url(url) is None


def test_safe_url_accepts_and_resolves() -> None:
    assert safe_url("HTTPS://Example.com/a?b=1") == "https://Example.com/a?b=1"
    assert safe_url("/berita/1", base="https://contoh.id/rss") == "https://contoh.id/berita/1"
