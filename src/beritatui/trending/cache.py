"""A thread-safe cache of the last trending result."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from .types import Cluster


class TrendingCache:
    """Keeps the last result until the article set changes.

    ``items_version`` is anything comparable that changes when new articles
    arrive (e.g. ``(max_article_id, category, hours)``). ``max_age`` (seconds)
    optionally recomputes anyway so scores follow the clock. Thread-safe.
    """

    def __init__(
        self, max_age: float | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._max_age = max_age
        self._clock = clock
        self._lock = threading.Lock()
        self._version: object = _UNSET
        self._value: list[Cluster] = []
        self._stamp = 0.0

    def get(self, items_version: object, compute: Callable[[], list[Cluster]]) -> list[Cluster]:
        """The cached clusters for ``items_version``, computing them when stale."""
        with self._lock:
            if self._version is not _UNSET and self._version == items_version:
                expired = self._max_age is not None and (
                    self._clock() - self._stamp >= self._max_age
                )
                if not expired:
                    return list(self._value)
            value = list(compute())
            self._version, self._value, self._stamp = items_version, value, self._clock()
            return list(value)

    def clear(self) -> None:
        """Forget the cached result."""
        with self._lock:
            self._version, self._value = _UNSET, []


_UNSET = object()
