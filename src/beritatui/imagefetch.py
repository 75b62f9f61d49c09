"""Article pictures: fetched, decoded with limits, scaled down and cached on disk.

Only for the reader's inline pictures (``images = true`` in ``[settings]``, the
``beritatui[images]`` extra). A picture is fetched with the service's
:class:`~beritatui.feeds.fetch.Fetcher` (http(s) only, a streamed size cap, a
deadline), must say ``Content-Type: image/*``, and is decoded by Pillow in a
thread under limits against decompression bombs (known formats only, a pixel
cap checked from the header before any decoding, the first frame only). What is
stored is a re-encoded copy at most :data:`MAX_SIDE` pixels on a side, so the
widget only ever opens a small, already-checked file. Offline, cached pictures
still show; others do not. Pillow is imported on first use.
"""

from __future__ import annotations

import asyncio
import io
import warnings
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from beritatui.imagecache import ImageCache
from beritatui.sanitize import safe_url
from beritatui.servicecore import ServiceCore

if TYPE_CHECKING:
    from beritatui.feeds.fetch import Fetcher

IMAGE_ACCEPT = "image/avif;q=0.1, image/webp, image/jpeg, image/png, image/gif;q=0.8, */*;q=0.1"
"""What we ask for; AVIF last (Pillow reads it only with an optional plugin)."""
MAX_IMAGE_BYTES = 5 * 1024 * 1024
"""Largest picture download (after decompression); larger ones are not shown."""
MAX_PIXELS = 40_000_000
"""Largest picture (width × height, from the header) Pillow is asked to decode."""
MAX_SIDE = 1280
"""Stored pictures are scaled down to fit this many pixels on each side."""
FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
"""Formats Pillow may try; anything else is refused unread."""
MB = 1024 * 1024


def normalize_image(data: bytes, max_side: int = MAX_SIDE) -> tuple[bytes, str] | None:
    """Decode ``data`` under the limits and re-encode it small: ``(bytes, suffix)`` or ``None``.

    Blocking and CPU-bound: run it in a thread. ``None`` for anything Pillow
    cannot read, a format outside :data:`FORMATS`, or more than
    :data:`MAX_PIXELS` pixels.
    """
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as image:
                width, height = image.size
                if width < 1 or height < 1 or width * height > MAX_PIXELS:
                    return None
                image.draft("RGB", (max_side, max_side))  # JPEG: decode at a smaller scale
                image.load()
                alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
                frame = image.convert("RGBA" if alpha else "RGB")
        frame.thumbnail((max_side, max_side))
        out = io.BytesIO()
        if alpha:
            frame.save(out, format="PNG", optimize=True)
            return out.getvalue(), ".png"
        frame.save(out, format="JPEG", quality=85, optimize=True)
        return out.getvalue(), ".jpg"
    except (
        OSError,
        ValueError,
        SyntaxError,
        EOFError,
        MemoryError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        return None


def is_image_type(content_type: str | None) -> bool:
    """``Content-Type: image/...`` (parameters ignored)."""
    if not content_type:
        return False
    return content_type.split(";", 1)[0].strip().lower().startswith("image/")


class ImagesMixin(ServiceCore):
    """:class:`~beritatui.service.Service`'s pictures: :meth:`images` and the disk cache."""

    @property
    def image_cache(self) -> ImageCache:
        """The disk cache, ``image_cache_mb`` from ``[settings]``; made on first use."""
        if self._image_cache is None:
            from beritatui.paths import cache_dir

            megabytes = self.config.settings.image_cache_mb
            self._image_cache = ImageCache(cache_dir() / "images", megabytes * MB, self.clock)
        return self._image_cache

    async def images(self, urls: Sequence[str]) -> AsyncIterator[tuple[str, Path | None]]:
        """Each of ``urls`` (in order, once) with its cached file, or ``None`` (no picture).

        Cached pictures come first without the network; the rest are fetched one
        at a time over one client (offline: skipped). A picture that failed is
        not tried again in this process.
        """
        wanted = list(dict.fromkeys(u for u in urls if u))
        missing: list[str] = []
        for url in wanted:
            path = await asyncio.to_thread(self.image_cache.get, url) if safe_url(url) else None
            if path is not None:
                yield url, path
            elif not safe_url(url) or self.offline or url in self._image_failures:
                yield url, None
            else:
                missing.append(url)
        if not missing:
            return
        async with self._image_fetcher() as fetcher:
            for url in missing:
                path = await self._download_image(fetcher, url)
                if path is None:
                    self._image_failures.add(url)
                yield url, path

    def _image_fetcher(self) -> Fetcher:
        from beritatui.feeds.fetch import Fetcher  # httpx, lazily

        settings = self.config.settings
        return Fetcher.from_settings(
            settings, max_bytes=min(MAX_IMAGE_BYTES, settings.max_response_bytes)
        )

    async def _download_image(self, fetcher: Fetcher, url: str) -> Path | None:
        result = await fetcher.fetch(url, accept=IMAGE_ACCEPT)
        if not result.ok or not result.content or not is_image_type(result.content_type):
            return None
        decoded = await asyncio.to_thread(normalize_image, result.content)
        if decoded is None:
            return None
        data, suffix = decoded
        return await asyncio.to_thread(self.image_cache.put, url, data, suffix)
