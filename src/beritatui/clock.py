"""The one clock of a process: every "now" in beritatui comes from here.

The :class:`~beritatui.store.Store` owns the clock (``Store.open(path,
clock=...)``); the service, the app, its widgets, feed parsing and backups all
ask the store's clock instead of reading the wall clock themselves. Tests give
the store a fixed clock; subprocess tests (the CLI) set ``BERITATUI_NOW`` to an
ISO 8601 time, which :func:`default_clock` turns into a fixed clock, so a
fixture and the program it drives agree on the date whatever the real day is.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
"""Returns the current time as an aware UTC datetime."""

ENV_NOW = "BERITATUI_NOW"
"""Environment variable: a fixed ISO 8601 time for the whole process (for tests)."""


def system_clock() -> datetime:
    """The real time, in UTC."""
    return datetime.now(UTC)


def fixed_clock(moment: datetime) -> Clock:
    """A clock that always says ``moment`` (naive times are taken as UTC)."""
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return lambda: aware


def default_clock() -> Clock:
    """The process clock: fixed at ``$BERITATUI_NOW`` when set, else the system clock.

    Raises :class:`ValueError` in plain words when the variable is not a date.
    """
    value = os.environ.get(ENV_NOW, "").strip()
    if not value:
        return system_clock
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{ENV_NOW}={value[:40]!r} is not an ISO 8601 time (e.g. 2026-11-27T09:00:00+00:00)"
        ) from None
    return fixed_clock(moment)
