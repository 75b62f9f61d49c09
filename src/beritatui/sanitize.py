"""Make untrusted feed and page text safe to show in a terminal.

Every title, summary, body, author, caption and URL that came from the network
passes through here before it is stored or shown. The result never contains a
byte that a terminal would act on: no C0/C1 control (except newline and tab),
no ESC/CSI/OSC/DCS/APC/PM/SOS sequence, and no bidi override or isolate.
Plain text comes back unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

# A whole escape sequence, so its parameters do not leak as visible junk:
#   CSI  ESC [ or 0x9B, parameters, intermediates, a final byte
#   OSC/DCS/SOS/PM/APC  ESC ] P X ^ _ (or their C1 forms) up to BEL or ST
#   any other two-byte ESC sequence
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?
  | \x1b[\x20-\x2f]*[\x30-\x7e]?
    """,
    re.VERBOSE,
)

# C0 controls but tab and newline, DEL, C1 controls, bidi embeddings,
# overrides and isolates, and line/paragraph separators.
_CONTROL_CHARS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\u061c\u200e\u200f]"
)
_UNSAFE_IN_URL = re.compile(_CONTROL_CHARS.pattern + r"|\s")
r"""Controls (ESC included) and whitespace: ``\s`` is ``str.isspace`` for str patterns."""
_INLINE_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000\ufeff]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")

_ODD = (
    "".join(chr(c) for c in range(0x3100) if chr(c).isspace() or _CONTROL_CHARS.match(chr(c)))
    + "\u200b\ufeff"
)
"""Characters the cleaners act on (whitespace but space and newline, controls, bidi marks,
the inline spaces): a text without them, and without the space runs below, is clean."""
_ODD = _ODD.replace(" ", "").replace("\n", "")
_UNCLEAN_TEXT = re.compile(f"[{re.escape(_ODD)}]|  | \n|\n |\n\n\n|^[ \n]|[ \n]$")
_UNCLEAN_LINE = re.compile(f"[{re.escape(_ODD)}\n]|  |^ | $")

SAFE_URL_SCHEMES = frozenset({"http", "https"})
_SIMPLE_URL = re.compile(
    r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?"
    r"(?:/[A-Za-z0-9._~!$&'()*+,=:@%/-]*)?(?:\?[A-Za-z0-9._~!$&'()*+,=:@%/?-]+)?"
)
"""Absolute http(s) URLs that :func:`safe_url` returns unchanged whatever the base.

Lower-case scheme, a plain ASCII host (letters, digits, dots, hyphens;
no user info, no brackets), an optional port, and a path and a non-empty query
without ``;``, ``#``, whitespace or controls: for these, ``urljoin`` returns the
URL as it is (an absolute URL wins; nothing for ``urlparse`` to move into params
or drop) and the ``urlsplit``/``urlunsplit`` round trip is the identity.
"""


def strip_controls(text: str) -> str:
    """Remove escape sequences and control characters; keep ``\\n`` and ``\\t``."""
    if not text:
        return ""
    if not _CONTROL_CHARS.search(text):  # every sequence starts with one (ESC or C1)
        return text
    return _strip_steps(text)


def _strip_steps(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _CONTROL_CHARS.sub("", text)


def clean_text(text: str | None) -> str:
    """Sanitise multi-line text: controls stripped, blank runs collapsed, NFC."""
    if not text:
        return ""
    if not _UNCLEAN_TEXT.search(text) and unicodedata.is_normalized("NFC", text):
        return text  # already clean: the steps below would leave it as it is
    text = unicodedata.normalize("NFC", strip_controls(text))
    lines = [_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def clean_line(text: str | None, max_length: int = 0) -> str:
    """Sanitise to a single line (titles, names); optionally cut with an ellipsis."""
    if not text:
        return ""
    if _UNCLEAN_LINE.search(text) or not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", strip_controls(text))
        text = _INLINE_SPACE.sub(" ", text.replace("\n", " ").replace("\t", " ")).strip()
    if max_length and len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text


def is_simple_url(url: str) -> bool:
    """An absolute http(s) URL that resolving against any base leaves as it is.

    True for :data:`_SIMPLE_URL`: ``urljoin(base, url)`` (the standard library's
    and feedparser's) and :func:`safe_url` return such a URL unchanged.
    """
    return _SIMPLE_URL.fullmatch(url) is not None


def safe_url(url: str | None, base: str | None = None) -> str | None:
    """Return ``url`` if it is a well-formed http(s) URL, else ``None``.

    Relative URLs are resolved against ``base`` first. Whitespace and control
    characters inside the URL make it unsafe rather than being silently fixed.
    """
    if not url:
        return None
    url = url.strip()
    if _SIMPLE_URL.fullmatch(url):
        return url  # the common case, without urljoin's and urlsplit's parsing
    return _resolved_url(url, base)


def _resolved_url(url: str, base: str | None) -> str | None:
    """:func:`safe_url` the long way (for any stripped ``url``): join, check, normalise."""
    if not url or _UNSAFE_IN_URL.search(url):
        return None  # before urljoin: urlsplit would quietly drop a tab or newline
    if base:
        from urllib.parse import urljoin

        try:
            url = urljoin(base, url)
        except ValueError:
            return None
    if _UNSAFE_IN_URL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_URL_SCHEMES or not parts.hostname:
        return None
    return urlunsplit(parts._replace(scheme=parts.scheme.lower()))
