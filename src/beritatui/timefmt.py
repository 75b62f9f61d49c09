"""Human times in the interface language: "12 mnt lalu" / "12 min ago", long and short dates.

Day and month names are catalog messages (``N_`` marks them, :func:`_` translates
them when a date is shown), so a date follows the language chosen at run time.
Times are shown in the local time zone (``TZ``, else the system's), named as the
zone database names it (WIB in Jakarta, CET in Amsterdam).
"""

from __future__ import annotations

from datetime import datetime

from beritatui.i18n import N_, _, ngettext

DAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
SHORT_MONTHS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)


def local_time(when: datetime) -> datetime:
    """``when`` in the local time zone (the zone rules only: no clock is read)."""
    return when.astimezone()


def relative_time(when: datetime, now: datetime) -> str:
    """Age of ``when``: "just now", "5 min ago", "3 hr ago", "2 days ago", or a date."""
    seconds = (now - when).total_seconds()
    if seconds < 60:
        return _("just now")
    if seconds < 3600:
        return _("{count} min ago").format(count=int(seconds // 60))
    if seconds < 86400:
        return _("{count} hr ago").format(count=int(seconds // 3600))
    if seconds < 7 * 86400:
        days = int(seconds // 86400)
        return ngettext("{count} day ago", "{count} days ago", days).format(count=days)
    local = local_time(when)
    return _("{day} {month} {year}").format(
        day=local.day, month=_(SHORT_MONTHS[local.month - 1]), year=local.year
    )


def long_date(when: datetime) -> str:
    """Full local date and time: "Thursday, 3 July 2025 16:13 WIB"."""
    local = local_time(when)
    return _("{weekday}, {day} {month} {year} {time} {zone}").format(
        zone=local.tzname() or "",
        weekday=_(DAYS[local.weekday()]),
        day=local.day,
        month=_(MONTHS[local.month - 1]),
        year=local.year,
        time=f"{local:%H:%M}",
    )


def short_date(when: datetime) -> str:
    """Compact local date and time: "3 Jul 16:13"."""
    local = local_time(when)
    return _("{day} {month} {time}").format(
        day=local.day, month=_(SHORT_MONTHS[local.month - 1]), time=f"{local:%H:%M}"
    )
