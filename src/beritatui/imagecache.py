"""Article pictures on disk: one file per image URL, a size cap, least recently used out first.

The cache lives in ``$XDG_CACHE_HOME/beritatui/images`` (:func:`beritatui.paths.cache_dir`).
Each file holds an image that :mod:`beritatui.imagefetch` already decoded and
scaled down, named by the SHA-256 of its URL. Recency is the file's modification
time, stamped from the store's clock and kept strictly increasing within a
process (so a fixed test clock still orders uses); a hit restamps the file.
When the files add up to more than the cap, the least recently used go first.

Standard library only; every method is blocking (call it from a thread) and
thread-safe.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from beritatui.clock import Clock

SUFFIXES = (".jpg", ".png")
"""What :mod:`beritatui.imagefetch` stores: JPEG for photos, PNG when there is transparency."""


@dataclass(frozen=True, slots=True)
class CacheStats:
    """What the cache holds now."""

    files: int
    bytes: int
    max_bytes: int


class ImageCache:
    """Decoded article images under ``root``, at most ``max_bytes`` in all."""

    def __init__(self, root: Path, max_bytes: int, clock: Clock) -> None:
        self.root = root
        self.max_bytes = max(0, max_bytes)
        self._clock = clock
        self._lock = threading.Lock()
        self._sizes: dict[Path, int] | None = None
        """Every cached file and its size; read from the directory on first use."""
        self._last_stamp = 0

    # -- lookups --------------------------------------------------------------

    @staticmethod
    def key(url: str) -> str:
        """The file name stem for ``url``."""
        return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, url: str) -> Path | None:
        """The cached file for ``url`` (now the most recently used), or ``None``."""
        with self._lock:
            sizes = self._scan()
            stem = self.key(url)
            for suffix in SUFFIXES:
                path = self.root / (stem + suffix)
                if path in sizes:
                    if not self._stamp(path):
                        sizes.pop(path, None)
                        continue
                    return path
            return None

    def stats(self) -> CacheStats:
        """Number of files and bytes held."""
        with self._lock:
            sizes = self._scan()
            return CacheStats(len(sizes), sum(sizes.values()), self.max_bytes)

    # -- writes ---------------------------------------------------------------

    def put(self, url: str, data: bytes, suffix: str) -> Path | None:
        """Store ``data`` for ``url`` (atomically), evict to the cap; the path, or ``None``.

        ``None`` when the image alone is larger than the cap or the disk write
        failed: the caller shows no picture, nothing else changes.
        """
        if suffix not in SUFFIXES:
            raise ValueError(f"unsupported image suffix {suffix!r}")
        if len(data) > self.max_bytes:
            return None
        with self._lock:
            sizes = self._scan()
            path = self.root / (self.key(url) + suffix)
            try:
                self.root.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".part-")
                try:
                    with os.fdopen(fd, "wb") as handle:
                        handle.write(data)
                    os.replace(tmp, path)
                except BaseException:
                    Path(tmp).unlink(missing_ok=True)
                    raise
            except OSError:
                return None
            sizes[path] = len(data)
            self._stamp(path)
            self._evict(sizes, keep=path)
            return path

    def _evict(self, sizes: dict[Path, int], keep: Path) -> None:
        """Delete least recently used files until the total fits the cap."""
        total = sum(sizes.values())
        if total <= self.max_bytes:
            return
        by_age: list[tuple[int, str, Path]] = []
        for path in sizes:
            try:
                by_age.append((path.stat().st_mtime_ns, path.name, path))
            except OSError:
                by_age.append((0, path.name, path))
        for _stamp, _name, path in sorted(by_age):
            if total <= self.max_bytes:
                break
            if path == keep:
                continue
            path.unlink(missing_ok=True)
            total -= sizes.pop(path)

    # -- internals ------------------------------------------------------------

    def _scan(self) -> dict[Path, int]:
        """The directory listing, read once per process (the lock is held)."""
        if self._sizes is not None:
            return self._sizes
        sizes: dict[Path, int] = {}
        try:
            entries = list(os.scandir(self.root))
        except OSError:
            entries = []
        for entry in entries:
            if entry.name.startswith(".part-"):
                Path(entry.path).unlink(missing_ok=True)  # a write that never finished
                continue
            if not entry.name.endswith(SUFFIXES) or not entry.is_file(follow_symlinks=False):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            sizes[Path(entry.path)] = info.st_size
            self._last_stamp = max(self._last_stamp, info.st_mtime_ns)
        self._sizes = sizes
        return sizes

    def _stamp(self, path: Path) -> bool:
        """Mark ``path`` as just used; False when the file has gone."""
        now = int(self._clock().timestamp() * 1_000_000_000)
        self._last_stamp = max(now, self._last_stamp + 1)
        try:
            os.utime(path, ns=(self._last_stamp, self._last_stamp))
        except OSError:
            return False
        return True
