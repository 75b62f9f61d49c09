"""Turn page bytes into text, also for pages that lie about or omit their encoding.

Order of evidence: a byte-order mark, the HTTP ``Content-Type`` charset, the
``<meta charset>`` / ``http-equiv`` declaration, then UTF-8. A declaration is
only believed when the bytes decode cleanly with it; UTF-8 bytes labelled as a
single-byte code page are read as UTF-8. The last resort is windows-1252 with
latin-1 for its five undefined bytes, so decoding never fails.
"""

from __future__ import annotations

import codecs
import re

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
# WHATWG: these labels all mean windows-1252 on the web.
_SINGLE_BYTE = {
    "iso-8859-1",
    "latin-1",
    "latin1",
    "l1",
    "ascii",
    "us-ascii",
    "cp1252",
    "windows-1252",
}
_SNIFF_BYTES = 4096


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, lower-cased."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1).lower() if match else None


def charset_from_meta(data: bytes) -> str | None:
    """The charset declared by a ``<meta>`` tag near the top of the page."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    return match.group(1).decode("ascii", "ignore").lower() if match else None


def _codec(label: str | None) -> str | None:
    """A Python codec name for ``label``, or None when unknown."""
    if not label:
        return None
    if label in _SINGLE_BYTE:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read a byte cp1252 leaves undefined as latin-1."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("beritatui-latin1", _latin1_fallback)


def _decode_cp1252(data: bytes) -> str:
    """windows-1252, with latin-1 for the five bytes cp1252 leaves undefined."""
    return data.decode("cp1252", errors="beritatui-latin1")


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode page bytes to text; never raises."""
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            from_bom = _try(data, bom_codec)
            if from_bom is not None:
                return from_bom
    is_utf8 = _try(data, "utf-8")
    for label in (charset_from_content_type(content_type), charset_from_meta(data)):
        codec = _codec(label)
        if codec is None:
            continue
        if codec == "cp1252":
            if is_utf8 is not None and not data.isascii():
                return is_utf8  # UTF-8 bytes mislabelled as latin-1/cp1252
            return _decode_cp1252(data)
        text = is_utf8 if codec == "utf-8" else _try(data, codec)
        if text is not None:
            return text
    if is_utf8 is not None:
        return is_utf8
    return _decode_cp1252(data)
