"""Pictures made at test time with Pillow: photos for the local site, hostile files."""

from __future__ import annotations

import io
import struct
import zlib


def jpeg(width: int = 320, height: int = 200, color: tuple[int, int, int] = (200, 60, 40)) -> bytes:
    """A JPEG photo: a coloured field with a lighter band, so halves differ."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), color)
    ImageDraw.Draw(image).rectangle((0, height // 2, width, height), fill=(240, 220, 120))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


def png_rgba(width: int = 64, height: int = 64) -> bytes:
    """A PNG with transparency."""
    from PIL import Image

    image = Image.new("RGBA", (width, height), (10, 120, 200, 128))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def bmp(width: int = 32, height: int = 32) -> bytes:
    """A BMP: a format Pillow reads but the reader refuses."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (1, 2, 3)).save(out, format="BMP")
    return out.getvalue()


def huge_png_header(width: int = 30_000, height: int = 30_000) -> bytes:
    """A small PNG whose header claims ``width`` × ``height`` (a decompression bomb's shape)."""
    data = bytearray(png_rgba(8, 8))
    # IHDR: 8-byte signature, 4-byte length, b"IHDR", then width and height.
    struct.pack_into(">II", data, 16, width, height)
    crc = zlib.crc32(bytes(data[12:29])) & 0xFFFFFFFF
    struct.pack_into(">I", data, 29, crc)
    return bytes(data)
