"""Undo ``Content-Encoding`` (gzip/deflate) with a hard cap on the inflated size.

The fetcher reads a response body raw and passes each chunk through a
:class:`BoundedInflater`, so a gzip bomb never expands in memory past the cap.
"""

from __future__ import annotations

import zlib

from beritatui.feeds.outcomes import Code, Note, note

ACCEPTED = "gzip, deflate"
"""What :class:`BoundedInflater` can undo (the fetcher's ``Accept-Encoding``)."""


class TooLarge(Exception):
    """The body grew past the cap."""


class BadEncoding(Exception):
    """The body used a content coding we do not accept, or was corrupt (``note`` says which)."""

    def __init__(self, said: Note) -> None:
        super().__init__(said)
        self.note = said


class BoundedInflater:
    """Undo ``Content-Encoding`` (gzip/deflate, possibly chained) with a hard output cap.

    ``zlib``'s ``max_length`` keeps each step's output at most ``limit + 1``
    bytes, so a tiny compressed body cannot balloon in memory.
    """

    def __init__(self, content_encoding: str | None, limit: int) -> None:
        self._limit = limit
        self._total = 0
        codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
        codings = [c for c in codings if c and c != "identity"]
        for coding in codings:
            if coding not in ("gzip", "x-gzip", "deflate"):
                raise BadEncoding(note(Code.UNSUPPORTED_COMPRESSION, coding=coding[:20]))
        # Decoding happens in the reverse order of the codings' application.
        self._stages: list[_Stage] = [_Stage(c) for c in reversed(codings)]

    def feed(self, data: bytes) -> bytes:
        """Decode one raw chunk; raise :class:`TooLarge` past the cap."""
        for stage in self._stages:
            data = stage.inflate(data, self._limit)
        return self._count(data)

    def flush(self) -> bytes:
        """Decode whatever the decompressors still hold."""
        data = b""
        for stage in self._stages:
            data = stage.inflate(data, self._limit) + stage.flush()
        return self._count(data)

    def _count(self, data: bytes) -> bytes:
        self._total += len(data)
        if self._total > self._limit:
            raise TooLarge
        return data


class _Stage:
    """One zlib decompressor; deflate falls back to raw deflate like browsers do."""

    def __init__(self, coding: str) -> None:
        self._raw_fallback = coding == "deflate"
        self._started = False
        wbits = zlib.MAX_WBITS | 16 if coding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._decompressor = zlib.decompressobj(wbits)
        self._produced = 0

    def inflate(self, data: bytes, limit: int) -> bytes:
        if not data or self._decompressor.eof:
            return b""
        try:
            return self._inflate(data, limit)
        except zlib.error:
            if self._raw_fallback and not self._started:
                self._raw_fallback = False
                self._decompressor = zlib.decompressobj(-zlib.MAX_WBITS)
                try:
                    return self._inflate(data, limit)
                except zlib.error as exc:
                    raise BadEncoding(note(Code.CORRUPT_COMPRESSION)) from exc
            raise BadEncoding(note(Code.CORRUPT_COMPRESSION)) from None

    def _inflate(self, data: bytes, limit: int) -> bytes:
        parts: list[bytes] = []
        while data:
            # max_length is at least 1 here: 0 would mean "unlimited" to zlib.
            part = self._decompressor.decompress(data, limit - self._produced + 1)
            self._started = True
            self._produced += len(part)
            if self._produced > limit:
                raise TooLarge
            parts.append(part)
            data = self._decompressor.unconsumed_tail
        return b"".join(parts)

    def flush(self) -> bytes:
        try:
            return self._decompressor.flush()
        except zlib.error as exc:
            raise BadEncoding(note(Code.CORRUPT_COMPRESSION)) from exc
