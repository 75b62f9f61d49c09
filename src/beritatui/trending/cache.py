"""A thread-safe cache of the last trending result, keyed by a version."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

from .types import Cluster

RESCORE_MINUTES = 10
"""How long a trending result may stand while no article changes (recency decays)."""


def rescore_bucket(now: datetime, minutes: int = RESCORE_MINUTES) -> int:
    """The number of the ``minutes``-long slot ``now`` falls in (read from the app's clock).

    Put it in the cache version so scores follow the clock: the version changes,
    and the clusters are recomputed, once per slot even when no article arrives.
    """
    return int(now.timestamp() // (minutes * 60))


class TrendingCache:
    """Keeps the last result until ``items_version`` changes; the one staleness rule.

    ``items_version`` is anything comparable that changes when the result should:
    the store's data version, the window, and :func:`rescore_bucket` of the app's
    clock (the service builds it). Thread-safe: concurrent callers compute once.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: object = _UNSET
        self._value: list[Cluster] = []

    def get(self, items_version: object, compute: Callable[[], list[Cluster]]) -> list[Cluster]:
        """The cached clusters for ``items_version``, computing them when stale."""
        with self._lock:
            if self._version is not _UNSET and self._version == items_version:
                return list(self._value)
            value = list(compute())
            self._version, self._value = items_version, value
            return list(value)

    def clear(self) -> None:
        """Forget the cached result."""
        with self._lock:
            self._version, self._value = _UNSET, []


_UNSET = object()
