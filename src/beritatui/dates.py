"""Indonesian date words shared by the feed parser and the page metadata reader."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "jan": 1, "januari": 1, "january": 1,
    "feb": 2, "peb": 2, "februari": 2, "pebruari": 2, "february": 2,
    "mar": 3, "maret": 3, "march": 3,
    "apr": 4, "april": 4,
    "mei": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6,
    "jul": 7, "juli": 7, "july": 7,
    "agu": 8, "agt": 8, "ags": 8, "agustus": 8, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "oct": 10, "october": 10,
    "nov": 11, "nopember": 11, "november": 11,
    "des": 12, "desember": 12, "dec": 12, "december": 12,
}  # fmt: skip
"""Month names and abbreviations, Indonesian (old and new spellings) and English."""

ZONES: dict[str, int] = {"wib": 7, "wita": 8, "wit": 9}
"""Indonesian time zones: hours ahead of UTC."""
