"""Article pictures, domain side: the disk cache (cap, LRU), decoding limits, fetching."""

from __future__ import annotations

import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image

from beritatui.clock import Clock, fixed_clock
from beritatui.config import Config, Settings
from beritatui.imagecache import ImageCache
from beritatui.imagefetch import MAX_IMAGE_BYTES, MAX_SIDE, is_image_type, normalize_image
from beritatui.paths import cache_dir, database_file
from beritatui.service import Service
from beritatui.store import Store
from tests.pictures import bmp, huge_png_header, jpeg, png_rgba
from tests.server import LocalServer
from tests.site import NOW

KB = 1024


def _stepping_clock() -> Clock:
    """A clock one second later on every call (real use: the system clock)."""
    moments = iter(NOW + timedelta(seconds=i) for i in range(1_000_000))
    return lambda: next(moments)


# -- the cache ------------------------------------------------------------------


def test_cache_round_trip_and_persistence(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path / "images", 100 * KB, fixed_clock(NOW))
    assert cache.get("https://img.example.id/a.jpg") is None
    path = cache.put("https://img.example.id/a.jpg", b"x" * 10, ".jpg")
    assert path is not None
    assert path.read_bytes() == b"x" * 10
    assert cache.get("https://img.example.id/a.jpg") == path
    again = ImageCache(tmp_path / "images", 100 * KB, fixed_clock(NOW))
    assert again.get("https://img.example.id/a.jpg") == path
    assert again.stats().files == 1
    assert again.stats().bytes == 10


def test_cache_evicts_least_recently_used_to_the_cap(tmp_path: Path) -> None:
    # A fixed clock still orders uses.
    cache = ImageCache(tmp_path / "pics", 100 * KB, fixed_clock(NOW))
    for name in "abc":
        assert cache.put(f"https://x.id/{name}", b"0" * (30 * KB), ".jpg") is not None
    assert cache.get("https://x.id/a") is not None  # a is now the most recent; b the oldest
    assert cache.put("https://x.id/d", b"0" * (30 * KB), ".png") is not None
    assert cache.get("https://x.id/b") is None
    for name in "acd":
        assert cache.get(f"https://x.id/{name}") is not None
    assert cache.stats().bytes == 90 * KB
    # A later process reads recency from the files and goes on from there.
    # Used in the order a, c, d: a smaller cap keeps d and the new e.
    later = ImageCache(tmp_path / "pics", 50 * KB, _stepping_clock())
    assert later.put("https://x.id/e", b"0" * (10 * KB), ".jpg") is not None
    assert later.get("https://x.id/a") is None
    assert later.get("https://x.id/c") is None
    assert later.get("https://x.id/d") is not None
    assert later.stats().bytes == 40 * KB
    assert sorted(p.name for p in (tmp_path / "pics").iterdir()) == sorted(
        ImageCache.key(f"https://x.id/{n}") + s for n, s in (("d", ".png"), ("e", ".jpg"))
    )


def test_cache_refuses_a_picture_larger_than_the_cap(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path / "pics", 10 * KB, fixed_clock(NOW))
    kept = cache.put("https://x.id/small", b"0" * KB, ".jpg")
    assert cache.put("https://x.id/big", b"0" * (11 * KB), ".jpg") is None
    assert kept is not None
    assert kept.exists()
    assert cache.get("https://x.id/big") is None


def test_cache_cleans_unfinished_writes_and_ignores_strangers(tmp_path: Path) -> None:
    root = tmp_path / "pics"
    root.mkdir()
    (root / ".part-123").write_bytes(b"half")
    (root / "notes.txt").write_text("not ours")
    cache = ImageCache(root, 10 * KB, fixed_clock(NOW))
    assert cache.stats().files == 0
    assert not (root / ".part-123").exists()
    assert (root / "notes.txt").exists()


def test_cache_copes_with_a_file_deleted_behind_its_back(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path / "pics", 10 * KB, fixed_clock(NOW))
    path = cache.put("https://x.id/a", b"0", ".jpg")
    assert path is not None
    os.unlink(path)
    assert cache.get("https://x.id/a") is None


# -- decoding -------------------------------------------------------------------


def test_normalize_scales_photos_down_and_keeps_transparency() -> None:
    photo = normalize_image(jpeg(3000, 2000))
    assert photo is not None
    data, suffix = photo
    assert suffix == ".jpg"
    assert Image.open(io.BytesIO(data)).size == (MAX_SIDE, MAX_SIDE * 2 // 3)
    small = normalize_image(jpeg(320, 200))
    assert small is not None
    assert Image.open(io.BytesIO(small[0])).size == (320, 200)
    logo = normalize_image(png_rgba())
    assert logo is not None
    assert logo[1] == ".png"
    assert Image.open(io.BytesIO(logo[0])).mode == "RGBA"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(huge_png_header(7000, 7000), id="over-our-pixel-cap"),
        pytest.param(huge_png_header(30_000, 30_000), id="over-pillows-bomb-limit"),
        pytest.param(bmp(), id="format-not-allowed"),
        pytest.param(jpeg()[:300], id="truncated"),
        pytest.param(b"<html>not a picture</html>", id="html"),
        pytest.param(b"", id="empty"),
    ],
)
def test_normalize_refuses_hostile_and_broken_files(data: bytes) -> None:
    assert normalize_image(data) is None


def test_image_content_types() -> None:
    assert is_image_type("image/jpeg")
    assert is_image_type("IMAGE/PNG; charset=binary")
    assert not is_image_type("text/html; charset=utf-8")
    assert not is_image_type(None)


# -- fetching through the service -----------------------------------------------


def _service(*, offline: bool = False, **settings: object) -> Service:
    store = Store.open(database_file())
    return Service(Config(settings=Settings(**settings)), store, offline=offline)  # type: ignore[arg-type]


async def _collect(service: Service, urls: list[str]) -> dict[str, Path | None]:
    return {url: path async for url, path in service.images(urls)}


async def test_images_are_fetched_decoded_and_cached(server: LocalServer) -> None:
    photo = server.route("/img/a.jpg", jpeg(2000, 1000), content_type="image/jpeg")
    logo = server.route("/img/b.png", png_rgba(), content_type="image/png")
    service = _service()
    got = await _collect(service, [photo, logo, photo])
    assert list(got) == [photo, logo]
    photo_path, logo_path = got[photo], got[logo]
    assert photo_path is not None
    assert logo_path is not None
    assert photo_path.parent == cache_dir() / "images"
    assert Image.open(photo_path).size == (MAX_SIDE, MAX_SIDE // 2)
    assert Image.open(logo_path).mode == "RGBA"
    accept = [r.headers.get("Accept", "") for r in server.requests]
    assert all(a.startswith("image/") for a in accept)
    # A second look is served from the disk, even by a new, offline process.
    server.requests.clear()
    offline = _service(offline=True)
    assert await _collect(offline, [photo, logo]) == {photo: photo_path, logo: logo_path}
    assert server.requests == []


async def test_what_is_not_a_picture_shows_nothing_and_is_not_retried(
    server: LocalServer,
) -> None:
    page = server.route("/img/page.jpg", "<html><body>login</body></html>")
    lying = server.route("/img/lying.jpg", b"GIF89a-not-really", content_type="image/gif")
    missing = server.url("/img/missing.jpg")
    too_big = server.route(
        "/img/big.jpg", b"\xff\xd8" + b"0" * MAX_IMAGE_BYTES, content_type="image/jpeg"
    )
    bomb = server.route("/img/bomb.png", huge_png_header(), content_type="image/png")
    urls = [page, lying, missing, too_big, bomb, "file:///etc/passwd", "javascript:alert(1)"]
    service = _service()
    assert await _collect(service, urls) == dict.fromkeys(urls)
    assert len(server.requests) == 5
    server.requests.clear()
    assert await _collect(service, urls) == dict.fromkeys(urls)
    assert server.requests == []
    assert service.image_cache.stats().files == 0


async def test_offline_shows_cached_pictures_only(server: LocalServer) -> None:
    cached = server.route("/img/cached.jpg", jpeg(), content_type="image/jpeg")
    other = server.route("/img/other.jpg", jpeg(), content_type="image/jpeg")
    online = _service()
    assert (await _collect(online, [cached]))[cached] is not None
    server.requests.clear()
    offline = _service(offline=True)
    got = await _collect(offline, [cached, other])
    assert got[cached] is not None
    assert got[other] is None
    assert server.requests == []


async def test_cache_size_setting_caps_the_disk(server: LocalServer) -> None:
    urls = [
        server.route(f"/img/{i}.png", png_rgba(300, 300), content_type="image/png")
        for i in range(4)
    ]
    service = _service(image_cache_mb=1)
    size = len(normalize_image(png_rgba(300, 300))[0])  # type: ignore[index]
    assert service.image_cache.max_bytes == 1024 * 1024
    got = await _collect(service, urls)
    assert all(got.values())
    assert service.image_cache.stats().bytes == 4 * size <= 1024 * 1024
