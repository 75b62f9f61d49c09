"""The sanitiser: no terminal control byte survives; plain text is unchanged."""

from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from beritatui.sanitize import (
    _INLINE_SPACE,
    _MANY_NEWLINES,
    _SIMPLE_URL,
    _strip_steps,
    clean_line,
    clean_text,
    safe_url,
    strip_controls,
)

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


_URL_CHARS = string.ascii_letters + string.digits + "._~!$&'()*+,=:@%/-?;#[] \t\x1b"
_SIMPLE_URLS = st.builds(
    lambda scheme, host, port, path, query: f"{scheme}://{host}{port}{path}{query}",
    st.sampled_from(["http", "https", "HTTP", "Https", "ftp", "javascript"]),
    st.text(string.ascii_letters + string.digits + ".-@[]:", min_size=0, max_size=12),
    st.sampled_from(["", ":80", ":8080", ":", ":99999", ":x"]),
    st.text(_URL_CHARS, max_size=30).map(lambda path: path if path[:1] in "/?#;" else "/" + path),
    st.sampled_from(["", "?", "?a=1", "?a=1&b=%20", "?q#f", "#", ";p", "?;"]),
)
_BASES = st.sampled_from(
    [None, "", "https://contoh.id/rss/", "http://contoh.id/a/b?c", "feed://x/y", "not a url"]
)


@given(_SIMPLE_URLS | st.text(_URL_CHARS, max_size=40), _BASES)
def test_safe_url_shortcut_matches_the_long_way(url: str, base: str | None) -> None:
    """The regex shortcut for absolute URLs gives what urljoin + urlsplit would."""
    from beritatui.sanitize import _resolved_url

    assert safe_url(url, base) == _resolved_url(url.strip(), base)


def test_safe_url_shortcut_cases() -> None:
    base = "https://contoh.id/rss/"
    for url, expected in [
        ("https://a.id/x/../y?q=1", "https://a.id/x/../y?q=1"),
        ("https://a.id/b;", "https://a.id/b"),  # same scheme: urljoin drops an empty ;params
        ("http://a.id/b;", "http://a.id/b;"),  # another scheme: urljoin keeps it as it is
        ("https://a.id/b?", "https://a.id/b"),
        ("https://a.id/b#frag", "https://a.id/b#frag"),
        ("https://user@a.id/", "https://user@a.id/"),
        ("//a.id/b", "https://a.id/b"),
        ("b/c", "https://contoh.id/rss/b/c"),
        ("https:///b", "https://contoh.id/b"),  # no host: resolved like a path
        ("https://a.id/b c", None),
        ("https://a.id/b\tc", None),  # urljoin alone would drop the tab and accept it
        ("/b\nc", None),
    ]:
        assert safe_url(url, base) == expected, url


@given(st.from_regex(_SIMPLE_URL, fullmatch=True) | _SIMPLE_URLS, _BASES)
def test_simple_urls_are_left_alone_by_urljoin(url: str, base: str | None) -> None:
    """What safe_url and the fast feed path rely on to skip urljoin (ours and feedparser's)."""
    from urllib.parse import urljoin

    from beritatui.feeds import compat
    from beritatui.sanitize import _resolved_url, is_simple_url

    if is_simple_url(url):
        assert compat.urljoin(base or "", url) == url
        assert urljoin(base or "", url) == url
        assert _resolved_url(url, base) == url


def _slow_clean_text(text: str) -> str:
    """clean_text without its already-clean shortcut (the steps it always ran)."""
    text = unicodedata.normalize("NFC", _strip_steps(text))
    lines = [_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def _slow_clean_line(text: str, max_length: int) -> str:
    """clean_line without its already-clean shortcut."""
    text = unicodedata.normalize("NFC", _strip_steps(text))
    text = _INLINE_SPACE.sub(" ", text.replace("\n", " ").replace("\t", " ")).strip()
    if max_length and len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text


_PIECES = [
    "a", "Z", "é", "e\u0301", " ", "  ", "\n", "\n\n\n", "\t", "\r", "\r\n", "\x1b[31m",
    "\x1b]0;x\x07", "\x9b2J", "\x00", "\x7f", "\x85", "\u00a0", "\u1680", "\u2003", "\u200b",
    "\u200c", "\u200e", "\u2028", "\u202e", "\u202f", "\u205f", "\u2066", "\u3000", "\ufeff",
    "\x1c", "\x0b", "\x0c", "…", "日本",
]  # fmt: skip
"""What the cleaners act on (every kind of whitespace, controls, bidi marks, escape
sequences, a decomposed accent) and plain letters."""


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=10).map("".join))
def test_already_clean_shortcuts_change_nothing(text: str) -> None:
    """The shortcuts for text that is already clean give what the full steps give."""
    assert strip_controls(text) == _strip_steps(text)
    assert clean_text(text) == _slow_clean_text(text)
    assert clean_line(text) == _slow_clean_line(text, 0)
    assert clean_line(text, 4) == _slow_clean_line(text, 4)


def test_clean_text_comes_back_as_it_is() -> None:
    plain = "Banjir di Jakarta: 3 warga mengungsi, kata BPBD (Senin)"
    assert clean_text(plain) is plain
    assert clean_line(plain) is plain
    assert clean_text("Dua baris.\n\nDan satu lagi.") == "Dua baris.\n\nDan satu lagi."
