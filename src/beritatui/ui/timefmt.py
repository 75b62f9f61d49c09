"""Human times in Indonesian: "12 mnt", "3 jam", "Kamis, 3 Jul 2025 16:13"."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

WIB = timezone(timedelta(hours=7), "WIB")
_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def relative_time(when: datetime, now: datetime) -> str:
    """Short age of ``when``: "baru", "5 mnt", "3 jam", "2 hari", or a date."""
    seconds = (now - when).total_seconds()
    if seconds < 60:
        return "baru"
    if seconds < 3600:
        return f"{int(seconds // 60)} mnt"
    if seconds < 86400:
        return f"{int(seconds // 3600)} jam"
    if seconds < 7 * 86400:
        return f"{int(seconds // 86400)} hari"
    local = when.astimezone(WIB)
    return f"{local.day} {_MONTHS[local.month - 1]} {local.year}"


def long_date(when: datetime) -> str:
    """Full date in Western Indonesian Time, e.g. "Kamis, 3 Jul 2025 16:13 WIB"."""
    local = when.astimezone(WIB)
    return (
        f"{_DAYS[local.weekday()]}, {local.day} {_MONTHS[local.month - 1]} {local.year}"
        f" {local:%H:%M} WIB"
    )


def short_date(when: datetime) -> str:
    """Compact date and time in WIB, e.g. "3 Jul 16:13"."""
    local = when.astimezone(WIB)
    return f"{local.day} {_MONTHS[local.month - 1]} {local:%H:%M}"
